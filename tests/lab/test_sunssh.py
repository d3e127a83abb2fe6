"""The lab's boxes refuse what a Solaris box refuses: SunSSH's algorithms only, no root login, su with the root
password answering as Solaris' su does; and the collection stops at a wrong root password before any change."""

import json
import subprocess
import time

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.identity import ID_COMMAND, parse_id
from conftest import ADDRESS, LOGIN, ROOT, SSH, SUNSSH, labctl, root_password, run_playbook, su_over_ssh
from lab_helpers import state

# SunSSH's key exchanges (usr/src/cmd/ssh/include/myproposal.h)
SUNSSH_KEX = {'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'}
BOXES = {'sunar01': 'main', 'sunar02': 'failover'}


def ssh(options, user, name, command='true'):
    return subprocess.run(options + ['%s@%s' % (user, ADDRESS[name]), command], check=False, capture_output=True,
                          text=True, timeout=60)


def without(*names):
    """The lab's ssh options less the SunSSH options named (and ssh's refusals logged: LogLevel INFO)."""
    dropped = [option for option in SUNSSH[1::2] if option.split('=')[0] in names]
    options = ['LogLevel=INFO' if option == 'LogLevel=ERROR' else option for option in SSH[:len(SSH) - len(SUNSSH)]]
    for option in SUNSSH[1::2]:
        if option not in dropped:
            options += ['-o', option]
    return options


@pytest.mark.parametrize('name', sorted(BOXES))
def test_a_client_with_default_options_is_refused_and_offered_only_sunssh_key_exchanges(lab, name):
    result = ssh(without('KexAlgorithms', 'HostKeyAlgorithms', 'PubkeyAcceptedAlgorithms'), LOGIN, name)
    assert result.returncode == 255
    assert 'no matching key exchange method found' in result.stderr
    offer = result.stderr.split('Their offer:')[1].split()[0].split(',')
    assert {kex for kex in offer if not kex.startswith('kex-strict-')} == SUNSSH_KEX


def test_each_sunssh_option_is_needed(lab):
    """Only the inventory's options together reach a box: RSA host keys, and ssh-rsa signatures for the login's key."""
    host_keys = ssh(without('HostKeyAlgorithms'), LOGIN, 'sunar01')
    assert host_keys.returncode == 255 and 'no matching host key type found' in host_keys.stderr
    user_key = ssh(without('PubkeyAcceptedAlgorithms'), LOGIN, 'sunar01')
    assert user_key.returncode == 255 and 'Permission denied' in user_key.stderr
    assert ssh(SSH, LOGIN, 'sunar01', 'uname -n').stdout.strip() == 'sunar01'


@pytest.mark.parametrize('name', sorted(BOXES))
def test_root_cannot_log_in_even_with_the_logins_key(lab, name):
    """Root's authorized_keys holds the login's key on the lab boxes: only PermitRootLogin no refuses it."""
    assert lab.console(BOXES[name], 'cmp', '/root/.ssh/authorized_keys', '/home/%s/.ssh/authorized_keys' % LOGIN,
                       check=False).returncode == 0
    result = ssh(SSH, 'root', name)
    assert result.returncode == 255
    assert 'Permission denied' in result.stderr


@pytest.mark.parametrize('name', sorted(BOXES))
def test_the_login_is_not_root_and_su_with_the_root_password_is(lab, name):
    login = lab.ssh(name, ID_COMMAND).stdout
    uid = int(lab.console(BOXES[name], 'getent', 'passwd', LOGIN).stdout.split(':')[2])
    assert uid != 0 and parse_id(login) == (uid, LOGIN)
    became = lab.root(name, ID_COMMAND).stdout
    assert parse_id(became) == (0, 'root')


def test_su_answers_a_wrong_password_as_solaris_does(lab):
    """Password:, then after a few seconds "su: Sorry" and exit 1 (illumos su.c), and nothing runs as root."""
    start = time.monotonic()
    result = su_over_ssh(ADDRESS['sunar02'], 'touch /tmp/su-ran', 'not-the-root-password')
    assert time.monotonic() - start >= 3.5  # su.c sleeps SLEEPTIME (4 s) before it answers
    assert result.returncode == 1
    assert result.stdout.strip() == 'su: Sorry'
    assert 'Authentication failure' not in result.stdout
    assert lab.console('failover', 'test', '!', '-e', '/tmp/su-ran', check=False).returncode == 0


def test_su_needs_a_terminal(lab):
    """getpassphrase(3C) reads /dev/tty: without one, no password, and su says Sorry."""
    result = lab.ssh('sunar02', 'echo %s | su root -c /usr/bin/id' % root_password(), check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == 'su: Sorry'
    assert 'uid=0' not in result.stdout


def test_the_lab_root_password_is_the_labs_own_and_not_committed(lab):
    with open(labctl.ROOT_PASSWORD) as handle:
        password = handle.read().strip()
    assert len(password) >= 16
    tracked = subprocess.run(['git', 'ls-files', '--error-unmatch', labctl.ROOT_PASSWORD], cwd=ROOT, check=False,
                             capture_output=True, text=True)
    assert tracked.returncode != 0
    ignored = subprocess.run(['git', 'check-ignore', '-q', labctl.ROOT_PASSWORD], cwd=ROOT, check=False)
    assert ignored.returncode == 0


@pytest.mark.parametrize('playbook', ['playbooks/status.yml', 'playbooks/to_failover.yml'])
def test_a_wrong_root_password_stops_the_run_at_once_naming_the_fix_and_changes_nothing(lab, playbook):
    before = {box: state(lab, box) for box in BOXES.values()}
    start = time.monotonic()
    result = run_playbook(playbook, '-e', 'ansible_become_password=not-the-root-password', timeout=120)
    elapsed = time.monotonic() - start
    assert result.returncode != 0
    assert elapsed < 60, 'the run took %.0f s' % elapsed
    report = json.loads(result.stdout)
    for name in BOXES:
        assert report['stats'][name]['changed'] == 0
        assert report['stats'][name]['unreachable'] == 0  # a wrong password is no box down
        failed = [task['hosts'][name]['msg'] for play in report['plays'] for task in play['tasks']
                  if task['hosts'].get(name, {}).get('failed')]
        assert failed and 'su to root was refused' in failed[0], failed
        assert 'Set ansible_become_password' in failed[0]
    assert root_password() not in result.stdout + result.stderr
    assert {box: state(lab, box) for box in BOXES.values()} == before
