#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: silent
short_description: Prove an address silent before a box takes it, from the controller and from its segment
version_added: 1.0.0
description:
  - An address is silent only when proven silent. From the controller, every port of O(ports) at O(address), all
    at once - a connection or a reset (a station that holds the address, such as a box whose sshd stopped while it
    halts) is an answer. From the task's host (the box about to take the address, on the same segment), Solaris'
    own commands in one Bourne shell round trip - its ARP entry for the address is dropped (it may be the halted
    box's, cached), C(ping ADDRESS TIMEOUT) asks ARP afresh, and C(arp ADDRESS) must then find no station.
  - Fails, saying what answered and how (the port, ICMP echo, ARP), when anything answers, and when C(ping) or
    C(arp) print what proves neither.
  - Nothing on the box is changed but its ARP cache entry for the address.
options:
  address:
    description:
      - The address to prove silent.
      - When not given, the O(name)'s address in the inventory (its C(ansible_host), else the name itself), and its
        SSH port (C(ansible_port), else 22) is added to O(ports).
    type: str
  name:
    description: The name that address belongs to, for the messages.
    type: str
    required: true
  ports:
    description: The TCP ports looked at from the controller (SSH, the AR server, the web front).
    type: list
    elements: int
    default: [22]
  connect_timeout:
    description: Seconds a connection from the controller may take before the port counts as silent.
    type: float
    default: 1.0
  from_box:
    description: Also look from the task's host with C(ping) and C(arp) (V(false) for the controller only).
    type: bool
    default: true
  ping_timeout:
    description: Seconds C(ping) waits for an echo.
    type: int
    default: 1
  ping_path:
    description: Path of ping on the box.
    type: str
    default: /usr/sbin/ping
  arp_path:
    description: Path of arp on the box.
    type: str
    default: /usr/sbin/arp
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: full
    description: It only looks; it runs the same in check mode.
  diff_mode:
    support: none
    description: It changes nothing that a diff could show.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Prove sunar01's address silent before this box takes it
  remedy.failover.silent:
    name: sunar01
    address: 192.0.2.11
    ports: [22, 2020, 80, 8080]

- name: The same, with sunar01's address and SSH port as the inventory gives them
  remedy.failover.silent:
    name: sunar01
    ports: [2020, 80, 8080]
'''

RETURN = r'''
silent:
  description: Whether nothing answered.
  returned: always
  type: bool
ports:
  description: Per port, false when nothing answered, else how it answered.
  returned: always
  type: dict
ping:
  description: Whether ICMP echo answered, and what ping printed.
  returned: when looked at from the box
  type: list
arp:
  description: Whether ARP found a station, and what arp printed.
  returned: when looked at from the box
  type: list
elapsed:
  description: Seconds spent.
  returned: always
  type: float
'''
