#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ssh_client
short_description: Check the controller's ssh client can use the key types the inventory asks for
version_added: 1.0.0
description:
  - Asks the controller's ssh client for the key types it knows (C(ssh -Q key)) and reads each of O(hosts)'
    ssh arguments (C(ansible_ssh_args), C(ansible_ssh_common_args), C(ansible_ssh_extra_args), else
    C(ansible.cfg)'s C(ssh_args)).
  - Fails, before any box is contacted, when a host's arguments ask for DSA keys (C(ssh-dss) in
    C(HostKeyAlgorithms), C(PubkeyAcceptedAlgorithms) and the like) and the client has no DSA (OpenSSH 10 and
    later), saying what to do; such an ssh would stop before connecting.
  - When the client cannot be asked, nothing is refused on its account.
options:
  hosts:
    description: The hosts whose ssh arguments are read (the run's pairs).
    type: list
    elements: str
    required: true
  ssh_executable:
    description: The ssh client to ask.
    type: str
    default: ssh
extends_documentation_fragment:
  - remedy.failover.controller_action
attributes:
  check_mode:
    support: full
    description: It only reads the inventory and asks the client; it runs the same in check mode.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: The controller's ssh client can use the key types the inventory asks for
  remedy.failover.ssh_client:
    hosts: "{{ groups['remedy'] }}"
'''

RETURN = r'''
dsa:
  description: Whether the client has DSA keys (ssh-dss); null when the client could not be asked.
  returned: always
  type: bool
refusal:
  description: V(ssh_dsa) when the inventory asks for DSA and the client has none.
  returned: failed
  type: str
'''
