"""How a run ended for a pair (play 6): outcome() from what plays 1-5 left on the pair's two hosts."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.pair import outcome, status_flags
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.pair_states import (
    CFG,
    PROD,
    SPARE,
    UNREACHABLE,
    box,
    seen,
)

FULL = {'plan': 'full', 'roles': {PROD: 'leaving', SPARE: 'taking'}}
FINISH = {'plan': 'finish', 'roles': {PROD: 'taking', SPARE: 'leaving'}}
FINISH_ALONE = {'plan': 'finish', 'roles': {PROD: 'taking', SPARE: None}}
TAKEOVER = {'plan': 'takeover', 'roles': {PROD: None, SPARE: 'taking'}}

# what play 5 reads at the end of a move to the failover box: it serves at prod; the main box halted, or booted
SERVES = seen(PROD, box('failover', PROD, remedy=True))
HALTED = seen(SPARE, None)
GONE = seen(PROD, None)
BOOTED = seen(SPARE, box('main', SPARE))


def host(end, failure=None, **flags):
    found = {'failure': failure, 'left': False, 'renamed': False, 'up': False, 'down_at': None, 'up_at': None,
             'end': end}
    found.update(flags)
    return found


def failure(play, task, at, reason):
    step = {2: 'taking the leaving box out of production', 3: 'renaming and rebooting the box taking over',
            4: 'bringing Remedy up at the production name'}[play]
    return {'play': play, 'step': step, 'at': at, 'task': task, 'reason': reason}


STOP = failure(2, 'Stop Remedy (and prove it is down)', PROD, 'arserverd still runs after the stop')
SILENT = failure(3, 'Stop when the production name\'s address still answers', SPARE,
                 "sunar02: something still answers at sunar01's address")
START = failure(4, 'Start Remedy and check it from the controller, as users reach it', PROD,
                'port 2020 does not answer')
DONE_FULL = {PROD: host(SERVES, left=True, up=True, down_at=1000.0, up_at=1090.4), SPARE: host(HALTED, renamed=True)}


@pytest.mark.parametrize('decision,hosts,check_mode,expected', [
    pytest.param(FULL, DONE_FULL, False,
                 {'result': 'ok', 'downtime': 90.4,
                  'has': ['Remedy runs on the failover box at sunar01 (1 processors).',
                          'Service down for 90 s (from the stop on the main box'],
                  'remaining': ['the main box was halted by this run; boot it at its console (boot); it comes up as '
                                'sunar02 without Remedy.']},
                 id='ok full: the main box halted, to boot at its console'),
    pytest.param(FINISH, {PROD: host(SERVES, renamed=True, up=True), SPARE: host(BOOTED, left=True)}, False,
                 {'result': 'ok', 'downtime': None, 'has': ['Remedy runs on the failover box at sunar01'],
                  'remaining': []}, id='ok finish with the leaving box at spare: nothing left'),
    pytest.param(FINISH_ALONE, {PROD: host(SERVES, renamed=True, up=True), SPARE: host(HALTED)}, False,
                 {'result': 'ok', 'downtime': None, 'has': ['Remedy runs on the failover box at sunar01'],
                  'remaining': ['at the console of the main box once it can be used: boot -s; /etc/setname sunar02; '
                                '/etc/remedy_auto_startup remove']},
                 id='ok finish, spare silent: the box that left may still carry sunar01, its console steps left'),
    pytest.param(dict(FINISH_ALONE, own_halt={'event': 'halted', 'run': 'run-7'}),
                 {PROD: host(SERVES, renamed=True, up=True), SPARE: host(HALTED)}, False,
                 {'result': 'ok', 'downtime': None, 'has': ['Remedy runs on the failover box at sunar01'],
                  'remaining': ['the main box was renamed sunar02 and halted by run run-7 of this collection: boot it '
                                'at its console (boot); it comes up as sunar02 without Remedy.']},
                 id='ok finish, spare silent, halted by this collection: a boot left'),
    pytest.param(TAKEOVER, {PROD: host(SERVES, up=True, down_at=None, up_at=2000.0), SPARE: host(HALTED, renamed=True)},
                 False, {'result': 'ok', 'downtime': None, 'has': ['Remedy runs on the failover box at sunar01'],
                         'remaining': ['at the console of the main box once it can be used: boot -s; /etc/setname '
                                       'sunar02; /etc/remedy_auto_startup remove']},
                 id='ok takeover: the leaving box\'s console steps left'),
    pytest.param(FULL, {PROD: host(seen(PROD, box('main', PROD, arconf='parked')), STOP), SPARE: host(BOOTED)}, False,
                 {'result': 'failed', 'reason': 'taking the leaving box out of production failed at "Stop Remedy (and '
                  'prove it is down)" on sunar01: arserverd still runs after the stop',
                  'has': ['The move to the failover box did NOT finish:', 'Now: sunar01 (192.0.2.11): the MAIN box']},
                 id='failed in play 2'),
    pytest.param(FULL, {PROD: host(GONE, left=True, down_at=1000.0), SPARE: host(BOOTED, SILENT)}, False,
                 {'result': 'failed', 'reason': 'renaming and rebooting the box taking over failed at "Stop when the '
                  'production name\'s address still answers" on sunar02',
                  'has': ['Now: sunar01 (192.0.2.11): nothing answers at its address']}, id='failed in play 3'),
    pytest.param(FULL, {PROD: host(seen(PROD, box('failover', PROD, arconf='active')), START, left=True,
                                   down_at=1000.0),
                        SPARE: host(HALTED, renamed=True)}, False,
                 {'result': 'failed', 'reason': 'bringing Remedy up at the production name failed at "Start Remedy',
                  'has': ['Now: sunar01 (192.0.2.11): the FAILOVER box (1 processors, 1 on-line), running as sunar01, '
                          'configured as sunar01; Remedy down']}, id='failed in play 4'),
    pytest.param(FULL, {PROD: host(GONE, START, left=True), SPARE: host(BOOTED, SILENT)}, False,
                 {'result': 'failed', 'reason': 'renaming and rebooting the box taking over failed at "Stop when the '
                  'production name\'s address still answers" on sunar02: sunar02: something still answers at '
                  'sunar01\'s address; bringing Remedy up', 'has': []}, id='two failures, told in play order'),
    pytest.param(FULL, {PROD: host(GONE, left=True), SPARE: host(None)}, False,
                 {'result': 'failed', 'reason': 'the run could not rename and reboot the box taking over (play 3): '
                  'sunar02 stopped answering Ansible there',
                  'has': ['Now: sunar02: not read at the end of the run (it stopped answering Ansible)']},
                 id='unreachable: the box taking over stopped answering'),
    pytest.param(TAKEOVER, {PROD: host(None), SPARE: host(HALTED, renamed=True)}, False,
                 {'result': 'failed', 'reason': 'the run could not bring Remedy up at the production name (play 4): '
                  'sunar01 stopped answering Ansible there', 'has': ['Now: sunar01: not read at the end of the run'],
                  'more': ['at the console of the main box once it can be used: boot -s; /etc/setname sunar02']},
                 id='unreachable: nothing came up at the production name; the crashed box\'s console steps left'),
    pytest.param(FULL, {PROD: host(SERVES, left=True, up=True),
                        SPARE: host(seen(SPARE, box('main', SPARE, remedy=True)), renamed=True)}, False,
                 {'result': 'failed', 'reason': 'after the run, Remedy runs at sunar01 and sunar02: it must run on one '
                  'box only: look at both consoles now', 'has': ['Now: sunar02 (192.0.2.12): the MAIN box']},
                 id='broken invariant at the end: Remedy twice'),
    pytest.param(FULL, {PROD: host(SERVES, left=True, up=True), SPARE: host(seen(SPARE, box('main', PROD)),
                                                                            renamed=True)}, False,
                 {'result': 'failed', 'reason': 'after the run, two boxes answer with the name sunar01 (uname -n), '
                  'at sunar01 and sunar02', 'has': []}, id='broken invariant at the end: two boxes named sunar01'),
    pytest.param(FULL, {PROD: host(seen(PROD, box('main', PROD, remedy=True)), left=True, up=True),
                        SPARE: host(seen(SPARE, box('failover', SPARE)), renamed=True)}, True,
                 {'result': 'ok', 'downtime': None,
                  'has': ['Check mode: nothing was changed; the tasks reported changed are what a real run does.',
                          'Remedy would run on the failover box at sunar01'],
                  'remaining': []}, id='check mode: nothing left for the operator'),
    pytest.param(FULL, {PROD: host(seen(PROD, box('main', PROD, remedy=True))),
                        SPARE: host(seen(SPARE, box('failover', SPARE)))}, True,
                 {'result': 'ok', 'has': ['Check mode: nothing was changed'], 'remaining': []},
                 id='check mode: the steps not done are not a failure'),
    pytest.param(FULL, {PROD: host(seen(PROD, box('main', PROD, remedy=True)), STOP),
                        SPARE: host(seen(SPARE, box('failover', SPARE)))}, True,
                 {'result': 'failed', 'reason': 'taking the leaving box out of production failed', 'has': []},
                 id='check mode: a failed step is a failure'),
])
def test_outcome(decision, hosts, check_mode, expected):
    got = outcome(CFG, 'failover', decision, hosts, check_mode=check_mode)
    assert got['result'] == expected['result'] and got['plan'] == decision['plan']
    assert got['lines'][0] == 'Pair sunar01/sunar02:'
    text = '\n'.join(got['lines'])
    for words in expected['has']:
        assert words in text
    if 'downtime' in expected:
        assert got['downtime'] == expected['downtime']
    if got['result'] == 'ok':
        assert got['reason'] is None and 'did NOT finish' not in text
        assert len(got['remaining']) == len(expected['remaining'])
        for step, words in zip(got['remaining'], expected['remaining']):
            assert step.startswith(words) and 'Left for the operator: %s' % step in got['lines']
        return
    assert got['reason'].startswith(expected['reason'].split(': ')[0]) and expected['reason'] in got['reason']
    assert 'The move to the failover box did NOT finish: %s.' % got['reason'] in got['lines']
    assert len([line for line in got['lines'] if line.startswith('Now: ')]) == 2
    assert got['remaining'][0] == ('look at both boxes (ansible-playbook playbooks/status.yml), put right what the '
                                   'message says, and run the same playbook again: it continues from where the pair '
                                   'is.')
    more = expected.get('more', [])
    assert len(got['remaining']) == 1 + len(more)
    assert all(step.startswith(words) for step, words in zip(got['remaining'][1:], more))


def test_outcome_to_the_main_box():
    serves = seen(PROD, box('main', PROD, remedy=True))
    got = outcome(CFG, 'main', FULL, {PROD: host(serves, left=True, up=True, down_at=10, up_at=70),
                                      SPARE: host(HALTED, renamed=True)})
    assert got['result'] == 'ok' and got['downtime'] == 60.0
    assert 'Remedy runs on the main box at sunar01 (2 processors).' in got['lines']
    assert got['remaining'][0].startswith('the failover box was halted by this run')


@pytest.mark.parametrize('at_prod,at_spare,flags', [
    pytest.param(box('main', PROD, remedy=True), box('failover', SPARE), [], id='in production: no warning'),
    pytest.param(box('failover', PROD, remedy=True), None, ['NOTE: nothing answers at sunar02'],
                 id='after a move, the leaving box halted'),
    pytest.param(box('main', PROD, arconf='active'), box('failover', SPARE, remedy=True),
                 ['WARNING: Remedy runs at the spare name sunar02'], id='Remedy at the spare name'),
    pytest.param(box('main', PROD, remedy=True), box('failover', SPARE, remedy=True),
                 ['WARNING: Remedy runs at sunar01 and sunar02: it must run on one box only',
                  'WARNING: Remedy runs at the spare name sunar02'], id='Remedy on both boxes'),
    pytest.param(box('main', PROD, arconf='active'), box('failover', SPARE), ['WARNING: Remedy runs nowhere'],
                 id='Remedy nowhere'),
    pytest.param(box('failover', SPARE), box('main', PROD),
                 ['WARNING: Remedy runs nowhere',
                  'WARNING: the box at sunar01 runs as sunar02 and is configured as sunar02',
                  'WARNING: the box at sunar02 runs as sunar01 and is configured as sunar01'], id='addresses swapped'),
    pytest.param(box('main', PROD, remedy=True), box('failover', SPARE, configured=PROD),
                 ['WARNING: both boxes are configured as sunar01 (/etc/nodename): they would come up with one name',
                  'WARNING: the box at sunar02 runs as sunar02 and is configured as sunar01'],
                 id='both configured as the production name'),
    pytest.param(box('odd', PROD, remedy=True), box('failover', SPARE),
                 ['WARNING: a processor count of neither box at sunar01'], id='a box of neither kind'),
    pytest.param(box('main', PROD, remedy=True), UNREACHABLE,
                 ['WARNING: sunar02 answers SSH but cannot be read: Failed to connect to the host via ssh: '
                  'Permission denied (publickey,password)'], id='a box that cannot be read'),
    pytest.param(box('main', PROD, remedy=True, arconf='both'), box('failover', SPARE),
                 ['WARNING: sunar01: both /etc/ar.conf and /etc/ar.conf.PROD exist'], id='both ar.conf'),
    pytest.param(None, None, ['NOTE: nothing answers at sunar01', 'NOTE: nothing answers at sunar02'],
                 id='nothing answers'),
])
def test_status_flags(at_prod, at_spare, flags):
    """status.yml's warnings about a pair, from the same invariants as the decision and the end of a run."""
    assert status_flags(CFG, [seen(PROD, at_prod), seen(SPARE, at_spare)]) == flags
