"""A fake target for the action plugins: canned answers per command, every command recorded."""

from unittest.mock import MagicMock

import pytest


class FakeTarget:
    def __init__(self, answers):
        self.answers = answers  # command -> (rc, stdout, stderr)
        self.commands = []

    def __call__(self, cmd, sudoable=True, **kwargs):
        self.commands.append(cmd)
        rc, out, err = self.answers.get(cmd, (127, '', 'sh: %s: not found' % cmd.split()[0]))
        return {'rc': rc, 'stdout': out, 'stderr': err}


@pytest.fixture
def run_action():
    def run(action_class, args, answers, check_mode=False):
        task = MagicMock()
        task.args = args
        task.check_mode = check_mode
        task.async_val = 0
        task.action = 'remedy.failover.test'
        action = action_class(task, MagicMock(), MagicMock(), loader=None, templar=None, shared_loader_obj=None)
        target = FakeTarget(answers)
        action._low_level_execute_command = target
        result = action.run(task_vars={'inventory_hostname': 'sunar01', 'ansible_host': '172.29.83.11'})
        return result, target.commands

    return run
