"""A move is one transaction (issue 21, on the lab): one lock for the pair wherever a run starts, a journal that
survives the run, every interruption told, nothing secret printed.

Each "controller" is its own controller lock folder and audit log, as a second checkout or an AWX job's container
is: only the pair's lock, on the boxes, is shared.
"""

import os
import signal
import time

import pytest

import labctl
from conftest import ROOT
from lab_helpers import box_records, messages, play, records, serving, start_play, state, wait_for
# the SMTP relay fixture
from test_failures import relay  # noqa: F401  pylint: disable=unused-import

TO_FAILOVER = os.path.join(ROOT, 'playbooks', 'to_failover.yml')
TO_MAIN = os.path.join(ROOT, 'playbooks', 'to_main.yml')
ORA = '/distribution/oracle/home/admin/network'
HOLDER = '/var/adm/remedy_failover/lock/holder'


def controller(tmp_path, name):
    """A controller of its own: its lock folder and its audit log."""
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    return ['-e', 'remedy_failover_lock_dir=%s' % (folder / 'locks'), '-e',
            'remedy_failover_audit_log=%s' % (folder / 'audit.log')]


def audit_of(tmp_path, name):
    path = tmp_path / name / 'audit.log'
    return records(str(path)) if path.exists() else []


def holder(lab, box):
    return lab.console(box, 'cat', HOLDER, check=False).stdout


def read(lab, box, *command):
    return lab.console(box, *command, check=False).stdout.strip()


def daemons_stopped_on_main(lab):
    processes = read(lab, 'main', 'ps', '-e', '-o', 'comm=')
    return read(lab, 'main', 'cat', '/var/lab/runlevel') == '3' and 'arserverd' not in processes


def test_two_controllers_two_directions_exclude_each_other(fresh_lab, tmp_path):
    lab = fresh_lab
    first = start_play(TO_FAILOVER, *controller(tmp_path, 'cli'))
    try:
        assert wait_for(lambda: 'run=' in holder(lab, 'main') and 'run=' in holder(lab, 'failover'), 180)
        second, dummy = play(TO_MAIN, *controller(tmp_path, 'awx'))
        out, err = first.communicate(timeout=900)
    finally:
        first.kill()
    assert second.returncode != 0
    said = messages(second)
    assert "another run holds the pair's lock: run " in said and '-e remedy_failover_break_lock=' in said, said
    assert 'Nothing was changed' in said
    events = [r['event'] for r in audit_of(tmp_path, 'awx')]
    assert events[0] == 'started' and set(events[1:]) == {'refused'}, events  # each box that refused says so
    assert first.returncode == 0, out[-3000:] + err[-2000:]
    serving(lab, 'failover', 'sunar01', prod=True)
    # the box that answered at the end gave the lock back; the halted box still holds it, until the next run
    assert holder(lab, 'failover') == '' and 'run=' in holder(lab, 'main')

    lab.console('main', 'boot')
    assert lab.wait_ssh('sunar02', timeout=60)
    # another controller (its own empty audit log): the failover box's journal shows the first run released the pair
    result, dummy = play(TO_FAILOVER, *controller(tmp_path, 'third'))
    assert result.returncode == 0, messages(result)
    assert 'the journal shows that run released the pair, so it is cleared' in result.stdout
    assert holder(lab, 'main') == '' and holder(lab, 'failover') == ''


def test_a_squatted_lock_directory_is_refused(fresh_lab):
    lab = fresh_lab
    lab.console('main', 'sh', '-c', 'mkdir -p /var/adm/remedy_failover && chown %s /var/adm/remedy_failover && '
                'chmod 777 /var/adm/remedy_failover' % labctl.LOGIN_USER)
    before = {box: state(lab, box) for box in ('main', 'failover')}
    result, dummy = play(TO_FAILOVER)
    assert result.returncode != 0
    said = messages(result)
    assert "the directory of the pair's lock /var/adm/remedy_failover cannot be trusted: it is owned by uid" in said
    assert 'Nothing was changed' in said and 'rm -r /var/adm/remedy_failover' in said
    assert {box: state(lab, box) for box in ('main', 'failover')} == before
    assert holder(lab, 'failover') == ''  # the lock taken on the other box was given back


