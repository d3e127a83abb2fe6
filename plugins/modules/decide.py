#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: decide
short_description: Decide a pair's move from what answers at its two names, or refuse
version_added: 1.0.0
description:
  - Runs on the controller the pure functions of C(module_utils/pair.py) over the probes of a pair's names
    (M(remedy.failover.port) and M(remedy.failover.probe) results). Nothing connects to a box.
  - With O(check=move), the plan - V(full) (the leaving box at the production name, the box taking over at the
    spare name), V(finish) (the box taking over already at the production name) or V(takeover) (nothing at the
    production name, confirmed down) - or a refusal with the operator's message. Each box is known by its hostid
    where the settings give it, else by its processors' count and clock; a box that lists fewer processors than its
    kind is never taken for the other box. The identity of each box is
    checked - its processors, its running name (C(uname -n)) and its configured name (C(/etc/nodename)) must agree
    with the name it answers at, save in the two states the playbooks' own steps leave. Remedy may run only at the
    production name.
  - With O(check=arrived), after the reboot under the production name, whether the box there is the box taking
    over, named so, with Remedy not started. With O(check=status), a line per name and the pair's warnings (the
    invariants of runbook 2.5 among them - Remedy on at most one box, no two boxes up with one name).
  - With O(check=outcome), at the end of a run of C(playbooks/switch.yml), how the pair's move ended, from what the
    playbook's plays left on the pair's hosts (their facts) - the result, why it failed, the downtime, the lines for
    the operator and what is left to do. It reads the hosts' facts, so it is only meaningful in that playbook.
