"""The steps of a move are written once (plugins/module_utils/steps.py) and the plays run them: every state-changing
task of playbooks/switch.yml and the task files it includes is checked against the table, task by task, in order,
with the model's conditions. The resume model (test_pair_resume.py) runs on the same table, so it runs on the real
sequence.

Mutations: each step of the playbook (and each block or include holding one) deleted in turn, each step doubled,
each step swapped with the step after it, each model condition dropped: the check fails every time (no survivor),
and says which step is missing, extra, duplicated or out of order.
"""

import copy

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.steps import INTERRUPTED, STEPS, WHEN, model_steps
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.playbook_steps import (
    compare,
    containers,
    found,
    load,
    mutated,
)

INTERRUPTED_PLAYBOOK = 'playbooks/interrupted.yml'
FILES = load()
FOUND = found(FILES)


def _id(path, keys):
    return '%s:%s' % (path.split('/')[-1], '.'.join(str(k) for k in keys))


def _node(files, path, keys):
    node = files[path]
    for key in keys:
        node = node[key]
    return node


def test_the_playbook_runs_the_table():
    assert compare(STEPS, FOUND) == []
    assert len(FOUND) == len(STEPS)


def test_the_interrupted_playbook_runs_its_table():
    """playbooks/interrupted.yml (what ends a move a signal cut) runs the steps of INTERRUPTED, in order."""
    steps = found(FILES, INTERRUPTED_PLAYBOOK)
    assert compare(INTERRUPTED, steps) == []
    assert len(steps) == len(INTERRUPTED)


def test_the_other_playbooks_change_nothing():
    """Every state-changing step in playbooks/ is one of switch.yml's or interrupted.yml's: the other playbooks
    only read, tell, or import switch.yml."""
    playbooks = [p for p in FILES if not p.startswith(('playbooks/tasks/', 'playbooks/vars/'))]
    assert 'playbooks/status.yml' in playbooks and len(playbooks) >= 5
    for path in playbooks:
        if path not in ('playbooks/switch.yml', INTERRUPTED_PLAYBOOK):
            assert found(FILES, path) == [], path


def test_the_table():
    assert len(set((s.play, s.name) for s in STEPS)) == len(STEPS), 'a step name twice in one play'
    assert [s.play for s in STEPS] == sorted(s.play for s in STEPS)
    assert set(s.when for s in STEPS) <= set(WHEN) | {None}
    assert set(s.box for s in STEPS) <= {'controller', 'pair', 'leaving', 'taking', 'prod', 'boxes'}
    # the model's steps are plays 2-4, on the three parts a box plays
    assert set((s.play, s.box) for s in model_steps()) == {(2, 'leaving'), (3, 'taking'), (4, 'prod')}
    assert all(s.proves for s in STEPS)
    # what plays 2-4 do to a box through a role or raw (names, Remedy, ar.conf, links, alarms, halt, reboot) is
    # in the model: a step added there without its effect would leave the model checking a different sequence
    roles = ('setname', 'remedy_autostart', 'arconf', 'serco_monitoring', 'remedy_daemons')
    changes = [s for s in STEPS if s.play in (2, 3, 4) and (
        s.does == 'ansible.builtin.raw' or s.does.startswith('remedy.failover.') and s.does.split('.')[-1] in roles)]
    assert len(changes) >= 13 and all(s.model for s in changes), [s.name for s in changes if not s.model]


# every task whose deletion takes a step away: the step itself, its block, its include, its play
DELETED = containers(FILES, FOUND)


@pytest.mark.parametrize('path,keys', DELETED, ids=[_id(p, k) for p, k in DELETED])
def test_deleting_a_step_fails(path, keys):
    problems = compare(STEPS, found(mutated(FILES, path, keys, 'delete')))
    assert problems
    assert all(p.startswith(('missing: ', 'out of order: ')) for p in problems)


@pytest.mark.parametrize('task', FOUND, ids=[_id(*f.path) for f in FOUND])
def test_doubling_a_step_fails(task):
    problems = compare(STEPS, found(mutated(FILES, task.path[0], task.path[1], 'duplicate')))
    assert problems and any(p.startswith(('duplicated: ', 'out of order: ')) for p in problems)


def _swaps():
    """Each step with the next step in the same list of tasks (other tasks between them stay), and each play of the
    move with the next: ``(path, keys, other index)``."""
    swaps = [('playbooks/switch.yml', (play,), play + 1) for play in range(1, 4)]
    for this, after in zip(FOUND, FOUND[1:]):
        (path, keys), (path_after, keys_after) = this.path, after.path
        if path == path_after and keys[:-1] == keys_after[:-1] and (this.does, this.state) != (after.does, after.state):
            swaps.append((path, keys, keys_after[-1]))
    return swaps


SWAPS = _swaps()


