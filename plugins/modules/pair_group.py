#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: pair_group
short_description: Check that a run moves one group of whole pairs, before any box is contacted
version_added: 1.0.0
description:
  - O(group) must be the name of one inventory group - a pair's group, or a group whose children are pairs'
    groups - holding both names of each of its hosts' pairs, each host one of its own pair's names, and no two
    pairs sharing a name.
  - A host name, a pattern (V(sunar01,sunar02), V(remedy:remedy_b), V(remedy*)) or an unknown group fails with
    the groups of whole pairs the inventory has.
options:
  group:
    description: The group the run moves (the playbooks' V(remedy_failover_pair)).
    type: raw
    required: true
extends_documentation_fragment:
  - remedy.failover.controller_action
attributes:
  check_mode:
    support: full
    description: It only reads the inventory; it runs the same in check mode.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: The run moves a group of whole pairs
  remedy.failover.pair_group:
    group: "{{ remedy_failover_pair | default('remedy') }}"
  register: run
'''

RETURN = r'''
pairs:
  description: The pairs of the group, each as [production name, spare name].
  returned: success
  type: list
  elements: list
several:
  description: Whether the group holds more than one pair.
  returned: success
  type: bool
'''
