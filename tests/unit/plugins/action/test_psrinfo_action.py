"""The psrinfo action: psrinfo -v and -p in one script through the connection, parsed on the controller.

The script really runs under this machine's POSIX /bin/sh, against stand-in psrinfo commands written for each test.
"""

import pytest

from ansible_collections.remedy.failover.plugins.action.psrinfo import ActionModule
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import read_psrinfo

VERBOSE = ("Status of processor 0 as of: 12/13/01 10:15:21\n"
           "  Processor has been on-line since 12/13/01 09:42:01.\n"
           "  The sparcv9 processor operates at 400 MHz,\n"
           "        and has a sparcv9 floating point processor.\n")


@pytest.fixture
def stand_in(tmp_path):
    """Write a psrinfo stand-in: ``-v`` prints verbose (exit 0), ``-p`` prints physical or fails like Solaris 8."""
    def make(verbose=VERBOSE, physical='1\n'):
        path = tmp_path / 'psrinfo'
        log = tmp_path / 'calls'
        (tmp_path / 'v.out').write_text(verbose)
        lines = ['#!/bin/sh', 'echo "$1" >> %s' % log,
                 'if [ "$1" = -v ]; then cat %s; exit 0; fi' % (tmp_path / 'v.out')]
        if physical is None:
            lines.append('echo "psrinfo: illegal option -- p" >&2; exit 2')
        else:
            (tmp_path / 'p.out').write_text(physical)
            lines.append('cat %s' % (tmp_path / 'p.out'))
        path.write_text('\n'.join(lines) + '\n')
        path.chmod(0o755)
        return str(path), log
    return make


def calls(log):
    return log.read_text().split() if log.exists() else []


def test_facts_from_both_forms_in_one_round_trip(run_local, stand_in):
    path, log = stand_in()
    result, commands = run_local(ActionModule, {'path': path})
    assert len(commands) == 1 and calls(log) == ['-v', '-p']
    assert result['changed'] is False and not result.get('failed'), result
    assert result['ansible_facts']['psrinfo']['count'] == 1
    assert result['physical_count'] == 1
    assert result['processors'][0]['clock_mhz'] == 400
    assert result['raw'] == {'verbose': VERBOSE.rstrip('\n'), 'physical': '1'}


def test_solaris_8_without_p_gives_no_physical_count(run_local, stand_in):
    path, dummy = stand_in(physical=None)
    result, dummy = run_local(ActionModule, {'path': path})
    assert not result.get('failed'), result
    assert result['physical_count'] is None and result['count'] == 1


def test_physical_false_skips_p(run_local, stand_in):
    path, log = stand_in()
    result, dummy = run_local(ActionModule, {'path': path, 'physical': False})
    assert not result.get('failed') and calls(log) == ['-v']
    assert 'physical' not in result['raw']


def test_missing_psrinfo_names_the_box_and_the_path(run_local, tmp_path):
    path = str(tmp_path / 'opt' / 'psrinfo')
    result, dummy = run_local(ActionModule, {'path': path})
    assert result['failed'] is True
    assert result['msg'].startswith('sunar01 (172.29.83.11): "%s -v" failed (rc=127)' % path)
    assert 'Set the path option' in result['msg']


def test_garbage_is_never_read_as_zero(run_local, stand_in):
    path, dummy = stand_in(verbose='Segmentation Fault\n')
    result, dummy = run_local(ActionModule, {'path': path})
    assert result['failed'] is True
    assert 'cannot read the output of "%s -v"' % path in result['msg']
    assert 'count' not in result


def test_a_solaris_8_read_with_a_failing_p_leaves_the_physical_count_unknown(psrinfo_answer):
    """Solaris 8 has no psrinfo -p: its usage error is never a count (the plugin side of module_utils' reader)."""
    sections = {'psrinfo-v': (psrinfo_answer('solaris8-v.txt').split('\n'), 0),
                'psrinfo-p': (psrinfo_answer('solaris8-p.txt').split('\n'), 2)}
    facts, raw = read_psrinfo(sections, '/usr/sbin/psrinfo')
    assert facts['count'] == 2 and facts['online_count'] == 2
    assert facts['physical_count'] is None
    assert set(raw) == {'verbose'}
