"""The pair's lock on the boxes: judge() (one row per case), and the real scripts under /bin/sh, many at once."""

import json
import os
import subprocess

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.pair_lock import (
    OURS,
    REFUSE,
    TAKE,
    TAKE_OVER,
    judge,
    lock_flags,
    look_script,
    parse_look,
    release_script,
    take_script,
)
from ansible_collections.remedy.failover.plugins.module_utils.probe import by_tag, split_sections

BASE = '/var/adm/remedy_failover'
ROOT_DIR = {'type': 'd', 'mode': 'rwxr-xr-x', 'uid': 0, 'raw': 'drwxr-xr-x 2 0 0 512 Dec 5 08:00 x'}
LOCK_DIR = {'type': 'd', 'mode': 'rwx------', 'uid': 0, 'raw': 'drwx------ 2 0 0 512 Dec 5 08:00 x/lock'}
HOLDER = {'run': 'r1', 'controller': 'awx-job-7', 'user': 'jane', 'pid': '42', 'start': '2026-12-05T08:00:00Z',
          'direction': 'failover', 'pair': 'sunar01/sunar02'}


def look(**kw):
    found = {'base': ROOT_DIR, 'lock': LOCK_DIR, 'holder': HOLDER, 'released': []}
    found.update(kw)
    return found


@pytest.mark.parametrize('state, kwargs, verdict, words', [
    pytest.param(look(base=None, lock=None, holder=None), {}, TAKE, 'free', id='no-directory-yet'),
    pytest.param(look(lock=None, holder=None), {}, TAKE, 'free', id='free'),
    pytest.param(look(holder=dict(HOLDER, run='me')), {}, OURS, 'held by this run', id='ours'),
    pytest.param(look(), {}, REFUSE, 'remedy_failover_break_lock=r1', id='held-by-another-run'),
    pytest.param(look(), {}, REFUSE, 'run r1 of jane on the controller awx-job-7', id='refusal-names-the-holder'),
    pytest.param(look(), {'holder_alive': True}, REFUSE, 'Wait for it to end', id='holder-alive'),
    pytest.param(look(), {'holder_alive': None}, REFUSE, 'Nothing was changed', id='holder-unknown-never-broken'),
    pytest.param(look(), {'holder_alive': False}, TAKE_OVER, 'its process is gone', id='holder-proved-dead'),
    pytest.param(look(), {'released': ['r0', 'r1']}, TAKE_OVER, 'journal shows that run released', id='left-by-a-finished-run'),
    pytest.param(look(), {'break_run': 'r1'}, TAKE_OVER, 'broken on purpose', id='broken-on-purpose'),
    pytest.param(look(), {'break_run': 'r2'}, REFUSE, 'remedy_failover_break_lock=r1', id='break-names-another-run'),
    pytest.param(look(holder=None), {}, REFUSE, 'names no holder', id='no-holder'),
    pytest.param(look(holder=None), {'break_run': 'unknown'}, TAKE_OVER, 'broken on purpose', id='no-holder-broken'),
    pytest.param(look(base=dict(ROOT_DIR, uid=1001)), {}, REFUSE, 'owned by uid 1001, not by root', id='squatted-base'),
    pytest.param(look(base=dict(ROOT_DIR, mode='rwxrwxrwx')), {}, REFUSE, 'others may write', id='base-world-writable'),
    pytest.param(look(base=dict(ROOT_DIR, mode='rwxrwxr-x')), {}, REFUSE, 'others may write', id='base-group-writable'),
    pytest.param(look(base=dict(ROOT_DIR, type='l')), {}, REFUSE, 'symbolic link', id='base-symlink'),
    pytest.param(look(base=dict(ROOT_DIR, type='-')), {}, REFUSE, 'not a directory', id='base-a-file'),
    pytest.param(look(lock=dict(LOCK_DIR, uid=1001)), {}, REFUSE, 'not one this collection makes', id='lock-foreign-owned'),
    pytest.param(look(lock=dict(LOCK_DIR, type='l')), {'break_run': 'r1'}, REFUSE, 'symbolic link', id='lock-symlink-never-broken'),
    pytest.param(look(base=dict(ROOT_DIR, uid=1001)), {'break_run': 'r1'}, REFUSE, 'cannot be trusted', id='squat-never-broken'),
])
def test_judge(state, kwargs, verdict, words):
    decision = judge('sunar01', BASE, state, 'me', **kwargs)
    assert decision['verdict'] == verdict and words in decision['msg'], decision
    if verdict == REFUSE:
        assert 'sunar01' in decision['msg'] and 'Nothing was changed' in decision['msg']
    if verdict == TAKE_OVER:
        assert decision['break'] == (state['holder'] or {}).get('run', 'unknown')


def sh(script):
    done = subprocess.run(['/bin/sh', '-c', 'LC_ALL=C; export LC_ALL; ' + script], capture_output=True, text=True,
                          timeout=60, check=False)
    return by_tag(split_sections(done.stdout))


def me(run):
    return dict(HOLDER, run=run, controller='ctl', pid=str(os.getpid()))