@pytest.mark.parametrize('signum', [signal.SIGINT, signal.SIGTERM], ids=['ctrl-c', 'sigterm'])
def test_an_interruption_after_the_stop_is_told_and_the_rerun_finishes(fresh_lab, tmp_path, relay, signum):  # noqa: F811
    lab = fresh_lab
    ctl = controller(tmp_path, 'cli')
    first = start_play(TO_FAILOVER, *(ctl + relay.args))
    try:
        assert wait_for(lambda: daemons_stopped_on_main(lab), 300), 'the run never stopped Remedy'
        if signum == signal.SIGINT:
            os.killpg(first.pid, signum)  # Ctrl-C: the terminal signals the foreground process group
        else:
            os.kill(first.pid, signum)  # kill PID, a CI time-out
        out, err = first.communicate(timeout=600)
    finally:
        first.kill()
    assert first.returncode != 0
    name = {signal.SIGINT: 'SIGINT (Ctrl-C)', signal.SIGTERM: 'SIGTERM'}[signum]
    events = audit_of(tmp_path, 'cli')
    interrupted = [r for r in events if r['event'] == 'interrupted']
    assert len(interrupted) == 1 and interrupted[0]['signal'] == name, events
    assert {'started', 'leaving'} <= set(interrupted[0]['steps'])
    assert events[-1]['event'] == 'released'
    assert [r for r in box_records(lab, 'main') if r['event'] == 'interrupted'], 'no record on the main box'
    failed = [m for m in relay.messages if m['X-Remedy-Failover-Notice'] == 'failed']
    assert len(failed) == 1, [m['Subject'] for m in relay.messages]
    body = failed[0].get_body(preferencelist=('plain',)).get_content()
    assert 'was interrupted by %s and stopped half-way' % name in body and 'Next:' in body
    assert holder(lab, 'main') == '' and holder(lab, 'failover') == ''  # the lock is free
    assert 'playbooks/to_failover.yml again' in out + err

    result, dummy = play(TO_FAILOVER, *ctl)
    assert result.returncode == 0, messages(result)
    assert 'An earlier run of this pair did not finish' in result.stdout and 'it was interrupted' in result.stdout
    serving(lab, 'failover', 'sunar01', prod=True)
    serving(lab, 'main', 'sunar02', prod=False)


def test_a_rerun_after_the_collections_own_halt_needs_no_confirmation(fresh_lab, tmp_path):
    lab = fresh_lab
    first = start_play(TO_FAILOVER, *controller(tmp_path, 'cli'))
    try:
        # the halt sent and journalled (controller and the failover box), its silence proved
        assert wait_for(lambda: any(r['event'] == 'silent' for r in audit_of(tmp_path, 'cli')), 300)
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # nothing told: the next run reads the journal
        first.wait(30)
    assert lab.wait_runlevel('main', 'ok')
    time.sleep(3)
    # another controller: the halt is read from the failover box's journal; no confirm_main_down given
    result, dummy = play(TO_FAILOVER, *controller(tmp_path, 'awx'))
    assert result.returncode == 0, messages(result)
    assert 'Finishing a move: the main box was halted by this collection (run ' in result.stdout
    assert 'An earlier run of this pair did not finish' in result.stdout
    serving(lab, 'failover', 'sunar01', prod=True)


def test_a_planted_listener_password_is_never_printed_with_diff(fresh_lab):
    lab = fresh_lab
    for box in ('main', 'failover'):
        lab.console(box, 'sh', '-c', 'for f in %s/listener.ora %s/listener.ora.sunar01 %s/listener.ora.sunar02; do '
                    'printf "PASSWORDS_LISTENER =\\n  (S3cr3t%s$f)\\n" >> $f; done' % (ORA, ORA, ORA, box))
    result, dummy = play(TO_FAILOVER, '--check', '--diff')
    assert result.returncode == 0, messages(result)
    assert 'S3cr3t' not in result.stdout + result.stderr
    assert 'secret line(s) masked' in result.stdout
    result, dummy = play(TO_FAILOVER, '--diff')
    assert result.returncode == 0, messages(result)
    assert 'S3cr3t' not in result.stdout + result.stderr
    serving(lab, 'failover', 'sunar01', prod=True)
