# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.decide: the pair's decision, on the controller, from the probes.

All the logic is in module_utils/pair.py (pure, table-tested); this only hands it the probes and reports.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
from collections.abc import Mapping

from ansible_collections.remedy.failover.plugins.module_utils.pair import (
    PairError,
    arrived,
    decide,
    outcome,
    describe,
    status_flags,
    status_line,
)
from ansible_collections.remedy.failover.plugins.module_utils.journal import merged, own_halt, parse_records, told, unfinished
from ansible_collections.remedy.failover.plugins.module_utils.pair_lock import RELEASED, lock_flags
from ansible_collections.remedy.failover.plugins.module_utils.record import end_records, run_record
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import ControllerActionBase

ARGUMENT_SPEC = {
    'config': {'type': 'dict', 'default': {}},
    'pair': {'type': 'list', 'elements': 'str', 'default': []},
    'direction': {'type': 'str', 'default': 'failover', 'choices': ['failover', 'main']},
    'check': {'type': 'str', 'default': 'move', 'choices': ['move', 'arrived', 'status', 'outcome']},
    'boxes': {'type': 'list', 'elements': 'dict', 'default': []},
    'confirm': {'type': 'raw'},
    'confirm_var': {'type': 'str'},
    'several': {'type': 'bool', 'default': False},
    'taken': {'type': 'bool', 'default': False},
    'journal': {'type': 'list', 'elements': 'dict', 'default': []},
    'controller_journal': {'type': 'path'},
    'run': {'type': 'str'},
}


# the facts the playbooks leave on the pair's hosts (and on localhost, play 0) that the decision reads itself
READ_FACT = '__remedy_failover_read'  # tasks/read.yml: what answered at the name
LOOK_FACT = '__remedy_failover_pair_look'  # remedy.failover.pair_lock state=looked: the box's lock and journal
RUN_FACT = '__remedy_failover_run'  # play 0: the run (several pairs or one)
PAIR_FACT = '__remedy_failover_pair'  # remedy.failover.pair's result on each name: the pair's settings (config)


def finish_first(earlier, direction):
    """Which playbook finishes an earlier run that moved the pair the other way, or ''."""
    moved = str(earlier.get('direction') or '')
    for kind in ('failover', 'main'):
        if kind != direction and moved == 'to the %s box' % kind:
            return (' That run moved the pair to the %s box: finish it first with ansible-playbook '
                    'playbooks/to_%s.yml, then move the pair back.' % (kind, kind))
    return ''


def read_journal(path):
    """The records of the controller's journal (none when it cannot be read)."""
    if not path:
        return []
    try:
        with open(os.path.expanduser(path)) as handle:
            return parse_records(handle)
    except (OSError, UnicodeDecodeError):
        return []


