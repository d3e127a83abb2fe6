# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.lock: one run at a time on a pair, on the controller.

The lock is a file that names the ansible-playbook process holding it.  A lock
whose process has ended (a run that was killed or failed) is stale and is
taken over, so it never blocks the next run.

Every look at a lock file and every change to it happens under an exclusive
``fcntl.flock`` of a guard file in the same directory, so the check (free,
stale or held), the take-over and the write are one step: two runs that find
the same stale lock never both take it.  The kernel drops the guard when its
holder dies, so a killed run never leaves it held.

The directory is shared by every operator of the controller (created mode
1777, like /tmp).  In such a sticky directory nobody may remove another
user's file, so a lock file is never replaced: it is created mode 0666 and
rewritten in place, and a run releases its lock by removing the file when it
may, else by writing a "free" record in it.  Files that already exist are
opened without O_CREAT (Linux's fs.protected_regular refuses that, even to
root, for another user's file in a sticky directory) and never through a
symbolic link.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import fcntl
import json
import os
import pwd
import re
import socket
import stat
import time

from ansible_collections.remedy.failover.plugins.plugin_utils.remote import ControllerActionBase

DEFAULT_DIR = '/var/tmp/remedy_failover/locks'
DIR_MODE = 0o1777  # every operator may create a lock, only its owner may remove it (as /tmp)
FILE_MODE = 0o666  # every operator may read a lock and take over a stale one in place
GUARD = '.remedy_failover.flock'
GUARD_WAIT = 10.0  # seconds: the guard is held for a few milliseconds by each run

ARGUMENT_SPEC = {
    'name': {'type': 'str', 'required': True},
    'state': {'type': 'str', 'default': 'acquired', 'choices': ['acquired', 'released']},
    'dir': {'type': 'path', 'default': DEFAULT_DIR},
    'holder': {'type': 'str', 'default': ''},
}


class LockError(Exception):
    """A lock that cannot be looked at or written: the message says what and what to do."""


def run_pid():
    """The ansible-playbook process: the parent of the worker an action runs in."""
    return os.getppid()


def user_name(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return 'uid %d' % uid


def alive(pid, host):
    """Whether the process that wrote a lock on this host still runs (a lock from another host counts as alive)."""
    if host != socket.gethostname():
        return True
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            return b'ansible' in handle.read()  # a pid reused by something else is not the run
    except OSError:
        return True


def describe(info):
    """``owner alice, 0 bytes, last written 2026-12-01 09:14:03 UTC`` from an os.stat result."""
    return 'owner %s, %d bytes, last written %s' % (
        user_name(info.st_uid), info.st_size, time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime(info.st_mtime)))


def read(path):
    """What the lock file says: ``('free', None)``, ``('held', record)`` or ``('corrupt', why)``.

    A record is a JSON object with an integer pid and a host.  A file that is
    empty (a run killed between creating and writing it, a full disk) or holds
    anything else proves nothing about who holds the pair, so it is reported
    as corrupt for a person to look at, never taken over.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return 'free', None
        if exc.errno == errno.ELOOP:
            return 'corrupt', 'it is a symbolic link, not a lock file'
        raise LockError('cannot read the lock file %s: %s. Nothing was changed. Make it readable by every operator '
                        '(chmod 666 %s, as its owner or root) and run again.' % (path, exc.strerror, path))
    with os.fdopen(fd, 'rb') as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return 'corrupt', 'it is not a regular file'
        data = handle.read(65536)
    if not data.strip():
        return 'corrupt', 'it is empty (%s)' % describe(info)
    try:
        record = json.loads(data.decode('utf-8'))
    except ValueError:
        return 'corrupt', 'it holds no lock record (%s)' % describe(info)
    if isinstance(record, dict) and record.get('free') is True:
        return 'free', None
    if not (isinstance(record, dict) and isinstance(record.get('pid'), int) and isinstance(record.get('host'), str)):
        return 'corrupt', 'it holds no lock record, no pid and host of a run (%s)' % describe(info)
    return 'held', record


def make_dirs(path):
    """Create the lock directory and its missing parents, each mode 1777 so every operator can use them."""
    missing = []
    parent = path
    while not os.path.lexists(parent):
        missing.append(parent)
        parent = os.path.dirname(parent)
    for directory in reversed(missing):
        try:
            os.mkdir(directory)
        except OSError as exc:
            if exc.errno == errno.EEXIST:
                continue  # another run made it a moment ago
            raise LockError('cannot create the lock directory %s: %s. Nothing was changed. Create it for every '
                            'operator of this controller (as root: mkdir -p %s && chmod 1777 %s) or set '
                            'remedy_failover_lock_dir to a directory you can write, and run again.'
                            % (path, exc.strerror, path, path))
        os.chmod(directory, DIR_MODE)
    if not os.path.isdir(path):
        raise LockError('the lock directory %s is not a directory. Nothing was changed. Remove it or set '
                        'remedy_failover_lock_dir to a directory, and run again.' % path)


def open_file(path, flags, mode):
    """Open path without following a link: the file there, else a new one of the given mode. (fd, created)."""
    flags |= os.O_NOFOLLOW
    for dummy in range(3):
        try:
            return os.open(path, flags), False  # no O_CREAT on an existing file (fs.protected_regular)
        except OSError as exc:
            if exc.errno != errno.ENOENT:
                raise
        try:
            fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, mode)
        except OSError as exc:
            if exc.errno != errno.EEXIST:
                raise
            continue  # created by another run in between: open that one
        os.fchmod(fd, mode)  # whatever the umask
        return fd, True
    raise OSError(errno.EEXIST, os.strerror(errno.EEXIST), path)


class Guard:
    """An exclusive flock of the directory's guard file, waited for at most GUARD_WAIT seconds."""

    def __init__(self, directory):
        self.path = os.path.join(directory, GUARD)
        self.fd = None

    def __enter__(self):
        try:
            self.fd = open_file(self.path, os.O_RDWR, FILE_MODE)[0]
        except OSError as exc:
            self.fd = None
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and os.path.lexists(self.path):
                try:
                    self.fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW)  # flock needs no write access
                except OSError:
                    pass
            if self.fd is None:
                directory = os.path.dirname(self.path)
                raise LockError('cannot open the lock guard %s: %s. Nothing was changed. Every operator must be able '
                                'to write %s (as root: chmod 1777 %s), or set remedy_failover_lock_dir to a directory '
                                'you can write; then run again.' % (self.path, exc.strerror, directory, directory))
        deadline = time.time() + GUARD_WAIT
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.time() > deadline:
                    os.close(self.fd)
                    raise LockError('cannot lock the lock guard %s: %s. Nothing was changed. A process holding it '
                                    'that long is no run of this collection (see fuser -v %s); run again.'
                                    % (self.path, exc.strerror if exc.errno not in (errno.EAGAIN, errno.EACCES)
                                       else 'held by another process for more than %g s' % GUARD_WAIT, self.path))
            time.sleep(0.01)

    def __exit__(self, *exc_info):
        os.close(self.fd)  # drops the flock


