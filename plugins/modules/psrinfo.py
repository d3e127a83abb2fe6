#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: psrinfo
short_description: Tell which Solaris box a play stands on from its processors
version_added: 1.0.0
description:
  - Runs C(psrinfo -v) and C(psrinfo -p) on the target in one round trip and parses the text on
    the controller, so it needs no Python on the target (Solaris 8 to 10 carry none that current
    ansible-core supports).
  - Returns every virtual processor (id, state, since, type, clock) and the counts, also as the fact
    C(ansible_facts.psrinfo).
  - The main and failover boxes of a service are told apart by their processor count, never by their
    name, which moves between them.
  - It only reads, so it runs in check mode and reports C(changed=false).
options:
  path:
    description:
      - Path of the psrinfo command on the target.
    type: str
    default: /usr/sbin/psrinfo
  physical:
    description:
      - Also run C(psrinfo -p) for the count of physical processors.
      - Where C(-p) is not supported (Solaris 8), C(physical_count) is returned as null.
    type: bool
    default: true
attributes:
  action:
    support: full
    description: The parsing runs on the controller in an action plugin.
  check_mode:
    support: full
    description: It only reads; it runs the same in check mode.
  diff_mode:
    support: none
    description: It only reads; there is nothing to show.
  platform:
    support: full
    platforms: [solaris, illumos]
    description: C(psrinfo) is a Solaris and illumos command; no Python is needed on the target.
notes:
  - Output of C(psrinfo) in a form the parser does not know fails the task with the offending line;
    it is never read as zero processors.
seealso:
  - name: psrinfo(1M)
    description: Solaris manual page of psrinfo.
    link: https://docs.oracle.com/cd/E88353_01/html/E72487/psrinfo-8.html
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Learn which box this is
  remedy.failover.psrinfo:

- name: Stop unless this is the 2-CPU main server
  ansible.builtin.assert:
    that:
      - ansible_facts.psrinfo.online_count == 2
    fail_msg: "{{ inventory_hostname }} has {{ ansible_facts.psrinfo.online_count }} on-line CPUs, not the main server's 2"

- name: Use another psrinfo and skip the physical count
  remedy.failover.psrinfo:
    path: /usr/local/bin/psrinfo
    physical: false
  register: cpus
'''

RETURN = r'''
form:
  description: The psrinfo forms that were read, joined with C(+).
  returned: success
  type: str
  sample: verbose+physical
processors:
  description: Every virtual processor the box lists.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: Processor id.
      type: int
      sample: 0
    state:
      description: One of C(on-line), C(off-line), C(no-intr), C(faulted), C(spare), C(powered-off).
      type: str
      sample: on-line
    since:
      description: Time of the last state change, as psrinfo prints it.
      type: str
      sample: 12/13/01 09:42:01
    type:
      description: Processor type (C(sparcv9), C(i386)).
      type: str
      sample: sparcv9
    clock_mhz:
      description: Clock in MHz, null where not shown.
      type: int
      sample: 400
count:
  description: Number of virtual processors listed.
  returned: success
  type: int
  sample: 2
online_count:
  description: Number of processors that run threads (C(on-line) or C(no-intr)).
  returned: success
  type: int
  sample: 2
physical_count:
  description: Number of physical processors, null where the box cannot tell (no C(psrinfo -p)).
  returned: success
  type: int
  sample: 2
physical_processors:
  description: Physical processors from C(psrinfo -pv) when that form was read; otherwise empty.
  returned: success
  type: list
  elements: dict
raw:
  description: The text psrinfo printed, by form.
  returned: success
  type: dict
  sample: {"verbose": "0  on-line  since 12/13/01 09:42:01", "physical": "2"}
ansible_facts:
  description: The same result under C(psrinfo).
  returned: success
  type: dict
  contains:
    psrinfo:
      description: C(form), C(processors), C(count), C(online_count), C(physical_count), C(physical_processors).
      type: dict
'''
