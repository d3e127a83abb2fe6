#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: audit
short_description: Append one record of a run's audit trail, on the controller or on the box
version_added: 1.0.0
description:
  - Appends one line, a JSON object, to an audit log - on the controller (O(where=controller)) or on the
    target (O(where=box)). Each line holds the UTC time, the controller host, the ansible-playbook process id,
    O(event), and the fields of O(record) (who, direction, pair, result ...).
  - On the controller, the line is appended under an exclusive lock, so concurrent runs and forks never
    interleave. On the box, one Bourne shell C(printf ... >>) appends it; no Python is needed there.
  - Bookkeeping, not a change to review - it always reports C(changed=false). A record that cannot be
    written gives a warning and never fails the task, so bookkeeping never stops a failover half-way, unless
    O(required).
options:
  event:
    description: What happened, such as V(started), V(refused), V(failed), V(left) or V(done).
    type: str
    required: true
  record:
    description: The fields to record, such as who ran it, the direction, the pair and the result.
    type: dict
    default: {}
  where:
    description: V(controller) writes on the controller (no connection to the host); V(box) on the target.
    type: str
    default: controller
    choices: [controller, box]
  path:
    description:
      - The audit log.
      - Defaults to C(~/.ansible/remedy_failover/audit.log) on the controller and
        C(/var/adm/remedy_failover.log) on the box.
    type: str
  required:
    description:
      - Fail the task when the record cannot be written, naming the log, where it is and why, and saying nothing
        was changed. The playbooks' first records (play 1, before any change) are required, so a move never goes
        on without its audit trail; later records only warn, so bookkeeping never stops a move half-way.
    type: bool
    default: false
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: partial
    description: On the controller the record is written, with C(check_mode=true); on the box nothing is.
  diff_mode:
    support: none
    description: An audit record has no diff.
notes:
  - In an AWX job the controller is the job's execution environment, which is discarded after the job; AWX's
    own job history is the controller-side record there, and the records on the boxes stay.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Record on the controller that the run starts
  remedy.failover.audit:
    event: started
    record:
      who: "{{ awx_user_name | default(lookup('ansible.builtin.env', 'USER')) }}"
      direction: failover

- name: Record on the box what this run did to it
  remedy.failover.audit:
    where: box
    event: left
    record:
      result: stopped, renamed sunar02, halting
'''

RETURN = r'''
path:
  description: The audit log written.
  returned: always
  type: str
where:
  description: V(controller) or V(box).
  returned: always
  type: str
record:
  description: The record, as written.
  returned: always
  type: dict
  sample: {"time": "2026-11-25T23:10:02Z", "controller": "ops1", "pid": 4242, "event": "done", "who": "jane"}
'''
