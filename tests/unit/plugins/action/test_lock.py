"""remedy.failover.lock for real: lock files in a scratch directory, runs as separate processes, a second user.

A "run" here is a process whose command line names ansible-playbook (as a live run's does) and whose child
runs the action, as Ansible's worker does: the lock records the run's pid, the parent of the worker.
"""

import json
import os
import pathlib
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time

import pytest
import yaml

from ansible_collections.remedy.failover.plugins.action import lock
from ansible_collections.remedy.failover.plugins.action.lock import ActionModule as Lock
from ansible_collections.remedy.failover.plugins.modules import lock as lock_module

# the folder holding ansible_collections/, where this very run imports the collection from (the checkout's
# .collections link, or ansible-test's scratch tree): the workers import it from there too
COLLECTIONS = os.path.abspath(os.path.join(os.path.dirname(lock.__file__), *(['..'] * 5)))
NOBODY = 65534

# The worker: as the given user, waits for the go file, runs the lock action once, prints its result.
WORKER = r'''
import json, os, sys, time
from unittest.mock import MagicMock
args, go, uid, slow, fsize = json.loads(sys.argv[1])
sys.path.insert(0, %r)
from ansible_collections.remedy.failover.plugins.action import lock
# a full disk: writes past fsize bytes fail (EFBIG) instead of killing the process; only after the import
# (ansible-core 2.16 makes a multiprocessing lock, a file in /dev/shm, when its action plugins are imported)
if fsize is not None:
    import resource, signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, resource.RLIM_INFINITY))
if slow:  # a slow disk or a busy controller: time passes between reading the lock and taking it
    read = lock.read
    lock.read = lambda path: (read(path), time.sleep(slow))[0]
task = MagicMock()
task.args, task.check_mode, task.async_val, task.action = args, False, 0, 'remedy.failover.lock'
action = lock.ActionModule(task, MagicMock(), MagicMock(), loader=None, templar=None, shared_loader_obj=None)
if uid is not None:  # only now: the Python of the venv may live where the second user cannot read
    os.setgid(uid)
    os.setuid(uid)
if go:
    open(go + '.ready.%%d' %% os.getpid(), 'w').close()
    while not os.path.exists(go):
        time.sleep(0.001)
result = action.run(task_vars={})
print(json.dumps({k: v for k, v in result.items() if k in ('failed', 'msg', 'path', 'stale', 'holder')}), flush=True)
''' % COLLECTIONS

# The run: names ansible-playbook on its command line, starts the worker (the only one left writing to the test),
# stays alive until its stdin closes.
RUN = 'import os, subprocess, sys; worker = subprocess.Popen(sys.argv[2:]); os.close(1); worker.wait(); sys.stdin.read()'


