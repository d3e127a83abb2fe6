"""The ps action: which of the asked names run, read-only."""

from ansible_collections.remedy.failover.plugins.action.ps import ActionModule
from ansible_collections.remedy.failover.plugins.module_utils.ps import PS_COMMAND


def test_running_and_missing(run_action):
    out = '    1 /sbin/init\n  412 /usr/lib/ssh/sshd\n 1201 /export/ar/bin/arserverd\n'
    result, commands = run_action(ActionModule, {'names': ['arserverd', 'httpd']}, {PS_COMMAND: (0, out, '')},
                                  check_mode=True)
    assert commands == [PS_COMMAND]
    assert result['changed'] is False
    assert result['running'] == ['arserverd'] and result['missing'] == ['httpd']
    assert result['names'] == ['arserverd', 'init', 'sshd']


def test_ps_failure_names_the_box(run_action):
    result, dummy = run_action(ActionModule, {}, {PS_COMMAND: (1, '', 'ps: bad option')})
    assert result['failed'] is True
    assert result['msg'] == 'sunar01 (172.29.83.11): "%s" failed (rc=1): ps: bad option' % PS_COMMAND