def write(path, record):
    """Write record as the lock file's whole content, in place (never replacing the file). Whether it was created."""
    try:
        fd, created = open_file(path, os.O_RDWR, FILE_MODE)
    except OSError as exc:
        try:
            owner = ', owned by %s' % user_name(os.lstat(path).st_uid)
        except OSError:
            owner = ''
        raise LockError('cannot write the lock file %s%s: %s. Nothing was changed. Remove it (as its owner or root: '
                        'rm %s) once you know no run holds it, or make the directory writable by every operator '
                        '(chmod 1777 %s), and run again.' % (path, owner, exc.strerror, path, os.path.dirname(path)))
    data = json.dumps(record).encode('utf-8')
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LockError('cannot write the lock file %s: it is not a regular file. Nothing was changed. Remove it '
                            'and run again.' % path)
        old = os.pread(fd, 65536, 0)
        try:
            put(fd, data)
        except OSError as exc:
            if created:
                os.unlink(path)
                left = 'it was removed'
            else:
                try:
                    put(fd, old)  # the blocks are there already: this usually works on a full disk
                    left = 'the stale lock was left as it was'
                except OSError:
                    os.ftruncate(fd, 0)  # never a mix of two records that could name some other pid
                    left = 'it was left empty'
            raise LockError('cannot write the lock file %s: %s; %s. Nothing was changed. Free space in %s (df %s) '
                            'and run again.' % (path, exc.strerror, left, os.path.dirname(path),
                                                os.path.dirname(path)))
    finally:
        os.close(fd)
    return created


