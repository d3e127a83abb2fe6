"""to_failover and to_main end to end on the two-box lab, over SSH at the names' addresses, as production runs them.

What each box carries is read from its console (docker exec), so a box that is halted can be read too.
"""

import json
import os
import signal
import time

import pytest

from conftest import ROOT
from lab_helpers import Prober, changed, messages, play, serving, start_play, state, wait_for

TO_FAILOVER = os.path.join(ROOT, 'playbooks', 'to_failover.yml')
TO_MAIN = os.path.join(ROOT, 'playbooks', 'to_main.yml')


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
    assert lab.ssh('sunar01', '/usr/sbin/psrinfo -p').stdout.strip() == '1'  # the failover box now answers as sunar01
    serving(lab, 'failover', 'sunar01', prod=True)
    assert lab.runlevel('main') == 'ok'  # halted, renamed: it can only come back as sunar02
    serving(lab, 'main', 'sunar02', prod=False)

    lab.console('main', 'boot')  # the operator's remaining step
    assert lab.wait_ssh('sunar02', timeout=60)
    assert lab.ssh('sunar02', '/usr/sbin/psrinfo -p').stdout.strip() == '2'
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
    assert lab.ssh('sunar01', '/usr/sbin/psrinfo -p').stdout.strip() == '2'
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
    lab.root('sunar01', 'init 0')
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
    lab.console('failover', '/opt/lab/gnu/sed', '-i', 's/ncpu=1/ncpu=3/', '/var/lab/hardware')


def both_look_main(lab):
    # the failover box made the main box's twin: its processors, clock and hostid
    lab.console('failover', '/opt/lab/gnu/sed', '-i', '-e', 's/ncpu=1/ncpu=2/', '-e', 's/mhz=300/mhz=400/', '-e',
                's/hostid=.*/hostid=80f3a2c1/', '/var/lab/hardware')


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
    (odd_processor_count, 'the failover box at sunar02 shows 3 processors, not its 1 at 300 MHz'),
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
        assert wait_for(lambda: os.path.exists(tmp_path / 'sunar01.lock'), 60)
        second, dummy = play(TO_FAILOVER, *locks)
        assert second.returncode != 0
        assert 'another run is moving sunar01' in messages(second) and 'pid %d' % first.pid in messages(second)
        out, err = first.communicate(timeout=900)
    finally:
        first.kill()
    assert first.returncode == 0, out[-3000:] + err[-2000:]
    serving(lab, 'failover', 'sunar01', prod=True)
    assert not os.path.exists(tmp_path / 'sunar01.lock')


def daemons_stopped_on_main(lab):
    return read(lab, 'main', 'cat', '/var/lab/runlevel') == '3' and 'arserverd' not in read(lab, 'main', 'ps', '-e', '-o', 'comm=')


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
    # the killed run could tell nothing: the next one says that it did not finish (from the lock it left)
    assert 'An earlier run of sunar01/sunar02 did not finish' in result.stdout
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
