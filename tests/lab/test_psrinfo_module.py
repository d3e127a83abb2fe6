"""remedy.failover.psrinfo against the lab boxes, through ansible-playbook, real and in check mode."""

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

PLAYBOOK = os.path.join(ROOT, 'tests', 'lab', 'playbooks', 'psrinfo_module.yml')


def ansible_playbook(*args):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               ANSIBLE_STDOUT_CALLBACK='ansible.builtin.json')
    return subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), PLAYBOOK] + list(args), cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize('mode', [[], ['--check']], ids=['run', 'check'])
def test_module_reads_each_box(lab, mode):
    result = ansible_playbook(*mode)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    stats = json.loads(result.stdout)['stats']
    assert set(stats) == {'sunar01', 'sunar02'}
    for host in stats.values():
        assert host['failures'] == 0 and host['unreachable'] == 0 and host['changed'] == 0
        assert host['ok'] >= 3
