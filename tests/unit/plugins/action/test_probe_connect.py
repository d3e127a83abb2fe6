"""remedy.failover.probe with connect_timeout: only a failing connection is retried, never a bad answer."""

from unittest.mock import MagicMock

import pytest
from ansible.errors import AnsibleConnectionFailure

from ansible_collections.remedy.failover.plugins.action import probe
# by its full name, as ansible-test units (which puts no test folder on sys.path) imports it too
from ansible_collections.remedy.failover.tests.unit.plugins.action.conftest import LocalShell


class FlakyShell(LocalShell):
    """A box whose connection fails the first `failures` times, then answers through this machine's /bin/sh."""

    def __init__(self, failures):
        super().__init__()
        self.failures = failures

    def __call__(self, cmd, sudoable=True, **kwargs):
        if self.failures:
            self.failures -= 1
            self.commands.append(None)
            raise AnsibleConnectionFailure('ssh: connect to host 172.29.83.11 port 22: Connection refused')
        return super().__call__(cmd, sudoable, **kwargs)


def run_probe(args, target):
    task = MagicMock()
    task.args, task.check_mode, task.async_val, task.action = args, False, 0, 'remedy.failover.probe'
    connection = MagicMock()
    action = probe.ActionModule(task, connection, MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    action._low_level_execute_command = target
    return action.run(task_vars={'inventory_hostname': 'sunar01', 'ansible_host': '172.29.83.11'}), connection


@pytest.fixture(autouse=True)
def no_wait(monkeypatch):
    monkeypatch.setattr(probe, 'CONNECT_RETRY_DELAY', 0.01)


def test_a_connection_that_fails_for_a_while_is_retried_with_a_fresh_connection():
    target = FlakyShell(failures=2)
    result, connection = run_probe({'nodename': True, 'connect_timeout': 5}, target)
    assert not result.get('failed'), result
    assert result['nodename']
    assert target.commands[:2] == [None, None] and len(target.commands) == 3
    assert connection.reset.call_count == 2


def test_without_connect_timeout_a_failing_connection_is_unreachable_at_once():
    target = FlakyShell(failures=1)
    with pytest.raises(AnsibleConnectionFailure):
        run_probe({'nodename': True}, target)
    assert target.commands == [None]


def test_a_connection_still_failing_at_the_deadline_is_unreachable():
    target = FlakyShell(failures=1000)
    with pytest.raises(AnsibleConnectionFailure):
        run_probe({'nodename': True, 'connect_timeout': 1}, target)
    assert 2 < len(target.commands) < 1000


def test_a_failing_login_given_as_an_answer_reaches_the_decision_as_unreachable():
    """Play 1 runs with any_errors_fatal: an unreachable result (even an ignored one) would end every host's tasks
    before the decision names the failure. With connection_failure=answer the probe returns it as its answer."""
    from ansible_collections.remedy.failover.plugins.module_utils.pair import describe

    target = FlakyShell(failures=1000)
    result, dummy = run_probe({'nodename': True, 'connection_failure': 'answer'}, target)
    assert result['failed'] and result['connection_failed'] and 'unreachable' not in result
    assert result['msg'] == 'sunar01 (172.29.83.11): ssh: connect to host 172.29.83.11 port 22: Connection refused'
    box = describe({}, 'sunar01', '172.29.83.11', True, result)
    assert box['error'] == ('unreachable', result['msg'])


def test_an_answer_that_cannot_be_read_is_never_retried():
    target = FlakyShell(failures=0)
    result, connection = run_probe({'psrinfo': True, 'psrinfo_path': '/nonexistent/psrinfo', 'connect_timeout': 30},
                                   target)
    assert result['failed'] and 'Nothing was changed' in result['msg']
    assert len(target.commands) == 1 and connection.reset.call_count == 0


def test_a_csh_login_s_complaint_reaches_the_decision_as_a_login_shell_refusal():
    """What the lab's csh login gives over ssh -tt with su (recorded): its words on stdout, ssh's on stderr. The
    probe's failure carries the box's words, and the decision reads them as the login shell's refusal."""
    from ansible_collections.remedy.failover.plugins.module_utils.pair import describe

    def csh(cmd, sudoable=True, **kwargs):
        return {'rc': 1, 'stdout': b'Unmatched \'.\r\nUnmatched ".\r\n',
                'stderr': b'Shared connection to 172.29.83.12 closed.\r\n'}

    result, dummy = run_probe({'psrinfo': True, 'nodename': True}, csh)
    assert result['failed']
    assert 'the script gave none of its answers (rc=1); the box said "Unmatched \'. Unmatched "."' in result['msg']
    box = describe({}, 'sunar02', '172.29.83.12', True, result)
    assert box['error'][0] == 'login_shell'


@pytest.mark.parametrize('err', ['Shared connection to 172.29.83.12 closed.\r\n', 'Connection to 172.29.83.12 closed.\r\n',
                                 'Connection to sunar02 closed by remote host.\r\n', ''])
def test_ssh_s_closing_words_are_never_taken_for_the_box_s(err):
    from ansible_collections.remedy.failover.plugins.plugin_utils.remote import box_said
    assert box_said('arsystem: /etc/ar.conf\r\nnot found\r\n', err) == 'arsystem: /etc/ar.conf not found'


class IdSays(LocalShell):
    """A box whose /usr/bin/id prints ``text``; the rest of the probe's script runs through this machine's /bin/sh."""

    def __init__(self, text):
        super().__init__()
        self.text = text

    def __call__(self, cmd, sudoable=True, **kwargs):
        from ansible_collections.remedy.failover.plugins.module_utils.identity import ID_COMMAND
        assert ID_COMMAND in cmd
        return super().__call__(cmd.replace(ID_COMMAND, "printf '%s'" % self.text), sudoable, **kwargs)


@pytest.mark.parametrize('text,uid,user', [('uid=0(root) gid=0(root)\n', 0, 'root'),
                                           ('uid=100(remedy) gid=10(staff)\n', 100, 'remedy')])
def test_the_probe_says_who_the_commands_run_as(text, uid, user):
    result, dummy = run_probe({'identity': True, 'nodename': True}, IdSays(text))
    assert not result.get('failed'), result
    assert (result['uid'], result['user']) == (uid, user)


def test_output_that_is_not_id_is_refused_not_taken_for_root():
    from ansible_collections.remedy.failover.plugins.module_utils.pair import describe
    result, dummy = run_probe({'identity': True, 'nodename': True}, IdSays('sh: /usr/bin/id: not found\n'))
    assert result['failed']
    assert result['msg'].startswith('sunar01 (172.29.83.11): cannot tell who the commands run as: ')
    assert result['msg'].endswith('Nothing was changed.')
    assert describe({}, 'sunar01', '172.29.83.11', True, result)['error'][0] == 'unreadable'
