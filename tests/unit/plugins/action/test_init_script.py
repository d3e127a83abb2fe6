"""init_script decides, in one place, which start-up scripts run, and never runs one in check mode. The scripts
that run go to the box as one script (one round trip through su), run here for real by this machine's /bin/sh
against stand-in start-up scripts; only ps is answered from a table."""

import os
import stat
import subprocess
import sys
from unittest.mock import MagicMock

import pytest

from ansible_collections.remedy.failover.plugins.action.init_script import (
    ActionModule, script_command, sequence_command)
from ansible_collections.remedy.failover.plugins.module_utils.ps import PS_COMMAND
# by its full name, as ansible-test units (which puts no test folder on sys.path) imports it too
from ansible_collections.remedy.failover.tests.unit.plugins.action.conftest import unprologued

SERVICES = [{'script': 'arsystem', 'process': 'arserverd'}, {'script': 'armaild', 'process': 'armaild'},
            {'script': 'apache', 'process': 'httpd'}]


def test_the_script_runs_with_sighup_ignored_its_words_kept_and_its_status(tmp_path):
    """Under nohup, so a daemon started with a bare & outlives the session (under Solaris' shell trap '' 1 does
    not survive the script's exec); stdin from /dev/null; its words printed once it ends; its status in $rc."""
    script = tmp_path / 'arsystem'
    script.write_text('#!/bin/sh\n%s -c "import signal, sys; sys.stdout.write(\'ignored=%%s stdin=%%r\' %% ('
                      'signal.getsignal(signal.SIGHUP) == signal.SIG_IGN, sys.stdin.read()))"\necho "said $1" >&2\n'
                      'exit 3\n' % sys.executable)
    script.chmod(0o755)
    command = script_command(str(script), 'start')
    assert command.startswith('rm -f /var/run/remedy_failover.init.$$; /usr/bin/nohup ')
    done = subprocess.run(['/bin/sh', '-c', command + '; echo " rc=$rc"'], input='typed', capture_output=True,
                          text=True, timeout=30, check=False)
    assert done.stdout == "ignored=True stdin=''said start\n rc=3\n", done.stderr


def ps(*names):
    return (0, ''.join('%6d /opt/remedy/bin/%s\n' % (100 + i, n) for i, n in enumerate(('sched',) + names)), '')


class Box:
    """ps from a table; every other script really run by /bin/sh; a log of the start-up scripts that ran."""

    def __init__(self, tmp_path, running=(), ps_answer=None, cut_after=None):
        self.init_dir = str(tmp_path / 'init.d')
        os.makedirs(self.init_dir)
        self.log = str(tmp_path / 'ran.log')
        self.ps_answer = ps_answer or ps(*running)
        self.cut_after = cut_after  # a session cut after this many lines of the reply
        self.commands = []

    def script(self, name, body='exit 0'):
        path = os.path.join(self.init_dir, name)
        with open(path, 'w') as handle:
            handle.write('#!/bin/sh\necho "%s $1" >>%s\n%s\n' % (name, self.log, body))
        os.chmod(path, stat.S_IRWXU)

    def ran(self):
        if not os.path.exists(self.log):
            return []
        with open(self.log) as handle:
            return handle.read().splitlines()

    def __call__(self, cmd, sudoable=True, **kwargs):
        cmd = unprologued(cmd)
        self.commands.append(cmd)
        if cmd == PS_COMMAND:
            rc, out, err = self.ps_answer
            return {'rc': rc, 'stdout': out, 'stderr': err}
        done = subprocess.run(['/bin/sh', '-c', cmd], check=False, capture_output=True, text=True, timeout=60)
        out = done.stdout
        if self.cut_after is not None:
            out = ''.join(out.splitlines(True)[:self.cut_after])
        return {'rc': done.returncode if self.cut_after is None else 255, 'stdout': out, 'stderr': done.stderr}