class Run:
    """One ansible-playbook-like process and its worker running the lock action."""

    def __init__(self, args, go=None, uid=None, slow=0, fsize=None):
        worker = [sys.executable, '-c', WORKER, json.dumps([args, go, uid, slow, fsize])]
        self.process = subprocess.Popen([sys.executable, '-c', RUN, 'ansible-playbook'] + worker,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.pid = self.process.pid

    def result(self):
        line = self.process.stdout.readline()
        assert line, 'the worker of run %d printed nothing (it crashed)' % self.pid
        return json.loads(line)

    def end(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def once(args, **kwargs):
    """One run from start to end: its result."""
    run = Run(args, **kwargs)
    try:
        return run.result()
    finally:
        run.end()


def run_action(run_local, directory, check=False, **args):
    return run_local(Lock, dict({'name': 'remedy', 'dir': str(directory), 'holder': 'alice'}, **args),
                     check_mode=check)[0]


def stale(path, holder='bob'):
    """A lock left by a run that is gone: its pid no longer exists on this host."""
    with open(path, 'w') as handle:
        json.dump({'pid': 2 ** 22 + 7, 'host': socket.gethostname(), 'holder': holder, 'since': 'noon'}, handle)


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_the_default_directory_is_one_for_every_operator():
    documented = yaml.safe_load(lock_module.DOCUMENTATION)['options']['dir']['default']
    assert lock.ARGUMENT_SPEC['dir']['default'] == documented == '/var/tmp/remedy_failover/locks'


def test_concurrent_runs_against_one_stale_lock_one_wins(tmp_path):
    path = tmp_path / 'remedy.lock'
    stale(path)
    go = str(tmp_path / 'go')
    runs = [Run({'name': 'remedy', 'dir': str(tmp_path), 'holder': 'run%d' % n}, go=go, slow=0.2)
            for n in range(6)]
    try:
        deadline = time.time() + 120
        while len([f for f in os.listdir(tmp_path) if f.startswith('go.ready.')]) < len(runs):
            assert time.time() < deadline, 'the workers did not start'
            time.sleep(0.01)
        open(go, 'w').close()
        results = [run.result() for run in runs]
        won = [run for run, result in zip(runs, results) if not result.get('failed')]
        assert len(won) == 1, results
        winner = runs.index(won[0])
        assert results[winner]['stale']['holder'] == 'bob'
        assert 'a stale lock of pid %d was taken over' % (2 ** 22 + 7) in results[winner]['msg']
        with open(path) as handle:
            assert json.load(handle)['pid'] == won[0].pid  # the lock names the run that won
        for n, result in enumerate(results):
            if n != winner:
                assert result['msg'].startswith('another run is moving remedy: run%d (pid %d' % (winner, won[0].pid))
    finally:
        for run in runs:
            run.end()
    # the winner has ended: its lock is stale and the next run takes it
    assert 'taken over' in once({'name': 'remedy', 'dir': str(tmp_path)})['msg']


def test_a_new_directory_is_made_for_every_operator(run_local, tmp_path):
    directory = tmp_path / 'remedy_failover' / 'locks'
    taken = run_action(run_local, directory)
    assert not taken.get('failed') and taken['path'] == str(directory / 'remedy.lock')
    assert mode(directory) == mode(directory.parent) == 0o1777
    assert mode(directory / 'remedy.lock') == 0o666  # readable by all, taken over in place when stale
    with open(directory / 'remedy.lock') as handle:
        record = json.load(handle)
    assert record['holder'] == 'alice' and record['user'] == 'root' and record['host'] == socket.gethostname()


def test_a_relative_directory_is_made_under_the_current_one(run_local, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    taken = run_action(run_local, 'locks')
    assert not taken.get('failed') and taken['path'] == str(tmp_path / 'locks' / 'remedy.lock')
    assert mode(tmp_path / 'locks') == 0o1777


@pytest.mark.parametrize('content, why', [
    ('', 'it is empty (owner root, 0 bytes, last written '),
    ('  \n', 'it is empty (owner root, 3 bytes, '),
    ('{"pid": 12', 'it holds no lock record (owner root, 10 bytes, '),
    ('\x00\x00\x00\x00', 'it holds no lock record (owner root, 4 bytes, '),
    ('[1, 2]', 'it holds no lock record, no pid and host of a run'),
    ('{"holder": "bob"}', 'it holds no lock record, no pid and host of a run'),
])
def test_a_corrupt_lock_is_named_and_left_alone(run_local, tmp_path, content, why):
    path = tmp_path / 'remedy.lock'
    path.write_text(content)
    for check in (False, True):
        refused = run_action(run_local, tmp_path, check=check)
        assert refused['failed'], refused
        assert refused['msg'].startswith('the lock file %s of remedy cannot be read: %s' % (path, why)), refused['msg']
        assert 'A run killed while taking the lock, or a full disk, leaves such a file' in refused['msg']
        assert 'Nothing was changed' in refused['msg']
        assert 'Check that no run on remedy is going on' in refused['msg']
        assert 'then remove it (as its owner or root: rm %s) and run again.' % path in refused['msg']
    released = run_action(run_local, tmp_path, state='released')
    assert not released.get('failed') and released['msg'] == 'not held by this run'
    assert path.read_text() == content
    path.unlink()  # what the message says to do
    assert not run_action(run_local, tmp_path).get('failed')


def test_a_guard_held_too_long_is_a_clear_message(run_local, tmp_path, monkeypatch):
    import fcntl
    monkeypatch.setattr(lock, 'GUARD_WAIT', 0.3)
    stale(tmp_path / 'remedy.lock')
    guard = tmp_path / '.remedy_failover.flock'
    guard.write_text('')
    with open(guard) as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # some other process on the guard, for longer than a run ever holds it
        started = time.time()
        refused = run_action(run_local, tmp_path)
        assert 0.3 <= time.time() - started < 5
        assert refused['failed'] and refused['msg'] == (
            'cannot lock the lock guard %s: held by another process for more than 0.3 s. Nothing was changed. A '
            'process holding it that long is no run of this collection (see fuser -v %s); run again.' % (guard, guard))
    assert 'bob' in (tmp_path / 'remedy.lock').read_text()  # the stale lock was not touched meanwhile
    assert 'taken over' in run_action(run_local, tmp_path)['msg']


def test_a_symbolic_link_is_never_followed(run_local, tmp_path):
    target = tmp_path / 'passwd'
    target.write_text('root:x:0:0::/root:/bin/sh\n')
    os.symlink(target, tmp_path / 'remedy.lock')
    refused = run_action(run_local, tmp_path)
    assert refused['failed'] and 'cannot be read: it is a symbolic link, not a lock file' in refused['msg']
    assert target.read_text() == 'root:x:0:0::/root:/bin/sh\n'


def test_a_directory_that_cannot_be_made_is_a_clear_message(run_local, tmp_path):
    (tmp_path / 'file').write_text('')
    refused = run_action(run_local, tmp_path / 'file' / 'locks')
    assert refused['failed'] and 'Traceback' not in refused['msg']
    assert refused['msg'] == (
        'cannot create the lock directory {0}: Not a directory. Nothing was changed. Create it for every operator '
        'of this controller (as root: mkdir -p {0} && chmod 1777 {0}) or set remedy_failover_lock_dir to a '
        'directory you can write, and run again.'.format(tmp_path / 'file' / 'locks'))
    refused = run_action(run_local, tmp_path / 'file')
    assert refused['failed'] and refused['msg'].startswith('the lock directory %s is not a directory.'
                                                           % (tmp_path / 'file'))


def test_a_full_disk_leaves_no_lock_and_says_so(tmp_path):
    refused = once({'name': 'remedy', 'dir': str(tmp_path)}, fsize=10)
    assert refused['failed'] and refused['msg'] == (
        'cannot write the lock file %s: File too large; it was removed. Nothing was changed. Free space in %s '
        '(df %s) and run again.' % (tmp_path / 'remedy.lock', tmp_path, tmp_path))
    assert not (tmp_path / 'remedy.lock').exists()
    stale(tmp_path / 'remedy.lock')
    refused = once({'name': 'remedy', 'dir': str(tmp_path)}, fsize=10)
    # a take-over that cannot write: the stale lock cannot be put back either here, so the file is left empty
    # (never a mix of two records, which could name another live process)
    assert refused['failed'] and 'File too large; it was left empty. Nothing was changed.' in refused['msg']
    later = once({'name': 'remedy', 'dir': str(tmp_path)})
    assert later['failed'] and 'cannot be read: it is empty (owner root, 0 bytes' in later['msg']
    # room for the stale lock, not for the new record: the stale lock is put back as it was
    stale(tmp_path / 'remedy.lock', holder='b')
    before = (tmp_path / 'remedy.lock').read_bytes()
    refused = once({'name': 'remedy', 'dir': str(tmp_path), 'holder': 'x' * 100}, fsize=len(before))
    assert refused['failed'] and 'File too large; the stale lock was left as it was.' in refused['msg']
    assert (tmp_path / 'remedy.lock').read_bytes() == before
    assert 'taken over' in once({'name': 'remedy', 'dir': str(tmp_path)})['msg']


def test_a_released_lock_of_another_run_is_kept(tmp_path):
    first = Run({'name': 'remedy', 'dir': str(tmp_path), 'holder': 'bob'})
    try:
        assert first.result()['msg'] == 'acquired'
        released = once({'name': 'remedy', 'dir': str(tmp_path), 'state': 'released'})
        assert released['msg'] == 'not held by this run' and (tmp_path / 'remedy.lock').exists()
        refused = once({'name': 'remedy', 'dir': str(tmp_path), 'holder': 'alice'})
        assert refused['failed'] and refused['msg'].startswith(
            'another run is moving remedy: bob (pid %d on %s, user root) since ' % (first.pid, socket.gethostname()))
    finally:
        first.end()


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason='a second user needs root to switch to it')


@pytest.fixture
def shared():
    """A directory the second user can reach (pytest's tmp_path is root's only): its locks/ does not exist yet."""
    base = tempfile.mkdtemp(prefix='remedy-lock-')
    os.chmod(base, 0o755)
    yield pathlib.Path(base) / 'locks'
    shutil.rmtree(base)


@needs_root
def test_operators_see_each_others_lock_and_take_over_stale_ones(shared):
    path = shared / 'remedy.lock'
    # root (an operator with sudo) makes the directory and takes the lock, then its run dies
    assert once({'name': 'remedy', 'dir': str(shared), 'holder': 'root-run'})['msg'] == 'acquired'
    assert mode(shared) == 0o1777 and os.stat(path).st_uid == 0
    # nobody (an operator without sudo) cannot remove root's file in the sticky directory: it is taken over in place
    run = Run({'name': 'remedy', 'dir': str(shared), 'holder': 'nobody-run'}, uid=NOBODY)
    try:
        taken = run.result()
        assert not taken.get('failed') and taken['stale']['holder'] == 'root-run', taken
        with open(path) as handle:
            record = json.load(handle)
        assert record['holder'] == 'nobody-run' and record['user'] == 'nobody' and os.stat(path).st_uid == 0
        # root sees nobody's live run
        refused = once({'name': 'remedy', 'dir': str(shared), 'holder': 'root-run'})
        assert refused['failed'] and 'another run is moving remedy: nobody-run (pid %d on %s, user nobody)' % (
            run.pid, socket.gethostname()) in refused['msg']
    finally:
        run.end()


@needs_root
def test_a_release_by_another_user_marks_the_lock_free(shared):
    assert once({'name': 'remedy', 'dir': str(shared), 'holder': 'root-run'})['msg'] == 'acquired'
    # one run of nobody's: acquire and release from the same ansible-playbook process
    both = json.dumps([{'name': 'remedy', 'dir': str(shared), 'holder': 'nobody-run'},
                       {'name': 'remedy', 'dir': str(shared), 'state': 'released'}])
    code = ('import json, subprocess, sys\n'
            'for args in json.loads(sys.argv[2]):\n'
            '    subprocess.check_call([sys.executable, "-c", sys.argv[3], json.dumps([args, None, %d, 0, None])])\n'
            % NOBODY)
    done = subprocess.run([sys.executable, '-c', code, 'ansible-playbook', both, WORKER],
                          check=True, capture_output=True, text=True, timeout=120)
    taken, released = [json.loads(line) for line in done.stdout.splitlines()]
    assert taken['stale']['holder'] == 'root-run' and released['msg'] == 'released', done.stdout
    with open(shared / 'remedy.lock') as handle:
        assert json.load(handle)['free'] is True  # root's file, so nobody could not remove it
    # free: root takes it without any stale lock
    again = once({'name': 'remedy', 'dir': str(shared), 'holder': 'root-run'})
    assert again['msg'] == 'acquired' and 'stale' not in again


@needs_root
def test_a_lock_directory_another_user_cannot_write_is_a_clear_message(shared):
    os.mkdir(shared, 0o755)  # made by hand, for root only
    refused = once({'name': 'remedy', 'dir': str(shared)}, uid=NOBODY)
    assert refused['failed'] and refused['msg'] == (
        'cannot open the lock guard {0}/.remedy_failover.flock: Permission denied. Nothing was changed. Every '
        'operator must be able to write {0} (as root: chmod 1777 {0}), or set remedy_failover_lock_dir to a '
        'directory you can write; then run again.'.format(shared))
    # a stale lock another user left mode 0644 (an older version of the collection) cannot be rewritten
    os.chmod(shared, 0o1777)
    stale(shared / 'remedy.lock')
    os.chmod(shared / 'remedy.lock', 0o644)
    refused = once({'name': 'remedy', 'dir': str(shared)}, uid=NOBODY)
    assert refused['failed'] and refused['msg'].startswith(
        'cannot write the lock file %s, owned by root: Permission denied. Nothing was changed. Remove it'
        % (shared / 'remedy.lock'))
