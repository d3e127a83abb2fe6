#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: remote_copy
short_description: Copy files already on a box over others, where they differ, never half writing one
version_added: 1.0.0
description:
  - For each pair, copies O(files[].src) over O(files[].dest) on the box itself when their contents
    differ (C(cmp)), as C(cp) does in the runbook, in one round trip.
  - Every pair is checked first; when any source is missing or any destination is a symbolic link or not a
    regular file, nothing is copied at all and the task fails naming each.
  - Each copy is written to a temporary file beside the destination that takes over the destination's
    owner, group and mode (or the source's when the destination is new), then renamed over it, so a cut
    never leaves a destination half written.
options:
  files:
    description: The pairs, copied in this order.
    type: list
    elements: dict
    required: true
    suboptions:
      src:
        description: The file to copy, on the box.
        type: str
        required: true
      dest:
        description: The file to replace, on the box.
        type: str
        required: true
  backup:
    description: Keep each replaced destination as C(DEST.PID.YYYY-MM-DD@HH:MM:SS~) beside it.
    type: bool
    default: false
  secret_patterns:
    description:
      - Regular expressions (Python, case-insensitive) of the lines that are secret in these files, besides
        Oracle's C(PASSWORDS_*) parameters, which are always secret.
      - A secret line (and the indented lines continuing it) is never shown in C(--diff) output, so never in
        AWX's job events; it keeps at most its parameter name, the value is masked, and the diff's headers say
        how many lines were masked and whether the secret lines differ.
      - When not set, the variable C(remedy_failover_secret_patterns) is used, so a site lists its patterns once
        (group vars of the pairs) for every copy of the move.
    type: list
    elements: str
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: full
    description: Compares, reports what would be copied, copies nothing.
  diff_mode:
    support: full
    description: >-
      Shows the content before and after for each pair that differs, secret lines masked
      (O(secret_patterns)).
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Alarms on (runbook 2.3)
  remedy.failover.remote_copy:
    files:
      - src: /usr/cute/sercoadm/etc/daemons.cfg.prod
        dest: /usr/cute/sercoadm/etc/daemons.cfg
    backup: true

- name: Name the box sunar01
  remedy.failover.remote_copy:
    files:
      - {src: /etc/nodename.sunar01, dest: /etc/nodename}
      - {src: /etc/hostname.hme0.sunar01, dest: /etc/hostname.hme0}
'''

RETURN = r'''
files:
  description: One entry per pair, in order.
  returned: when every pair could be read
  type: list
  elements: dict
  contains:
    src:
      description: The source.
      type: str
    dest:
      description: The destination.
      type: str
    state:
      description: V(same), V(differ), V(new) (no destination yet), or the problem (V(nosrc), V(destlink), V(destnotfile)).
      type: str
    copied:
      description: Whether it was copied in this run.
      type: bool
    backup_file:
      description: Where the replaced destination was kept.
      type: str
'''
