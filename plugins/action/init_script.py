# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.init_script.

The one place that decides whether a start-up script runs: only when its
daemon's process says it is needed, and never in check mode (where it
reports what a real run would do).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shlex

from ansible.plugins.action import ActionBase

from ansible_collections.remedy.failover.plugins.module_utils.ps import running_names
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import host_label, processes, run_raw

ARGUMENT_SPEC = {
    'name': {'type': 'str', 'required': True},
    'state': {'type': 'str', 'required': True, 'choices': ['started', 'stopped']},
    'process': {'type': 'str'},
    'init_dir': {'type': 'str', 'default': '/etc/init.d'},
}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        host = host_label(task_vars)
        script = '%s/%s' % (args['init_dir'].rstrip('/'), args['name'])
        verb = 'start' if args['state'] == 'started' else 'stop'
        cmd = '%s %s' % (shlex.quote(script), verb)
        result.update(changed=False, script=script, cmd=cmd)

        if args['process']:
            procs, error = processes(self)
            if error:
                result.update(failed=True, msg='%s: %s' % (host, error))
                return result
            running = args['process'] in running_names(procs)
            result['was_running'] = running
            if running == (args['state'] == 'started'):
                result['msg'] = '%s: %s is already %s' % (host, args['process'], 'running' if running else 'stopped')
                return result

        result['changed'] = True
        if self._task.check_mode:
            result['msg'] = '%s: would run %s' % (host, cmd)
            return result
        rc, out, err = run_raw(self, cmd)
        result.update(rc=rc, stdout=out, stderr=err)
        if rc != 0:
            result.update(failed=True, msg='%s: "%s" failed (rc=%s): %s' % (host, cmd, rc, (err or out).strip()))
        else:
            result['msg'] = '%s: ran %s' % (host, cmd)
        return result
