#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: init_script
short_description: Start or stop a daemon through its /etc/init.d script, only when needed
version_added: 1.0.0
description:
  - Runs C(/etc/init.d/NAME start) or C(stop) through the connection (no Python needed on the target),
    as the Remedy runbook does by hand.
  - With O(process), it first looks whether that process runs and does nothing when the daemon is
    already in the wanted state, so the task is idempotent.
  - In check mode it never runs the script and reports C(changed) as a real run would.
options:
  name:
    description: Name of the script in O(init_dir).
    type: str
    required: true
  state:
    description: V(started) runs C(start), V(stopped) runs C(stop).
    type: str
    required: true
    choices: [started, stopped]
  process:
    description:
      - Name of the daemon's process (last component of its command). When set, the script runs only
        if the process is not in the wanted state. Without it the script always runs.
    type: str
  init_dir:
    description: Directory of the start-up scripts.
    type: str
    default: /etc/init.d
attributes:
  action:
    support: full
  check_mode:
    support: full
    description: Looks at the processes, reports what it would do, runs nothing.
  diff_mode:
    support: none
  platform:
    platforms: [solaris, illumos, posix]
author:
  - remedy.failover contributors
'''

EXAMPLES = r'''
- name: Start the AR System server
  remedy.failover.init_script:
    name: arsystem
    state: started
    process: arserverd

- name: Stop apache
  remedy.failover.init_script:
    name: apache
    state: stopped
    process: httpd
'''

RETURN = r'''
script:
  description: Path of the script.
  returned: always
  type: str
  sample: /etc/init.d/arsystem
cmd:
  description: The command run, or that would run.
  returned: always
  type: str
  sample: /etc/init.d/arsystem start
was_running:
  description: Whether O(process) ran before the task.
  returned: when O(process) is set
  type: bool
rc:
  description: Exit status of the script.
  returned: when the script ran
  type: int
stdout:
  description: Output of the script.
  returned: when the script ran
  type: str
stderr:
  description: Error output of the script.
  returned: when the script ran
  type: str
'''
