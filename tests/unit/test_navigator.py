"""ansible-navigator.yml: ansible-navigator accepts it, and it runs the playbooks in the collection's own execution
environment with the pairs' locks and the audit trail kept outside the container, and nothing written to the checkout.

No container engine is used: with ``--ee false`` ansible-navigator still parses and resolves every setting (with the
execution environment on, it refuses to run when the image is not on the controller: pull policy ``never``).
"""

import os
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)
SETTINGS = os.path.join(ROOT, 'ansible-navigator.yml')
LOCK_DIR = '/var/tmp/remedy_failover'


def navigator(home, *args):
    env = dict(os.environ, HOME=str(home), ANSIBLE_NAVIGATOR_CONFIG=SETTINGS, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               NO_COLOR='1')
    return subprocess.run([os.path.join(BIN, 'ansible-navigator'), *args, '--mode', 'stdout', '--ee', 'false'],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def home(tmp_path):
    os.makedirs(LOCK_DIR, exist_ok=True)
    (tmp_path / '.ansible' / 'remedy_failover').mkdir(parents=True)
    return tmp_path


def effective(home):
    run = navigator(home, 'settings', '--effective')
    assert run.returncode == 0, run.stdout + run.stderr
    return yaml.safe_load(run.stdout)['ansible-navigator']


def test_the_settings_are_valid_and_run_the_collections_execution_environment(home):
    settings = effective(home)
    ee = settings['execution-environment']
    with open(os.path.join(ROOT, 'execution-environment.yml')) as handle:
        assert yaml.safe_load(handle)['version'] == 3  # the file that builds the image named here
    assert ee['image'] == 'localhost/remedy-failover-ee:latest'  # the tag the README's podman build gives
    assert ee['pull']['policy'] == 'never'  # built on the controller, no registry has it
    mounts = {m['dest']: m['src'] for m in ee['volume-mounts']}
    # the locks at the same path inside and out: a run in the container and one outside it exclude each other
    assert mounts[LOCK_DIR] == LOCK_DIR
    # the audit trail's default (~/.ansible/remedy_failover/audit.log) inside the container is the controller's
    assert ee['environment-variables']['set']['HOME'] == '/runner'
    assert mounts['/runner/.ansible/remedy_failover'] == str(home / '.ansible' / 'remedy_failover')


def test_artifacts_and_logs_are_written_outside_the_checkout(home):
    settings = effective(home)
    log = settings['logging']['file']
    artifact = os.path.expanduser(settings['playbook-artifact']['save-as'].replace('~', str(home), 1))
    for path in (log, artifact):
        assert path.startswith(str(home / '.ansible' / 'remedy_failover') + '/'), path


def test_the_playbooks_pass_a_syntax_check_through_navigator(home):
    before = set(os.listdir(os.path.join(ROOT, 'playbooks')))
    for playbook in ('to_failover.yml', 'to_main.yml', 'status.yml'):
        run = navigator(home, 'run', 'playbooks/' + playbook, '--syntax-check')
        assert run.returncode == 0, run.stdout + run.stderr
    assert set(os.listdir(os.path.join(ROOT, 'playbooks'))) == before  # no artifact beside the playbooks
    artifacts = os.listdir(home / '.ansible' / 'remedy_failover' / 'navigator')
    assert any(name.startswith('to_failover-artifact-') for name in artifacts)
