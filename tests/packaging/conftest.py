"""Fixtures of the packaging tests: the packaging venv, the built artifact."""

import os
import subprocess

import pytest

from packaging_helpers import PKG_BIN, ROOT, VENV_BIN, artifact_name, user_env


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
