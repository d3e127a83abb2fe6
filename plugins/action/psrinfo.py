# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.psrinfo.

It runs psrinfo -v and -p in one script through the connection, with no
Python on the target, and parses the text here, on the controller, with the
same reader as remedy.failover.probe.  It only reads, so check mode changes
nothing about it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.remedy.failover.plugins.module_utils.probe import ProbeError
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import (
    RawActionBase,
    psrinfo_sections,
    read_psrinfo,
    run_script,
)

ARGUMENT_SPEC = {
    'path': {'type': 'str', 'default': '/usr/sbin/psrinfo'},
    'physical': {'type': 'bool', 'default': True},
}


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        sections, error = run_script(self, psrinfo_sections(args['path'], args['physical']))
        try:
            if error:
                raise ProbeError(error)
            facts, raw = read_psrinfo(sections, args['path'])
        except ProbeError as exc:
            result.update(failed=True, msg='%s: %s. Is this a Solaris box, and is psrinfo at %s? Set the path option '
                                           'if it lives elsewhere.' % (host, exc, args['path']))
            return result
        result.update(facts)
        result.update(raw=raw, changed=False, ansible_facts={'psrinfo': facts})
        return result
