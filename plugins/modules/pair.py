#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: pair
short_description: The settings of this host's pair, or the pairs of the run's group, checked
version_added: 1.0.0
description:
  - Reads, on the controller, this host's pair from its variables - V(remedy_failover_production_name),
    V(remedy_failover_spare_name), V(remedy_failover_main_processors), V(remedy_failover_failover_processors) (the
    runbook's V(sunar01), V(sunar02), V(2) and V(1) when unset), V(remedy_failover_main_hostid) and
    V(remedy_failover_failover_hostid) (8 hex digits as C(/usr/bin/hostid) prints them; optional),
    V(remedy_failover_main_mhz) and V(remedy_failover_failover_mhz) (the processors' clock, runbook section 4's
    V(400) and V(300) when unset), V(remedy_failover_accept_arconf_difference), and the address each name's
    C(ansible_host) gives (what its hosts file must map it to) - and the roles' own lists (C(setname_files),
    C(remedy_daemons_services), C(remedy_autostart_links), C(arconf_path), C(serco_monitoring_sources) and their
    folders) - the value the site set, else the role's default. The probe then reads exactly what the roles act on.
  - Fails, before anything connects, when the two names are equal or not host names, the processor counts are
    equal or not whole numbers, a list is empty, or this host is neither of its pair's names.
  - With O(group) (what C(remedy.failover.pair_group) did; that name still works and leads here), it checks instead
    that a run moves one group of whole pairs, before any box is contacted - O(group) must be the name of one
    inventory group (a pair's group, or a group whose children are pairs' groups) holding both names of each of its
    hosts' pairs, each host one of its own pair's names, and no two pairs sharing a name. A host name, a pattern
    (V(sunar01,sunar02), V(remedy:remedy_b), V(remedy*)) or an unknown group fails with the groups of whole pairs
    the inventory has.
options:
  group:
    description:
      - The group the run moves (the playbooks' V(remedy_failover_pair)). When set, the module checks the group and
        returns RV(pairs), RV(several) and RV(group), not this host's settings.
    type: raw
extends_documentation_fragment:
  - remedy.failover.controller_action
attributes:
  check_mode:
    support: full
    description: It only reads variables; it runs the same in check mode.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: The run moves a group of whole pairs
  remedy.failover.pair:
    group: "{{ remedy_failover_pair | default('remedy') }}"
  register: run
  run_once: true

- name: The pair's settings
  remedy.failover.pair:
  register: pair

- name: Read every path the decision needs
  remedy.failover.probe:
    paths: "{{ pair.paths }}"
'''

RETURN = r'''
config:
  description: The pair's settings, as M(remedy.failover.decide) takes them.
  returned: success, without O(group)
  type: dict
  contains:
    prod:
      description: The production name.
      type: str
    spare:
      description: The spare name.
      type: str
    main_cpus:
      description: The main box's processor count.
      type: int
    failover_cpus:
      description: The failover box's processor count.
      type: int
    processes:
      description: The Remedy daemons' process names, the AR server first.
      type: list
      elements: str
    services:
      description: How each daemon's process is recognised - C(process), C(path), C(args).
      type: list
      elements: dict
    main_hostid:
      description: The main box's hostid, or null when the inventory does not give it.
      type: str
    failover_hostid:
      description: The failover box's hostid, or null.
      type: str
    main_mhz:
      description: The main box's processors' clock in MHz.
      type: int
    failover_mhz:
      description: The failover box's processors' clock in MHz.
      type: int
links:
  description: The boot-time link paths, read unfollowed by the probe (O(remedy.failover.probe#module:links)).
  returned: success
  type: list
  elements: str
contents:
  description: The per-name files whose text the probe reads, and the interface files' pattern C(/etc/hostname.*).
  returned: success
  type: list
  elements: str
paths:
  description: Every path the probe of a box reads.
  returned: success, without O(group)
  type: list
  elements: str
lead:
  description: Whether this host is its pair's production name (the host that speaks for the pair).
  returned: success, without O(group)
  type: bool
pairs:
  description: The pairs of the group, each as [production name, spare name].
  returned: success, with O(group)
  type: list
  elements: list
several:
  description: Whether the group holds more than one pair.
  returned: success, with O(group)
  type: bool
group:
  description: The group checked.
  returned: success, with O(group)
  type: str
refusal:
  description: V(settings) or V(inventory) when the settings cannot be used; V(group) when the group is not a group
    of whole pairs.
  returned: failure
  type: str
'''
