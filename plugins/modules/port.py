#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: port
short_description: Tell whether a TCP port answers, from the controller, also in check mode
version_added: 1.1.0
description:
  - Connects from the controller to O(host) and O(port), as a user would, without using the connection to
    the inventory host, so it tells a silent address from one that answers even when the box cannot be
    reached by Ansible.
  - With O(state=open) or O(state=closed) it waits up to O(timeout) seconds for that state and fails when
    it does not come.
  - With O(state=silent) it waits until nothing answers at all - neither a connection nor a reset, as a reset comes
    from a station that still holds the address (a box whose sshd stopped while it halts, its interface still up).
  - It only reads, so it runs the same in check mode (M(ansible.builtin.wait_for) is skipped there).
options:
  host:
    description: Address or name to connect to.
    type: str
    required: true
  port:
    description: TCP port.
    type: int
    default: 22
  state:
    description: V(any) to just look; V(open), V(closed) or V(silent) to wait for that state.
    type: str
    default: any
    choices: [any, open, closed, silent]
  timeout:
    description: Seconds to wait for O(state).
    type: float
    default: 5
  connect_timeout:
    description: Seconds one connection attempt may take.
    type: float
    default: 2
extends_documentation_fragment:
  - remedy.failover.controller_action
attributes:
  check_mode:
    support: full
    description: It only reads; it runs the same in check mode.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Is anything answering SSH at sunar01's address?
  remedy.failover.port:
    host: "{{ hostvars['sunar01'].ansible_host }}"
  register: at_sunar01

- name: Wait until the halted box has left the address
  remedy.failover.port:
    host: 172.29.83.11
    state: closed
    timeout: 120
'''

RETURN = r'''
open:
  description: Whether the port answered (at the end of the wait).
  returned: always
  type: bool
silent:
  description: Whether nothing answered at all, not even with a reset (at the end of the wait).
  returned: always
  type: bool
elapsed:
  description: Seconds spent.
  returned: always
  type: float
'''
