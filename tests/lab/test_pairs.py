"""Several pairs in one inventory (the lab's remedy and remedy_b), moved by one run, in parallel.

Each pair's invariants are sampled from the consoles throughout; a refusal in one pair stops every pair before any
change; a failure in one pair's steps stops that pair's next steps and leaves the other pair's move to finish.
"""

import json
import os

import pytest

from conftest import ROOT
from lab_helpers import Prober, box_records, carries, changed, messages, moved, play, records, serving, state

TO_FAILOVER = os.path.join(ROOT, 'playbooks', 'to_failover.yml')
TO_MAIN = os.path.join(ROOT, 'playbooks', 'to_main.yml')
BOTH = ('-e', 'remedy_failover_pair=remedy_pairs')
# per pair: (main box, failover box, production name, spare name, main's processors, failover's processors)
PAIRS = [('main', 'failover', 'sunar01', 'sunar02', '2', '1'),
         ('main-2', 'failover-2', 'sunar03', 'sunar04', '4', '2')]
BOXES = [box for pair in PAIRS for box in pair[:2]]
# the controller's journal of one pair's full move, in order: its start, each step it saw done from the controller
# (the leaving box records its own steps), its end, the lock given back
MOVE_JOURNAL = ['started', 'halted', 'silent', 'renamed', 'up', 'done', 'released']


@pytest.fixture
def two_pairs(lab):
    """Both pairs of the lab in their normal state; the one-pair lab again afterwards, for the tests after."""
    lab.reset(pairs=2)
    yield lab
    lab.reset()


def summaries(result):
    """The summary line list each pair's report printed (the debug messages starting with 'Pair ')."""
    found = []
    for each_play in json.loads(result.stdout)['plays']:
        for task in each_play['tasks']:
            for res in task['hosts'].values():
                msg = res.get('msg')
                if isinstance(msg, list) and msg and str(msg[0]).startswith('Pair '):
                    found.append(msg)
    return found


def test_one_run_moves_every_pair_in_parallel_and_back(two_pairs, tmp_path):
    lab = two_pairs
    audit = tmp_path / 'audit.log'
    both = BOTH + ('-e', 'remedy_failover_audit_log=%s' % audit)
    prober = Prober(lab, [pair[:2] for pair in PAIRS])
    prober.start()
    result, stats = play(TO_FAILOVER, *both)
    assert result.returncode == 0, messages(result)
    for main, failover, prod, spare, dummy, failover_cpus in PAIRS:
        moved(lab, failover, main, prod, spare, failover_cpus)
    # one summary per pair, each about its own pair
    reports = summaries(result)
    assert sorted(report[0] for report in reports) == ['Pair sunar01/sunar02:', 'Pair sunar03/sunar04:']
    for report in reports:
        prod = report[0].split()[1].split('/')[0]
        assert any(line.startswith('Remedy runs on the failover box at %s' % prod) for line in report), report
        assert any(line.startswith('Service down for ') for line in report), report
    # in parallel: the two pairs' outages overlap
    first, second = (prober.down[pair[:2]] for pair in PAIRS)
    assert first and second
    assert max(min(first), min(second)) < min(max(first), max(second)), 'the outages did not overlap'
    # the audit trail: per pair, a start and an end on the controller; on each box, what the run did to it
    trail = records(audit)
    for pair in ('sunar01/sunar02', 'sunar03/sunar04'):
        assert [r['event'] for r in trail if r['pair'] == pair] == MOVE_JOURNAL, trail
    for record in trail:
        assert record['direction'] == 'to the failover box' and record['who'] and record['check_mode'] is False
    for record in (r for r in trail if r['event'] == 'done'):
        assert record['plan'] == 'full' and record['result'] == 'ok' and record['downtime_s'] > 0
        assert record['boxes'] == dict(zip(record['pair'].split('/'), ['main', 'failover']))
    for main, failover, prod, spare, dummy, failover_cpus in PAIRS:
        # the leaving box: the run's start (its journal, for any controller) and what was done to it before its halt
        left = box_records(lab, main)
        assert [r['event'] for r in left] == ['started', 'leaving']
        assert left[1]['steps'].endswith('renamed %s, halting' % spare) and left[1]['pair'] == prod + '/' + spare
        # the box taking over: the start, the halt of the other (which cannot be written once halted), the move
        # done, the pair's lock given back
        done = box_records(lab, failover)
        assert [r['event'] for r in done] == ['started', 'halted', 'done', 'released'], done
        assert done[2]['serving'] is True and done[2]['box'] == '%s processors, named %s' % (failover_cpus, prod)

    for main, dummy, dummy, spare, main_cpus, dummy in PAIRS:
        lab.console(main, 'boot')  # the operator's remaining step, for each pair
        assert lab.wait_ssh(spare, timeout=60)
        assert lab.ssh(spare, '/usr/sbin/psrinfo | wc -l').stdout.strip() == main_cpus
    kept = {box: box_records(lab, box) for box in BOXES}
    result, stats = play(TO_FAILOVER, *both)
    assert result.returncode == 0, messages(result)
    assert changed(stats) == 0, stats  # the records written are bookkeeping, not changes
    assert sorted(r['plan'] for r in records(audit)[len(trail):] if r['event'] == 'done') == ['finish', 'finish']
    # the rerun found the move finished: on each box, its start, its end and the lock given back, nothing else
    assert {box: [r['event'] for r in box_records(lab, box)[len(kept[box]):]] for box in BOXES} == {
        box: ['started', 'done', 'released'] for box in BOXES}

    result, stats = play(TO_MAIN, *BOTH)
    assert result.returncode == 0, messages(result)
    for main, failover, prod, spare, main_cpus, dummy in PAIRS:
        moved(lab, main, failover, prod, spare, main_cpus)
    assert prober.stop() == [] and prober.samples > 20


