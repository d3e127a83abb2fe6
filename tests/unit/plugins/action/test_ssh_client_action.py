"""remedy.failover.ssh_client asks the controller's ssh client (ssh -Q key) and reads each host's ssh arguments,
variables first, else ansible.cfg's ssh_args; a host asking for ssh-dss on a client without DSA is refused."""

import os
from unittest.mock import MagicMock

import pytest

from ansible_collections.remedy.failover.plugins.action.ssh_client import ActionModule  # noqa

OPENSSH_10 = 'ssh-ed25519\nssh-rsa\necdsa-sha2-nistp256\n'
OPENSSH_9 = OPENSSH_10 + 'ssh-dss\n'


def fake_ssh(folder, answer):
    """An ssh client that answers `ssh -Q key` with answer (and fails anything else)."""
    path = os.path.join(str(folder), 'ssh')
    with open(path, 'w') as handle:
        handle.write('#!/bin/sh\nif [ "$1 $2" = "-Q key" ]; then printf \'%%s\' \'%s\'; exit 0; fi\nexit 255\n' % answer)
    os.chmod(path, 0o755)
    return path


def run(ssh, hostvars, hosts=('sunar01', 'sunar02')):
    task = MagicMock()
    task.args = {'hosts': list(hosts), 'ssh_executable': ssh}
    task.check_mode = False
    task.async_val = 0
    task.action = 'remedy.failover.ssh_client'
    templar = MagicMock()
    templar.template.side_effect = lambda value: value
    action = ActionModule(task, MagicMock(), MagicMock(), loader=None, templar=templar, shared_loader_obj=None)
    return action.run(task_vars={'hostvars': hostvars})


DSS = {'ansible_ssh_common_args': '-o HostKeyAlgorithms=+ssh-dss'}
RSA = {'ansible_ssh_common_args': '-o HostKeyAlgorithms=+ssh-rsa'}


@pytest.mark.parametrize('answer, hostvars, failed, dsa', [
    (OPENSSH_10, {'sunar01': RSA, 'sunar02': RSA}, False, False),
    (OPENSSH_10, {'sunar01': RSA, 'sunar02': DSS}, True, False),
    (OPENSSH_9, {'sunar01': RSA, 'sunar02': DSS}, False, True),
], ids=['rsa-on-10', 'dss-on-10', 'dss-on-9'])
def test_action_refuses_dss_on_a_client_without_dsa(tmp_path, answer, hostvars, failed, dsa):
    result = run(fake_ssh(tmp_path, answer), hostvars)
    assert result.get('failed', False) == failed and result['dsa'] == dsa and result['changed'] is False
    if failed:
        assert result['refusal'] == 'ssh_dsa' and 'sunar02 (ansible_ssh_common_args' in result['msg']


def test_action_refuses_nothing_when_the_client_cannot_be_asked(tmp_path):
    result = run(os.path.join(str(tmp_path), 'no-such-ssh'), {'sunar01': DSS, 'sunar02': DSS})
    assert not result.get('failed') and result['dsa'] is None
