# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module of the collection shares: an action plugin that needs no Python on the target."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r'''
options: {}
attributes:
  action:
    support: full
    description: The work is done by an action plugin on the controller.
  async:
    support: none
    description: It runs in the foreground only.
  platform:
    support: full
    platforms: [solaris, illumos, posix]
    description: Sends only Bourne shell commands that Solaris 8 to 11 have; no Python on the target.
notes:
  - Needs no Python on the target - Solaris 8 to 10 carry none that current ansible-core supports. It sends
    one Bourne shell script through the connection (old C(/bin/sh) syntax, no GNU-only flags) and reads
    its reply on the controller.
'''
