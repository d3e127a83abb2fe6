#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: rename_file
short_description: Rename a file on a box, never overwriting and never deleting
version_added: 1.0.0
description:
  - Renames O(src) to O(dest) with C(mv) (a rename, so the file itself moves with its content, owner, mode
    and times), in one round trip that looks at both paths first.
  - Already moved (only O(dest) there) is success with no change, so a second run changes nothing.
  - Called C(remedy.failover.move) before; that name still works (it leads here).
  - Fails, changing nothing, when both paths exist (one would overwrite the other) or neither does (the
    file is lost); RV(state) tells which, so a role can add its own advice.
options:
  src:
    description: The path the file is at.
    type: str
    required: true
  dest:
    description: The path it is to have. Nothing may stand there.
    type: str
    required: true
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: full
    description: Looks at both paths and reports whether it would move.
  diff_mode:
    support: none
    description: It renames a file; there is no content to show.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Park the AR System configuration (runbook 2.3)
  remedy.failover.rename_file:
    src: /etc/ar.conf
    dest: /etc/ar.conf.PROD
'''

RETURN = r'''
state:
  description: V(pending) (moved, or would be), V(done) (already moved), V(both) or V(neither) (refused).
  returned: when both paths could be looked at
  type: str
  sample: pending
src:
  description: The source path.
  returned: always
  type: str
dest:
  description: The destination path.
  returned: always
  type: str
'''
