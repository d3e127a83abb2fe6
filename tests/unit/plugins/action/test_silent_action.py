"""remedy.failover.silent: the ports from the controller and Solaris' ping and arp from the box, in one round trip."""

import os
import socket

import pytest

from ansible_collections.remedy.failover.plugins.action.silent import ActionModule


def standin(tmp_path, name, text, rc):
    path = tmp_path / name
    path.write_text('#!/bin/sh\necho "$*" >>%s/%s.calls\necho "%s"\nexit %d\n' % (tmp_path, name, text, rc))
    os.chmod(path, 0o755)
    return str(path)


def args(tmp_path, ping, arp, ports=()):
    return {'name': 'sunar01', 'address': '192.0.2.11', 'ports': list(ports), 'connect_timeout': 0.2,
            'ping_path': standin(tmp_path, 'ping', *ping), 'arp_path': standin(tmp_path, 'arp', *arp)}


def test_a_silent_address_is_proven_silent(run_local, tmp_path):
    result, commands = run_local(ActionModule, args(tmp_path, ('no answer from 192.0.2.11', 1),
                                                    ('192.0.2.11 (192.0.2.11) -- no entry', 1), ports=[22]))
    assert not result.get('failed'), result
    assert result['silent'] is True and result['ports'] == {22: False}
    assert len(commands) == 1  # one round trip
    # the cached entry is dropped before ping asks ARP afresh, then read
    assert (tmp_path / 'arp.calls').read_text().split('\n')[:2] == ['-d 192.0.2.11', '192.0.2.11']
    assert (tmp_path / 'ping.calls').read_text().strip() == '192.0.2.11 1'


@pytest.mark.parametrize('ping,arp,says', [
    (('192.0.2.11 is alive', 0), ('192.0.2.11 (192.0.2.11) at 8:0:20:a1:b2:c3', 0), 'ICMP echo answers'),
    (('no answer from 192.0.2.11', 1), ('192.0.2.11 (192.0.2.11) at 8:0:20:a1:b2:c3', 0), 'ARP answers'),
], ids=['ping', 'arp only (a station that drops ICMP)'])
def test_a_station_at_the_address_is_refused(run_local, tmp_path, ping, arp, says):
    result, dummy = run_local(ActionModule, args(tmp_path, ping, arp))
    assert result['failed'] and result['silent'] is False
    assert says in result['msg'] and 'was not rebooted' in result['msg']
    assert result['msg'].startswith('sunar01 (172.29.83.11): something still answers at sunar01\'s address 192.0.2.11')


def test_a_port_that_resets_is_an_answer(run_local, tmp_path):
    with socket.socket() as server:
        server.bind(('127.0.0.1', 0))
        port = server.getsockname()[1]
    task = args(tmp_path, ('no answer from 127.0.0.1', 1), ('127.0.0.1 (127.0.0.1) -- no entry', 1), ports=[port])
    task['address'] = '127.0.0.1'
    result, dummy = run_local(ActionModule, task)
    assert result['failed'] and 'port %d resets connections' % port in result['msg']


def test_a_box_without_ping_cannot_prove_silence(run_local, tmp_path):
    task = args(tmp_path, ('x', 0), ('x', 0))
    task['ping_path'] = str(tmp_path / 'nowhere')
    result, dummy = run_local(ActionModule, task)
    assert result['failed'] and 'could not be proven silent' in result['msg']


def test_without_an_address_the_inventory_gives_the_names_address_and_ssh_port(run_local, tmp_path):
    """tasks/silent.yml passes the production name only: its ansible_host and ansible_port are the action's to read."""
    with socket.socket() as server:
        server.bind(('127.0.0.1', 0))
        port = server.getsockname()[1]
    task = args(tmp_path, ('no answer from 127.0.0.1', 1), ('127.0.0.1 (127.0.0.1) -- no entry', 1), ports=[2020])
    del task['address']
    hostvars = {'sunar01': {'ansible_host': '127.0.0.1', 'ansible_port': port}}
    result, dummy = run_local(ActionModule, task, task_vars={'hostvars': hostvars})
    assert sorted(result['ports']) == sorted([port, 2020]), result
    assert (tmp_path / 'ping.calls').read_text().strip() == '127.0.0.1 1'
    # a name without ansible_host is its own address, with SSH on 22
    task = args(tmp_path, ('no answer from sunar01', 1), ('sunar01 (sunar01) -- no entry', 1), ports=[2020])
    del task['address']
    result, dummy = run_local(ActionModule, task, task_vars={'hostvars': {'sunar01': {}}})
    assert sorted(result['ports']) == [22, 2020] and 'sunar01 1' in (tmp_path / 'ping.calls').read_text()