def put(fd, data):
    """data as the whole content of the open file fd, on disk."""
    done = 0
    while done < len(data):
        done += os.pwrite(fd, data[done:], done)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def corrupt_message(name, path, why):
    return ('the lock file %s of %s cannot be read: %s. A run killed while taking the lock, or a full disk, leaves '
            'such a file; it proves nothing about who is moving %s, so it is not taken over. Nothing was changed. '
            'Check that no run on %s is going on (ps -ef | grep ansible-playbook on this controller, and the AWX '
            'jobs), then remove it (as its owner or root: rm %s) and run again.' % (path, name, why, name, name, path))


class ActionModule(ControllerActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args):
        if not re.match(r'^[A-Za-z0-9_.-]+$', args['name']):
            result.update(failed=True, msg='lock name %r: use letters, digits, ".", "_" and "-"' % args['name'])
            return result
        directory = os.path.abspath(os.path.expanduser(args['dir']))
        path = os.path.join(directory, args['name'] + '.lock')
        result.update(changed=False, path=path)  # bookkeeping, never a change to review
        try:
            if args['state'] == 'released':
                return self.release(result, path)
            return self.acquire(result, args, path)
        except LockError as exc:
            result.update(failed=True, msg=str(exc))
            return result

    def me(self, args):
        return {'pid': run_pid(), 'host': socket.gethostname(), 'holder': args['holder'],
                'user': user_name(os.geteuid()), 'since': time.strftime('%Y-%m-%d %H:%M:%S %Z')}

    @staticmethod
    def mine(state, held):
        return state == 'held' and held.get('pid') == run_pid() and held.get('host') == socket.gethostname()

    def look(self, path):
        """Read the lock under the guard when there is one (check mode and release create nothing)."""
        if not os.path.exists(os.path.join(os.path.dirname(path), GUARD)):
            return read(path)
        with Guard(os.path.dirname(path)):
            return read(path)

    def acquire(self, result, args, path):
        if self._task.check_mode:
            return self.decide(result, args, path, *self.look(path))
        make_dirs(os.path.dirname(path))
        with Guard(os.path.dirname(path)):
            state, held = read(path)
            if self.decide(result, args, path, state, held) is not None:
                return result
            write(path, self.me(args))
        if state == 'held':
            result['stale'] = held
        result['msg'] = 'acquired%s' % (' (a stale lock of pid %s was taken over)' % held.get('pid')
                                        if state == 'held' else '')
        return result

    def decide(self, result, args, path, state, held):
        """Refuse (a corrupt lock, a live other run) or answer without writing; None when the lock is to be taken."""
        if state == 'corrupt':
            result.update(failed=True, msg=corrupt_message(args['name'], path, held))
            return result
        if self.mine(state, held):
            result['msg'] = 'held by this run'
            return result
        if state == 'held' and alive(held['pid'], held['host']):
            result.update(failed=True, holder=held, msg=(
                'another run is moving %s: %s (pid %s on %s%s) since %s. Nothing was changed. Wait for it to end '
                '(or, if it is gone, remove %s) and run again.'
                % (args['name'], held.get('holder') or 'someone', held['pid'], held['host'],
                   ', user %s' % held['user'] if held.get('user') else '', held.get('since'), path)))
            return result
        if self._task.check_mode:
            result['msg'] = 'free (check mode takes no lock)'
            return result
        return None

    def release(self, result, path):
        state, held = self.look(path)
        if not self.mine(state, held):
            result['msg'] = 'not held by this run'
            return result
        result['msg'] = 'released'
        if self._task.check_mode:
            return result
        with Guard(os.path.dirname(path)):
            state, held = read(path)
            if not self.mine(state, held):
                result['msg'] = 'not held by this run'
                return result
            try:
                os.unlink(path)
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.EACCES):
                    raise LockError('cannot remove the lock file %s: %s. Remove it (rm %s) before the next run.'
                                    % (path, exc.strerror, path))
                # another user's file in a sticky directory (a stale lock this run took over): mark it free
                write(path, {'free': True, 'released_by': held.get('holder', ''), 'user': user_name(os.geteuid()),
                             'since': time.strftime('%Y-%m-%d %H:%M:%S %Z')})
        return result
