"""Write the README's tables from their one source.

    python3 hacking/readme_tables.py          # rewrite the tables in README.md
    python3 hacking/readme_tables.py --check  # exit 1 when a table is stale

- "When a run stops": every refusal and failure of plugins/module_utils/pair.py (REFUSALS, FAILURES);
- "Playbook variables": playbooks/vars/spec.yml, the spec the playbooks validate their variables with.

tests/unit/test_readme_tables.py fails when a table does not match.
"""

import argparse
import importlib.util
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
README = os.path.join(ROOT, 'README.md')


def pair_module():
    spec = importlib.util.spec_from_file_location('pair', os.path.join(ROOT, 'plugins', 'module_utils', 'pair.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cell(value):
    return ' '.join(str(value).split()).replace('|', '\\|')


def refusals():
    pair = pair_module()
    lines = ['| code | the run says | it means | what to do |', '|---|---|---|---|']
    for table in (pair.REFUSALS, pair.FAILURES):
        for code, (says, means, todo) in table.items():
            lines.append('| `%s` | `%s` | %s | %s |' % (code, cell(says), cell(means), cell(todo)))
    return lines


def variables():
    with open(os.path.join(ROOT, 'playbooks', 'vars', 'spec.yml')) as handle:
        spec = yaml.safe_load(handle)['__remedy_failover_spec']
    lines = ['| variable | type | default | description |', '|---|---|---|---|']
    for name, option in spec.items():
        kind = option.get('type', 'str') + ('/' + option['elements'] if option.get('elements') else '')
        default = '`%s`' % json.dumps(option['default']) if 'default' in option else ''
        choices = ' Choices: %s.' % ', '.join('`%s`' % c for c in option['choices']) if option.get('choices') else ''
        secret = ' Never logged.' if option.get('no_log') else ''
        lines.append('| `%s` | %s | %s | %s%s%s |' % (name, kind, cell(default), cell(option['description']), choices,
                                                    secret))
    return lines


TABLES = {'refusals': refusals, 'variables': variables}


def render(text):
    for name, make in TABLES.items():
        begin, end = '<!-- BEGIN %s: made by hacking/readme_tables.py -->' % name, '<!-- END %s -->' % name
        pattern = re.compile(re.escape(begin) + r'.*?' + re.escape(end), re.S)
        if not pattern.search(text):
            raise SystemExit('README.md has no %s ... %s' % (begin, end))
        text = pattern.sub(lambda m: '\n'.join([begin] + make() + [end]), text)
    return text


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('--check', action='store_true')
    args = parser.parse_args(argv)
    with open(README) as handle:
        text = handle.read()
    new = render(text)
    if args.check:
        if new != text:
            print('README.md: a table is stale: run python3 hacking/readme_tables.py')
            return 1
        return 0
    with open(README, 'w') as handle:
        handle.write(new)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
