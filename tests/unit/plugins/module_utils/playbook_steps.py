"""Read the steps of a move out of playbooks/switch.yml, task by task, and compare them with the table of
plugins/module_utils/steps.py.

``load()`` reads every YAML file under playbooks/ into ``{path: data}``; ``found(files)`` walks switch.yml's plays,
their blocks and the task files they include (in the order Ansible runs them), and keeps every task that is a step:
a role included (with its state), ``ansible.builtin.raw``, or any module not in ``FREE`` (a task that only reads,
tells, sets a fact or stops the run); ``compare(table, steps)`` says which step is missing, extra, duplicated or out
of order, or runs under a condition the table does not give.
"""

import copy
import difflib
import os
import re
from collections import namedtuple

import yaml

from ansible_collections.remedy.failover.plugins.module_utils.steps import WHEN

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
PLAYBOOK = 'playbooks/switch.yml'

# modules that only read, tell, set a fact, group hosts or stop the run: adding or moving them is free
FREE = frozenset((
    'ansible.builtin.assert', 'ansible.builtin.debug', 'ansible.builtin.fail', 'ansible.builtin.group_by',
    'ansible.builtin.meta', 'ansible.builtin.set_fact', 'ansible.builtin.set_stats',
    'ansible.builtin.validate_argument_spec', 'ansible.builtin.include_vars', 'ansible.builtin.pause',
    'remedy.failover.pair', 'remedy.failover.probe', 'remedy.failover.ps',
    'remedy.failover.psrinfo', 'remedy.failover.ssh_client',
))
# read-only in these states (``port`` without a state only looks; ``decide`` decides or judges; ``pair_lock``
# looked reads the lock and the journal): the port's waits
# and ``decide``'s arrival check are steps the move's safety rests on
FREE_STATES = frozenset((('remedy.failover.port', ''), ('remedy.failover.decide', ''),
                         ('remedy.failover.decide', 'move'), ('remedy.failover.decide', 'outcome'),
                         ('remedy.failover.decide', 'status'), ('remedy.failover.pair_lock', 'looked')))
INCLUDES = ('ansible.builtin.include_tasks', 'ansible.builtin.import_tasks')
ROLES = ('ansible.builtin.include_role', 'ansible.builtin.import_role')
KEYWORDS = frozenset((
    'name', 'when', 'vars', 'register', 'loop', 'loop_control', 'with_items', 'changed_when', 'failed_when',
    'ignore_errors', 'ignore_unreachable', 'delegate_to', 'delegate_facts', 'become', 'become_user',
    'become_method', 'no_log', 'tags', 'block', 'rescue', 'always', 'args', 'notify', 'environment', 'check_mode',
    'diff', 'any_errors_fatal', 'run_once', 'until', 'retries', 'delay', 'throttle', 'timeout', 'collections',
    'module_defaults', 'connection', 'debugger', 'listen', 'apply',
))
# the run level ansible.builtin.raw asks shutdown for
RAW = {'0': 'halt', '5': 'power off', '6': 'reboot'}

Found = namedtuple('Found', 'play box does state when where path via')


def load(root=ROOT):
    """Every YAML file under playbooks/, parsed: ``{'playbooks/...yml': data}``."""
    files = {}
    for folder, dummy, names in os.walk(os.path.join(root, 'playbooks')):
        for name in names:
            if name.endswith('.yml'):
                path = os.path.join(folder, name)
                with open(path) as handle:
                    files[os.path.relpath(path, root)] = yaml.safe_load(handle)
    return files


def _box(hosts):
    hosts = str(hosts)
    if hosts == 'localhost':
        return 'controller'
    for suffix, box in (('_leaving', 'leaving'), ('_taking', 'taking'), ('_production', 'prod')):
        if suffix + ':' in hosts or hosts.endswith(suffix):
            return box
    return 'pair'


def _value(value):
    """A state as the table writes it: ``{{ __remedy_failover_spare }}`` is ``spare``, other Jinja ``*``."""
    if value is None:
        return ''
    value = str(value).strip()
    simple = re.match(r'^\{\{\s*__remedy_failover_(\w+)\s*\}\}$', value)
    if simple:
        return simple.group(1)
    return '*' if '{{' in value or '{%' in value else value


def _module(task):
    keys = [k for k in task if k not in KEYWORDS]
    if len(keys) != 1:
        raise ValueError('a task with no module, or with several: %r' % (sorted(task),))
    return keys[0]


def _state(module, args, task):
    if module in ROLES:
        role = args['name'].split('.')[-1]
        given = task.get('vars') or {}
        return _value(given.get(role + '_state', given.get(role + '_name')))
    if module == 'ansible.builtin.raw':
        # the command, or the task's vars it is made from (the detached shutdown of playbooks/vars/pair.yml)
        level = re.search(r'shutdown\b.*-i\s*(\d)', '%s %s' % (args, task.get('vars') or ''))
        return RAW.get(level.group(1), '*') if level else '*'
    if isinstance(args, dict):
        for key in ('state', 'event', 'check'):
            if key in args:
                return _value(args[key])
    return ''


