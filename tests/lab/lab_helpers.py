"""What the playbook tests share: reading a box from its console, the invariant prober, running a playbook."""

import json
import os
import subprocess
import sys
import threading
import time

from conftest import ROOT, run_playbook

FILES = ['/etc/nodename', '/etc/hostname.hme0', '/etc/inet/hosts', '/distribution/oracle/home/admin/network/listener.ora',
         '/etc/ar', '/etc/ar.conf', '/etc/ar.conf.PROD', '/usr/cute/sercoadm/etc/daemons.cfg']
LINKS = ['S87arsystem', 'S89arweb', 'S90armaild', 'S91arflashboards', 'S97apache', 'S98jsp']
DAEMONS = ['arserverd', 'arplugin', 'arwebd', 'appservd', 'armaild', 'arflashd', 'httpd', 'java']


def state(lab, box):
    """Everything a run may change on a box: file checksums, start links, daemons, run level."""
    sums = lab.console(box, 'sh', '-c', 'for f in %s; do echo "$f `cksum <$f 2>/dev/null`"; done' % ' '.join(FILES))
    return {
        'files': sums.stdout,
        'links': sorted(lab.console(box, 'ls', '/etc/rc2.d').stdout.split()),
        'daemons': [d for d in DAEMONS if d in lab.processes(box)],
        'runlevel': lab.runlevel(box),
    }


def carries(lab, box, name):
    return lab.console(box, 'cat', '/etc/nodename').stdout.strip() == name


def serving(lab, box, name, prod):
    """The box carries ``name`` and is or is not the one running Remedy, with everything that goes with it."""
    now = state(lab, box)
    assert carries(lab, box, name)
    conf = lab.console(box, 'sh', '-c', 'ls /etc/ar.conf /etc/ar.conf.PROD 2>/dev/null', check=False).stdout.split()
    alarms = lab.console(box, 'cmp', '-s', '/usr/cute/sercoadm/etc/daemons.cfg',
                         '/usr/cute/sercoadm/etc/daemons.cfg.' + ('prod' if prod else 'min'), check=False)
    assert conf == (['/etc/ar.conf'] if prod else ['/etc/ar.conf.PROD'])
    assert now['links'] == (LINKS if prod else [])
    assert alarms.returncode == 0
    if now['runlevel'] == '3':
        assert now['daemons'] == (DAEMONS if prod else [])


class Prober(threading.Thread):
    """Samples the boxes of each pair from their consoles while a run goes on; records every moment an invariant
    of a pair breaks (two boxes up with one name, Remedy on both), and the moments a pair's service ran nowhere."""

    def __init__(self, lab, pairs=(('main', 'failover'),)):
        super().__init__(daemon=True)
        self.lab, self.pairs, self.samples, self.broken, self.done = lab, pairs, 0, [], threading.Event()
        self.down = {pair: [] for pair in pairs}  # per pair: the sample times at which Remedy ran on no box

    def sample(self):
        for pair in self.pairs:
            up = {}
            for box in pair:
                out = self.lab.console(box, 'sh', '-c', 'cat /var/lab/runlevel; uname -n; ps -e -o comm=',
                                       check=False).stdout
                words = out.split()
                if words[:1] == ['3'] and len(words) > 1:  # up to run level 3 and its name read
                    up[box] = (words[1], '/usr/ar/bin/arserverd' in words[2:])
            names = [name for name, dummy in up.values()]
            if len(set(names)) < len(names):
                self.broken.append('%s: two boxes up as %s' % ('/'.join(pair), names))
            running = sum(1 for dummy, serving in up.values() if serving)
            if running > 1:
                self.broken.append('%s: Remedy on both boxes' % '/'.join(pair))
            if running == 0:
                self.down[pair].append(time.time())
        self.samples += 1

    def run(self):
        while not self.done.is_set():
            self.sample()
            time.sleep(0.3)

    def stop(self):
        self.done.set()
        self.join(10)
        return self.broken


def start_play(playbook, *args):
    """ansible-playbook in the background, as an operator's second terminal would start it."""
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_STDOUT_CALLBACK='ansible.builtin.json')
    return subprocess.Popen([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), playbook] + list(args),
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for(predicate, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


# what ansible-core prints for a collection whose requires_ansible does not cover it, or a deprecated use: no run
# on a tested ansible-core (2.16, 2.19, 2.21) prints either
VERSION_WARNINGS = ('does not support Ansible version', '[DEPRECATION WARNING]')


def play(playbook, *args):
    result = run_playbook(playbook, *args, timeout=900)
    for warning in VERSION_WARNINGS:
        assert warning not in result.stdout + result.stderr, result.stderr
    try:
        stats = json.loads(result.stdout)['stats']
    except ValueError:
        stats = {}
    return result, stats


def changed(stats):
    return sum(host['changed'] for host in stats.values())


def messages(result):
    found = []
    try:
        report = json.loads(result.stdout)
    except ValueError:
        return result.stdout + result.stderr
    for p in report['plays']:
        for task in p['tasks']:
            for res in task['hosts'].values():
                for item in [res] + list(res.get('results') or []):
                    if isinstance(item, dict) and item.get('failed') and item.get('msg'):
                        found.append(item['msg'])
    return ' | '.join(found)


def moved(lab, taking, leaving, prod, spare, cpus):
    """The box taking over serves at the production name; the leaving one is halted, renamed to the spare name."""
    assert lab.ssh(prod, '/usr/sbin/psrinfo | wc -l').stdout.strip() == cpus
    serving(lab, taking, prod, prod=True)
    assert lab.runlevel(leaving) == 'ok'
    serving(lab, leaving, spare, prod=False)


def records(path):
    """The controller's audit records, one JSON object a line."""
    with open(path) as handle:
        return [json.loads(line) for line in handle]


def box_records(lab, box):
    """The audit records on a box (read from its console, so a halted box can be read too)."""
    out = lab.console(box, 'cat', '/var/adm/remedy_failover.log', check=False).stdout
    return [json.loads(line) for line in out.splitlines()]
