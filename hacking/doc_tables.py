"""Write the guides' generated tables from their one source.

    python3 hacking/doc_tables.py          # rewrite the tables in docs/docsite/rst/
    python3 hacking/doc_tables.py --check  # exit 1 when a table is stale

- "When a run stops" (docs/docsite/rst/guide_troubleshooting.rst): every refusal and failure of
  plugins/module_utils/pair.py (REFUSALS, FAILURES) and the refusal of plugins/module_utils/ssh_client.py;
- "Playbook variables" (docs/docsite/rst/guide_inventory.rst): playbooks/vars/spec.yml, the spec the playbooks
  validate their variables with;
- "The steps of a move" (docs/docsite/rst/guide_playbooks.rst): plugins/module_utils/steps.py, the table the plays
  are checked against task by task.

Each table is an RST list-table between the comments ``.. BEGIN NAME: made by hacking/doc_tables.py`` and
``.. END NAME``. tests/unit/test_doc_tables.py fails when a table does not match.
"""

import argparse
import importlib.util
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
RST = os.path.join(ROOT, 'docs', 'docsite', 'rst')
TROUBLESHOOTING = os.path.join(RST, 'guide_troubleshooting.rst')
INVENTORY = os.path.join(RST, 'guide_inventory.rst')
PLAYBOOKS = os.path.join(RST, 'guide_playbooks.rst')


def pair_module(name='pair'):
    # pair.py imports its sibling ps.py: outside Ansible's collection loader, from its own folder
    utils = os.path.join(ROOT, 'plugins', 'module_utils')
    if utils not in sys.path:
        sys.path.insert(0, utils)
    spec = importlib.util.spec_from_file_location(name, os.path.join(utils, name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ssh_client_module():
    return pair_module('ssh_client')


def text(value):
    """Plain text in a cell: one line, RST's inline markup characters escaped."""
    value = ' '.join(str(value).split())
    value = re.sub(r'([\\*`|])', r'\\\1', value)
    return re.sub(r'(\w)_(?=\W|$)', r'\1\\_', value)  # a trailing underscore would make a reference


def literal(value):
    return '``%s``' % ' '.join(str(value).split())


def list_table(header, rows):
    lines = ['.. list-table::', '   :header-rows: 1', '']
    for row in [header] + rows:
        lines += ['   * - %s' % row[0]] + ['     - %s' % c if c else '     -' for c in row[1:]]
    return lines


def refusals():
    pair = pair_module()
    rows = []
    for table in (pair.REFUSALS, pair.FAILURES, ssh_client_module().REFUSALS):
        for code, (says, means, todo) in table.items():
            rows.append([literal(code), literal(says), text(means), text(todo)])
    return list_table(['code', 'the run says', 'it means', 'what to do'], rows)


def variables():
    with open(os.path.join(ROOT, 'playbooks', 'vars', 'spec.yml')) as handle:
        spec = yaml.safe_load(handle)['__remedy_failover_spec']
    rows = []
    for name, option in spec.items():
        kind = option.get('type', 'str') + ('/' + option['elements'] if option.get('elements') else '')
        default = literal(json.dumps(option['default'])) if 'default' in option else ''
        choices = ' Choices: %s.' % ', '.join(literal(c) for c in option['choices']) if option.get('choices') else ''
        secret = ' Never logged.' if option.get('no_log') else ''
        rows.append([literal(name), kind, default, text(option['description']) + choices + secret])
    return list_table(['variable', 'type', 'default', 'description'], rows)


BOXES = {'controller': 'the controller', 'pair': 'each name of the pair', 'leaving': 'the leaving box',
         'taking': 'the box taking over', 'prod': 'the box at the production name', 'boxes': 'each box that answers'}


def steps():
    rows = []
    module = pair_module('steps')
    for step in module.STEPS:
        does = step.does.replace('remedy.failover.', '').replace('ansible.builtin.', '')
        state = ' ' + step.state if step.state and step.state != '*' else ''
        when = ' (when: %s)' % text(step.when) if step.when else ''
        rows.append([str(step.play), text(BOXES[step.box]), literal(does + state) + when, text(step.proves),
                     text(step.cut)])
    return list_table(['play', 'on', 'step', 'does or proves', 'a cut right after it'], rows)


TABLES = {'refusals': (TROUBLESHOOTING, refusals), 'variables': (INVENTORY, variables), 'steps': (PLAYBOOKS, steps)}


def render(name, content):
    """The file's text with table NAME made afresh between its markers."""
    make = TABLES[name][1]
    begin, end = '.. BEGIN %s: made by hacking/doc_tables.py' % name, '.. END %s' % name
    pattern = re.compile(re.escape(begin) + r'\n.*?^' + re.escape(end) + '$', re.S | re.M)
    if not pattern.search(content):
        raise SystemExit('%s has no %s ... %s' % (os.path.relpath(TABLES[name][0], ROOT), begin, end))
    return pattern.sub(lambda m: '\n'.join([begin, ''] + make() + ['', end]), content)


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('--check', action='store_true')
    args = parser.parse_args(argv)
    stale = []
    for name, (path, _make) in TABLES.items():
        with open(path) as handle:
            content = handle.read()
        new = render(name, content)
        if new == content:
            continue
        if args.check:
            stale.append('%s (%s)' % (os.path.relpath(path, ROOT), name))
        else:
            with open(path, 'w') as handle:
                handle.write(new)
    if stale:
        print('a table is stale: run python3 hacking/doc_tables.py: %s' % ', '.join(stale))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
