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
version_added: 1.1.0
description:
  - Takes (V(acquired)) or gives back (V(released)) a lock file on the controller named after the pair,
    holding the id of the ansible-playbook process that runs. A second run while the first is alive fails,
    naming who holds the lock (the O(holder), the pid, host and user) and since when.
  - A lock whose process has ended (a run that was killed or failed) is stale and taken over, so it never
    blocks the next run. A lock written on another controller host is always taken as alive.
  - Each look at the lock and each change to it runs under an exclusive C(fcntl.flock) of the guard file
    C(.remedy_failover.flock) in O(dir), so checking that a lock is free or stale and taking it are one step.
    Of several runs that find the same stale lock, exactly one takes it; the others are refused, naming it.
    The kernel drops the guard when its process dies, so a killed run never leaves it held.
  - One directory serves every operator of the controller, with or without sudo, so each sees the other's
    lock. A directory the module creates (the default V(/var/tmp/remedy_failover/locks) and its parent, or
    the missing parts of O(dir)) is made mode 1777, sticky and writable by all like C(/tmp) - not group-shared, since
    the module cannot know which group the operators share, and C(/var/tmp) rather than C(/tmp) as it
    survives a reboot of the controller. In a sticky directory nobody may remove another user's file, so
    lock files are created mode 0666 and never replaced - a stale lock of another user is rewritten in
    place, and a run releasing a lock it may not remove marks it free in place. To restrict who may take
    the lock, create the directory beforehand, for example mode 2770 with the operators' group; the module
    uses an existing directory as it is. Files are never opened through a symbolic link.
  - A lock file that is empty or holds no lock record (a run killed between creating and writing it, a full
    disk) proves nothing about who moves the pair, so it is never taken over. Every run is refused with a
    message naming the file, its owner, size and time, and saying to check that no run is going on and to
    remove it. A lock directory or file that cannot be created, read or written is a message saying what to
    do, never a traceback; nothing was changed then.
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
    description:
      - Directory of the lock files on the controller, the same for every operator of it (see above).
      - Set it (the playbooks' C(remedy_failover_lock_dir)) to a directory every job sees, on AWX for example.
    type: path
    default: /var/tmp/remedy_failover/locks
  holder:
    description: Who runs, written in the lock and shown to a run that is refused.
    type: str
    default: ''
extends_documentation_fragment:
  - remedy.failover.controller_action
attributes:
  check_mode:
    support: full
    description: Fails when another live run holds the lock or the lock file is corrupt; takes none, creates nothing.
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
