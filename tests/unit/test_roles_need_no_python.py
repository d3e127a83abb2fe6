"""No role task runs a Python module on a target: Solaris 8-10 have no Python ansible-core can use.

Every task of every role is read; its action (the one key with a dot: FQCN is enforced by ansible-lint)
must be one that runs on the controller or sends only commands through the connection.  A Python module
is allowed only when the task runs it on the controller (delegate_to: localhost, without become).
"""

import glob
import os

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
# run on the controller, or send plain commands through the connection
NO_PYTHON_ON_TARGET = {
    'ansible.builtin.assert', 'ansible.builtin.fail', 'ansible.builtin.set_fact', 'ansible.builtin.debug',
    'ansible.builtin.import_tasks', 'ansible.builtin.include_tasks', 'ansible.builtin.import_role',
    'ansible.builtin.include_role', 'ansible.builtin.meta', 'ansible.builtin.raw', 'ansible.builtin.script',
    'ansible.builtin.validate_argument_spec',
}
OWN_ACTIONS = {os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(ROOT, 'plugins', 'action', '*.py'))}
TASK_FILES = sorted(glob.glob(os.path.join(ROOT, 'roles', '*', 'tasks', '*.yml'))
                    + glob.glob(os.path.join(ROOT, 'roles', '*', 'handlers', '*.yml')))


def tasks_of(items):
    for task in items or []:
        yield task
        for key in ('block', 'rescue', 'always'):
            yield from tasks_of(task.get(key))


def action_of(task):
    keys = [k for k in task if '.' in k]
    assert len(keys) == 1, 'task %r: expected one FQCN action among %s' % (task.get('name'), sorted(task))
    return keys[0]


def test_there_are_tasks_to_check():
    assert len(TASK_FILES) >= 10
    assert {'probe', 'remote_copy', 'rename_file', 'links', 'init_script', 'ps', 'psrinfo'} <= OWN_ACTIONS


def python_on_target(tasks):
    """The (name, action) of each task that would run a Python module on the target."""
    found = []
    for task in tasks_of(tasks):
        if any(k in task for k in ('block', 'rescue', 'always')):
            continue
        action = action_of(task)
        if action.startswith('remedy.failover.'):
            assert action.split('.', 2)[2] in OWN_ACTIONS, '%s has no action plugin' % action
        elif action not in NO_PYTHON_ON_TARGET and not (task.get('delegate_to') == 'localhost'
                                                        and task.get('become') is False):
            found.append((task.get('name'), action))
    return found


@pytest.mark.parametrize('path', TASK_FILES, ids=lambda p: os.path.relpath(p, ROOT))
def test_every_task_needs_no_python_on_the_target(path):
    with open(path) as handle:
        found = python_on_target(yaml.safe_load(handle))
    assert not found, (
        '%s runs Python modules on the target, which a Solaris box cannot: %s. Use the collection\'s actions, '
        'raw or script, or run them on the controller (delegate_to: localhost, become: false)' % (path, found))


def test_the_check_catches_python_modules_even_in_blocks():
    tasks = [{'name': 'Probe', 'remedy.failover.probe': {'paths': ['/etc/ar.conf']}},
             {'block': [{'name': 'Look', 'ansible.builtin.stat': {'path': '/etc/ar.conf'}}]},
             {'name': 'Port', 'ansible.builtin.wait_for': {'port': 80}, 'delegate_to': 'localhost'},
             {'name': 'Web', 'ansible.builtin.uri': {'url': 'http://x/'}, 'delegate_to': 'localhost', 'become': False}]
    assert python_on_target(tasks) == [('Look', 'ansible.builtin.stat'), ('Port', 'ansible.builtin.wait_for')]