@pytest.mark.parametrize('path,keys,other', SWAPS, ids=[_id(p, k) + '-%d' % o for p, k, o in SWAPS])
def test_reordering_steps_fails(path, keys, other):
    problems = compare(STEPS, found(mutated(FILES, path, keys, 'swap', other)))
    assert any(p.startswith('out of order: ') for p in problems), problems


def test_every_pair_of_neighbouring_steps_is_swapped():
    """Not vacuous: the halt and the wait after it, the rename and the reboot, are among the swaps."""
    swapped = set()
    for path, keys, other in SWAPS[3:]:
        swapped.add([f for f in FOUND if f.path == (path, keys)][0].where.split('"')[-2])
    assert {'Halt the box (it comes back as the spare name when booted at its console)',
            'Give the box the production name',
            'Give the box the spare name, so it can never come back with the production name',
            'Restore ar.conf'} <= swapped
    assert len(SWAPS) >= 15


CONDITIONED = [f for f in FOUND if any(any(expr in w for w in f.when) for expr in WHEN.values())]


@pytest.mark.parametrize('task', CONDITIONED, ids=[_id(*f.path) for f in CONDITIONED])
def test_dropping_a_model_condition_fails(task):
    """The halt only at the production name, the reboot only when the name changes: a condition dropped where the
    task (or its block, or its include) gives it fails."""
    for path, keys in (task.path,) + task.via[::-1]:
        files = copy.deepcopy(FILES)
        node = _node(files, path, keys)
        if 'when' in node and any(expr in str(node['when']) for expr in WHEN.values()):
            del node['when']
            problems = compare(STEPS, found(files))
            assert any(' runs when ' in p for p in problems), problems
            return
    # the condition sits on an enclosing block
    path, keys = task.path
    for end in range(len(keys) - 1, 0, -1):
        node = _node(FILES, path, keys[:end])
        if isinstance(node, dict) and 'when' in node:
            files = copy.deepcopy(FILES)
            del _node(files, path, keys[:end])['when']
            assert any(' runs when ' in p for p in compare(STEPS, found(files)))
            return
    raise AssertionError('no condition found for %s' % (task.where,))


@pytest.mark.parametrize('task', [
    {'name': 'Tell something', 'ansible.builtin.debug': {'msg': 'hello'}},
    {'name': 'Keep something', 'ansible.builtin.set_fact': {'x': 1}},
    {'name': 'Look at a port', 'remedy.failover.port': {'host': 'a', 'port': 22}},
    {'name': 'Read the box', 'remedy.failover.probe': {'psrinfo': True}},
    {'name': 'Stop here', 'ansible.builtin.fail': {'msg': 'no'}, 'when': 'x'},
])
def test_read_only_tasks_are_free(task):
    """Tasks that read, tell, keep a fact or stop can be added anywhere."""
    files = copy.deepcopy(FILES)
    for plays in files['playbooks/switch.yml']:
        plays['tasks'].insert(0, task)
    files['playbooks/tasks/take_over.yml'].insert(3, task)
    assert compare(STEPS, found(files)) == []


@pytest.mark.parametrize('task,words', [
    ({'name': 'Run a command', 'ansible.builtin.command': 'touch /x'},
     'extra: playbooks/switch.yml play 2 "Run a command" (play 2, on leaving: ansible.builtin.command) changes '
     'something and is not in plugins/module_utils/steps.py STEPS'),
    ({'name': 'Stop it again', 'ansible.builtin.include_role': {'name': 'remedy.failover.remedy_daemons'},
      'vars': {'remedy_daemons_state': 'stopped'}},
     'duplicated: daemons stopped (play 2, on leaving: remedy.failover.remedy_daemons stopped) again, at '
     'playbooks/switch.yml play 2 "Stop it again"'),
    ({'name': 'Halt', 'ansible.builtin.raw': '/usr/sbin/shutdown -y -g 0 -i 0'},
     'duplicated: halt (play 2, on leaving: ansible.builtin.raw halt) again'),
])
def test_an_added_step_is_named(task, words):
    files = copy.deepcopy(FILES)
    files['playbooks/switch.yml'][2]['tasks'].insert(1, task)
    problems = compare(STEPS, found(files))
    assert any(words in p for p in problems), problems


def test_the_messages_name_the_step():
    by_name = dict((s.name, i) for i, s in enumerate(STEPS) if s.play == 2)
    rename = [f for f in FOUND if (f.play, f.does, f.state) == (2, 'remedy.failover.setname', 'spare')][0]
    problems = compare(STEPS, found(mutated(FILES, rename.path[0], rename.path[1], 'delete')))
    assert problems == ['missing: step "setname spare" (play 2, on leaving: remedy.failover.setname spare), expected '
                        'after "daemons stopped"; no such task in the playbook there']
    assert by_name['setname spare'] == by_name['daemons stopped'] + 1
    problems = compare(STEPS, found(mutated(FILES, rename.path[0], rename.path[1], 'swap')))
    assert any(p.startswith('out of order: step "') for p in problems), problems
