"""Each role's README is generated from its meta/argument_specs.yml and stays so (make readmes)."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'hacking'))

import role_readmes  # noqa: E402  pylint: disable=wrong-import-position

ROLES = ['arconf', 'remedy_autostart', 'remedy_daemons', 'serco_monitoring', 'setname']


def test_every_role_is_covered():
    assert role_readmes.roles() == ROLES


@pytest.mark.parametrize('role', ROLES)
def test_readme_matches_the_argument_specs(role):
    with open(os.path.join(ROOT, 'roles', role, 'README.md')) as handle:
        assert handle.read() == role_readmes.render(role), 'stale: run make readmes'


def test_readme_lists_every_variable_and_markup_is_rendered():
    text = role_readmes.render('remedy_daemons')
    for name in ('remedy_daemons_state', 'remedy_daemons_services', 'remedy_daemons_services[].process',
                 'remedy_daemons_port_host', 'remedy_daemons_timeout'):
        assert '| `%s` |' % name in text
    assert 'C(' not in text and 'O(' not in text and 'V(' not in text


def test_check_fails_on_a_stale_readme(tmp_path):
    path = os.path.join(ROOT, 'roles', 'arconf', 'README.md')
    with open(path) as handle:
        good = handle.read()
    try:
        with open(path, 'a') as handle:
            handle.write('hand edit\n')
        done = subprocess.run([sys.executable, os.path.join(ROOT, 'hacking', 'role_readmes.py'), '--check'],
                              check=False, capture_output=True, text=True)
        assert done.returncode == 1 and 'roles/arconf/README.md' in done.stderr
    finally:
        with open(path, 'w') as handle:
            handle.write(good)
