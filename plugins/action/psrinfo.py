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

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.remedy.failover.plugins.module_utils.psrinfo import (
    PsrinfoParseError,
    merge_psrinfo,
    parse_psrinfo,
)

ARGUMENT_SPEC = {
    'path': {'type': 'str', 'default': '/usr/sbin/psrinfo'},
    'physical': {'type': 'bool', 'default': True},
}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def _psrinfo(self, path, flag):
        cmd = '%s %s' % (shlex.quote(path), flag)
        res = self._low_level_execute_command(cmd, sudoable=False)
        out = to_text(res.get('stdout', ''), errors='surrogate_or_strict')
        err = to_text(res.get('stderr', ''), errors='surrogate_or_strict')
        return cmd, res.get('rc'), out, err

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        host = (task_vars or {}).get('inventory_hostname', self._connection._play_context.remote_addr)

        cmd, rc, out, err = self._psrinfo(args['path'], '-v')
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
            pcmd, prc, pout, dummy = self._psrinfo(args['path'], '-p')
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
        result['raw'] = raw
        result['changed'] = False
        result['ansible_facts'] = {'psrinfo': facts}
        return result
