"""Downtime of a failover on the lab, against what no tool can avoid (make lab first; it resets the lab).

    python3 benchmarks/failover.py [--repeat N]

For each of N rounds, on a freshly reset lab:
  * downtime: while ansible-playbook playbooks/to_failover.yml runs, a prober outside the boxes fetches
    the web front at sunar01's address every 0.1 s; the downtime is the time from the last answer before
    the outage to the first answer after it;
  * floor: the same outage done by hand on the consoles with nothing else in it, what seed 2.3 requires and
    nothing more: the daemons stopped on the main box (in reverse), the main box halted until its address is
    silent (no answer, not even a reset), the failover box rebooted under the name sunar01 (from the reboot
    until its address answers), the daemons started there (in order, until the web front answers);
  * the wall time of a --check run of to_failover;
  * two pairs moved by one run (-e remedy_failover_pair=remedy_pairs, lab started with --pairs 2): the run's
    wall time against one pair's, and the downtime at each production name (sunar01, sunar03).
It prints each with the overhead (downtime - floor) and their ratio, medians over the rounds.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(ROOT, 'lab'))

import labctl  # noqa: E402  pylint: disable=wrong-import-position

BIN = os.path.dirname(sys.executable)
PROD_URL = 'http://%s/' % labctl.BOXES['main'].name_address
SCRIPTS = ['arsystem', 'arapplications', 'arweb', 'appserv_C', 'armaild', 'arflashboards', 'apache', 'jsp']


def answers(url=PROD_URL):
    try:
        with urllib.request.urlopen(url, timeout=0.5) as response:
            return response.status == 200
    except OSError:
        return False


class Prober(threading.Thread):
    def __init__(self, url=PROD_URL):
        super().__init__(daemon=True)
        self.url = url
        self.stop, self.last_up, self.down_from, self.back_at = threading.Event(), None, None, None

    def run(self):
        while not self.stop.is_set():
            now = time.monotonic()
            if answers(self.url):
                if self.down_from is not None and self.back_at is None:
                    self.back_at = now
                self.last_up = now
            elif self.down_from is None and self.last_up is not None:
                self.down_from = self.last_up
            time.sleep(0.1)

    def downtime(self):
        return self.back_at - self.down_from if self.down_from and self.back_at else None


def console(box, command):
    subprocess.run(['docker', 'exec', labctl.BOXES[box].container, 'sh', '-c', command], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


def silent(address, port=22, timeout=0.5):
    """Nothing answers at the address, not even a reset: the halting box has left it (as the playbook waits)."""
    try:
        with socket.create_connection((address, port), timeout=timeout):
            return False
    except ConnectionRefusedError:
        return False
    except OSError:
        return True


def wait(predicate, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic()
        time.sleep(0.05)
    sys.exit('benchmark: timed out')


def reset(pairs=1):
    subprocess.run([sys.executable, os.path.join(ROOT, 'lab', 'labctl.py'), 'up', '--pairs', str(pairs)], check=True,
                   stdout=subprocess.DEVNULL)
    wait(answers)


def playbook(*args):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'))
    start = time.monotonic()
    done = subprocess.run([os.path.join(BIN, 'ansible-playbook'), os.path.join(ROOT, 'playbooks', 'to_failover.yml')]
                          + list(args), cwd=ROOT, env=env, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit('benchmark: to_failover %s failed:\n%s' % (' '.join(args), done.stdout[-3000:] + done.stderr[-2000:]))
    return time.monotonic() - start


def downtime():
    """(downtime at sunar01, wall time of the run) of one pair's to_failover."""
    reset()
    prober = Prober()
    prober.start()
    wall = playbook()
    wait(lambda: prober.back_at is not None, 60)
    prober.stop.set()
    return prober.downtime(), wall


def two_pairs():
    """(wall time, downtime at sunar01, downtime at sunar03) of one to_failover run moving both pairs."""
    reset(pairs=2)
    probers = [Prober('http://%s/' % labctl.BOXES[box].name_address) for box in ('main', 'main-2')]
    wait(lambda: all(answers(p.url) for p in probers))
    for prober in probers:
        prober.start()
    wall = playbook('-e', 'remedy_failover_pair=remedy_pairs')
    for prober in probers:
        wait(lambda p=prober: p.back_at is not None, 60)
        prober.stop.set()
    return (wall,) + tuple(p.downtime() for p in probers)


def floor():
    """The outage by hand: stop (main), reboot under the name (failover), start (failover)."""
    reset()
    start = time.monotonic()
    console('main', ' '.join('/etc/init.d/%s stop;' % s for s in reversed(SCRIPTS)))
    console('main', 'init 0')  # gives the address up: the failover box may take it once it is silent
    wait(lambda: silent(labctl.BOXES['main'].name_address))
    stopped = time.monotonic()
    console('failover', '/etc/setname sunar01 >/dev/null && mv /etc/ar.conf.PROD /etc/ar.conf && init 6')
    wait(lambda: labctl.wait_port(labctl.BOXES['main'].name_address, 22, 0.2))
    rebooted = time.monotonic()
    console('failover', ' '.join('/etc/init.d/%s start </dev/null >/dev/null 2>&1;' % s for s in SCRIPTS))
    wait(answers)
    return time.monotonic() - start, stopped - start, rebooted - stopped, time.monotonic() - rebooted


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    downs, walls, floors, parts, checks, pairs = [], [], [], [], [], []
    for dummy in range(args.repeat):
        down, wall = downtime()
        downs.append(down)
        walls.append(wall)
        total, stop, reboot, start = floor()
        floors.append(total)
        parts.append((stop, reboot, start))
        reset()
        checks.append(playbook('--check'))
        pairs.append(two_pairs())
    reset()
    down, flo = statistics.median(downs), statistics.median(floors)
    print('rounds: %d (medians)' % args.repeat)
    print('downtime at sunar01 during to_failover: %6.1f s   (each: %s)' % (down, ', '.join('%.1f' % d for d in downs)))
    print('floor, by hand on the consoles:         %6.1f s   (stop %.1f, reboot %.1f, start %.1f)' % (
        flo, *[statistics.median(p[i] for p in parts) for i in range(3)]))
    print('overhead (downtime - floor):            %6.1f s   ratio downtime/floor %.2f' % (down - flo, down / flo))
    print('to_failover --check wall time:          %6.1f s' % statistics.median(checks))
    print('to_failover wall time, one pair:        %6.1f s' % statistics.median(walls))
    print('to_failover wall time, two pairs:       %6.1f s   (downtime sunar01 %.1f s, sunar03 %.1f s)' % tuple(
        statistics.median(p[i] for p in pairs) for i in range(3)))


if __name__ == '__main__':
    main()