options:
  config:
    description:
      - The pair's settings, as M(remedy.failover.pair) returns them in RV(ignore:config). When not given, read
        from the production name's facts - C(__remedy_failover_cfg) for O(check=outcome), else the result of
        M(remedy.failover.pair) registered there as C(__remedy_failover_pair).
    type: dict
    default: {}
  pair:
    description:
      - The pair's names, the production name first, whose facts the decision reads itself (the playbooks pass no
        C(hostvars) lookups); needed for O(check=outcome).
      - For O(check=move) and O(check=status) without O(boxes), what each name's read left in its fact
        C(__remedy_failover_read) (C(playbooks/tasks/read.yml)); a name with no such fact stops the decision, never
        taken for a silent box.
      - For O(check=move), also the journal records that M(remedy.failover.pair_lock) (O(remedy.failover.pair_lock#module:state=looked))
        left in each name's C(__remedy_failover_pair_look), added to O(journal), and whether the run moves several
        pairs (C(localhost)'s C(__remedy_failover_run.several), play 0), which O(several) may also say; for
        O(check=status), each box's lock and journal from the same fact.
    type: list
    elements: str
    default: []
  direction:
    description: The box Remedy moves to.
    type: str
    default: failover
    choices: [failover, main]
  check:
    description: What to decide.
    type: str
    default: move
    choices: [move, arrived, status, outcome]
  boxes:
    description:
      - One entry per name, the production name first (only the production name for O(check=arrived)), with the
        keys C(host), C(address), C(answered) (the SSH port answered from the controller) and C(probe) (the
        M(remedy.failover.probe) result there, also when it failed or was unreachable). Not used by
        O(check=outcome). When empty, for O(check=move) and O(check=status), read from the O(pair)'s facts.
    type: list
    elements: dict
    default: []
  confirm:
    description:
      - The operator's confirmation that the silent leaving box is down - V(true) in a run of one pair, else the
        production names it confirms (a list or comma-separated).
    type: raw
  confirm_var:
    description: The variable the operator sets to confirm, named in the refusal.
    type: str
  several:
    description: Whether the run moves several pairs (a bare V(true) then confirms none).
    type: bool
    default: false
  taken:
    description: For O(check=arrived), whether the box taking over already answered at the production name when
      the run started (Remedy may then run).
    type: bool
    default: false
  journal:
    description:
      - For O(check=move) and O(check=status), the records of the pair in the boxes' journals (the C(journal) that M(remedy.failover.pair_lock) returns),
        read with the controller's O(controller_journal) (module_utils/journal.py).
      - When they prove this collection halted the box now silent at the production name (its C(halted) record, the
        direction of this run, no move of the pair finished since), the unplanned takeover needs no C(confirm_*_down).
    type: list
    elements: dict
    default: []
  controller_journal:
    description: For O(check=move) and O(check=status), the controller's audit trail, read as a journal.
    type: path
  run:
    description: For O(check=move), this run's id (its own records are not an earlier run's).
    type: str
extends_documentation_fragment:
  - remedy.failover.controller_action
attributes:
  check_mode:
    support: full
    description: It only decides; it runs the same in check mode.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Decide what this run does, or stop
  remedy.failover.decide:
    config: "{{ pair.config }}"
    direction: failover
    boxes:
      - {host: sunar01, address: 192.0.2.11, answered: "{{ hostvars.sunar01.port.open }}", probe: "{{ hostvars.sunar01.probe }}"}
      - {host: sunar02, address: 192.0.2.12, answered: "{{ hostvars.sunar02.port.open }}", probe: "{{ hostvars.sunar02.probe }}"}
    confirm: "{{ confirm_main_down | default(false) }}"
  register: decision
'''

RETURN = r'''
plan:
  description: V(full), V(finish) or V(takeover); null when refused (check=move) or when the run was refused
    (check=outcome).
  returned: check=move or check=outcome
  type: str
refusal:
  description: The code of the refusal (the troubleshooting guide's table "When a run stops"); null when there is a plan.
  returned: check=move
  type: str
msg:
  description: The operator's message when refused.
  returned: failure
  type: str
text:
  description: What the run will do, for the operator.
  returned: check=move and a plan
  type: str
roles:
  description: The part each name's host plays, V(leaving), V(taking) or null.
  returned: check=move and a plan
  type: dict
taken:
  description: Whether the box taking over already answers at the production name.
  returned: check=move and a plan
  type: bool
warnings:
  description:
    - What the run tells beside its plan (also in RV(text) and in the run's final message and mail) - an ar.conf
      difference the operator accepted, an ar.conf a takeover could not compare, a processor off-line or faulted.
  returned: check=move and a plan
  type: list
  elements: str
own_halt:
  description: The journal's C(halted) record that stood for the operator's confirmation, or null.
  returned: check=move
  type: dict
unfinished:
  description: The last earlier run of the pair that did not record its end (run, who, direction, steps), or null.
  returned: check=move
  type: dict
unfinished_text:
  description: That run told in one line, or null.
  returned: check=move
  type: str
exceptions:
  description: The names whose box does not yet carry them in a state the playbooks' own steps leave, and which.
  returned: check=move and a plan
  type: dict
boxes:
  description: What answers at each name - kind, processors, running and configured name, Remedy daemons, ar.conf,
    boot-time start, alarms, problems (check=outcome - each name read at the end of the run).
  returned: always
  type: list
  elements: dict
lines:
  description: A line per name (check=status); what moved, the downtime and what is left to do (check=outcome).
  returned: check=status or check=outcome
  type: list
  elements: str
result:
  description: V(ok) when the pair's move finished, else V(failed).
  returned: check=outcome
  type: str
reason:
  description: Why the move did not finish; null when it did.
  returned: check=outcome
  type: str
at:
  description: The host where the first failed step failed, if one did.
  returned: check=outcome
  type: str
task:
  description: The name of the task that failed first, if one did.
  returned: check=outcome
  type: str
downtime:
  description: Seconds from the stop of Remedy on the leaving box to its check from the controller; null when not
    both happened in this run.
  returned: check=outcome
  type: float
remaining:
  description: What is left for the operator (console steps), one sentence each.
  returned: check=outcome
  type: list
  elements: str
record:
  description:
    - The record of the pair's run, as the playbook publishes it for AWX (C(set_stats) C(remedy_failover_results),
      keyed by the pair) - C(pair), C(direction), C(plan), C(result), C(reason), C(downtime_s), C(summary),
      C(remaining), C(check_mode).
  returned: check=outcome
  type: dict
event:
  description: The audit event of the pair's end, V(done) or V(failed).
  returned: check=outcome
  type: str
notice:
  description: The users' mail of the end, V(after) or V(failed).
  returned: check=outcome
  type: str
notify:
  description: Whether the users are told by mail at the end (a failure, or a plan that stopped the service).
  returned: check=outcome
  type: bool
audit:
  description: The controller's audit record of the end - C(plan), C(result), C(reason), C(at), C(task),
    C(downtime_s), C(boxes) (the kind that answered at each name at the start, V(silent) when none), C(summary),
    C(remaining).
  returned: check=outcome
  type: dict
box_audits:
  description: Per box that answers at the end, its C(host) and the C(record) its own audit log keeps - C(plan),
    C(result), C(reason), C(box) (processors and running name), C(serving) (Remedy runs there).
  returned: check=outcome
  type: list
  elements: dict
flags:
  description: The pair's warnings; empty when consistent.
  returned: check=status
  type: list
  elements: str
'''
