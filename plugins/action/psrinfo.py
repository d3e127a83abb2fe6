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
        cmd = '%s -v' % shlex.quote(args['path'])
        rc, out, err = run_raw(self, cmd)
        if rc != 0:
            result.update(failed=True, rc=rc, cmd=cmd, stdout=out, stderr=err,
                          msg='%s: "%s" failed (rc=%s): %s. Is this a Solaris box, and is psrinfo at %s? '
                              'Set the path option if it lives elsewhere.'
                              % (host, cmd, rc, (err or out).strip(), args['path']))
            return result
        try:
            parts = [parse_psrinfo(out)]
        except PsrinfoParseError as exc:
            result.update(failed=True, cmd=cmd, stdout=out,
                          msg='%s: cannot read the output of "%s": %s' % (host, cmd, exc))
            return result

        raw = {'verbose': out}
        if args['physical']:
            # Solaris 8 has no -p: the physical count is then unknown (None).
            pcmd = '%s -p' % shlex.quote(args['path'])
            prc, pout, dummy = run_raw(self, pcmd)
            if prc == 0:
                raw['physical'] = pout
                try:
                    parts.append(parse_psrinfo(pout))
                except PsrinfoParseError as exc:
                    result.update(failed=True, cmd=pcmd, stdout=pout,
                                  msg='%s: cannot read the output of "%s": %s' % (host, pcmd, exc))
                    return result

        facts = merge_psrinfo(*parts)
        result.update(facts)
        result.update(raw=raw, changed=False, ansible_facts={'psrinfo': facts})
        return result
