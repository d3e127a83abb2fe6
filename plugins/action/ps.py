# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.ps: list processes, read-only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.remedy.failover.plugins.module_utils.ps import running_names
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, processes

ARGUMENT_SPEC = {
    'names': {'type': 'list', 'elements': 'str', 'default': []},
}


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        procs, error = processes(self)
        if error:
            result.update(failed=True, msg='%s: %s' % (host, error))
            return result
        names = running_names(procs)
        result.update(
            changed=False,
            processes=procs,
            names=names,
            running=[n for n in args['names'] if n in names],
            missing=[n for n in args['names'] if n not in names],
        )
        return result
