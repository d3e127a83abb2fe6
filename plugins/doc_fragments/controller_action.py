# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the collection's controller-only modules share: nothing runs on the host, nothing connects to it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r'''
options: {}
attributes:
  action:
    support: full
    description: Runs on the controller in an action plugin; nothing runs on the host, no connection is made.
  async:
    support: none
    description: It runs in the foreground only.
  diff_mode:
    support: none
    description: It changes nothing on a host.
  platform:
    support: full
    platforms: [posix]
    description: Runs on the controller, whatever the host's platform.
'''
