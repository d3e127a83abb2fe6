# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.pair_group: the group a run moves is a group of whole pairs.

Runs on the controller before any box is contacted; the check itself is module_utils/pair.py's check_group.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.remedy.failover.plugins.module_utils.pair import check_group
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import ControllerActionBase

ARGUMENT_SPEC = {
    'group': {'type': 'raw', 'required': True},
}


class ActionModule(ControllerActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args):
        task_vars = self._task_vars
        groups = dict((name, list(hosts)) for name, hosts in (task_vars.get('groups') or {}).items())
        hostvars = task_vars.get('hostvars') or {}
        pair_of = {}
        for host in sorted(set(h for hosts in groups.values() for h in hosts)):
            own = hostvars[host]
            prod = self._templar.template(own.get('remedy_failover_production_name', 'sunar01'))
            spare = self._templar.template(own.get('remedy_failover_spare_name', 'sunar02'))
            pair_of[host] = (str(prod), str(spare))
        group = args['group']
        if isinstance(group, (list, tuple)):
            group = ','.join(str(g) for g in group)
        pairs, msg = check_group(group, groups, pair_of)
        result['changed'] = False
        if msg:
            result.update(failed=True, refusal='group', msg=msg)
            return result
        result.update(pairs=[list(p) for p in pairs], several=len(pairs) > 1, group=group)
        return result
