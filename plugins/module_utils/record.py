# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One record of a run, per pair: what AWX's job artifacts (``set_stats`` ``remedy_failover_results``, keyed by the
pair) and the next node of a workflow read. Standard library only.

``run_record`` builds it; ``FIELDS`` is its schema. ``remedy.failover.decide`` (``check=outcome``) returns it as
``record`` at the end of a run; the refusals before any change (playbooks/move.yml, switch.yml plays 0 and 1)
publish the same fields (tests/unit/plugins/module_utils/test_record.py holds them to ``FIELDS``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# pair: the pair's label (production/spare, or the group when no pair is known yet); direction: failover or main;
# plan: full, finish, takeover, or null when refused; result: ok, failed or refused; reason: why it failed or was
# refused (null when ok); downtime_s: seconds the service was down in this run (null when it was not both stopped
# and started); summary: the lines told to the operator; remaining: what is left for the operator; check_mode
FIELDS = ('pair', 'direction', 'plan', 'result', 'reason', 'downtime_s', 'summary', 'remaining', 'check_mode')
RESULTS = ('ok', 'failed', 'refused')


def run_record(pair, direction, result, plan=None, reason=None, downtime=None, summary=None, remaining=None,
               check_mode=False):
    """The record of a pair's run: a dict of ``FIELDS``. ``summary`` defaults to the reason alone."""
    if result not in RESULTS:
        raise ValueError('a run ends ok, failed or refused, not %r' % (result,))
    if (result == 'ok') != (reason is None):
        raise ValueError('a reason is given exactly when a run did not end ok')
    return {
        'pair': pair,
        'direction': direction,
        'plan': plan,
        'result': result,
        'reason': reason,
        'downtime_s': downtime,
        'summary': list(summary) if summary is not None else [reason],
        'remaining': list(remaining or []),
        'check_mode': bool(check_mode),
    }


def end_records(found, names, start_boxes):
    """What play 6 records and tells at a pair's end, from ``found`` (pair.outcome, with ``boxes``: each name read at
    the end). ``start_boxes``: play 1's ``describe`` of each name, in the order of ``names`` (its ``kind``, none when
    silent).

    ``event``: the audit event (done or failed); ``notice``: the users' mail (after or failed), sent when ``notify``
    (a failure, or a plan that stopped the service); ``audit``: the controller's record of the end (the kind that
    answered at each name at the start, silent when none); ``box_audits``: per box that answers at the end, its host
    and what its own audit log records.
    """
    done = found['result'] == 'ok'
    kinds = dict((name, (box or {}).get('kind') or 'silent') for name, box in zip(names, start_boxes))
    judged = {'plan': found['plan'], 'result': found['result'], 'reason': found['reason']}
    audit = dict(judged, at=found['at'], task=found['task'], downtime_s=found['downtime'], boxes=kinds,
                 summary=found['lines'], remaining=found['remaining'])
    box_audits = [{'host': box['host'],
                   'record': dict(judged, box='%s processors, named %s' % (box['cpus'], box['running_name']),
                                  serving=len(box['remedy']) > 0)}
                  for box in found['boxes'] if box['up']]
    return {'event': 'done' if done else 'failed', 'notice': 'after' if done else 'failed',
            'notify': not done or found['plan'] in ('full', 'takeover'), 'audit': audit, 'box_audits': box_audits}
