"""Fixtures for the lab tests: the two-box lab, SSH by name address, the console.

The boxes speak SunSSH: the lab's clients log in as labctl.LOGIN_USER with the SunSSH options (those of the
inventory, inventories/lab/group_vars/remedy_pairs.yml) and become root with su and the root password, as
production does (Lab.root); the console (docker exec) is root, as a Sun's console is.
"""

import os
import select
import shlex
import socket
import subprocess
import sys
import tempfile
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
# What a current OpenSSH client needs to speak to SunSSH (as the inventory's ansible_ssh_common_args)
SUNSSH = ['-o', 'KexAlgorithms=+diffie-hellman-group-exchange-sha1,diffie-hellman-group1-sha1',
          '-o', 'HostKeyAlgorithms=+ssh-rsa', '-o', 'PubkeyAcceptedAlgorithms=^ssh-rsa']
# host keys checked as the inventory does: the lab's known_hosts lists both boxes' keys under both names
SSH = ['ssh', '-i', labctl.KEY, '-o', 'StrictHostKeyChecking=yes', '-o', 'UserKnownHostsFile=' + labctl.KNOWN_HOSTS,
       '-o', 'UpdateHostKeys=no', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=3', '-o', 'BatchMode=yes'] + SUNSSH
LOGIN = labctl.LOGIN_USER
REMEDY_HOME = '/usr/ar/'  # every Remedy process's command line names it


def root_password():
    with open(labctl.ROOT_PASSWORD) as handle:
        return handle.read().strip()


def su_over_ssh(address, command, password, timeout=60, user=LOGIN):
    """``su root -c command`` through ``ssh -tt`` as the login, answering su's ``Password:`` as Ansible does.

    Returns a CompletedProcess whose stdout is the terminal's text (the command's stdout and stderr, CRLF made
    LF, su's prompt left out) and whose returncode is su's; TimeoutExpired when it does not end in time.
    """
    proc = subprocess.Popen(SSH + ['-tt', '%s@%s' % (user, address), 'su root -c %s' % shlex.quote(command)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out, sent, deadline = b'', False, time.time() + timeout
    try:
        while True:
            left = deadline - time.time()
            if left <= 0:
                raise subprocess.TimeoutExpired(command, timeout, output=out)
            ready, dummy, dummy2 = select.select([proc.stdout], [], [], left)
            if not ready:
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
            if not sent and b'Password:' in out:
                proc.stdin.write(password.encode() + b'\n')
                proc.stdin.flush()
                sent = True
        rc = proc.wait(timeout=max(1, deadline - time.time()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = out.decode('utf-8', 'replace').replace('\r\n', '\n')
    if text.startswith('Password:'):
        text = text[len('Password:'):].lstrip('\n')
    return subprocess.CompletedProcess(command, rc, stdout=text, stderr='')


class Lab:
    """Reach the boxes as production does (by the name's address) and by console."""

    def ssh(self, name, command, check=True):
        """The command as the login user (SunSSH refuses root)."""
        result = subprocess.run(SSH + ['%s@%s' % (LOGIN, ADDRESS[name]), command], check=False, capture_output=True,
                                text=True, timeout=60)
        if check and result.returncode != 0:
            raise AssertionError('ssh %s %r: rc=%d %s' % (name, command, result.returncode, result.stderr))
        return result

    def root(self, name, command, check=True, timeout=60):
        """The command as root: the login user, then su with the root password (its terminal's text in stdout)."""
        result = su_over_ssh(ADDRESS[name], command, root_password(), timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError('su on %s %r: rc=%d %s' % (name, command, result.returncode, result.stdout))
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

    def every_process(self, box):
        """The names of all the box's processes (the last component of argv[0]), a site's other software included;
        not the lab's own machinery (ps itself, and runc, which docker exec runs in the container for a moment)."""
        out = self.console(box, 'ps', '-e', '-o', 'comm=').stdout.split()
        return sorted(set(c for c in map(os.path.basename, out) if c != 'ps' and not c.startswith('runc')))

    def processes(self, box):
        """The names (last component of argv[0]) of Remedy's processes on the box: those whose command line names
        Remedy's home, /usr/ar (its daemons by path, its Apache by its configuration, its JSP engine by the JServ
        home). A site's other software (LAB_STOCK: Oracle's java, the Java Web Console, Apache 2, a zone's) is not
        Remedy, whatever its name."""
        out = self.console(box, 'ps', '-e', '-o', 'args=').stdout.splitlines()
        return sorted(set(os.path.basename(line.split()[0]) for line in out
                          if any(word.startswith(REMEDY_HOME) or '=' + REMEDY_HOME in word for word in line.split())))

    def reset(self, pairs=1):
        """Every box of the first `pairs` pairs in the seed's normal state (in seconds: the images are built), booted
        to the end (run level 3 is written once rc2.d has started Remedy), so a test reads a settled box."""
        labctl.up(pairs)
        for box in labctl.boxes(pairs):
            assert self.wait_runlevel(box, '3', timeout=60), '%s did not boot to run level 3' % box


def box_host_key(box):
    """The box's own public host key ('ssh-rsa AAAA...'), as labctl.py build made it."""
    with open(os.path.join(labctl.HOST_KEYS, box, 'ssh_host_rsa_key.pub')) as handle:
        return ' '.join(handle.read().split()[:2])


def scanned_host_key(name):
    """The host key presented at the name's address ('ssh-rsa AAAA...').

    ssh-keyscan offers no SHA-1 key exchange, so ssh itself learns the key (accept-new into an empty file).
    """
    with tempfile.TemporaryDirectory() as folder:
        learnt = os.path.join(folder, 'known_hosts')
        ssh = [('UserKnownHostsFile=' + learnt if arg.startswith('UserKnownHostsFile=') else
                'StrictHostKeyChecking=accept-new' if arg.startswith('StrictHostKeyChecking=') else arg) for arg in SSH]
        result = subprocess.run(ssh + ['-o', 'HashKnownHosts=no', '-o', 'GlobalKnownHostsFile=/dev/null',
                                       '%s@%s' % (LOGIN, ADDRESS[name]), 'true'],
                                check=False, capture_output=True, text=True, timeout=30)
        with open(learnt) if os.path.exists(learnt) else open(os.devnull) as handle:
            keys = [' '.join(line.split()[1:3]) for line in handle if line.strip() and line[0] != '#']
    assert len(keys) == 1, 'ssh %s: %s %s' % (ADDRESS[name], keys, result.stderr)
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
