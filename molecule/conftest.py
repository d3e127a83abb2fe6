"""Shared by every scenario's testinfra tests: run a role against one molecule box.

``apply_role`` writes a one-task playbook that includes ``remedy.failover.ROLE``
with the given variables, runs ansible-playbook against the molecule inventory
(real, --check and/or --diff) with the JSON callback, and returns its recap, so
tests assert what the role reported (changed or not, its failure message) as
well as what it did to the box.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import urllib.request
from shlex import quote

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
BIN = os.path.dirname(sys.executable)


class Run:
    def __init__(self, host, completed):
        self.rc = completed.returncode
        self.raw = completed.stdout + completed.stderr
        try:
            report = json.loads(completed.stdout)
        except ValueError:
            raise AssertionError('ansible-playbook printed no JSON: %s' % self.raw[-3000:])
        self.stats = report['stats'].get(host, {})
        self.results = [task['hosts'][host] for play in report['plays'] for task in play['tasks']
                        if host in task['hosts']]

    @property
    def changed(self):
        return self.stats.get('changed', 0)

    @property
    def failed(self):
        return self.stats.get('failures', 0) > 0 or self.rc != 0

    @property
    def messages(self):
        """Every failure message, those of failed loop items included."""
        found = []
        for result in self.results:
            for item in [result] + list(result.get('results') or []):
                if isinstance(item, dict) and item.get('failed') and item.get('msg'):
                    found.append(item['msg'])
        return ' | '.join(found)

    @property
    def diffs(self):
        """Every diff the role reported, those of loop items included."""
        found = []
        for result in self.results:
            for item in [result] + list(result.get('results') or []):
                diff = item.get('diff') if isinstance(item, dict) else None
                found.extend(diff if isinstance(diff, list) else [diff] if diff else [])
        return found

    def fact(self, name):
        """The last value the role set for fact ``name``."""
        values = [r['ansible_facts'][name] for r in self.results if name in r.get('ansible_facts', {})]
        assert values, 'the role set no fact %s' % name
        return values[-1]

    def value(self, key):
        """``key`` of the last task result that has it."""
        values = [r[key] for r in self.results if key in r]
        assert values, 'no task returned %s' % key
        return values[-1]

    def __repr__(self):
        return '<Run rc=%s stats=%s messages=%r>' % (self.rc, self.stats, self.messages)


@pytest.fixture
def apply_role():
    inventory = os.environ['MOLECULE_INVENTORY_FILE']

    def run(host, role, role_vars, check=False, diff=False):
        play = [{
            'name': 'Apply %s' % role,
            'hosts': host,
            'gather_facts': False,
            'tasks': [{
                'name': 'Apply the role',
                'ansible.builtin.include_role': {'name': 'remedy.failover.' + role},
                'vars': role_vars,
            }],
        }]
        with tempfile.NamedTemporaryFile('w', suffix='.yml', delete=False) as handle:
            yaml.safe_dump(play, handle)
        cmd = [os.path.join(BIN, 'ansible-playbook'), '-i', inventory, handle.name]
        cmd += ['--check'] if check else []
        cmd += ['--diff'] if diff else []
        env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
                   ANSIBLE_STDOUT_CALLBACK='ansible.builtin.json', ANSIBLE_NOCOLOR='1')
        try:
            completed = subprocess.run(cmd, cwd=ROOT, env=env, check=False, capture_output=True, text=True, timeout=600)
        finally:
            os.unlink(handle.name)
        return Run(host, completed)

    return run


def name_of(host):
    """The molecule instance a testinfra host stands for, as named in the inventory."""
    return host.backend.get_hostname()


def address_of(host):
    """The box's address on the scenario's network, from molecule.yml: the controller reaches it there."""
    with open(os.path.join(os.environ['MOLECULE_SCENARIO_DIRECTORY'], 'molecule.yml')) as handle:
        platforms = yaml.safe_load(handle)['platforms']
    return [p for p in platforms if p['name'] == name_of(host)][0]['networks'][0]['ipv4_address']


def http_status(host):
    """The web front's answer (its HTTP status, None when nothing answers) as a user gets it, from outside the box."""
    try:
        with urllib.request.urlopen('http://%s/' % address_of(host), timeout=3) as response:
            return response.status
    except OSError:
        return None


REMEDY_HOME = '/usr/ar'


def remedy_names(host):
    """The names (last component of argv[0]) of Remedy's processes on the box: those whose command line names
    Remedy's home (its daemons by path, its Apache by its configuration, its JSP engine by the JServ home). The lab
    box also runs a stock Solaris 10 box's other software (the Java Web Console's java, Apache 2's httpd): not
    Remedy, whatever its name."""
    names = set()
    for line in host.run('ps -e -o args=').stdout.splitlines():
        words = line.split()
        if words and any(w.startswith(REMEDY_HOME) or '=' + REMEDY_HOME in w for w in words):
            names.add(os.path.basename(words[0]))
    return names


def answers(host, port):
    """Whether the box's port takes a TCP connection from outside, as users reach it (testinfra's socket module
    needs ss or netstat through Debian's which, a script Solaris' Bourne shell cannot run)."""
    try:
        socket.create_connection((address_of(host), port), timeout=3).close()
        return True
    except OSError:
        return False


def role_default(role, variable):
    """A role's default, as roles/ROLE/defaults/main.yml gives it (tests build their variations on it)."""
    with open(os.path.join(ROOT, 'roles', role, 'defaults', 'main.yml')) as handle:
        return yaml.safe_load(handle)[variable]


def exists(host, path):
    """Whether anything is at path (a dangling link included), asked as the box's own shell can: testinfra's
    ``host.file().exists`` runs ``test -e``, which Solaris' Bourne shell has not (it says "argument expected"),
    so every path would read as missing."""
    tests = ' || '.join('test -%s %s' % (flag, quote(path)) for flag in 'fdhpcb')
    return host.run(tests).rc == 0


def snapshot(host, paths):
    """Kind and checksum of each path (missing, link -> target, or file checksum)."""
    state = {}
    for path in paths:
        item = host.file(path)
        if item.is_symlink:
            state[path] = 'link -> %s' % item.linked_to
        elif exists(host, path):
            state[path] = 'file %s %s:%s %o' % (item.sha256sum if item.is_file else 'dir', item.user, item.group,
                                                item.mode)
        else:
            state[path] = 'missing'
    return state
