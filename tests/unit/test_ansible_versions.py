"""The ansible-core versions the collection says it supports are the ones its tests run on, and none of them warns.

meta/runtime.yml's requires_ansible goes from the oldest ansible-core tested (requirements-oldest.txt, make oldest)
to the newest (requirements-newest.txt, make newest, on a Debian 13 controller); .venv's (requirements-test.txt)
lies between. These tests run in each of those venvs: the ansible-core running them must be one the collection
accepts, and a run of the playbooks prints no "does not support" or deprecation warning with it.
"""

import os
import re
import subprocess
import sys

import pytest
import yaml
from ansible.release import __version__ as ANSIBLE_CORE
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)
PLAYBOOKS = [os.path.join(ROOT, 'playbooks', p) for p in ('to_failover.yml', 'to_main.yml', 'status.yml')]
# what ansible-core prints when a collection's requires_ansible does not cover it, or something is deprecated
VERSION_WARNINGS = re.compile(r'does not support Ansible version|\[DEPRECATION WARNING\]|deprecated', re.I)


def requires_ansible():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        return SpecifierSet(yaml.safe_load(handle)['requires_ansible'])


def pinned_core(name):
    with open(os.path.join(ROOT, name)) as handle:
        for line in handle:
            if line.startswith('ansible-core=='):
                return Version(line.split('==')[1].strip())
    raise AssertionError('%s pins no ansible-core' % name)


def test_requires_ansible_accepts_the_ansible_core_running_the_tests():
    assert Version(ANSIBLE_CORE) in requires_ansible(), (ANSIBLE_CORE, str(requires_ansible()))


def test_requires_ansible_goes_from_the_oldest_to_the_newest_tested():
    spec = requires_ansible()
    oldest, current, newest = (pinned_core(n) for n in ('requirements-oldest.txt', 'requirements-test.txt',
                                                        'requirements-newest.txt'))
    bounds = dict((s.operator, Version(s.version)) for s in spec)
    assert bounds['>='] == Version('%d.%d.0' % oldest.release[:2])
    assert bounds['<'] == Version('%d.%d.0' % (newest.major, newest.minor + 1))
    assert all(v in spec for v in (oldest, current, newest))


@pytest.mark.parametrize('requirements', ['requirements-oldest.txt', 'requirements-test.txt',
                                          'requirements-newest.txt'])
def test_the_support_matrix_names_each_tested_ansible_core(requirements):
    with open(os.path.join(ROOT, 'docs', 'docsite', 'rst', 'guide_support.rst')) as handle:
        assert '* - %s' % pinned_core(requirements) in handle.read()


def run(*args, **kwargs):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1')
    env.update(kwargs.pop('env', {}))
    return subprocess.run([os.path.join(BIN, args[0])] + list(args[1:]), cwd=ROOT, env=env, check=False,
                          capture_output=True, text=True, timeout=300)


def test_syntax_check_prints_no_version_warning():
    result = run('ansible-playbook', '--syntax-check', *PLAYBOOKS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not VERSION_WARNINGS.search(result.stdout + result.stderr), result.stdout + result.stderr


def test_play_0_refusal_prints_no_version_warning(tmp_path):
    """Play 0 runs the collection's controller actions (pair_group, ssh_client, audit) and refuses a group that is
    not in the inventory before any box is contacted: loaded and run, they print no version warning."""
    result = run('ansible-playbook', PLAYBOOKS[0], '-e', 'remedy_failover_pair=remdy',
                 '-e', 'remedy_failover_audit_log=%s' % (tmp_path / 'audit.log'))
    assert result.returncode != 0 and 'remdy is not a group of the inventory' in result.stdout, \
        result.stdout + result.stderr
    assert not VERSION_WARNINGS.search(result.stdout + result.stderr), result.stdout + result.stderr
