"""to_failover and to_main end to end on the two-box lab, over SSH at the names' addresses, as production runs them.

What each box carries is read from its console (docker exec), so a box that is halted can be read too.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT, run_playbook

TO_FAILOVER = os.path.join(ROOT, 'playbooks', 'to_failover.yml')
TO_MAIN = os.path.join(ROOT, 'playbooks', 'to_main.yml')
FILES = ['/etc/nodename', '/etc/hostname.hme0', '/etc/inet/hosts', '/distribution/oracle/home/admin/network/listener.ora',
         '/etc/ar', '/etc/ar.conf', '/etc/ar.conf.PROD', '/usr/cute/sercoadm/etc/daemons.cfg']
LINKS = ['S87arsystem', 'S89arweb', 'S90armaild', 'S91arflashboards', 'S97apache', 'S98jsp']
DAEMONS = ['arserverd', 'arplugin', 'arwebd', 'appservd', 'armaild', 'arflashd', 'httpd', 'jserv']


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
    """Samples both boxes from their consoles while a run goes on; records every moment an invariant breaks."""

    def __init__(self, lab):
        super().__init__(daemon=True)
        self.lab, self.samples, self.broken, self.done = lab, 0, [], threading.Event()

    def sample(self):
        up = {}
        for box in ('main', 'failover'):
            out = self.lab.console(box, 'sh', '-c', 'cat /var/lab/runlevel; uname -n; ps -e -o comm=', check=False).stdout
            words = out.split()
            if words[:1] == ['3']:
                up[box] = (words[1], 'arserverd' in words[2:])
        names = [name for name, dummy in up.values()]
        if len(set(names)) < len(names):
            self.broken.append('two boxes up as %s' % names)
        if sum(1 for dummy, serving in up.values() if serving) > 1:
            self.broken.append('Remedy on both boxes')
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


def play(playbook, *args):
    result = run_playbook(playbook, *args, timeout=900)
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


@pytest.fixture
def fresh_lab(lab):
    """The lab in its normal state, and left so for the tests after (they expect the main box at sunar01)."""
    lab.reset()
    yield lab
    lab.reset()


def read(lab, box, *command):
    """What a console command prints, or '' while the box is going down (docker exec is then killed)."""
    return lab.console(box, *command, check=False).stdout.strip()


def test_check_mode_shows_the_plan_and_changes_nothing(fresh_lab):
    lab = fresh_lab
    before = {box: state(lab, box) for box in ('main', 'failover')}
    result, stats = play(TO_FAILOVER, '--check', '--diff')
    assert result.returncode == 0, messages(result)
    assert changed(stats) > 0  # the plan: what a real run would change
    assert {box: state(lab, box) for box in ('main', 'failover')} == before


def test_round_trip_then_each_again_changes_nothing(fresh_lab):
    lab = fresh_lab
    prober = Prober(lab)
    prober.start()
    result, stats = play(TO_FAILOVER)
    assert result.returncode == 0, messages(result)
    assert lab.ssh('sunar01', 'psrinfo -p').stdout.strip() == '1'  # the failover box now answers as sunar01
    serving(lab, 'failover', 'sunar01', prod=True)
    assert lab.runlevel('main') == 'ok'  # halted, renamed: it can only come back as sunar02
    serving(lab, 'main', 'sunar02', prod=False)

    lab.console('main', 'boot')  # the operator's remaining step
    assert lab.wait_ssh('sunar02', timeout=60)
    assert lab.ssh('sunar02', 'psrinfo -p').stdout.strip() == '2'
    result, stats = play(TO_FAILOVER)
    assert result.returncode == 0, messages(result)
    assert changed(stats) == 0, stats
    serving(lab, 'main', 'sunar02', prod=False)

    before = {box: state(lab, box) for box in ('main', 'failover')}
    result, stats = play(TO_MAIN, '--check', '--diff')
    assert result.returncode == 0, messages(result)
    assert changed(stats) > 0
    assert {box: state(lab, box) for box in ('main', 'failover')} == before

    result, stats = play(TO_MAIN)
    assert result.returncode == 0, messages(result)
    assert lab.ssh('sunar01', 'psrinfo -p').stdout.strip() == '2'
    serving(lab, 'main', 'sunar01', prod=True)
    assert lab.runlevel('failover') == 'ok'
    serving(lab, 'failover', 'sunar02', prod=False)

    lab.console('failover', 'boot')
    assert lab.wait_ssh('sunar02', timeout=60)
    result, stats = play(TO_MAIN)
    assert result.returncode == 0, messages(result)
    assert changed(stats) == 0, stats
    assert prober.stop() == [] and prober.samples > 50


def test_silent_main_box_needs_the_operators_confirmation(fresh_lab):
    lab = fresh_lab
    lab.ssh('sunar01', 'init 0')
    assert lab.wait_runlevel('main', 'ok')
    before = state(lab, 'failover')
    result, dummy = play(TO_FAILOVER)
    assert result.returncode != 0
    assert '-e confirm_main_down=true' in messages(result)
    assert state(lab, 'failover') == before

    result, dummy = play(TO_FAILOVER, '-e', 'confirm_main_down=true')
    assert result.returncode == 0, messages(result)
    serving(lab, 'failover', 'sunar01', prod=True)
    assert 'boot -s' in result.stdout and '/etc/setname sunar02' in result.stdout

    # the operator, at the main box's console, as the run said; then the same playbook finishes its steps
    lab.console('main', 'boot', '-s')
    assert lab.wait_runlevel('main', 'S')
    lab.console('main', 'sh', '-c', '/etc/setname sunar02 && /etc/remedy_auto_startup remove '
                '&& mv /etc/ar.conf /etc/ar.conf.PROD')
    lab.console('main', 'init', '3')
    assert lab.wait_runlevel('main', '3') and lab.wait_ssh('sunar02')
    assert lab.console('main', 'cmp', '-s', '/usr/cute/sercoadm/etc/daemons.cfg',
                       '/usr/cute/sercoadm/etc/daemons.cfg.prod', check=False).returncode == 0  # alarms still on
    result, stats = play(TO_FAILOVER)
    assert result.returncode == 0, messages(result)
    assert stats['sunar02']['changed'] > 0 and stats['sunar01']['changed'] == 0
    serving(lab, 'main', 'sunar02', prod=False)
    serving(lab, 'failover', 'sunar01', prod=True)


def break_arconf(lab):
    lab.console('failover', 'cp', '-p', '/etc/ar.conf.PROD', '/etc/ar.conf')


def drop_per_name_file(lab):
    lab.console('main', 'mv', '/etc/inet/hosts.sunar02', '/tmp/hosts.sunar02')


def drop_script(lab):
    lab.console('failover', 'mv', '/etc/init.d/jsp', '/tmp/jsp')


def remedy_on_both(lab):
    lab.console('failover', 'sh', '-c', 'cp /etc/ar.conf.PROD /etc/ar.conf && /etc/init.d/arsystem start '
                '>/dev/null 2>&1 </dev/null && rm /etc/ar.conf')


def same_name(lab):
    lab.console('failover', '/etc/setname', 'sunar01')


def odd_processor_count(lab):
    lab.console('failover', 'sed', '-i', 's/ncpu=1/ncpu=3/', '/var/lab/hardware')


def both_look_main(lab):
    lab.console('failover', 'sed', '-i', 's/ncpu=1/ncpu=2/', '/var/lab/hardware')


def garbage_psrinfo(lab):
    lab.console('main', 'sh', '-c', 'mv /usr/sbin/psrinfo /tmp/psrinfo && printf "#!/bin/sh\\necho Segmentation Fault\\n" '
                '> /usr/sbin/psrinfo && chmod 755 /usr/sbin/psrinfo')


def failover_box_down(lab):
    lab.console('failover', 'init', '0')
    assert lab.wait_runlevel('failover', 'ok')


@pytest.mark.parametrize('breakage,message', [
    (break_arconf, 'both /etc/ar.conf and /etc/ar.conf.PROD exist'),
    (drop_per_name_file, 'per-name file missing: /etc/inet/hosts.sunar02'),
    (drop_script, 'start-up script missing or not executable: /etc/init.d/jsp'),
    (remedy_on_both, 'Remedy runs on both boxes'),
    (same_name, 'carry the name sunar01 in /etc/nodename'),
    (odd_processor_count, 'has 3 processors, neither'),
    (both_look_main, 'the two boxes cannot be told apart'),
    (garbage_psrinfo, 'cannot read the output of "/usr/sbin/psrinfo -v"'),
    (failover_box_down, 'needs the failover box (1 processors) answering at sunar02'),
], ids=lambda value: getattr(value, '__name__', None))
def test_a_bad_state_stops_the_run_before_any_change(fresh_lab, breakage, message):
    lab = fresh_lab
    breakage(lab)
    before = {box: state(lab, box) for box in ('main', 'failover')}
    result, dummy = play(TO_FAILOVER)
    assert result.returncode != 0
    assert message in messages(result)
    assert 'Nothing was changed' in messages(result)
    assert {box: state(lab, box) for box in ('main', 'failover')} == before


def test_a_second_run_is_refused_while_the_first_moves_the_pair(fresh_lab, tmp_path):
    lab = fresh_lab
    locks = '-e', 'remedy_failover_lock_dir=%s' % tmp_path
    first = start_play(TO_FAILOVER, *locks)
    try:
        assert wait_for(lambda: os.path.exists(tmp_path / 'remedy.lock'), 60)
        second, dummy = play(TO_FAILOVER, *locks)
        assert second.returncode != 0
        assert 'another run is moving remedy' in messages(second) and 'pid %d' % first.pid in messages(second)
        out, err = first.communicate(timeout=900)
    finally:
        first.kill()
    assert first.returncode == 0, out[-3000:] + err[-2000:]
    serving(lab, 'failover', 'sunar01', prod=True)
    assert not os.path.exists(tmp_path / 'remedy.lock')


def daemons_stopped_on_main(lab):
    return read(lab, 'main', 'cat', '/var/lab/runlevel') == '3' and 'arserverd' not in read(lab, 'main', 'ps', '-e')


def main_halted(lab):
    return read(lab, 'main', 'cat', '/var/lab/runlevel') == 'ok'


def failover_renamed(lab):
    return read(lab, 'failover', 'cat', '/etc/nodename') == 'sunar01'


@pytest.mark.parametrize('cut_when,rerun_args', [
    (daemons_stopped_on_main, []),
    (main_halted, ['-e', 'confirm_main_down=true']),
    (failover_renamed, ['-e', 'confirm_main_down=true']),
], ids=lambda value: getattr(value, '__name__', None) or ' '.join(value))
def test_a_run_killed_midway_is_finished_by_the_next(fresh_lab, tmp_path, cut_when, rerun_args):
    lab = fresh_lab
    locks = '-e', 'remedy_failover_lock_dir=%s' % tmp_path
    prober = Prober(lab)
    prober.start()
    first = start_play(TO_FAILOVER, *locks)
    try:
        assert wait_for(lambda: cut_when(lab), 300), 'the run never reached the cut point'
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(30)
    time.sleep(3)  # a halt or reboot already asked for still happens
    result, dummy = play(TO_FAILOVER, *(list(locks) + rerun_args))
    assert result.returncode == 0, messages(result)
    serving(lab, 'failover', 'sunar01', prod=True)
    serving(lab, 'main', 'sunar02', prod=False)
    assert prober.stop() == []


STATUS = os.path.join(ROOT, 'playbooks', 'status.yml')


def status_lines(result):
    report = json.loads(result.stdout)
    lines = []
    for p in report['plays']:
        for task in p['tasks']:
            for res in task['hosts'].values():
                msg = res.get('msg')
                lines.extend(msg if isinstance(msg, list) else [msg] if msg else [])
    return lines


def test_status_tells_each_box_and_flags_what_is_wrong(fresh_lab):
    lab = fresh_lab
    result, stats = play(STATUS, '--check')
    assert result.returncode == 0 and changed(stats) == 0
    lines = ' | '.join(status_lines(result))
    assert 'sunar01 (172.29.83.11): the MAIN box (2 processors, 2 on-line)' in lines
    assert 'sunar02 (172.29.83.12): the FAILOVER box (1 processors, 1 on-line)' in lines
    assert 'Remedy down; ar.conf parked; boot-time start off; alarms min' in lines
    assert 'ar.conf active; boot-time start on; alarms prod' in lines
    assert 'The pair is consistent.' in lines

    remedy_on_both(lab)
    same_name(lab)
    lines = ' | '.join(status_lines(play(STATUS)[0]))
    assert 'WARNING: Remedy runs at sunar01 and sunar02' in lines
    assert 'WARNING: both boxes are configured as sunar01' in lines

    failover_box_down(lab)
    result, dummy = play(STATUS)
    assert result.returncode == 0
    assert 'NOTE: nothing answers at sunar02' in ' | '.join(status_lines(result))