class ActionModule(ControllerActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def _facts(self, name):
        hostvars = self._task_vars.get('hostvars') or {}
        return hostvars[name] if name in hostvars else {}

    def _outcome(self, cfg, args):
        """check=outcome: what plays 1-5 left on the pair's hosts (their facts), judged by pair.outcome."""
        names = args['pair']
        if len(names) != 2:
            raise PairError('check=outcome needs pair: [production name, spare name]')
        lead = self._facts(names[0])
        cfg = cfg or lead.get('__remedy_failover_cfg')
        hosts = {}
        for name in names:
            own = self._facts(name)
            seen = own.get('__remedy_failover_end')
            hosts[name] = {
                'failure': own.get('__remedy_failover_failure'),
                'left': '__remedy_failover_left' in own,
                'renamed': '__remedy_failover_renamed' in own,
                'up': '__remedy_failover_up' in own,
                'down_at': own.get('__remedy_failover_down_at'),
                'up_at': own.get('__remedy_failover_up_at'),
                'end': describe(cfg, seen.get('host'), seen.get('address'), seen.get('answered'), seen.get('probe'))
                if seen else None,
            }
        found = outcome(cfg, args['direction'], lead.get('__remedy_failover_decision') or {}, hosts,
                        check_mode=bool(self._task.check_mode))
        found['boxes'] = [hosts[name]['end'] for name in names if hosts[name]['end']]
        found['record'] = run_record('/'.join(names), args['direction'], found['result'], plan=found['plan'],
                                     reason=found['reason'], downtime=found['downtime'], summary=found['lines'],
                                     remaining=found['remaining'], check_mode=bool(self._task.check_mode))
        found.update(end_records(found, names, (lead.get('__remedy_failover_decision') or {}).get('boxes') or []))
        return found

    def _journal_flags(self, cfg, args):
        """check=status: an unfinished move (the journals) and who holds the pair's lock on each box; the boxes'
        locks and journals are what remedy.failover.pair_lock (state=looked) left on the names of O(pair)."""
        label = '%s/%s' % (cfg.get('prod'), cfg.get('spare'))
        journal, locks, released = list(args['journal']), [], set()
        for name in args['pair']:
            looked = self._facts(name).get(LOOK_FACT) or {}
            journal.extend(looked.get('journal') or [])
            released.update(looked.get('released') or [])
            locks.append((name, (looked.get('look') or {}).get('holder')))
        records = merged(journal, read_journal(args['controller_journal']))
        released.update(r['run'] for r in records if r.get('event') == RELEASED and r.get('run'))
        earlier = unfinished(records, label)
        flags = []
        if earlier:
            flags.append('%s Run the playbook of the direction it moved (to_failover.yml or to_main.yml) again: it '
                         'finishes the move, or refuses naming what to put right.' % told(earlier))
        return flags + lock_flags(locks, released)

    def _pair_reads(self, names):
        """What play 1 read at each of the pair's names (tasks/read.yml's ``__remedy_failover_read`` of each host),
        production name first. A name with no read is an error, never taken for a silent box."""
        reads = []
        for name in names:
            read = self._facts(name).get(READ_FACT)
            if not isinstance(read, Mapping):
                raise PairError('no read of %s (%s): the pair\'s names are read before the decision' % (name, READ_FACT))
            reads.append(read)
        return reads

    def _pair_journals(self, names):
        """The journal records the pair's lock look (remedy.failover.pair_lock, state=looked) found on each box."""
        records = []
        for name in names:
            records.extend((self._facts(name).get(LOOK_FACT) or {}).get('journal') or [])
        return records

    def act(self, result, args):
        # without config: the settings remedy.failover.pair read on the production name (its registered result)
        cfg = args['config'] or ((self._facts(args['pair'][0]).get(PAIR_FACT) or {}).get('config') or {}
                                 if args['pair'] else {})
        result['changed'] = False
        try:
            given = args['boxes'] or (self._pair_reads(args['pair']) if args['check'] in ('move', 'status') else [])
        except PairError as exc:
            result.update(failed=True, refusal='settings', msg='%s/%s: %s. Nothing was changed.'
                          % (cfg.get('prod'), cfg.get('spare'), exc))
            return result
        boxes = [describe(cfg, b.get('host'), b.get('address'), b.get('answered'), b.get('probe')) for b in given]
        result['boxes'] = boxes
        check = args['check']
        try:
            if check == 'outcome':
                result.update(self._outcome(cfg, args))
            elif check == 'arrived':
                msg = arrived(cfg, args['direction'], boxes[0], args['taken'])
                if msg:
                    result.update(failed=True, msg=msg)
            elif check == 'status':
                result['lines'] = [status_line(box) for box in boxes]
                result['flags'] = status_flags(cfg, boxes) + self._journal_flags(cfg, args)
            else:
                if len(boxes) != 2:
                    raise PairError('a move needs the boxes at both names, the production name first')
                label = '%s/%s' % (cfg['prod'], cfg['spare'])
                records = merged(args['journal'] + self._pair_journals(args['pair']),
                                 read_journal(args['controller_journal']))
                halted = own_halt(records, label, 'to the %s box' % args['direction'])
                earlier = unfinished(records, label, run=args['run'])
                several = args['several'] or bool((self._facts('localhost').get(RUN_FACT) or {}).get('several'))
                decision = decide(cfg, args['direction'], boxes[0], boxes[1], confirm=args['confirm'],
                                  several=several, confirm_var=args['confirm_var'], own_halt=halted)
                result.update(own_halt=halted, unfinished=earlier, unfinished_text=told(earlier) if earlier else None)
                result.update(decision)
                if decision['refusal']:
                    result['failed'] = True
                    if earlier:
                        # what the pair is in the middle of: a refusal blaming the inventory or a hand rename may be
                        # this collection's own cut move
                        result['msg'] = '%s %s%s' % (decision['msg'], told(earlier), finish_first(earlier, args['direction']))
        except PairError as exc:
            result.update(failed=True, refusal='settings', msg='%s/%s: %s. Nothing was changed.'
                          % (cfg.get('prod'), cfg.get('spare'), exc))
        return result
