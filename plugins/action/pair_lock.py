# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.pair_lock: the pair's lock, on the box (no Python there).

The scripts and the decision are module_utils/pair_lock.py's; this plugin runs them through the connection and
adds what only the controller knows: this controller's name and process, whether a holder's process on this
controller is gone, and the run ids the controller's journal says released the pair.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import socket
import time

from ansible_collections.remedy.failover.plugins.action.audit import line_of
from ansible_collections.remedy.failover.plugins.action.lock import alive
from ansible_collections.remedy.failover.plugins.module_utils.pair_lock import (
    DEFAULT_BASE,
    OURS,
    REFUSE,
    RELEASED,
    TAKE_OVER,
    judge,
    look_script,
    parse_look,
    parse_released,
    release_script,
    take_script,
)
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, run_script

ARGUMENT_SPEC = {
    'state': {'type': 'str', 'default': 'acquired', 'choices': ['looked', 'acquired', 'released']},
    'run': {'type': 'str', 'required': True},
    'base': {'type': 'str', 'default': DEFAULT_BASE},
    'journal': {'type': 'str', 'default': '/var/adm/remedy_failover.log'},
    'controller_journal': {'type': 'path'},
    'released': {'type': 'list', 'elements': 'str', 'default': []},
    'pair_hosts': {'type': 'list', 'elements': 'str', 'default': []},
    'break_lock': {'type': 'str', 'default': ''},
    'direction': {'type': 'str', 'default': ''},
    'pair': {'type': 'str', 'default': ''},
    'user': {'type': 'str', 'default': ''},
    'record': {'type': 'dict', 'default': {}},
}


def controller_released(path):
    """The run ids the controller's journal says released a pair (none when it cannot be read)."""
    if not path:
        return set()
    try:
        with open(os.path.expanduser(path)) as handle:
            return parse_released(line for line in handle if '"%s"' % RELEASED in line)
    except (OSError, UnicodeDecodeError):
        return set()


LOOK_FACT = '__remedy_failover_pair_look'  # where the playbooks register this module's look of each box


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)
    OWNER = 0  # the lock's directories are root's (the unit tests run the scripts as whoever runs them)

    def act(self, result, args, host):
        result['changed'] = False  # bookkeeping, never a change to review
        if args['state'] == 'released':
            return self.release(result, args, host)
        sections, error = run_script(self, [look_script(args['base'], args['journal'], args['pair'] or None)])
        if error:
            result.update(failed=True, msg='%s: cannot read the pair\'s lock: %s. Nothing was changed.' % (host, error))
            return result
        look = parse_look(sections)
        result['look'] = look
        result['released'] = look['released']
        result['journal'] = look.pop('journal')
        if args['state'] == 'looked':
            return result
        released = set(args['released']).union(look['released'], self.looked_released(args['pair_hosts']),
                                               controller_released(args['controller_journal']))
        verdict = self.judged(host, args, look, released)
        result['holder'] = look['holder']
        if verdict['verdict'] == REFUSE:
            result.update(failed=True, msg=verdict['msg'])
            return result
        if verdict['verdict'] == OURS:
            result['msg'] = verdict['msg']
            return result
        if verdict['verdict'] == TAKE_OVER:
            result['stale'] = look['holder']
            result.setdefault('warnings', []).append(verdict['msg'])
        if self._task.check_mode:
            result['msg'] = 'free to take (check mode takes no lock): %s' % verdict['msg']
            return result
        me = {'run': args['run'], 'controller': socket.gethostname(), 'user': args['user'], 'pid': os.getppid(),
              'start': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'direction': args['direction'],
              'pair': args['pair']}
        sections, error = run_script(self, [take_script(args['base'], me, verdict['break'])])
        if error:
            result.update(failed=True, msg='%s: cannot take the pair\'s lock: %s. Nothing was changed; run again.'
                          % (host, error))
            return result
        after = parse_look(sections)
        again = judge(host, args['base'], after, args['run'], owner=self.OWNER)
        if again['verdict'] != OURS:
            # another run took it first (or the lock was not safe to take): told as that run's refusal
            verdict = self.judged(host, dict(args, break_lock=''), after, set())
            result.update(failed=True, holder=after['holder'], msg=verdict['msg'] if verdict['verdict'] == REFUSE
                          else '%s: another run took the pair\'s lock first. Nothing was changed; run again.' % host)
            return result
        result['msg'] = 'taken'
        return result

    def looked_released(self, names):
        """The run ids that the lock looks of the pair's names (this module with state=looked, registered as
        LOOK_FACT on each) found released in the boxes' journals."""
        hostvars = self._task_vars.get('hostvars') or {}
        runs = set()
        for name in names:
            looked = (hostvars[name] if name in hostvars else {}).get(LOOK_FACT) or {}
            runs.update(str(run) for run in looked.get('released') or [])
        return runs

    def judged(self, host, args, look, released):
        holder = look['holder'] or {}
        holder_alive = None
        if holder.get('controller') == socket.gethostname() and str(holder.get('pid', '')).isdigit():
            holder_alive = alive(int(holder['pid']), holder['controller'])
        return judge(host, args['base'], look, args['run'], released=released, holder_alive=holder_alive,
                     break_run=args['break_lock'] or None, owner=self.OWNER)

    def release(self, result, args, host):
        if self._task.check_mode:
            result['msg'] = 'check mode takes no lock, so releases none'
            return result
        record = dict(args['record'], run=args['run'])
        line = line_of(RELEASED, record, False, 'box')
        sections, error = run_script(self, [release_script(args['base'], args['run'], args['journal'], line)])
        if error:
            result.update(failed=True, msg='%s: cannot release the pair\'s lock: %s' % (host, error))
            return result
        words = [w.strip() for w in (sections.get('release') or ([], None))[0] if w.strip()]
        result['msg'] = words[0] if words else 'no answer'
        return result
