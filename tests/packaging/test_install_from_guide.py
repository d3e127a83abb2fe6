"""The install guide's steps, run literally: build, install from outside the checkout, use the installed copy.

The code block after the marker comment in docs/docsite/rst/guide_install.rst (the README links it) runs as it
stands in bash (-e, -u, pipefail) from the checkout, as a new user with .venv/bin on the PATH and nothing set for
Ansible, with a scratch HOME (so `cd ~` and the default collections path ~/.ansible/collections are the scratch
ones and no earlier install on this machine counts).
"""

import os
import re
import subprocess
import textwrap

import pytest

from packaging_helpers import ROOT, VENV_BIN, galaxy_meta, user_env

GUIDE = os.path.join(ROOT, 'docs', 'docsite', 'rst', 'guide_install.rst')
MARKER = '.. tests/packaging/test_install_from_guide.py runs the next block as it is, with a scratch HOME\n'


def guide_block():
    """The lines of the `.. code-block:: sh` right after the marker, as the rendered guide shows them."""
    with open(GUIDE, encoding='utf-8') as f:
        text = f.read()
    assert text.count(MARKER) == 1
    match = re.match(r'\n\.\. code-block:: sh\n\n((?:(?:   .*)?\n)+)', text.split(MARKER, 1)[1])
    assert match, 'no sh code block right after the marker'
    return textwrap.dedent(match.group(1)).strip('\n') + '\n'


@pytest.fixture(scope='module')
def followed(tmp_path_factory):
    home = tmp_path_factory.mktemp('home')
    block = guide_block()
    proc = subprocess.run(['bash', '-euo', 'pipefail', '-c', block], cwd=ROOT, env=user_env(home, VENV_BIN),
                          check=False, capture_output=True, text=True, timeout=600)
    return home, block, proc


def installed_at(home):
    return os.path.join(str(home), '.ansible', 'collections', 'ansible_collections', 'remedy', 'failover')


def test_block_is_the_whole_path(followed):
    block = followed[1]
    steps = [line.split('#')[0].strip() for line in block.splitlines()]
    assert steps[0] == 'make build'
    assert 'cd ~' in steps
    assert any(s.startswith('ansible-galaxy collection install') for s in steps)
    assert steps.index('cd ~') < [i for i, s in enumerate(steps) if s.startswith('ansible-galaxy')][0]


def test_steps_succeed_and_install(followed):
    home, proc = followed[0], followed[2]
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    version = galaxy_meta()['version']
    assert 'remedy.failover:%s was installed successfully' % version in out
    assert 'Nothing to do' not in out
    # the dependency came from the ansible package in .venv: nothing else was installed, Galaxy never asked
    assert re.search(r"'community\.general:\d+\.\d+\.\d+' is already installed, skipping", out), out
    assert sorted(os.listdir(os.path.join(str(home), '.ansible', 'collections', 'ansible_collections'))) == ['remedy']
    with open(os.path.join(installed_at(home), 'MANIFEST.json'), encoding='utf-8') as f:
        assert '"version": "%s"' % version in f.read()


def test_doc_roles_and_playbook_come_from_the_installed_copy(followed):
    home, proc = followed[0], followed[2]
    out = proc.stdout
    where = installed_at(home)
    assert '> MODULE remedy.failover.psrinfo (%s/plugins/modules/psrinfo.py)' % where in out, out
    roles = sorted(os.listdir(os.path.join(where, 'roles')))
    assert len(roles) == 5
    for role in roles:
        assert 'remedy.failover.%s:' % role in out, role
    assert 'playbook: %s/playbooks/to_failover.yml' % where in out
    assert ROOT + '/' not in out.replace(ROOT + '/remedy-failover', '')  # nothing resolved from the checkout


def test_in_the_checkout_the_same_install_does_nothing(tmp_path):
    """Why the guide says to leave the checkout: there ansible.cfg shows the checkout itself as installed."""
    subprocess.run(['make', '-C', ROOT, 'build'], check=True, capture_output=True, env=user_env(tmp_path, VENV_BIN))
    tarball = os.path.join(ROOT, 'remedy-failover-%s.tar.gz' % galaxy_meta()['version'])
    proc = subprocess.run([os.path.join(VENV_BIN, 'ansible-galaxy'), 'collection', 'install', '--offline', '-p',
                           str(tmp_path / 'c'), tarball], cwd=ROOT, env=user_env(tmp_path, VENV_BIN),
                          check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert 'Nothing to do' in proc.stdout
    assert not (tmp_path / 'c' / 'ansible_collections' / 'remedy').exists()
