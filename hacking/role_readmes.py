"""Write each role's README.md from its meta/argument_specs.yml (the one source of its variables).

    python3 hacking/role_readmes.py          # write roles/*/README.md
    python3 hacking/role_readmes.py --check  # exit 1 naming the READMEs that are stale

tests/unit/test_role_readmes.py fails when a README does not match its specs.
"""

import argparse
import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
MARKUP = re.compile(r'\b([CIVO]|RV|M)\(([^)]*)\)')


def text(value):
    """ansible-doc markup (C(), V(), O(), RV(), M(), I()) as Markdown."""
    if isinstance(value, list):
        value = ' '.join(value)
    return MARKUP.sub(lambda m: ('*%s*' if m.group(1) == 'I' else '`%s`') % m.group(2), str(value or '')).strip()


def cell(value):
    return text(value).replace('|', '\\|').replace('\n', ' ')


def default_of(spec):
    if 'default' not in spec:
        return 'required' if spec.get('required') else ''
    return '`%s`' % json.dumps(spec['default']).replace('|', '\\|')


def render(role):
    with open(os.path.join(ROOT, 'roles', role, 'meta', 'argument_specs.yml')) as handle:
        spec = yaml.safe_load(handle)['argument_specs']['main']
    lines = ['# remedy.failover.%s' % role, '',
             '<!-- Generated from meta/argument_specs.yml by hacking/role_readmes.py: do not edit by hand. -->', '',
             text(spec['short_description']) + '.', '']
    for para in spec.get('description', []):
        lines += [text(para), '']
    lines += ['## Variables', '', '| variable | type | default | description |', '|---|---|---|---|']
    for name, option in spec.get('options', {}).items():
        kind = option.get('type', 'str') + ('/' + option['elements'] if option.get('elements') else '')
        choices = ' Choices: %s.' % ', '.join('`%s`' % c for c in option['choices']) if option.get('choices') else ''
        lines.append('| `%s` | %s | %s | %s%s |' % (name, kind, default_of(option), cell(option.get('description')), choices))
        for sub, suboption in option.get('options', {}).items():
            lines.append('| `%s[].%s` | %s | %s | %s |' % (
                name, sub, suboption.get('type', 'str'), default_of(suboption), cell(suboption.get('description'))))
    required = {n: o for n, o in spec.get('options', {}).items() if o.get('required')}
    example = {n: (o['choices'][0] if o.get('choices') else 'sunar01') for n, o in required.items()}
    lines += ['', '## Example', '', '```yaml', '- hosts: sunar01', '  gather_facts: false', '  roles:',
              '    - role: remedy.failover.%s' % role, '      vars:']
    lines += ['        %s: %s' % item for item in example.items()]
    lines += ['```', '', 'No Python is needed on the box: see the collection README.', '']
    return '\n'.join(lines)


def roles():
    return sorted(os.path.basename(os.path.dirname(os.path.dirname(p)))
                  for p in glob.glob(os.path.join(ROOT, 'roles', '*', 'meta', 'argument_specs.yml')))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--check', action='store_true')
    args = parser.parse_args()
    stale = []
    for role in roles():
        path = os.path.join(ROOT, 'roles', role, 'README.md')
        wanted = render(role)
        current = open(path).read() if os.path.exists(path) else None
        if current != wanted:
            stale.append(path)
            if not args.check:
                with open(path, 'w') as handle:
                    handle.write(wanted)
    if args.check and stale:
        sys.exit('stale role READMEs (run python3 hacking/role_readmes.py): %s' % ', '.join(stale))
    return 0


if __name__ == '__main__':
    main()
