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
short_description: List the processes of a box, and which of some services or names run
version_added: 1.0.0
description:
  - Runs C(ps -o pid= -o args=) through the connection and parses it on the controller, so it needs no Python
    on the target - on a box with zones (Solaris 10) for the global zone only (read with C(-o zone), as
    C(ps -z global) lists them), on Solaris 8 and 9 (no zones) for every process. Solaris cuts C(args) at 80
    characters.
  - A service is recognised by its path or its arguments (O(services)), with the matcher the move's decision uses;
    a bare name (O(names)) by the last component of argv[0], which a stock Solaris 10 box shares between other
    software and Remedy (C(java), C(httpd)).
  - Read-only; runs in check mode and reports C(changed=false).
options:
  names:
    description:
      - Process names (last component of argv[0]) to look for; see RV(running) and RV(missing).
    type: list
    elements: str
    default: []
  services:
    description:
      - Services to look for, as the C(remedy_daemons) role describes them; see RV(running) and RV(missing), which
        list their O(services[].process).
    type: list
    elements: dict
    default: []
    suboptions:
      script:
        description: The service's start-up script (only named in messages).
        type: str
      process:
        description: The name the process is reported by; without O(services[].path) and O(services[].args), the
          last component of its argv[0]. Never empty.
        type: str
        required: true
      path:
        description: What argv[0] must be exactly, such as C(/usr/ar/bin/arserverd).
        type: str
      args:
        description: A regular expression its command line (C(ps -o args)) must match.
        type: str
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
    services:
      - {process: arserverd, path: /usr/ar/bin/arserverd}
      - {process: java, args: '^(\S*/)?java .*[Jj][Ss]erv'}
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
    args:
      description: The command line as ps prints it (80 characters at most on Solaris).
      type: str
      sample: /usr/lib/ssh/sshd -f /etc/ssh/sshd_config
    comm:
      description: Its first word, argv[0].
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
  description: The requested O(services) (their process) and O(names) that run.
  returned: success
  type: list
  elements: str
missing:
  description: The requested O(services) (their process) and O(names) that do not run.
  returned: success
  type: list
  elements: str
'''
