#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: pair_lock
short_description: The pair's lock, held on the box itself, so every controller sees it
version_added: 1.0.0
description:
  - Takes (V(acquired)), gives back (V(released)) or only reads (V(looked)) the pair's lock on the box, the
    directory C(BASE/lock) (C(/var/adm/remedy_failover/lock)) made by one C(mkdir), which is atomic - of several
    runs, from any controllers (the CLI, AWX's job containers, workstations), exactly one takes it.
  - The holder is written inside, C(holder) (run id, controller host, user, ansible-playbook pid, start, direction,
    pair); a run refused names it and how to break the lock on purpose (C(-e remedy_failover_break_lock=RUN)).
  - The lock is taken over without asking only when its holder is proven gone - its run's C(released) record is
    in a journal (the box's O(journal), the other box's, passed as O(released), or the controller's
    O(controller_journal)), or it was written by this controller and its ansible-playbook process is gone. A
    holder that cannot be proven gone (another controller, an AWX job) is never broken silently.
  - O(base) must be a real directory (never a symbolic link), root's, writable by nobody else; it is made so,
    mode 755, when missing. A squatted or foreign-owned directory or lock is refused, naming it and what to do.
  - Releasing appends a C(released) record (the run id) to the box's O(journal), then removes the lock, only when
    this run holds it.
  - The decisions are C(plugins/module_utils/pair_lock.py)'s C(judge), a pure function with unit tests.
  - Bookkeeping, not a change to review - it always reports C(changed=false).
options:
  state:
    description: V(acquired), V(released), or V(looked) (read the lock and the journal's released runs only).
    type: str
    default: acquired
    choices: [looked, acquired, released]
  run:
    description: This run's id, written in the lock and in the journal's C(released) record.
    type: str
    required: true
  base:
    description: The root-owned directory of the lock on the box; it survives a reboot (a halted box's lock is
      cleared by the next run, from the journal).
    type: str
    default: /var/adm/remedy_failover
  journal:
    description: The box's audit trail, where releases are recorded and read.
    type: str
    default: /var/adm/remedy_failover.log
  controller_journal:
    description: The controller's audit trail, read for C(released) records.
    type: path
  released:
    description: Run ids other journals (the other box's) say released the pair.
    type: list
    elements: str
    default: []
  pair_hosts:
    description:
      - The pair's names whose lock look (this module with O(state=looked), registered as
        C(__remedy_failover_pair_look) on each) is read for the run ids their journals say released the pair,
        as O(released) gives them.
    type: list
    elements: str
    default: []
  break_lock:
    description: The run id of a lock to break on purpose (the playbooks' C(remedy_failover_break_lock)).
    type: str
    default: ''
  direction:
    description: The move's direction, recorded in the holder.
    type: str
    default: ''
  pair:
    description: The pair, recorded in the holder; its records are read from the box's journal (RV(journal)).
    type: str
    default: ''
  user:
    description: Who runs, recorded in the holder.
    type: str
    default: ''
  record:
    description: The fields of the C(released) record written in the box's journal.
    type: dict
    default: {}
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: full
    description: Reads the lock and refuses as a real run would; takes and releases nothing.
  diff_mode:
    support: none
    description: A lock has no diff.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Take the pair's lock on each box that answers
  remedy.failover.pair_lock:
    run: "{{ run_id }}"
    user: jane
    direction: failover
    pair: sunar01/sunar02

- name: Give it back
  remedy.failover.pair_lock:
    run: "{{ run_id }}"
    state: released
'''

RETURN = r'''
look:
  description: What was read on the box - the directory, the lock, its holder, the released runs.
  returned: always
  type: dict
journal:
  description: The box journal's records of the pair (O(pair) given), for the decision (module_utils.journal).
  returned: always
  type: list
  elements: dict
released:
  description: The run ids the box's journal says released the pair.
  returned: always
  type: list
  elements: str
holder:
  description: Who holds the lock (as read before taking it, or the run that took it first).
  returned: when acquiring
  type: dict
stale:
  description: The holder of a lock that was taken over (a finished or dead run, or broken on purpose).
  returned: when one was
  type: dict
'''
