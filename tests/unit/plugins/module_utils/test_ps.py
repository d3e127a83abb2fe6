"""Unit tests of parse_ps on literal ps output (Solaris and Linux)."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.ps import PsParseError, parse_ps, running_names

SOLARIS = """    0 sched
    1 /sbin/init
  412 /usr/lib/ssh/sshd
 1201 /export/ar/bin/arserverd
 1207 /usr/apache/bin/httpd
 1208 /usr/apache/bin/httpd
"""
LINUX_CRLF = "      1 lab-init\r\n     23 arserverd\r\n     99 ps\r\n"


def test_solaris_paths_become_names():
    procs = parse_ps(SOLARIS)
    assert procs[2] == {'pid': 412, 'comm': '/usr/lib/ssh/sshd', 'name': 'sshd'}
    assert running_names(procs) == ['arserverd', 'httpd', 'init', 'sched', 'sshd']


def test_linux_crlf():
    assert [p['name'] for p in parse_ps(LINUX_CRLF)] == ['lab-init', 'arserverd', 'ps']


def test_comm_with_space_is_kept_whole():
    assert parse_ps('  7 java server\n')[0]['name'] == 'java server'


@pytest.mark.parametrize('text,message', [
    ('', 'no process'),
    (None, 'no process'),
    ('  PID COMMAND\n    1 init\n', 'not a "pid comm" line'),
    ('ps: illegal option -- o\n', 'not a "pid comm" line'),
])
def test_not_ps_output(text, message):
    with pytest.raises(PsParseError, match=message):
        parse_ps(text)
