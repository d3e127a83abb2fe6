"""The lab boxes have no Python Ansible can use, as the Solaris boxes: the lab's own machinery runs on a
private interpreter (/opt/lab/libexec/python3) that is neither on the PATH nor where Ansible looks."""

import json
import os

from ansible import constants as C

from conftest import ROOT, SEED_PAIR, run_playbook

PLAYBOOK = os.path.join(ROOT, 'tests', 'lab', 'playbooks', 'no_python.yml')
# what ansible-core's interpreter discovery tries, and the usual names
DISCOVERY = C.config.get_configuration_definition('INTERPRETER_PYTHON_FALLBACK')['default']
NAMES = ['python3', 'python', 'python3.11', 'python2'] + DISCOVERY + ['/usr/libexec/platform-python']
PATHS = '/usr/bin/python* /usr/local/bin/python* /bin/python* /usr/sbin/python* /usr/libexec/platform-python*'


def test_no_python_on_the_path_nor_where_ansible_looks(lab):
    for name in SEED_PAIR:
        found = lab.ssh(name, 'command -v %s' % ' '.join(NAMES), check=False)
        assert found.stdout == '' and found.returncode != 0, '%s: %s' % (name, found.stdout)
        listed = lab.ssh(name, 'ls -d %s' % PATHS, check=False)
        assert listed.stdout == '' and listed.returncode != 0, '%s: %s' % (name, listed.stdout)
        assert '/opt/lab' not in lab.ssh(name, 'echo "$PATH"').stdout


def test_a_python_module_fails_and_the_psrinfo_action_works_in_the_same_run(lab):
    result = run_playbook(PLAYBOOK)
    assert result.returncode == 2, result.stdout[-3000:] + result.stderr[-2000:]
    play = json.loads(result.stdout)
    tasks = {task['task']['name']: task['hosts'] for task in play['plays'][0]['tasks']}
    for name, cpus in (('sunar01', 2), ('sunar02', 1)):
        psrinfo = tasks['Read psrinfo (no Python needed on the box)'][name]
        assert not psrinfo.get('failed') and psrinfo['count'] == cpus
        ping = tasks['Ping (a Python module)'][name]
        assert ping['failed'] and 'interpreter' in ping['msg'], ping
        assert play['stats'][name]['failures'] == 1 and play['stats'][name]['unreachable'] == 0
