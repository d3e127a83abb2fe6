"""The psrinfo action: runs -v and -p through the connection, parses on the controller."""

from ansible_collections.remedy.failover.plugins.action.psrinfo import ActionModule

VERBOSE = ("Status of processor 0 as of: 12/13/01 10:15:21\n"
           "  Processor has been on-line since 12/13/01 09:42:01.\n"
           "  The sparcv9 processor operates at 400 MHz,\n"
           "        and has a sparcv9 floating point processor.\n")


def test_facts_from_both_forms(run_action):
    result, commands = run_action(ActionModule, {}, {'/usr/sbin/psrinfo -v': (0, VERBOSE, ''),
                                                     '/usr/sbin/psrinfo -p': (0, '1\n', '')})
    assert commands == ['/usr/sbin/psrinfo -v', '/usr/sbin/psrinfo -p']
    assert result['changed'] is False and not result.get('failed')
    assert result['ansible_facts']['psrinfo']['count'] == 1
    assert result['physical_count'] == 1
    assert result['processors'][0]['clock_mhz'] == 400


def test_solaris_8_without_p_gives_no_physical_count(run_action):
    result, dummy = run_action(ActionModule, {}, {'/usr/sbin/psrinfo -v': (0, VERBOSE, ''),
                                                  '/usr/sbin/psrinfo -p': (2, '', 'psrinfo: illegal option -- p')})
    assert not result.get('failed')
    assert result['physical_count'] is None and result['count'] == 1


def test_physical_false_skips_p(run_action):
    dummy, commands = run_action(ActionModule, {'physical': False}, {'/usr/sbin/psrinfo -v': (0, VERBOSE, '')})
    assert commands == ['/usr/sbin/psrinfo -v']


def test_missing_psrinfo_names_the_box_and_the_path(run_action):
    result, dummy = run_action(ActionModule, {'path': '/opt/bin/psrinfo'}, {})
    assert result['failed'] is True
    assert result['msg'].startswith('sunar01 (172.29.83.11): "/opt/bin/psrinfo -v" failed (rc=127)')
    assert 'Set the path option' in result['msg']


def test_garbage_is_never_read_as_zero(run_action):
    result, dummy = run_action(ActionModule, {}, {'/usr/sbin/psrinfo -v': (0, 'Segmentation Fault\n', '')})
    assert result['failed'] is True
    assert 'cannot read the output of "/usr/sbin/psrinfo -v"' in result['msg']
    assert 'count' not in result
