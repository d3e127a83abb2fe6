#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documentation stub: the work is done by the action plugin of the same name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: probe
short_description: Read files, the running name, processes and processors of a box in one round trip
version_added: 1.0.0
description:
  - Reads, in one round trip and without changing anything, what the roles and playbooks need to decide
    what to do - for each path its type, mode, owner, size, inode, link target and C(cksum); the running
    name (C(uname -n)); the processes (C(ps)); the processors (C(psrinfo -v) and C(-p)).
  - Output that cannot be read fails the task; it is never read as nothing (a psrinfo that prints garbage
    is never read as zero processors).
options:
  paths:
    description: Paths to look at. A missing path is reported with RV(files.exists=false).
    type: list
    elements: str
    default: []
  checksum:
    description: Also read the C(cksum) of each regular file (CRC and size).
    type: bool
    default: true
  follow:
    description: Look through symbolic links at what they point to.
    type: bool
    default: false
  nodename:
    description: Also read the name the box runs with (C(uname -n)).
    type: bool
    default: false
  processes:
    description:
      - Also list the processes with their command lines (C(ps -o pid= -o args=), which Solaris cuts at 80
        characters) - on a box with zones (Solaris 10) those of the global zone only (read with C(-o zone), as
        C(ps -z global) lists them), on Solaris 8 and 9 (no zones) every process (C(ps -e)).
    type: bool
    default: false
  hostid:
    description:
      - Also read the box's hostid (C(/usr/bin/hostid), 8 lowercase hex digits; on SPARC from the NVRAM) in
        RV(hostid); null when the box has no C(/usr/bin/hostid).
    type: bool
    default: false
  links:
    description:
      - Paths read as they are, never followed and without checksum, in RV(links) - whether a link stands there,
        where it points, or whether a plain file stands there instead.
    type: list
    elements: str
    default: []
  contents:
    description:
      - Small files whose text to read, in RV(contents) - absolute paths, or shell patterns such as
        C(/etc/hostname.*) - letters, digits and the characters C(_./*?+:-) only. Only regular files are read; a path
        or pattern that names none gives nothing.
    type: list
    elements: str
    default: []
  psrinfo:
    description: Also read the processors (C(psrinfo -v), and C(psrinfo -p) where the box has it).
    type: bool
    default: false
  psrinfo_path:
    description: Path of psrinfo on the box.
    type: str
    default: /usr/sbin/psrinfo
  identity:
    description:
      - Also read who the commands run as (Solaris C(/usr/bin/id), which has no C(-u)), in RV(uid) and RV(user), so
        a run can refuse a login that is not root after become before it changes anything.
    type: bool
    default: false
  connect_timeout:
    description:
      - For how many seconds to retry when the connection to the box fails (for a box whose SSH daemon has
        just started), resetting the connection between tries. Only connection failures are retried; an
        answer that cannot be read fails at once.
      - V(0) tries once.
    type: int
    default: 0
  connection_failure:
    description:
      - What a connection that still fails (the login, the host key, a box that closes the connection) gives.
      - V(unreachable), the host is unreachable, as for any task.
      - V(answer), an ordinary failed result with RV(connection_failed) set and the connection's error as its
        message, for a read whose caller names the failure itself (a play with C(any_errors_fatal) ends every
        host's tasks on an unreachable result, even an ignored one).
    type: str
    choices: [unreachable, answer]
    default: unreachable
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: full
    description: It only reads; it runs the same in check mode.
  diff_mode:
    support: none
    description: It only reads; there is nothing to show.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Look at the AR System configuration, the running name and the processors
  remedy.failover.probe:
    paths:
      - /etc/ar.conf
      - /etc/ar.conf.PROD
    nodename: true
    psrinfo: true
  register: box

- name: Stop unless the configuration is parked on the 1-CPU box
  ansible.builtin.assert:
    that:
      - box.psrinfo.online_count == 1
      - not box.files['/etc/ar.conf'].exists
      - box.files['/etc/ar.conf.PROD'].type == 'file'
'''

RETURN = r'''
connection_failed:
  description: The connection to the box failed (the message says how); nothing was read.
  returned: O(connection_failure=answer) and the connection failed
  type: bool
uid:
  description: The uid the commands run as (0 for root).
  returned: O(identity=true)
  type: int
user:
  description: The name of that uid, or null.
  returned: O(identity=true)
  type: str
files:
  description: One entry per path in O(paths), keyed by the path.
  returned: always
  type: dict
  sample:
    /etc/ar.conf: {path: /etc/ar.conf, exists: true, type: file, mode: '0644', uid: '0', gid: '3', size: 118,
                   inode: 12345, nlink: 1, executable: false, target: null, checksum: 3015617425 118}
  contains:
    exists:
      description: Whether anything stands at the path.
      type: bool
    type:
      description: V(file), V(directory), V(link) (when not following), V(other), or null when missing.
      type: str
    mode:
      description: Permission bits in octal, such as C(0644).
      type: str
    uid:
      description: Numeric owner.
      type: str
    gid:
      description: Numeric group.
      type: str
    size:
      description: Size in bytes.
      type: int
    inode:
      description: Inode number.
      type: int
    nlink:
      description: Number of hard links.
      type: int
    executable:
      description: Whether its owner may execute it.
      type: bool
    target:
      description: Where a symbolic link points, as written in it.
      type: str
    checksum:
      description: C(cksum) of a regular file (CRC and size), null otherwise or when O(checksum=false).
      type: str
nodename:
  description: The name the box runs with.
  returned: when O(nodename=true)
  type: str
  sample: sunar01
hostid:
  description: The box's hostid (8 lowercase hex digits), or null when it has no C(/usr/bin/hostid).
  returned: when O(hostid=true)
  type: str
  sample: 80f1c2a3
links:
  description: One entry per path in O(links), as RV(files) has them, never followed.
  returned: when O(links) is not empty
  type: dict
contents:
  description: The text of each regular file O(contents) names, keyed by its path.
  returned: when O(contents) is not empty
  type: dict
  sample:
    /etc/nodename.sunar01: sunar01
processes:
  description:
    - The processes, each with C(pid), C(args) (the command line as ps printed it), C(comm) (its first word, argv[0])
      and C(name) (the last component of C(comm)).
  returned: when O(processes=true)
  type: list
  elements: dict
names:
  description: The sorted process names.
  returned: when O(processes=true)
  type: list
  elements: str
psrinfo:
  description: The processors, as M(remedy.failover.psrinfo) returns them (C(count), C(online_count), ...).
  returned: when O(psrinfo=true)
  type: dict
'''
