"""Fixtures for the lab tests: the two-box lab, SSH by name address, the console."""

import os
import socket
import subprocess
import sys
import time

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'lab'))
sys.path.insert(0, os.path.join(ROOT, '.collections'))

import labctl  # noqa: E402  pylint: disable=wrong-import-position

# by service name, and by box (labctl's key: main, failover, and main-2, failover-2 of the second pair)
ADDRESS = {spec.name: spec.name_address for spec in labctl.BOXES.values()}
CONTAINER = {box: spec.container for box, spec in labctl.BOXES.items()}
# the names of the lab's normal state, the seed's pair (the second pair starts only with labctl.py up --pairs 2)
SEED_PAIR = tuple(sorted(spec.name for spec in labctl.BOXES.values() if spec.pair == 1))
# host keys checked as the inventory does: the lab's known_hosts lists both boxes' keys under both names
SSH = ['ssh', '-i', labctl.KEY, '-o', 'StrictHostKeyChecking=yes', '-o', 'UserKnownHostsFile=' + labctl.KNOWN_HOSTS,
       '-o', 'UpdateHostKeys=no', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=3', '-o', 'BatchMode=yes']


class Lab:
    """Reach the boxes as production does (by the name's address) and by console."""

    def ssh(self, name, command, check=True):
        result = subprocess.run(SSH + ['root@' + ADDRESS[name], command], check=False, capture_output=True, text=True,
                                timeout=60)
        if check and result.returncode != 0:
            raise AssertionError('ssh %s %r: rc=%d %s' % (name, command, result.returncode, result.stderr))
        return result

    def console(self, box, *command, check=True):
        result = subprocess.run(['docker', 'exec', CONTAINER[box]] + list(command), check=False, capture_output=True,
                                text=True, timeout=60)
        if check and result.returncode != 0:
            raise AssertionError('console %s %r: rc=%d %s' % (box, command, result.returncode, result.stderr))
        return result

    def runlevel(self, box):
        return self.console(box, 'cat', '/var/lab/runlevel').stdout.strip()

    def boot_time(self, box):
        return self.console(box, 'cat', '/var/lab/boot-time').stdout.strip()

    def reachable(self, name, port=22, timeout=1.0):
        try:
            with socket.create_connection((ADDRESS[name], port), timeout=timeout):
                return True
        except OSError:
            return False

    def wait_runlevel(self, box, level, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            result = self.console(box, 'cat', '/var/lab/runlevel', check=False)
            if result.returncode == 0 and result.stdout.strip() == level:
                return True
            time.sleep(0.2)
        return False

    def wait_ssh(self, name, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.reachable(name) and self.ssh(name, 'true', check=False).returncode == 0:
                return True
            time.sleep(0.2)
        return False

    def wait_reboot(self, box, name, before, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            result = self.console(box, 'cat', '/var/lab/boot-time', '/var/lab/runlevel', check=False)
            words = result.stdout.split('\n')
            if result.returncode == 0 and words[0] != before and words[1:2] == ['3']:
                return self.wait_ssh(name, timeout=max(1, deadline - time.time()))
            time.sleep(0.2)
        return False

    def processes(self, box):
        """The names of the box's processes as the collection reads them: the last component of ps -o comm
        (Solaris' ps: argv[0] as started, /usr/ar/bin/arserverd, java)."""
        out = self.console(box, 'ps', '-e', '-o', 'comm=').stdout.split()
        return sorted(set(os.path.basename(c) for c in out) - {'ps'})

    def reset(self, pairs=1):
        """Every box of the first `pairs` pairs in the seed's normal state (in seconds: the images are built), booted
        to the end (run level 3 is written once rc2.d has started Remedy), so a test reads a settled box."""
        labctl.up(pairs)
        for box in labctl.boxes(pairs):
            assert self.wait_runlevel(box, '3', timeout=60), '%s did not boot to run level 3' % box


def box_host_key(box):
    """The box's own public host key ('ssh-ed25519 AAAA...'), as labctl.py build made it."""
    with open(os.path.join(labctl.HOST_KEYS, box, 'ssh_host_ed25519_key.pub')) as handle:
        return ' '.join(handle.read().split()[:2])


def scanned_host_key(name):
    """The host key presented at the name's address ('ssh-ed25519 AAAA...')."""
    result = subprocess.run(['ssh-keyscan', '-T', '5', '-t', 'ed25519', ADDRESS[name]], check=False, capture_output=True,
                            text=True, timeout=30)
    keys = [' '.join(line.split()[1:3]) for line in result.stdout.splitlines() if line and line[0] != '#']
    assert len(keys) == 1, 'ssh-keyscan %s: %s %s' % (ADDRESS[name], result.stdout, result.stderr)
    return keys[0]


def run_playbook(playbook, *args, timeout=300):
    """ansible-playbook from the checkout (its ansible.cfg, the lab inventory), JSON on stdout."""
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               ANSIBLE_STDOUT_CALLBACK='ansible.builtin.json')
    return subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), playbook] + list(args),
                          cwd=ROOT, env=env, check=False, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope='session')
def lab():
    the_lab = Lab()
    the_lab.reset()
    yield the_lab
    labctl.down()


@pytest.fixture
def fresh_lab(lab):
    """The lab in its normal state, and left so for the tests after (they expect the main box at sunar01)."""
    lab.reset()
    yield lab
    lab.reset()