@pytest.fixture
def base(tmp_path):
    os.chmod(str(tmp_path), 0o755)
    return str(tmp_path / 'remedy_failover')


def judged(base, run, **kwargs):
    return judge('box', base, parse_look(sh(look_script(base, base + '.log'))), run, owner=os.getuid(), **kwargs)


def test_take_look_release_under_sh(base):
    assert judged(base, 'a')['verdict'] == TAKE
    taken = sh(take_script(base, me('a')))
    assert [w for w in taken['take'][0] if w] == ['taken']
    assert oct(os.stat(base).st_mode & 0o777) == '0o755' and oct(os.stat(base + '/lock').st_mode & 0o777) == '0o700'
    assert judged(base, 'a')['verdict'] == OURS
    refused = judged(base, 'b')
    assert refused['verdict'] == REFUSE and 'run a of jane' in refused['msg']
    # another run's release leaves it; the holder's release records it in the journal, then frees it
    assert [w for w in sh(release_script(base, 'b', base + '.log', '{}'))['release'][0] if w] == ['not-ours']
    line = json.dumps({'event': 'released', 'run': 'a'})
    assert [w for w in sh(release_script(base, 'a', base + '.log', line))['release'][0] if w] == ['released']
    assert not os.path.exists(base + '/lock')
    assert parse_look(sh(look_script(base, base + '.log')))['released'] == ['a']
    assert [w for w in sh(release_script(base, 'a', base + '.log', line))['release'][0] if w] == ['free']


def test_a_finished_runs_lock_is_cleared_from_the_journal_and_a_break_needs_the_run_id(base):
    sh(take_script(base, me('halted-run')))
    decision = judged(base, 'next', released=['halted-run'])
    assert decision['verdict'] == TAKE_OVER
    # a break naming another run removes nothing
    assert [w for w in sh(take_script(base, me('next'), 'other-run'))['take'][0] if w] == ['busy']
    assert parse_look(sh(look_script(base, '/dev/null')))['holder']['run'] == 'halted-run'
    assert [w for w in sh(take_script(base, me('next'), decision['break']))['take'][0] if w] == ['taken']
    assert parse_look(sh(look_script(base, '/dev/null')))['holder']['run'] == 'next'
    assert not [n for n in os.listdir(os.path.dirname(base)) if '.broken' in n]


def test_a_squatted_directory_is_refused(base):
    os.mkdir(base)
    os.chmod(base, 0o777)
    decision = judged(base, 'a')
    assert decision['verdict'] == REFUSE and 'others may write' in decision['msg']


def test_a_symlinked_directory_is_refused_and_never_followed(base, tmp_path):
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    os.symlink(str(elsewhere), base)
    decision = judged(base, 'a')
    assert decision['verdict'] == REFUSE and 'symbolic link' in decision['msg']
    assert [w for w in sh(take_script(base, me('a')))['take'][0] if w] == ['busy']
    assert os.listdir(str(elsewhere)) == []


def test_many_runs_at_once_one_takes_the_lock(base):
    """Twenty runs take the lock at the same moment, each with the real script under /bin/sh: exactly one wins,
    and the holder written is the winner's."""
    procs = []
    for number in range(20):
        script = 'LC_ALL=C; export LC_ALL; ' + take_script(base, me('run%d' % number))
        procs.append(subprocess.Popen(['/bin/sh', '-c', script], stdout=subprocess.PIPE, text=True))
    answers = []
    for number, proc in enumerate(procs):
        out = proc.communicate(timeout=60)[0]
        answers.append((number, [w for w in by_tag(split_sections(out))['take'][0] if w]))
    winners = [number for number, words in answers if words == ['taken']]
    assert len(winners) == 1, answers
    assert all(words == ['busy'] for number, words in answers if number not in winners)
    holder = parse_look(sh(look_script(base, '/dev/null')))['holder']
    assert holder['run'] == 'run%d' % winners[0]


@pytest.mark.parametrize('locks, released, flagged', [
    pytest.param([('sunar01', None), ('sunar02', None)], [], [], id='free-on-both'),
    pytest.param([('sunar01', HOLDER), ('sunar02', HOLDER)], [], ['sunar01', 'sunar02'], id='held-on-both'),
    pytest.param([('sunar01', HOLDER), ('sunar02', None)], ['r1'], [],
                 id='left-on-the-box-it-halted-by-a-run-that-released'),
    pytest.param([('sunar01', HOLDER), ('sunar02', dict(HOLDER, run='r2'))], ['r1'], ['sunar02'],
                 id='another-run-holds-the-other-box'),
    pytest.param([('sunar01', HOLDER)], ['r0', 'r2'], ['sunar01'], id='other-runs-released'),
])
def test_status_flags_a_lock_only_while_its_run_has_not_released_the_pair(locks, released, flagged):
    flags = lock_flags(locks, released)
    assert [flag.split(':')[0] for flag in flags] == flagged
    assert all("the pair's lock is held by run " in flag for flag in flags)
