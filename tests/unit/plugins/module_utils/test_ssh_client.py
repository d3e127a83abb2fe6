"""OpenSSH 10 has no DSA: an inventory that asks for ssh-dss is refused in play 0, before any box is contacted,
when the controller's ssh client lists no ssh-dss (module_utils/ssh_client.py)."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.ssh_client import (  # noqa
    client_key_types, dsa_refusal, dsa_requests, ssh_options)

# `ssh -Q key` of Debian 12's OpenSSH 9.2 (DSA still built in) and Debian 13's OpenSSH 10.0 (no DSA), shortened
OPENSSH_9 = 'ssh-ed25519\nssh-ed25519-cert-v01@openssh.com\nssh-rsa\nssh-dss\necdsa-sha2-nistp256\n' \
            'ssh-rsa-cert-v01@openssh.com\nssh-dss-cert-v01@openssh.com\n'
OPENSSH_10 = 'ssh-ed25519\nssh-ed25519-cert-v01@openssh.com\nssh-rsa\necdsa-sha2-nistp256\n' \
             'ssh-rsa-cert-v01@openssh.com\n'
# the documented SunSSH options (the inventory guide, the lab's group vars)
SUNSSH = ('-o StrictHostKeyChecking=yes -o UpdateHostKeys=no '
          '-o KexAlgorithms=+diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1 '
          '-o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedAlgorithms=^ssh-rsa')


@pytest.mark.parametrize('output, types', [
    (OPENSSH_9, 'dsa'),
    (OPENSSH_10, 'no dsa'),
    ('', None),  # the client could not be asked
    ('\n  \n', None),
], ids=['openssh-9', 'openssh-10', 'no-answer', 'blank-answer'])
def test_client_key_types(output, types):
    found = client_key_types(output)
    if types is None:
        assert found is None
    else:
        assert ('ssh-dss' in found) == (types == 'dsa') and 'ssh-rsa' in found


@pytest.mark.parametrize('args, options', [
    ('-o HostKeyAlgorithms=+ssh-dss', [('HostKeyAlgorithms', '+ssh-dss')]),
    ('-oHostKeyAlgorithms=+ssh-dss', [('HostKeyAlgorithms', '+ssh-dss')]),
    ("-o 'HostKeyAlgorithms +ssh-dss'", [('HostKeyAlgorithms', '+ssh-dss')]),
    ('-C -o ControlMaster=auto -v', [('ControlMaster', 'auto')]),
    ('-o', []),  # a dangling -o
    ("-o 'HostKeyAlgorithms=+ssh-dss", []),  # unbalanced quote: ssh refuses it itself
    ('', []),
    (None, []),
], ids=['equals', 'joined', 'space', 'other-words', 'dangling', 'unbalanced', 'empty', 'none'])
def test_ssh_options(args, options):
    assert ssh_options(args) == options


@pytest.mark.parametrize('args, requests', [
    (SUNSSH, []),
    ('-o HostKeyAlgorithms=+ssh-dss', ['HostKeyAlgorithms=+ssh-dss']),
    ('-o HostKeyAlgorithms=ssh-rsa,ssh-dss', ['HostKeyAlgorithms=ssh-rsa,ssh-dss']),
    ('-o HostKeyAlgorithms=^ssh-dss', ['HostKeyAlgorithms=^ssh-dss']),
    ('-o hostkeyalgorithms=+ssh-dss', ['hostkeyalgorithms=+ssh-dss']),
    ('-o PubkeyAcceptedAlgorithms=+ssh-dss', ['PubkeyAcceptedAlgorithms=+ssh-dss']),
    ('-o PubkeyAcceptedKeyTypes=+ssh-dss', ['PubkeyAcceptedKeyTypes=+ssh-dss']),
    ('-o HostKeyAlgorithms=+ssh-dss-cert-v01@openssh.com', ['HostKeyAlgorithms=+ssh-dss-cert-v01@openssh.com']),
    ('-o HostKeyAlgorithms=-ssh-dss', []),  # removes DSA: asks for nothing
    ('-o KexAlgorithms=+ssh-dss', []),  # not a key type option
    ('-o HostKeyAlgorithms=+ssh-dsss', []),  # not the type's name
    (SUNSSH + ' -o HostKeyAlgorithms=+ssh-dss', ['HostKeyAlgorithms=+ssh-dss']),
], ids=['sunssh-documented', 'plus', 'list', 'first', 'lower-case-name', 'pubkey', 'pubkey-old-name', 'cert',
        'minus', 'kex', 'near-name', 'sunssh-and-dss'])
def test_dsa_requests(args, requests):
    assert dsa_requests(args) == requests


DSS_HOST = {'ansible_ssh_common_args': SUNSSH + ' -o HostKeyAlgorithms=+ssh-dss'}
RSA_HOST = {'ansible_ssh_common_args': SUNSSH, 'ssh_args': '-o ControlMaster=auto -o ControlPersist=60s'}


@pytest.mark.parametrize('hosts, output, refused', [
    ({'sunar01': RSA_HOST, 'sunar02': RSA_HOST}, OPENSSH_10, []),
    ({'sunar01': RSA_HOST, 'sunar02': DSS_HOST}, OPENSSH_10, ['sunar02']),
    ({'sunar01': DSS_HOST, 'sunar02': DSS_HOST}, OPENSSH_10, ['sunar01', 'sunar02']),
    ({'sunar01': {'ansible_ssh_extra_args': '-o PubkeyAcceptedAlgorithms=+ssh-dss'}, 'sunar02': {}}, OPENSSH_10,
     ['sunar01']),
    ({'sunar01': {'ssh_args': '-o HostKeyAlgorithms=+ssh-dss'}, 'sunar02': {}}, OPENSSH_10, ['sunar01']),
    ({'sunar01': DSS_HOST, 'sunar02': DSS_HOST}, OPENSSH_9, []),  # the client still has DSA
    ({'sunar01': DSS_HOST, 'sunar02': DSS_HOST}, '', []),  # the client could not be asked
    ({}, OPENSSH_10, []),
], ids=['rsa-on-10', 'one-dss-on-10', 'both-dss-on-10', 'extra-args', 'ansible-cfg-ssh-args', 'dss-on-9',
        'client-unknown', 'no-hosts'])
def test_dsa_refusal(hosts, output, refused):
    msg = dsa_refusal(hosts, client_key_types(output))
    if not refused:
        assert msg is None
        return
    for host in hosts:
        assert ('%s (' % host in msg) == (host in refused), msg
    # what is wrong, why, what to do, and that nothing happened
    assert 'ssh-dss' in msg and 'ssh -Q key' in msg and 'OpenSSH 10' in msg
    assert 'RSA host key' in msg and 'ssh-rsa' in msg
    assert msg.endswith('Nothing was changed and no box was contacted.')


def test_refusal_names_the_setting_and_the_option():
    msg = dsa_refusal({'sunar02': DSS_HOST}, client_key_types(OPENSSH_10))
    assert 'sunar02 (ansible_ssh_common_args: HostKeyAlgorithms=+ssh-dss)' in msg