def test_a_bad_state_in_one_pair_stops_every_pair_before_any_change(two_pairs, tmp_path):
    lab = two_pairs
    # Remedy on both boxes of the second pair
    lab.console('failover-2', 'sh', '-c', 'cp /etc/ar.conf.PROD /etc/ar.conf && /etc/init.d/arsystem start '
                '>/dev/null 2>&1 </dev/null && rm /etc/ar.conf')
    before = {box: state(lab, box) for box in BOXES}
    audit = tmp_path / 'audit.log'
    locks = tmp_path / 'locks'
    result, dummy = play(TO_FAILOVER, *BOTH, '-e', 'remedy_failover_audit_log=%s' % audit,
                         '-e', 'remedy_failover_lock_dir=%s' % locks)
    assert result.returncode != 0
    # a refused run gives its locks back (the guard file of the lock folder stays: it holds no lock)
    assert [name for name in os.listdir(locks) if name != '.remedy_failover.flock'] == []
    assert 'Remedy runs on both boxes, at sunar03 and sunar04' in messages(result)
    assert 'Nothing was changed' in messages(result)
    assert {box: state(lab, box) for box in BOXES} == before
    # one refusal per pair: the pair at fault says why, the other that it was stopped with it
    refused = sorted((r for r in records(audit) if r['event'] == 'refused'), key=lambda r: r['pair'])
    assert [r['pair'] for r in refused] == ['sunar01/sunar02', 'sunar03/sunar04'], refused
    assert refused[0]['reason'] == 'another pair of this run was refused' and 'at' not in refused[0]
    assert refused[1]['at'] == 'sunar03' and 'Remedy runs on both boxes' in refused[1]['reason']
    # on the boxes, only the pair's lock taken and given back: the refused run's one record on each
    assert {box: [(r['event'], r['result']) for r in box_records(lab, box)] for box in BOXES} == {
        box: [('released', 'refused')] for box in BOXES}


