# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.ps: list processes, read-only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.remedy.failover.plugins.module_utils.ps import (
    PsSpecError, running_names, running_services, service_spec)
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, processes

ARGUMENT_SPEC = {
    'names': {'type': 'list', 'elements': 'str', 'default': []},
    'services': {
        'type': 'list', 'elements': 'dict', 'default': [],
        'options': {
            'script': {'type': 'str'},
            'process': {'type': 'str', 'required': True},
            'path': {'type': 'str'},
            'args': {'type': 'str'},
        },
    },
}


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        try:
            specs = [service_spec(service) for service in args['services']]
        except PsSpecError as exc:
            result.update(failed=True, changed=False, msg='%s: %s. Nothing was changed.' % (host, exc))
            return result
        procs, error = processes(self)
        if error:
            result.update(failed=True, msg='%s: %s' % (host, error))
            return result
        names = running_names(procs)
        # the services by the one matcher the decision uses (module_utils/ps.py); bare names by argv[0]'s last part
        seen = running_services(specs, procs)
        wanted = [s['process'] for s in specs] + [n for n in args['names'] if n not in [s['process'] for s in specs]]
        up = seen + [n for n in args['names'] if n in names and n not in seen and n not in [s['process'] for s in specs]]
        result.update(
            changed=False,
            processes=procs,
            names=names,
            running=[n for n in wanted if n in up],
            missing=[n for n in wanted if n not in up],
        )
        return result
