"""Solaris ping and arp as the silence proof reads them, on literal output (ping(1M), arp(1M))."""

import socket

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.silence import (
    SilenceError,
    parse_arp,
    parse_ping,
    tcp_answer,
)


@pytest.mark.parametrize('text,rc,answered', [
    ('172.29.83.11 is alive\n', 0, True),
    ('no answer from 172.29.83.11\n', 1, False),
    ('sunar01 is alive', 0, True),
], ids=['alive', 'no answer', 'by name'])
def test_ping(text, rc, answered):
    assert parse_ping(text, rc)[0] is answered


@pytest.mark.parametrize('text,rc', [
    ('sh: /usr/sbin/ping: not found', 127),
    ('ping: unknown host sunar01', 1),
    ('', 0),
    ('PING 172.29.83.11 (172.29.83.11) 56(84) bytes of data.', 0),  # GNU ping's wording is not Solaris'
], ids=['missing', 'unknown host', 'nothing', 'gnu'])
def test_ping_that_proves_nothing(text, rc):
    with pytest.raises(SilenceError):
        parse_ping(text, rc)


@pytest.mark.parametrize('text,rc,answered', [
    ('172.29.83.11 (172.29.83.11) at 8:0:20:a1:b2:c3\n', 0, True),
    ('sunar01 (172.29.83.11) at 0:3:ba:1:2:3 permanent published\n', 0, True),
    ('172.29.83.11 (172.29.83.11) -- no entry\n', 1, False),
], ids=['entry', 'permanent', 'no entry'])
def test_arp(text, rc, answered):
    assert parse_arp(text, rc)[0] is answered


@pytest.mark.parametrize('text,rc', [
    ('sh: /usr/sbin/arp: not found', 127),
    ('arp: 172.29.83.11: Permission denied', 1),
], ids=['missing', 'denied'])
def test_arp_that_proves_nothing(text, rc):
    with pytest.raises(SilenceError):
        parse_arp(text, rc)


def test_tcp_answers_tell_a_reset_from_silence():
    with socket.socket() as server:
        server.bind(('127.0.0.1', 0))
        server.listen(1)
        port = server.getsockname()[1]
        assert tcp_answer('127.0.0.1', port, 1) == 'accepts connections'
    # the port is closed now: the station resets the connection, and that is an answer
    assert tcp_answer('127.0.0.1', port, 1).startswith('resets connections')
    # (a silent address, where nothing answers within the timeout, is shown on the lab: tests/lab)
