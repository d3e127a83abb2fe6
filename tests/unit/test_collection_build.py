"""The collection builds, installs, documents its module and runs its playbooks by full name."""

import glob
import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)


@pytest.fixture(scope='module')
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('collection')
    (tmp / 'ansible.cfg').write_text('[defaults]\n')  # not the checkout's: only the installed copy counts
    env = dict(os.environ, ANSIBLE_CONFIG=str(tmp / 'ansible.cfg'))
    subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', '--output-path', str(tmp), ROOT],
                   check=True, capture_output=True, env=env)
    tarball = glob.glob(str(tmp / 'remedy-failover-*.tar.gz'))
    assert len(tarball) == 1
    # only this path is searched: a copy elsewhere on the machine (molecule makes one) must not count
    env['ANSIBLE_COLLECTIONS_PATH'] = str(tmp / 'collections')
    # Offline, with the dependencies resolved (no --no-deps): galaxy.yml's community.general must be satisfied by the
    # copy the venv's ansible package ships (ansible-galaxy also scans sys.path), as it is wherever the pinned
    # requirements are installed; Galaxy is never contacted and nothing but this collection is installed.
    install = subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--offline', '--force',
                              '-p', str(tmp / 'collections'), tarball[0]], check=True, capture_output=True,
                             text=True, env=env)
    assert "'community.general:" in install.stdout and 'is already installed, skipping' in install.stdout
    assert os.path.isfile(str(tmp / 'collections/ansible_collections/remedy/failover/plugins/action/psrinfo.py'))
    env['ANSIBLE_NOCOLOR'] = '1'
    return tmp, tarball[0], env


def test_build_leaves_out_lab_and_tests(installed):
    out = subprocess.run(['tar', '-tzf', installed[1]], check=True, capture_output=True, text=True).stdout
    names = out.split()
    assert 'plugins/modules/psrinfo.py' in names
    assert 'plugins/action/psrinfo.py' in names
    assert 'plugins/module_utils/psrinfo.py' in names
    assert not [n for n in names if n.startswith(('lab/', 'tests/', 'molecule/', '.collections', '.venv'))]


def test_ansible_doc_of_installed_module(installed):
    result = subprocess.run([os.path.join(BIN, 'ansible-doc'), 'remedy.failover.psrinfo'], check=False, capture_output=True,
                            text=True, env=installed[2], cwd=str(installed[0]))
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    # '> MODULE remedy.failover.psrinfo (PATH)' since ansible-core 2.17, '> REMEDY.FAILOVER.PSRINFO    (PATH)' before
    assert re.match(r'> (MODULE remedy\.failover\.psrinfo|REMEDY\.FAILOVER\.PSRINFO) +\(%s/' %
                    re.escape(installed[2]['ANSIBLE_COLLECTIONS_PATH']), first), first
    assert 'told apart by their' in result.stdout
    assert 'physical_count' in result.stdout


def test_playbook_by_full_name(installed):
    result = subprocess.run([os.path.join(BIN, 'ansible-playbook'), 'remedy.failover.status', '--syntax-check',
                             '-i', 'localhost,'], check=False, capture_output=True, text=True, env=installed[2],
                            cwd=str(installed[0]))
    assert result.returncode == 0, result.stdout + result.stderr
