"""parse_ping and parse_arp read Solaris' ping and arp: an answer, silence, or an error that is never silence."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.station import (
    StationParseError,
    arp_command,
    parse_arp,
    parse_ping,
    ping_command,
)


def test_commands_are_solaris_forms():
    assert ping_command('172.29.83.11', 2) == '/usr/sbin/ping 172.29.83.11 2'
    assert ping_command('sunar01', 1.0) == '/usr/sbin/ping sunar01 1'
    assert arp_command('172.29.83.11') == '/usr/sbin/arp 172.29.83.11'
    assert arp_command("a b") == "/usr/sbin/arp 'a b'"


@pytest.mark.parametrize('timeout', [0, 0.5, -1])
def test_ping_timeout_is_whole_seconds(timeout):
    with pytest.raises(ValueError, match='whole seconds'):
        ping_command('172.29.83.11', timeout)


@pytest.mark.parametrize('text,rc,answered,detail', [
    ('172.29.83.11 is alive\n', 0, True, '172.29.83.11 is alive'),
    ('sunar01 is alive\r\n', 0, True, 'sunar01 is alive'),
    ('no answer from 172.29.83.11\n', 1, False, 'no answer from 172.29.83.11'),
    (b'no answer from sunar01\n', 1, False, 'no answer from sunar01'),
])
def test_ping(text, rc, answered, detail):
    assert parse_ping(text, rc) == (answered, detail)


@pytest.mark.parametrize('text,rc', [
    ('ping: unknown host sunar09\n', 1),          # not silence: the name is wrong
    ('', 1),                                      # killed, or no ping at all
    ('sh: /usr/sbin/ping: not found\n', 127),
    ('172.29.83.11 is alive\n', 1),               # the status contradicts the text
    ('no answer from 172.29.83.11\n', 0),
    ('PING 172.29.83.11: 56 data bytes\n64 bytes from 172.29.83.11: icmp_seq=0.\n', 0),  # ping -s: not our form
])
def test_ping_unreadable_is_never_silence(text, rc):
    with pytest.raises(StationParseError, match='not the answer of "ping ADDR TIMEOUT"'):
        parse_ping(text, rc)


@pytest.mark.parametrize('text,rc,answered', [
    ('172.29.83.11 (172.29.83.11) at 2:42:ac:1d:53:c9\n', 0, True),
    ('sunar01 (172.29.83.11) at 8:0:20:a5:f:1\n', 0, True),
    ('172.29.83.11 (172.29.83.11) at 8:0:20:a5:f:1 permanent published\n', 0, True),
    ('172.29.83.11 (172.29.83.11) at (incomplete)\n', 0, False),
    ('172.29.83.11 (172.29.83.11) -- no entry\n', 1, False),
    ('sunar01 (172.29.83.11) -- no entry\r\n', 1, False),
])
def test_arp(text, rc, answered):
    assert parse_arp(text, rc) == (answered, text.strip())


@pytest.mark.parametrize('text,rc', [
    ('arp: sunar09: unknown host\n', 1),
    ('SIOCGARP: Permission denied\n', 1),
    ('Usage: arp hostname\n       arp -a\n', 1),
    ('172.29.83.11 (172.29.83.11) -- no entry\n', 0),
    ('172.29.83.11 (172.29.83.11) at 2:42:ac:1d:53:c9\n', 1),
    ('? (172.29.83.11) at 02:42:ac:1d:53:c9 [ether] on eth0\n', 0),  # Linux net-tools form, not Solaris'
    ('', 0),
])
def test_arp_unreadable_is_never_silence(text, rc):
    with pytest.raises(StationParseError, match='not the answer of "arp ADDR"'):
        parse_arp(text, rc)
