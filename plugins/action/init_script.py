# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.init_script.

The one place that decides whether start-up scripts run: one look at the
processes, then each script in the order given, only where its process says
it is needed, and never in check mode (where it reports what would run).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shlex

from ansible_collections.remedy.failover.plugins.module_utils.ps import running_names
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, box_said, processes, run_raw


def script_command(script, verb):
    """The command running ``script verb``: SIGHUP ignored (``trap '' 1``, inherited through exec by the script
    and whatever it starts), stdin from /dev/null.  A site script that starts its daemon with a bare ``cmd &``
    would otherwise lose it when the SSH session ends: the session's terminal hangs up and the kernel sends
    SIGHUP to the processes of its foreground group, the daemon among them."""
    return "trap '' 1; %s %s </dev/null" % (shlex.quote(script), verb)


ARGUMENT_SPEC = {
    'services': {
        'type': 'list', 'elements': 'dict', 'required': True,
        'options': {
            'script': {'type': 'str', 'required': True},
            'process': {'type': 'str'},
        },
    },
    'state': {'type': 'str', 'required': True, 'choices': ['started', 'stopped']},
    'init_dir': {'type': 'str', 'default': '/etc/init.d'},
}


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        starting = args['state'] == 'started'
        verb = 'start' if starting else 'stop'

        names = None
        if any(s['process'] for s in args['services']):
            procs, error = processes(self)
            if error:
                result.update(failed=True, changed=False, msg='%s: %s' % (host, error))
                return result
            names = running_names(procs)

        report, ran, failures = [], [], []
        for service in args['services']:
            script = '%s/%s' % (args['init_dir'].rstrip('/'), service['script'])
            entry = {'script': service['script'], 'process': service['process'], 'cmd': '%s %s' % (script, verb)}
            report.append(entry)
            if service['process']:
                entry['was_running'] = service['process'] in names
                if entry['was_running'] == starting:
                    entry['action'] = 'none'
                    continue
            ran.append(service['script'])
            if self._task.check_mode:
                entry['action'] = 'would run'
                continue
            rc, out, err = run_raw(self, script_command(script, verb))
            entry.update(action='ran', rc=rc, stdout=out, stderr=err)
            if rc != 0:
                failures.append('"%s" failed (rc=%s): %s' % (entry['cmd'], rc, box_said(out, err) or 'no output'))
                if starting:
                    break  # never start the rest on top of a daemon that did not come up

        result.update(changed=bool(ran), services=report, ran=ran)
        if failures:
            result.update(failed=True, msg='%s: %s' % (host, '; '.join(failures)))
        elif ran:
            doing = 'would run' if self._task.check_mode else 'ran'
            result['msg'] = '%s: %s %s' % (host, doing, ', '.join('%s %s' % (s, verb) for s in ran))
        else:
            result['msg'] = '%s: every daemon already %s' % (host, args['state'])
        return result
