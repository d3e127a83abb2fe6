#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: lock
short_description: Let one run at a time move a pair, on the controller
version_added: 1.0.0
description:
  - Takes (V(acquired)) or gives back (V(released)) a lock file on the controller named after the pair,
    holding the id of the ansible-playbook process that runs. A second run while the first is alive fails,
    naming who holds the lock and since when.
  - A lock whose process has ended (a run that was killed or failed) is stale and taken over, so it never
    blocks the next run. A lock written on another controller host is always taken as alive.
  - Bookkeeping, not a change to review - it always reports C(changed=false).
  - On AWX, also set C(allow_simultaneous=false) on the job template; each job runs in its own container.
options:
  name:
    description: Name of the lock, such as the pair's group.
    type: str
    required: true
  state:
    description: V(acquired) or V(released).
    type: str
    default: acquired
    choices: [acquired, released]
  dir:
    description: Directory of the lock files on the controller.
    type: path
    default: ~/.ansible/remedy_failover/locks
  holder:
    description: Who runs, written in the lock and shown to a run that is refused.
    type: str
    default: ''
extends_documentation_fragment:
  - remedy.failover.controller_action
attributes:
  check_mode:
    support: full
    description: Fails when another live run holds the lock; takes none.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: One run at a time on the pair
  remedy.failover.lock:
    name: remedy
    holder: "{{ lookup('ansible.builtin.env', 'USER') }}"
  run_once: true
'''

RETURN = r'''
path:
  description: The lock file.
  returned: always
  type: str
holder:
  description: Who holds the lock, when another run does.
  returned: when refused
  type: dict
stale:
  description: The stale lock that was taken over.
  returned: when one was
  type: dict
'''
