# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The journal of the moves: what the audit trails (the controller's, each box's) say about a pair.

Each record is one JSON line of remedy.failover.audit, carrying the run's id (``run``), the pair and the
direction. A run records ``started`` (play 1, with its plan), the steps it completed (``leaving``, ``halted``:
the halt it sent, ``silent``: the silence it proved after, ``renamed``, ``up``), and its end (``done``, ``failed``,
``refused``, ``interrupted``; ``released`` when it gave the pair's lock back). The journals of a controller and of
the boxes that answered are read together: a rerun learns from them that the box now silent was halted by this
collection (own_halt) and that an earlier run did not finish (unfinished). Pure functions, unit-tested.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

ENDS = ('done', 'failed', 'refused', 'interrupted')
# the ends after which the pair needs no rerun: the move finished, or nothing was changed
SETTLED = ('done', 'refused')
STEPS = ('started', 'leaving', 'halted', 'silent', 'renamed', 'up')
# the words the boxes' journals are searched for (one grep each: Solaris' grep has no alternation)
WANTED = STEPS + ENDS + ('released',)


def parse_records(lines):
    """The JSON records of journal lines, in order; lines that are not records are skipped."""
    found = []
    for line in lines:
        try:
            entry = json.loads(line)
        except (TypeError, ValueError):
            continue
        if isinstance(entry, dict) and entry.get('event'):
            found.append(entry)
    return found


def merged(*journals):
    """The records of several journals as one, in time order, each record once (a record written on the controller
    and on a box is two records: both are kept, they say the same)."""
    seen, out = set(), []
    for journal in journals:
        for entry in journal or []:
            key = json.dumps(entry, sort_keys=True, default=str)
            if key not in seen:
                seen.add(key)
                out.append(entry)
    return sorted(out, key=lambda e: str(e.get('time', '')))


def own_halt(records, pair, direction):
    """The ``halted`` record proving this collection halted the box that now leaves (the last halt of the pair in
    this direction, no move of the pair finished since), or None."""
    last = None
    for entry in records:
        if entry.get('pair') != pair or entry.get('check_mode'):
            continue
        if entry['event'] == 'halted':
            last = entry if entry.get('direction') == direction else None
        elif entry['event'] == 'done':
            last = None
    return last


def unfinished(records, pair, run=None):
    """The last run of the pair (other than ``run``) that started and did not finish the move - no end recorded (it
    was killed), or it ended ``failed`` or ``interrupted``: ``{'run', 'who', 'direction', 'controller', 'time',
    'steps', 'ended'}`` (``ended``: False or how it ended) or None when the last run finished or changed nothing."""
    runs, order = {}, []
    for entry in records:
        if entry.get('pair') != pair or not entry.get('run') or entry.get('run') == run or entry.get('check_mode'):
            continue
        rid = entry['run']
        if rid not in runs:
            runs[rid] = {'run': rid, 'who': entry.get('who'), 'direction': entry.get('direction'),
                         'controller': entry.get('controller'), 'time': entry.get('time'), 'steps': [], 'ended': False}
            order.append(rid)
        for key in ('who', 'controller', 'direction'):
            runs[rid][key] = runs[rid][key] or entry.get(key)
        if entry['event'] in ENDS:
            runs[rid]['ended'] = entry['event']
        elif entry['event'] in STEPS and entry['event'] not in runs[rid]['steps']:
            runs[rid]['steps'].append(entry['event'])
    for rid in reversed(order):
        found = runs[rid]
        if found['ended'] in SETTLED:
            return None
        if 'started' in found['steps']:
            return found
    return None


STEP_WORDS = {
    'started': 'started (the pair was proved movable)',
    'leaving': 'began taking the leaving box out of production',
    'halted': 'sent the leaving box the halt',
    'silent': 'proved the halted box\'s address silent',
    'renamed': 'renamed the box taking over and rebooted it under the production name',
    'up': 'brought Remedy up at the production name',
}


def told(found):
    """One line for the operator: which earlier run did not finish, and what it had done."""
    had = '; '.join(STEP_WORDS.get(s, s) for s in found.get('steps') or [])
    ending = {'failed': 'it failed', 'interrupted': 'it was interrupted'}.get(
        found.get('ended'), 'it recorded no end (killed, or its controller stopped)')
    return ('An earlier run of this pair did not finish: run %s of %s on %s, moving it %s, since %s. It had %s; %s.'
            % (found.get('run'), found.get('who') or '?', found.get('controller') or '?', found.get('direction') or '?',
               found.get('time') or '?', had or 'done nothing recorded', ending))
