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
short_description: Start or stop daemons in order through their /etc/init.d scripts, only when needed
version_added: 1.0.0
description:
  - Runs C(/etc/init.d/SCRIPT start) or C(stop) for each service in the order given, through the
    connection (no Python needed on the target), as the Remedy runbook does by hand.
  - Looks at the processes once first; a service whose O(services[].process) is already in the wanted
    state is left alone, so the task is idempotent.
  - When starting, a script that fails stops the run there, so nothing is started on top of a daemon that
    did not come up. When stopping, every script is tried and every failure reported.
  - In check mode no script runs; C(changed) and RV(ran) say what a real run would do.
  - The scripts that run are sent as one script, in one round trip (each login through C(su) costs one, and a
    start or a stop is in the outage); each keeps its own output and exit status. A reply cut short (the session
    lost) fails the task, naming the script it ended in, and counts as a change.
  - Each script runs with SIGHUP ignored (C(trap '' 1), which the script and whatever it starts inherit) and
    its standard input from C(/dev/null), so a site script that starts its daemon with a bare C(cmd &), no
    C(nohup), does not lose it when the SSH session (a terminal) ends.
options:
  services:
    description: The services, in the order their scripts are to run.
    type: list
    elements: dict
    required: true
    suboptions:
      script:
        description: Name of the script in O(init_dir).
        type: str
        required: true
      process:
        description:
          - Name of the daemon's process. When set, the script runs only if the process is not in the wanted
            state; without it, always. An empty name is refused.
          - Without O(services[].path) and O(services[].args), the process is the one whose argv[0] ends in
            this name; else as those say (the matcher of M(remedy.failover.ps) and the move's decision).
        type: str
      path:
        description: What the process's argv[0] must be exactly (C(ps -o comm)), such as C(/usr/ar/bin/arserverd).
        type: str
      args:
        description:
          - A regular expression its command line must match (C(ps -o args), 80 characters on Solaris), such as
            C(^(\S*/)?java .*JServ) for a JSP engine started as C(java).
        type: str
  state:
    description: V(started) runs C(start), V(stopped) runs C(stop).
    type: str
    required: true
    choices: [started, stopped]
  init_dir:
    description: Directory of the start-up scripts.
    type: str
    default: /etc/init.d
extends_documentation_fragment:
  - remedy.failover.raw_action
attributes:
  check_mode:
    support: full
    description: Looks at the processes, reports what it would run, runs nothing.
  diff_mode:
    support: none
    description: It changes no file; RV(ran) lists the scripts it ran.
author:
  - remedy.failover contributors (@remedy-failover)
'''

EXAMPLES = r'''
- name: Start the AR System server, then the web front
  remedy.failover.init_script:
    state: started
    services:
      - {script: arsystem, process: arserverd}
      - {script: apache, process: httpd}

- name: Stop them in reverse
  remedy.failover.init_script:
    state: stopped
    services:
      - {script: apache, process: httpd}
      - {script: arsystem, process: arserverd}
'''

RETURN = r'''
ran:
  description: The scripts that ran (or would run, in check mode), in order.
  returned: always
  type: list
  elements: str
  sample: [arapplications, appserv_C]
services:
  description: One entry a service, in order.
  returned: always
  type: list
  elements: dict
  contains:
    script:
      description: Name of the script.
      type: str
    cmd:
      description: The command.
      type: str
      sample: /etc/init.d/arsystem start
    was_running:
      description: Whether the process ran before; absent without C(process).
      type: bool
    action:
      description: V(none) (already in state), V(would run) (check mode), V(ran), or absent when not reached.
      type: str
    rc:
      description: Exit status of the script, when it ran; null when its reply was cut short.
      type: int
    stdout:
      description: Output of the script, when it ran (its standard output and error, in the order written).
      type: str
    stderr:
      description: Always empty since the script's error output is in RV(services[].stdout); kept for playbooks
        that read it.
      type: str
'''