def test_a_failure_in_one_pair_stops_that_pair_and_the_other_finishes(two_pairs, tmp_path):
    lab = two_pairs
    # the second pair's main box cannot stop its AR server
    lab.console('main-2', 'sh', '-c', 'printf \'#!/bin/sh\\ncase "$1" in stop) exit 0;; esac\\n'
                'exec /opt/lab/bin/standin arsystem "$@"\\n\' > /etc/init.d/arsystem')
    prober = Prober(lab, [pair[:2] for pair in PAIRS])
    prober.start()
    audit = tmp_path / 'audit.log'
    result, dummy = play(TO_FAILOVER, *BOTH, '-e', 'remedy_failover_audit_log=%s' % audit)
    assert result.returncode != 0
    assert 'sunar04: the steps of the main box of sunar03/sunar04 did not finish' in messages(result)
    assert 'The move to the failover box did NOT finish' in messages(result)
    # the first pair moved
    serving(lab, 'failover', 'sunar01', prod=True)
    assert lab.runlevel('main') == 'ok' and carries(lab, 'main', 'sunar02')
    # the second pair: the main box still serves as sunar03; the failover box was not renamed
    assert lab.runlevel('main-2') == '3' and carries(lab, 'main-2', 'sunar03')
    assert 'arserverd' in lab.processes('main-2')
    serving(lab, 'failover-2', 'sunar04', prod=False)
    assert prober.stop() == []
    trail = records(audit)
    assert [r['event'] for r in trail if r['pair'] == 'sunar01/sunar02'] == MOVE_JOURNAL
    assert [r['event'] for r in trail if r['pair'] == 'sunar03/sunar04'] == ['started', 'failed', 'released']
    failed = [r for r in trail if r['event'] == 'failed'][0]
    assert failed['at'] == 'sunar03' and failed['task']
    assert [r['event'] for r in box_records(lab, 'main-2')] == ['started', 'leaving', 'failed', 'released']
    assert [r['event'] for r in box_records(lab, 'failover-2')] == ['started', 'failed', 'released']


def test_an_unplanned_move_is_confirmed_per_pair_in_a_run_of_several(two_pairs):
    lab = two_pairs
    lab.console('main', 'init', '0')  # the first pair's main box is down; the second pair is in its normal state
    assert lab.wait_runlevel('main', 'ok')
    before = {box: state(lab, box) for box in BOXES}
    result, dummy = play(TO_FAILOVER, *BOTH, '-e', 'confirm_main_down=true')
    assert result.returncode != 0
    assert '-e confirm_main_down=sunar01 (this run moves several pairs' in ' '.join(messages(result).split())
    assert {box: state(lab, box) for box in BOXES} == before

    result, dummy = play(TO_FAILOVER, *BOTH, '-e', 'confirm_main_down=sunar01')
    assert result.returncode == 0, messages(result)
    serving(lab, 'failover', 'sunar01', prod=True)
    moved(lab, 'failover-2', 'main-2', 'sunar03', 'sunar04', '2')


def test_two_pairs_naming_one_box_are_refused_before_any_change(two_pairs, tmp_path):
    """A third pair copied from the second, with its spare name left as sunar04: sunar04 would be renamed twice."""
    lab = two_pairs
    folder = tmp_path / 'inventories' / 'lab'  # laid out as the lab's, for its group vars' paths to .lab
    folder.mkdir(parents=True)
    os.symlink(os.path.join(ROOT, '.lab'), tmp_path / '.lab')
    inventory = folder / 'hosts.yml'
    with open(os.path.join(ROOT, 'inventories', 'lab', 'hosts.yml')) as handle:
        text = handle.read()
    text = text.replace('        remedy_b:\n', '        remedy_c:\n          hosts:\n            sunar05:\n'
                        '              ansible_host: 172.29.83.15\n          vars:\n'
                        '            remedy_failover_production_name: sunar05\n'
                        '            remedy_failover_spare_name: sunar04\n        remedy_b:\n')
    inventory.write_text(text)
    os.symlink(os.path.join(ROOT, 'inventories', 'lab', 'group_vars'), folder / 'group_vars')
    before = {box: state(lab, box) for box in BOXES}
    result, dummy = play(TO_FAILOVER, '-i', str(inventory), *BOTH)
    assert result.returncode != 0
    assert 'holds pairs that share the name sunar04' in ' '.join(messages(result).split())
    assert {box: state(lab, box) for box in BOXES} == before