def run(box, services, state, check_mode=False):
    task = MagicMock()
    task.args = {'services': services, 'state': state, 'init_dir': box.init_dir}
    task.check_mode, task.async_val, task.action = check_mode, 0, 'remedy.failover.init_script'
    action = ActionModule(task, MagicMock(), MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    action._low_level_execute_command = box
    return action.run(task_vars={'inventory_hostname': 'sunar01', 'ansible_host': '172.29.83.11'})


@pytest.fixture
def box(tmp_path):
    def make(**kwargs):
        made = Box(tmp_path, **kwargs)
        for name in ('arsystem', 'armaild', 'apache'):
            made.script(name)
        return made
    return make


def test_started_does_nothing_when_all_run(box):
    target = box(running=('arserverd', 'armaild', 'httpd'))
    result = run(target, SERVICES, 'started')
    assert not result.get('failed') and result['changed'] is False
    assert result['ran'] == [] and target.ran() == []
    assert target.commands == [PS_COMMAND]
    assert 'every daemon already started' in result['msg']


def test_started_runs_only_what_is_missing_in_order_in_one_round_trip(box):
    target = box(running=('armaild',))
    result = run(target, SERVICES, 'started')
    assert result['changed'] is True and not result.get('failed'), result
    assert target.ran() == ['arsystem start', 'apache start']
    assert len(target.commands) == 2  # ps, then one script for both
    assert result['ran'] == ['arsystem', 'apache']
    assert [s['action'] for s in result['services']] == ['ran', 'none', 'ran']
    assert [s.get('rc') for s in result['services']] == [0, None, 0]


@pytest.mark.parametrize('state,running', [('started', ()), ('stopped', ('arserverd', 'armaild', 'httpd'))])
def test_check_mode_runs_no_script_and_reports_the_change(box, state, running):
    target = box(running=running)
    result = run(target, SERVICES, state, check_mode=True)
    assert target.commands == [PS_COMMAND] and target.ran() == []
    assert result['changed'] is True
    assert result['ran'] == ['arsystem', 'armaild', 'apache']
    assert result['msg'].startswith('sunar01 (172.29.83.11): would run')


@pytest.mark.parametrize('body', [
    pytest.param('echo "arsystem: /etc/ar.conf not found" >&2; exit 1', id='its words on stderr'),
    pytest.param('echo "arsystem: /etc/ar.conf not found"; exit 1', id='its words on stdout'),
])
def test_a_failed_start_stops_the_sequence_there(box, body):
    target = box()
    target.script('arsystem', body)
    result = run(target, SERVICES, 'started')
    assert result['failed'] is True and result['changed'] is True
    assert target.ran() == ['arsystem start']  # never the rest on top of a daemon that did not come up
    assert result['ran'] == ['arsystem']
    assert '"%s/arsystem start" failed (rc=1): arsystem: /etc/ar.conf not found' % target.init_dir in result['msg']
    assert result['msg'].startswith('sunar01 (172.29.83.11): ')


def test_output_without_a_last_newline_is_read_whole(box):
    """Solaris scripts often end with echo "...\\c" (no newline): the status after it is still read."""
    target = box()
    target.script('arsystem', 'printf "Starting AR System..."; exit 0')
    target.script('armaild', 'printf "armaild: no config"; exit 3')
    result = run(target, SERVICES, 'started')
    assert target.ran() == ['arsystem start', 'armaild start']
    assert result['services'][0]['rc'] == 0 and result['services'][0]['stdout'] == 'Starting AR System...'
    assert '"%s/armaild start" failed (rc=3): armaild: no config' % target.init_dir in result['msg']


def test_a_failed_stop_still_tries_the_others(box):
    target = box(running=('arserverd', 'armaild', 'httpd'))
    target.script('armaild', 'echo busy; exit 2')
    result = run(target, list(reversed(SERVICES)), 'stopped')
    assert result['failed'] is True
    assert target.ran() == ['apache stop', 'armaild stop', 'arsystem stop']
    assert 'armaild stop" failed (rc=2): busy' in result['msg']


def test_a_cut_session_is_told_and_counted_as_a_change(box):
    """The reply ends in the middle (the session was cut): the script it ends in is told, never read as done."""
    target = box(cut_after=4)  # the first script's section whole, then the second's first line only
    result = run(target, SERVICES, 'started')
    assert result['failed'] is True and result['changed'] is True
    assert result['ran'] == ['arsystem', 'armaild']
    assert '"%s/armaild start" gave no complete answer (rc=255)' % target.init_dir in result['msg']


def test_a_session_cut_between_two_scripts_says_the_next_may_not_have_run(box):
    target = box(cut_after=3)  # the first script's section whole, nothing of the second's
    result = run(target, SERVICES, 'started')
    assert result['failed'] is True and result['changed'] is True
    assert result['ran'] == ['arsystem']
    assert 'the reply ends before "%s/armaild start", which may not have run (rc=255): no output' % target.init_dir \
        in result['msg']


def test_no_process_means_the_script_always_runs(box):
    target = box()
    result = run(target, [{'script': 'arsystem'}], 'started')
    assert len(target.commands) == 1  # no ps needed
    assert target.ran() == ['arsystem start'] and result['changed'] is True


def test_unreadable_ps_fails_before_any_script(box):
    target = box(ps_answer=(1, '', 'ps: illegal option -- o'))
    result = run(target, SERVICES, 'started')
    assert result['failed'] is True and result['changed'] is False
    assert target.commands == [PS_COMMAND] and target.ran() == []
    assert 'ps: illegal option -- o' in result['msg']


def test_script_names_are_quoted():
    text = sequence_command(['/etc/init.d/a b;reboot'], 'start', True)
    assert "/usr/bin/nohup '/etc/init.d/a b;reboot' start </dev/null >" in text
    assert 'if [ $rc -ne 0 ]; then exit $rc; fi' in text
    assert 'exit' not in sequence_command(['/etc/init.d/jsp'], 'stop', False)