def _whens(task):
    when = task.get('when')
    if when is None:
        return ()
    return tuple(' '.join(str(w).split()) for w in (when if isinstance(when, list) else [when]))


def _walk(files, path, keys, tasks, play, box, when, where, out, via=()):
    for index, task in enumerate(tasks or ()):
        here = keys + (index,)
        label = '%s "%s"' % (where, task.get('name', '?'))
        conditions = when + _whens(task)
        delegate = task.get('delegate_to')
        on = box if delegate is None else ('controller' if delegate == 'localhost' else 'boxes')
        if 'block' in task:
            for section in ('block', 'rescue', 'always'):
                _walk(files, path, here + (section,), task.get(section), play, on, conditions, label, out, via)
            continue
        module = _module(task)
        args = task[module]
        if module in INCLUDES:
            name = args if isinstance(args, str) else args['file']
            included = os.path.normpath(os.path.join(os.path.dirname(path), name))
            _walk(files, included, (), files[included], play, on, conditions, '%s > %s' % (label, included), out,
                  via + ((path, here),))
            continue
        state = _state(module, args, task)
        does = args['name'] if module in ROLES else module
        if module not in ROLES and (module in FREE or (module, state) in FREE_STATES):
            continue
        out.append(Found(play, on, does, state, conditions, label, (path, here), via))


def found(files, playbook=PLAYBOOK):
    """The steps of a playbook (switch.yml by default), in the order Ansible runs them; a play that imports another
    playbook is that playbook's business."""
    out = []
    for index, play in enumerate(files[playbook]):
        number = re.match(r'^(\d+)\.', play.get('name', ''))
        number = int(number.group(1)) if number else index
        where = '%s play %d' % (playbook, number)
        for section in ('pre_tasks', 'tasks', 'post_tasks'):
            _walk(files, playbook, (index, section), play.get(section), number, _box(play.get('hosts')), (),
                  where, out)
    return out


def _sig(item):
    return (item.play, item.box, item.does, item.state)


def _says(item):
    return 'play %d, on %s: %s%s' % (item.play, item.box, item.does, ' ' + item.state if item.state else '')


def _labels(conditions):
    joined = ' and '.join(conditions)
    return set(label for label, expr in WHEN.items() if re.search(re.escape(expr) + r'(?!\w)', joined))


def compare(table, steps):
    """What differs between the table and the playbook's steps: a list of sentences, empty when they agree."""
    want, got = [_sig(s) for s in table], [_sig(f) for f in steps]
    problems = []
    missing, extra = [], []
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == 'equal':
            for row, task in zip(table[i1:i2], steps[j1:j2]):
                labels = _labels(task.when)
                wanted = set([row.when]) if row.when else set()
                if labels != wanted:
                    problems.append('step "%s" (%s) runs when %s, the table says %s: %s' % (
                        row.name, _says(row), ' and '.join(sorted(labels)) or 'always',
                        ' and '.join(sorted(wanted)) or 'always', task.where))
            continue
        missing.extend((i, table[i]) for i in range(i1, i2))
        extra.extend(steps[j1:j2])
    moved = set(_sig(r) for dummy, r in missing) & set(_sig(t) for t in extra)
    for i, row in missing:
        if _sig(row) in moved:
            problems.append('out of order: step "%s" (%s) is not where the table has it (after "%s")' % (
                row.name, _says(row), table[i - 1].name if i else 'the start'))
        else:
            problems.append('missing: step "%s" (%s), expected after "%s"; no such task in the playbook there' % (
                row.name, _says(row), table[i - 1].name if i else 'the start'))
    for task in extra:
        if _sig(task) in moved:
            continue
        if _sig(task) in want:
            problems.append('duplicated: %s (%s) again, at %s' % (
                [r.name for r in table if _sig(r) == _sig(task)][0], _says(task), task.where))
        else:
            problems.append('extra: %s (%s) changes something and is not in plugins/module_utils/steps.py '
                            'STEPS: add its row there, in the playbook\'s order' % (task.where, _says(task)))
    return problems


def mutated(files, path, keys, how, other=None):
    """A copy of ``files`` with the task at ``keys`` in ``path`` deleted (``delete``), doubled (``duplicate``) or
    swapped with the task at index ``other`` of the same list (``swap``; the next one by default)."""
    files = copy.deepcopy(files)
    node = files[path]
    for key in keys[:-1]:
        node = node[key]
    index = keys[-1]
    if how == 'delete':
        del node[index]
    elif how == 'duplicate':
        node.insert(index, copy.deepcopy(node[index]))
    elif how == 'swap':
        other = index + 1 if other is None else other
        node[index], node[other] = node[other], node[index]
    else:
        raise ValueError(how)
    return files


def containers(files, steps):
    """Every task (block, include, step) whose deletion takes at least one step away: ``(path, keys)``."""
    seen = []
    for task in steps:
        for path, keys in (task.path,) + task.via:
            for end in range(len(keys), 0, -1):
                if isinstance(keys[end - 1], int) and (path, keys[:end]) not in seen:
                    seen.append((path, keys[:end]))
    return seen
