#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ps
short_description: List the processes of a box, and which of some names run
version_added: 1.0.0
description:
  - Runs C(ps -e -o pid= -o comm=) (POSIX, on Solaris as on Linux) through the connection and parses
    it on the controller, so it needs no Python on the target.
  - Read-only; runs in check mode and reports C(changed=false).
options:
  names:
    description:
      - Process names (last component of the command) to look for; see RV(running) and RV(missing).
    type: list
    elements: str
    default: []
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: full
    description: It only reads.
  diff_mode:
    support: none
    description: It only reads; there is nothing to show.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Which Remedy daemons run here?
  remedy.failover.ps:
    names: [arserverd, httpd]
  register: remedy_ps

- name: Stop if the AR server runs on this box
  ansible.builtin.assert:
    that: remedy_ps.running | length == 0
    fail_msg: "{{ inventory_hostname }} runs {{ remedy_ps.running | join(', ') }}"
'''

RETURN = r'''
processes:
  description: Every process.
  returned: success
  type: list
  elements: dict
  contains:
    pid:
      description: Process id.
      type: int
    comm:
      description: The command as ps prints it.
      type: str
      sample: /usr/lib/ssh/sshd
    name:
      description: Last component of C(comm).
      type: str
      sample: sshd
names:
  description: Sorted names of all processes.
  returned: success
  type: list
  elements: str
running:
  description: The requested O(names) that run.
  returned: success
  type: list
  elements: str
missing:
  description: The requested O(names) that do not run.
  returned: success
  type: list
  elements: str
'''
