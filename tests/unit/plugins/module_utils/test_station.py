"""How an address answers: TCP from the controller (a connection and a reset are answers), and Solaris' ping and arp
from the box (parse_ping and parse_arp: an answer, silence, or an error that is never silence)."""

import socket

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.station import (
    StationParseError,
    parse_arp,
    parse_ping,
    tcp_answer,
)


def test_tcp_answers_tell_a_reset_from_silence():
    with socket.socket() as server:
        server.bind(('127.0.0.1', 0))
        server.listen(1)
        port = server.getsockname()[1]
        assert tcp_answer('127.0.0.1', port, 1) == 'accepts connections'
    # the port is closed now: the station resets the connection, and that is an answer
    assert tcp_answer('127.0.0.1', port, 1).startswith('resets connections')
    # (a silent address, where nothing answers within the timeout, is shown on the lab: tests/lab)


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
