# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.audit: one line of a run's audit trail, on the controller or on the box.

Each record is one JSON object on one line, appended: on the controller under an
exclusive flock (runs and forks append to one file), on the box with one Bourne
shell `printf ... >>` (no Python there).  Bookkeeping: always changed=false, and
a record that cannot be written warns instead of failing the move, unless
``required`` (play 1's records, before any change): then the task fails with
the path, the reason and what to do (refusal()).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fcntl
import json
import os
import socket
import time

from ansible.plugins.action import ActionBase

from ansible_collections.remedy.failover.plugins.plugin_utils.remote import box_said, host_label, run_raw

ARGUMENT_SPEC = {
    'event': {'type': 'str', 'required': True},
    'record': {'type': 'dict', 'default': {}},
    'where': {'type': 'str', 'default': 'controller', 'choices': ['controller', 'box']},
    'path': {'type': 'str'},
    'required': {'type': 'bool', 'default': False},
}
DEFAULT_PATHS = {'controller': '~/.ansible/remedy_failover/audit.log', 'box': '/var/adm/remedy_failover.log'}


def line_of(event, record, check_mode, where):
    """The record as one JSON line: when (UTC), which controller process, the event, then the caller's fields."""
    entry = {'time': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'controller': socket.gethostname(),
             'pid': os.getppid(), 'event': event}
    if where == 'controller':
        entry['check_mode'] = check_mode
    entry.update((key, value) for key, value in record.items() if key not in entry)
    return json.dumps(entry, sort_keys=False, separators=(', ', ': '), default=str)


def append_here(path, line):
    """Append one line to a controller file, under an exclusive lock so concurrent writers never interleave."""
    path = os.path.expanduser(path)
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with open(path, 'a') as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.write(line + '\n')
            handle.flush()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def refusal(path, where, reason, host=None):
    """The message of a required record that could not be written: which log, where, why, and what to do."""
    if where == 'controller':
        return ('The audit log %s cannot be written on the controller: %s. A move is recorded before it changes '
                'anything, so nothing was changed. Make %s writable by the user running Ansible, or name another '
                'file with -e remedy_failover_audit_log=PATH, and run again.' % (path, reason, path))
    return ('%s: the audit log %s cannot be written on the box: %s. A move is recorded on each box it changes '
            'before it changes anything, so nothing was changed. Make %s writable by root on the box (a full or '
            'read-only file system, a directory in its place), or name another file with '
            '-e remedy_failover_box_audit_log=PATH, and run again.' % (host or 'the box', path, reason, path))


def box_command(path, line):
    """One Bourne shell command appending the line to path on the box (both single-quoted, quotes escaped)."""
    def quote(text):
        return "'" + text.replace("'", "'\\''") + "'"
    return "umask 022; printf '%%s\\n' %s >> %s" % (quote(line), quote(path))


def box_check_command(path):
    """Check mode: whether root could append to path on the box, writing nothing (prints ``writable`` or why not)."""
    q = "'" + path.replace("'", "'\\''") + "'"
    return ('p=%s; if [ -d "$p" ]; then echo "it is a directory"; elif [ -f "$p" ]; then '
            'if [ -w "$p" ]; then echo writable; else echo "the file is not writable"; fi; '
            'else d=`dirname "$p"`; if [ -d "$d" ] && [ -w "$d" ]; then echo writable; '
            'else echo "cannot create a file in $d"; fi; fi' % q)


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        where = args['where']
        path = args['path'] or DEFAULT_PATHS[where]
        line = line_of(args['event'], args['record'], bool(self._task.check_mode), where)
        result.update(changed=False, path=path, where=where, record=json.loads(line))  # bookkeeping
        if where == 'controller':
            try:
                append_here(path, line)
            except OSError as exc:
                if args['required']:
                    result.update(failed=True, msg=refusal(path, where, '%s: %s' % (exc.filename, exc.strerror)
                                                           if exc.filename and exc.strerror else str(exc)))
                else:
                    result['warnings'] = ['the audit record could not be written to %s on the controller: %s'
                                          % (path, exc)]
            return result
        if self._task.check_mode and args['required']:
            rc, out, err = run_raw(self, box_check_command(path))
            if 'writable' not in [line.strip() for line in out.splitlines()]:
                result.update(failed=True, msg=refusal(path, where, box_said(out, err, 300) or 'rc=%s' % rc,
                                                       host_label(task_vars)))
            else:
                result['msg'] = 'check mode writes nothing on the box; %s could be written' % path
            return result
        if self._task.check_mode:
            result['msg'] = 'check mode writes nothing on the box'
            return result
        rc, out, err = run_raw(self, box_command(path, line))
        if rc != 0 and args['required']:
            result.update(failed=True, msg=refusal(path, where, '%s (rc=%s)' % (box_said(out, err, 300) or 'no output', rc),
                                                   host_label(task_vars)))
        elif rc != 0:
            result['warnings'] = ['%s: the audit record could not be appended to %s (rc=%s): %s'
                                  % (host_label(task_vars), path, rc, box_said(out, err, 300) or 'no output')]
        return result
