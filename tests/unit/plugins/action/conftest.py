"""A fake target for the action plugins: canned answers per command, every command recorded."""

import subprocess
from unittest.mock import MagicMock

import pytest

from ansible_collections.remedy.failover.plugins.plugin_utils.remote import SCRIPT_PROLOGUE


def unprologued(cmd):
    """The command an action meant to run: every script sent must start with the LC_ALL=C prologue."""
    assert cmd.startswith(SCRIPT_PROLOGUE), 'a script was sent without %r: %r' % (SCRIPT_PROLOGUE, cmd[:200])
    return cmd[len(SCRIPT_PROLOGUE):]


class FakeTarget:
    def __init__(self, answers):
        self.answers = answers  # command -> (rc, stdout, stderr)
        self.commands = []

    def __call__(self, cmd, sudoable=True, **kwargs):
        cmd = unprologued(cmd)
        self.commands.append(cmd)
        rc, out, err = self.answers.get(cmd, (127, '', 'sh: %s: not found' % cmd.split()[0]))
        return {'rc': rc, 'stdout': out, 'stderr': err}


def make_action(action_class, args, check_mode=False, diff=False, templar=None):
    """An action plugin as Ansible makes it for a task with these arguments."""
    task = MagicMock()
    task.args = args
    task.check_mode = check_mode
    task.diff = diff
    task.async_val = 0
    task.action = 'remedy.failover.test'
    return action_class(task, MagicMock(), MagicMock(), loader=None, templar=templar, shared_loader_obj=None)


@pytest.fixture
def run_action():
    def run(action_class, args, answers, check_mode=False):
        action = make_action(action_class, args, check_mode)
        target = FakeTarget(answers)
        action._low_level_execute_command = target
        result = action.run(task_vars={'inventory_hostname': 'sunar01', 'ansible_host': '172.29.83.11'})
        return result, target.commands

    return run


class LocalShell:
    """A target that really runs what the action sends, with /bin/sh on this machine.

    Debian's /bin/sh is dash, a plain POSIX shell without bash's extensions;
    the scripts must run there as on Solaris' Bourne shell.
    """

    def __init__(self):
        self.commands = []

    def __call__(self, cmd, sudoable=True, **kwargs):
        self.commands.append(unprologued(cmd))
        done = subprocess.run(['/bin/sh', '-c', cmd], check=False, capture_output=True, text=True, timeout=60)
        return {'rc': done.returncode, 'stdout': done.stdout, 'stderr': done.stderr}


@pytest.fixture
def run_local():
    """Run an action plugin against this machine's shell: ``(result, commands sent)``."""
    def run(action_class, args, check_mode=False, diff=False, task_vars=None):
        action = make_action(action_class, args, check_mode, diff)
        target = LocalShell()
        action._low_level_execute_command = target
        variables = {'inventory_hostname': 'sunar01', 'ansible_host': '172.29.83.11'}
        variables.update(task_vars or {})
        result = action.run(task_vars=variables)
        return result, target.commands

    return run


@pytest.fixture
def run_controller():
    """Run a controller action with these task variables (templated as given): its result."""
    def run(action_class, args, task_vars, check_mode=False):
        templar = MagicMock()
        templar.template.side_effect = lambda value: value
        return make_action(action_class, args, check_mode, templar=templar).run(task_vars=task_vars)
    return run
