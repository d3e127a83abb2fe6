# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.rename_file (formerly remedy.failover.move): rename a file, never
overwriting, never deleting.

One round trip: the script looks at both paths and renames only when the
source is there and nothing stands at the destination.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.remedy.failover.plugins.module_utils.probe import quote, section
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, run_script

ARGUMENT_SPEC = {
    'src': {'type': 'str', 'required': True},
    'dest': {'type': 'str', 'required': True},
}
# what stands at (src, dest) -> state
STATES = {'10': 'pending', '01': 'done', '11': 'both', '00': 'neither'}


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        src, dest = args['src'], args['dest']
        s, d = quote(src), quote(dest)
        script = [
            'if ls -d {s} >/dev/null 2>&1; then se=1; else se=0; fi'.format(s=s),
            'if ls -d {d} >/dev/null 2>&1; then de=1; else de=0; fi'.format(d=d),
            section('state', 'echo "$se$de"'),
        ]
        if not self._task.check_mode:
            script.append(section('move', 'if [ "$se$de" = 10 ]; then if mv {s} {d}; then echo moved; '
                                          'else echo failed; fi; fi'.format(s=s, d=d)))
        result.update(changed=False, src=src, dest=dest)
        sections, error = run_script(self, script)
        lines = [w.strip() for w in (sections or {}).get('state', ([], None))[0] if w.strip()]
        if error or len(lines) != 1 or lines[0] not in STATES:
            result.update(failed=True, msg='%s: cannot tell whether %s or %s exist: %s' % (host, src, dest, error or lines))
            return result
        state = result['state'] = STATES[lines[0]]
        if state == 'both':
            result.update(failed=True, msg='%s: both %s and %s exist, so moving one would overwrite the other. '
                                           'Nothing was changed. Compare them, keep the right one, move the other '
                                           'aside by hand, and run again.' % (host, src, dest))
        elif state == 'neither':
            result.update(failed=True, msg='%s: neither %s nor %s exists: the file is missing. Nothing was changed. '
                                           'Restore it from backup (or from the other box) and run again.'
                                           % (host, src, dest))
        elif state == 'done':
            result['msg'] = '%s: %s is already in place (%s is not there)' % (host, dest, src)
        elif self._task.check_mode:
            result.update(changed=True, msg='%s: would move %s to %s' % (host, src, dest))
        else:
            moved = [w.strip() for w in sections.get('move', ([], None))[0] if w.strip()]
            if moved != ['moved']:
                result.update(failed=True, msg='%s: "mv %s %s" failed: %s is unchanged. Look at both paths '
                                               'and run again.' % (host, src, dest, src))
            else:
                result.update(changed=True, msg='%s: moved %s to %s' % (host, src, dest))
        return result
