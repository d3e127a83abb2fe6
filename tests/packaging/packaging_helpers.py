"""For the packaging tests: where the checkout, its two venvs and the collection's metadata are.

A module name of its own: every tests/ folder has a conftest.py, and pytest imports each as "conftest".
"""

import os

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
