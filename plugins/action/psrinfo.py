# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.psrinfo.

It runs psrinfo through the connection with no Python on the target and
parses the text here, on the controller, with the pure parser in
module_utils.  It only reads, so check mode changes nothing about it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shlex

from ansible_collections.remedy.failover.plugins.module_utils.psrinfo import (
    PsrinfoParseError,
    merge_psrinfo,
    parse_psrinfo,
)
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, run_raw

ARGUMENT_SPEC = {
    'path': {'type': 'str', 'default': '/usr/sbin/psrinfo'},
    'physical': {'type': 'bool', 'default': True},
}


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        raw, parts = {}, []
        forms = [('verbose', '-v')] + ([('physical', '-p')] if args['physical'] else [])
        for form, flag in forms:
            cmd = '%s %s' % (shlex.quote(args['path']), flag)
            rc, out, err = run_raw(self, cmd)
            if rc != 0:
                if form == 'physical':
                    continue  # Solaris 8 has no -p: the physical count is then unknown (None)
                result.update(failed=True, rc=rc, cmd=cmd, stdout=out, stderr=err,
                              msg='%s: "%s" failed (rc=%s): %s. Is this a Solaris box, and is psrinfo at %s? '
                                  'Set the path option if it lives elsewhere.'
                                  % (host, cmd, rc, (err or out).strip(), args['path']))
                return result
            try:
                parts.append(parse_psrinfo(out))
            except PsrinfoParseError as exc:
                result.update(failed=True, cmd=cmd, stdout=out,
                              msg='%s: cannot read the output of "%s": %s' % (host, cmd, exc))
                return result
            raw[form] = out

        facts = merge_psrinfo(*parts)
        result.update(facts)
        result.update(raw=raw, changed=False, ansible_facts={'psrinfo': facts})
        return result
