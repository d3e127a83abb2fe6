"""init_script decides, in one place, which start-up scripts run, and never runs one in check mode."""

import pytest

from ansible_collections.remedy.failover.plugins.action.init_script import ActionModule, script_command
from ansible_collections.remedy.failover.plugins.module_utils.ps import PS_COMMAND

SERVICES = [{'script': 'arsystem', 'process': 'arserverd'}, {'script': 'armaild', 'process': 'armaild'},
            {'script': 'apache', 'process': 'httpd'}]


def sent(command):
    """What init_script sends to run ``command``: SIGHUP ignored, so a daemon started with a bare & outlives the
    session, and nothing read from the session."""
    return "trap '' 1; %s </dev/null" % command


def test_the_script_runs_with_sighup_ignored():
    assert script_command('/etc/init.d/jsp', 'start') == sent('/etc/init.d/jsp start')


def ps(*names):
    return (0, ''.join('%6d /opt/remedy/bin/%s\n' % (100 + i, n) for i, n in enumerate(('sched',) + names)), '')


def test_started_does_nothing_when_all_run(run_action):
    result, commands = run_action(ActionModule, {'services': SERVICES, 'state': 'started'},
                                  {PS_COMMAND: ps('arserverd', 'armaild', 'httpd')})
    assert not result.get('failed') and result['changed'] is False
    assert result['ran'] == []
    assert commands == [PS_COMMAND]
    assert 'every daemon already started' in result['msg']


def test_started_runs_only_what_is_missing_in_order(run_action):
    answers = {PS_COMMAND: ps('armaild'), sent('/etc/init.d/arsystem start'): (0, 'ok', ''),
               sent('/etc/init.d/apache start'): (0, 'ok', '')}
    result, commands = run_action(ActionModule, {'services': SERVICES, 'state': 'started'}, answers)
    assert result['changed'] is True and not result.get('failed')
    assert commands == [PS_COMMAND, sent('/etc/init.d/arsystem start'), sent('/etc/init.d/apache start')]
    assert result['ran'] == ['arsystem', 'apache']
    assert [s['action'] for s in result['services']] == ['ran', 'none', 'ran']


@pytest.mark.parametrize('state,running', [('started', ()), ('stopped', ('arserverd', 'armaild', 'httpd'))])
def test_check_mode_runs_no_script_and_reports_the_change(run_action, state, running):
    result, commands = run_action(ActionModule, {'services': SERVICES, 'state': state},
                                  {PS_COMMAND: ps(*running)}, check_mode=True)
    assert commands == [PS_COMMAND]
    assert result['changed'] is True
    assert result['ran'] == ['arsystem', 'armaild', 'apache']
    assert result['msg'].startswith('sunar01 (172.29.83.11): would run')


@pytest.mark.parametrize('out,err', [
    pytest.param('', 'arsystem: /etc/ar.conf not found', id='its words on stderr (no terminal)'),
    pytest.param('arsystem: /etc/ar.conf not found\r\n', 'Shared connection to 172.29.83.11 closed.\r\n',
                 id='its words on stdout, ssh -tt (become with su)'),
])
def test_a_failed_start_stops_the_sequence(run_action, out, err):
    answers = {PS_COMMAND: ps(), sent('/etc/init.d/arsystem start'): (1, out, err)}
    result, commands = run_action(ActionModule, {'services': SERVICES, 'state': 'started'}, answers)
    assert result['failed'] is True
    assert commands == [PS_COMMAND, sent('/etc/init.d/arsystem start')]
    assert '"/etc/init.d/arsystem start" failed (rc=1): arsystem: /etc/ar.conf not found' in result['msg']
    assert result['msg'].startswith('sunar01 (172.29.83.11): ')


def test_a_failed_stop_still_tries_the_others(run_action):
    answers = {PS_COMMAND: ps('arserverd', 'armaild', 'httpd'), sent('/etc/init.d/arsystem stop'): (0, '', ''),
               sent('/etc/init.d/armaild stop'): (2, '', 'busy'), sent('/etc/init.d/apache stop'): (0, '', '')}
    services = list(reversed(SERVICES))
    result, commands = run_action(ActionModule, {'services': services, 'state': 'stopped'}, answers)
    assert result['failed'] is True
    assert commands[1:] == [sent('/etc/init.d/apache stop'), sent('/etc/init.d/armaild stop'), sent('/etc/init.d/arsystem stop')]
    assert 'armaild stop" failed (rc=2): busy' in result['msg']


def test_no_process_means_the_script_always_runs(run_action):
    answers = {sent('/etc/init.d/arsystem start'): (0, '', '')}
    result, commands = run_action(ActionModule, {'services': [{'script': 'arsystem'}], 'state': 'started'}, answers)
    assert commands == [sent('/etc/init.d/arsystem start')]  # no ps needed
    assert result['changed'] is True


def test_unreadable_ps_fails_before_any_script(run_action):
    result, commands = run_action(ActionModule, {'services': SERVICES, 'state': 'started'},
                                  {PS_COMMAND: (1, '', 'ps: illegal option -- o')})
    assert result['failed'] is True and result['changed'] is False
    assert commands == [PS_COMMAND]
    assert 'ps: illegal option -- o' in result['msg']


def test_script_names_are_quoted(run_action):
    answers = {PS_COMMAND: ps()}
    result, commands = run_action(ActionModule, {'services': [{'script': 'a b;reboot', 'process': 'x'}],
                                                 'state': 'started', 'init_dir': '/etc/init.d'}, answers)
    assert commands[1] == sent("'/etc/init.d/a b;reboot' start")
    assert result['failed'] is True
