"""Shared by the packaging tests: where the checkout, its two venvs and the collection's metadata are."""

import os
import subprocess

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
VENV_BIN = os.path.join(ROOT, '.venv', 'bin')
# galaxy-importer and ansible-builder live in their own venv (requirements-packaging.txt, `make packaging-setup`)
PKG_BIN = os.path.join(ROOT, '.venv-packaging', 'bin')


def galaxy_meta():
    with open(os.path.join(ROOT, 'galaxy.yml'), encoding='utf-8') as f:
        return yaml.safe_load(f)


def artifact_name():
    meta = galaxy_meta()
    return '%s-%s-%s.tar.gz' % (meta['namespace'], meta['name'], meta['version'])


def user_env(home, path_first):
    """The environment of a user who never set anything for Ansible: no ANSIBLE_* (make exports ANSIBLE_CONFIG)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('ANSIBLE_')}
    env.update(HOME=str(home), PATH=os.pathsep.join([path_first, os.environ.get('PATH', '/usr/bin:/bin')]),
               ANSIBLE_NOCOLOR='1')
    return env


@pytest.fixture(scope='session')
def pkg_venv():
    for tool in ('python', 'ansible-builder', 'ansible-lint', 'flake8', 'ansible-galaxy'):
        assert os.path.exists(os.path.join(PKG_BIN, tool)), \
            '%s missing from .venv-packaging: run make packaging-setup (make packaging does)' % tool
    return PKG_BIN


@pytest.fixture(scope='session')
def artifact(tmp_path_factory):
    """The collection built as `make build` builds it, into a scratch folder, with no ansible.cfg of the checkout."""
    out = tmp_path_factory.mktemp('artifact')
    env = user_env(out, VENV_BIN)
    subprocess.run([os.path.join(VENV_BIN, 'ansible-galaxy'), 'collection', 'build', '--output-path', str(out), ROOT],
                   check=True, capture_output=True, env=env, cwd=str(out))
    path = out / artifact_name()
    assert path.is_file()
    return path
