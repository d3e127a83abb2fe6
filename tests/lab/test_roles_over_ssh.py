"""The roles over SSH, as production runs them (molecule's docker connection cannot show this)."""

import json
import os
import urllib.request

from conftest import ADDRESS, ROOT, run_playbook

PLAYBOOK = os.path.join(ROOT, 'tests', 'lab', 'playbooks', 'daemons_over_ssh.yml')


def test_restart_over_ssh_returns_even_when_a_daemon_keeps_its_scripts_output(lab):
    """jsp's daemon keeps its script's stdout, which hangs a plain ssh; Ansible's connection returns."""
    result = run_playbook(PLAYBOOK, timeout=180)  # a hung start would end in TimeoutExpired
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert json.loads(result.stdout)['stats']['sunar01']['changed'] == 2
    assert {'arserverd', 'httpd', 'java'} <= set(lab.processes('main'))
    with urllib.request.urlopen('http://%s:8080/' % ADDRESS['sunar01'], timeout=3) as response:
        assert response.status == 200
