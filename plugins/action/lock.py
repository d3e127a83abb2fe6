# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.lock: one run at a time on a pair, on the controller.

The lock is a file created with O_EXCL that names the ansible-playbook process
holding it.  A lock whose process has ended (a run that was killed or failed)
is stale and is taken over, so it never blocks the next run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import json
import os
import re
import socket
import time

from ansible_collections.remedy.failover.plugins.plugin_utils.remote import ControllerActionBase

ARGUMENT_SPEC = {
    'name': {'type': 'str', 'required': True},
    'state': {'type': 'str', 'default': 'acquired', 'choices': ['acquired', 'released']},
    'dir': {'type': 'path', 'default': '~/.ansible/remedy_failover/locks'},
    'holder': {'type': 'str', 'default': ''},
}


def run_pid():
    """The ansible-playbook process: the parent of the worker an action runs in."""
    return os.getppid()


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


def read(path):
    try:
        with open(path) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


class ActionModule(ControllerActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args):
        if not re.match(r'^[A-Za-z0-9_.-]+$', args['name']):
            result.update(failed=True, msg='lock name %r: use letters, digits, ".", "_" and "-"' % args['name'])
            return result
        path = os.path.join(os.path.expanduser(args['dir']), args['name'] + '.lock')
        me = {'pid': run_pid(), 'host': socket.gethostname(), 'holder': args['holder'],
              'since': time.strftime('%Y-%m-%d %H:%M:%S %Z')}
        result.update(changed=False, path=path)  # bookkeeping, never a change to review
        held = read(path)
        mine = held is not None and held.get('pid') == me['pid'] and held.get('host') == me['host']
        if args['state'] == 'released':
            if mine and not self._task.check_mode:
                os.unlink(path)
            result['msg'] = 'released' if mine else 'not held by this run'
            return result
        if held is not None and not mine and alive(held.get('pid', -1), held.get('host')):
            result.update(failed=True, holder=held, msg=(
                'another run is moving %s: %s (pid %s on %s) since %s. Nothing was changed. Wait for it to end '
                '(or, if it is gone, remove %s) and run again.'
                % (args['name'], held.get('holder') or 'someone', held.get('pid'), held.get('host'),
                   held.get('since'), path)))
            return result
        if self._task.check_mode or mine:
            result['msg'] = 'held by this run' if mine else 'free (check mode takes no lock)'
            return result
        if held is not None:
            result['stale'] = held
            os.unlink(path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError as exc:
            if exc.errno != errno.EEXIST:
                raise
            result.update(failed=True, msg='another run took the lock %s at the same moment. Nothing was changed. '
                                           'Run again once it ends.' % path)
            return result
        with os.fdopen(fd, 'w') as handle:
            json.dump(me, handle)
        result['msg'] = 'acquired%s' % (' (a stale lock of pid %s was taken over)' % held.get('pid') if held else '')
        return result
