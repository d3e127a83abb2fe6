#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: links
short_description: Make symbolic links present or absent, never touching anything else
version_added: 1.0.0
description:
  - Makes each O(links[].path) a symbolic link to its O(links[].target) (V(present)), or removes it
    (V(absent)), as C(/etc/remedy_auto_startup add|remove) does with the C(/etc/rc2.d) start links.
  - One round trip reads every link and target; nothing changes unless every link can be handled. It
    refuses a path that holds something else than a link to its target (a file of its own, a directory,
    a link elsewhere), and, with V(present), a target that is missing or not executable.
  - A hard link to the target (as older installs have) counts as the link; V(present) makes it symbolic.
    A relative symbolic link that leads to the target counts too.
  - The targets themselves are never changed.
options:
  links:
    description: The links.
    type: list
    elements: dict
    required: true
    suboptions:
      path:
        description: Path of the link; relative to O(link_dir) when not absolute.
        type: str
        required: true
        aliases: [link]
      target:
        description: What it points to; relative to O(target_dir) when not absolute. Links are made absolute.
        type: str
        required: true
        aliases: [script]
  state:
    description: V(present) or V(absent).
    type: str
    required: true
    choices: [present, absent]
  link_dir:
    description: Directory of relative link paths, such as C(/etc/rc2.d).
    type: str
  target_dir:
    description: Directory of relative targets, such as C(/etc/init.d).
    type: str
  require_executable:
    description: With V(present), refuse a target that its owner cannot execute.
    type: bool
    default: true
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: full
    description: Reads, refuses or reports what it would change, changes nothing.
  diff_mode:
    support: full
    description: Shows each link that changes, before and after.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Start Remedy at boot (remedy_auto_startup add)
  remedy.failover.links:
    state: present
    link_dir: /etc/rc2.d
    target_dir: /etc/init.d
    links:
      - {link: S87arsystem, script: arsystem}
      - {link: S98jsp, script: jsp}
'''

RETURN = r'''
links:
  description: What was found at each link path.
  returned: when every path could be read
  type: list
  elements: dict
  contains:
    path:
      description: The link.
      type: str
    target:
      description: Its target.
      type: str
    found:
      description: V(missing), V(symlink) (to the target), V(hardlink) (to the target) or V(foreign).
      type: str
'''
