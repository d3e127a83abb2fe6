"""remedy.failover.psrinfo against the lab boxes, through ansible-playbook, real and in check mode."""

import json
import os

import pytest

from conftest import ROOT, run_playbook

PLAYBOOK = os.path.join(ROOT, 'tests', 'lab', 'playbooks', 'psrinfo_module.yml')


@pytest.mark.parametrize('mode', [[], ['--check']], ids=['run', 'check'])
def test_module_reads_each_box(lab, mode):
    result = run_playbook(PLAYBOOK, *mode)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    stats = json.loads(result.stdout)['stats']
    assert set(stats) == {'sunar01', 'sunar02'}
    for host in stats.values():
        assert host['failures'] == 0 and host['unreachable'] == 0 and host['changed'] == 0
        assert host['ok'] >= 3
