# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.init_script.

The one place that decides whether start-up scripts run: one look at the
processes, then each script in the order given, only where its process says
it is needed, and never in check mode (where it reports what would run).
The scripts that run go in one script, one round trip (each login through su
costs one, in the outage), each in a section of its own that keeps its words
and its exit status; starting, the first failure ends it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shlex

from ansible_collections.remedy.failover.plugins.module_utils.probe import (
    MARK, ProbeError, by_tag, quote, split_sections, text_of)
from ansible_collections.remedy.failover.plugins.module_utils.ps import running_names
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, box_said, processes, run_raw


# where a script's words wait while it runs (root's /var/run; $$ is the shell's pid): a file, not the terminal
SCRIPT_OUT = '/var/run/remedy_failover.init.$$'


def script_command(script, verb):
    """The command running ``script verb`` detached from the SSH session's hangup, its exit status left in ``$rc``
    and its words printed after it ends.

    A site script that starts its daemon with a bare ``cmd &`` loses it when the session's terminal hangs up, and
    under Solaris' Bourne shell ``trap '' 1`` does not survive the script's exec. ``/usr/bin/nohup`` does (SIGHUP
    ignored, inherited by the script and whatever it starts); stdin is /dev/null and the words go to a file, never
    the terminal (nohup would send them to nohup.out), so a daemon that keeps its caller's output (a JSP engine's
    ``nohup java ... &``) holds nothing open that the session waits for."""
    return ('rm -f %(out)s; /usr/bin/nohup %(script)s %(verb)s </dev/null >%(out)s 2>&1; rc=$?; cat %(out)s; '
            'rm -f %(out)s' % {'out': SCRIPT_OUT, 'script': shlex.quote(script), 'verb': verb})


def sequence_command(scripts, verb, stop_at_failure):
    """One script running ``script verb`` for each of ``scripts`` in order, section ``run:N`` holding the N-th
    one's words (stdout and stderr) and exit status. With ``stop_at_failure`` (starting) the first failure ends
    it there: nothing starts on top of a daemon that did not come up; stopping, every script is tried."""
    lines = []
    for index, script in enumerate(scripts):
        # the bare echo ends a last line written without a newline (echo "...\\c"), so the status marker always
        # starts a line of its own; the reader drops the empty line it adds
        lines.append('echo %s; %s; echo; echo "%s rc $rc"' % (
            quote('%s run:%d' % (MARK, index)), script_command(script, verb), MARK))
        if stop_at_failure:
            lines.append('if [ $rc -ne 0 ]; then exit $rc; fi')
    return '\n'.join(lines)


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


def after_sections(out):
    """What a reply holds after its last section marker: what the box said as the session ended."""
    lines = (out or '').replace('\r\n', '\n').split('\n')
    marks = [index for index, line in enumerate(lines) if line.startswith(MARK)]
    return '\n'.join(lines[marks[-1] + 1:] if marks else lines)


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

        report, todo = [], []
        for service in args['services']:
            script = '%s/%s' % (args['init_dir'].rstrip('/'), service['script'])
            entry = {'script': service['script'], 'process': service['process'], 'cmd': '%s %s' % (script, verb)}
            report.append(entry)
            if service['process']:
                entry['was_running'] = service['process'] in names
                if entry['was_running'] == starting:
                    entry['action'] = 'none'
                    continue
            todo.append((entry, script))

        ran, failures = [], []
        if self._task.check_mode:
            for entry, script in todo:
                entry['action'] = 'would run'
                ran.append(entry['script'])
        elif todo:
            rc, out, err = run_raw(self, sequence_command([script for entry, script in todo], verb, starting))
            try:
                sections = by_tag(split_sections(out))
            except ProbeError as exc:
                sections, failures = {}, ['cannot read the reply of the scripts (rc=%s): %s' % (rc, exc)]
            for index, (entry, script) in enumerate(todo):
                lines, code = sections.get('run:%d' % index, (None, None))
                if lines is None:  # the reply ends before this script: the session was cut, or a start failed
                    if not failures:
                        failures.append('the reply ends before "%s", which may not have run (rc=%s): %s'
                                        % (entry['cmd'], rc, box_said(after_sections(out), err) or 'no output'))
                    break
                ran.append(entry['script'])
                said = text_of(lines)
                entry.update(action='ran', rc=code, stdout=said, stderr='')
                if code is None:
                    failures.append('"%s" gave no complete answer (rc=%s): %s'
                                    % (entry['cmd'], rc, box_said(said, err) or 'no output'))
                    break
                if code != 0:
                    failures.append('"%s" failed (rc=%s): %s' % (entry['cmd'], code, box_said(said, '') or 'no output'))
                    if starting:
                        break  # never start the rest on top of a daemon that did not come up

        # a reply cut short may hide scripts that ran: a change is then reported, never hidden
        result.update(changed=bool(ran) or bool(failures and todo and not self._task.check_mode), services=report,
                      ran=ran)
        if failures:
            result.update(failed=True, msg='%s: %s' % (host, '; '.join(failures)))
        elif ran:
            doing = 'would run' if self._task.check_mode else 'ran'
            result['msg'] = '%s: %s %s' % (host, doing, ', '.join('%s %s' % (s, verb) for s in ran))
        else:
            result['msg'] = '%s: every daemon already %s' % (host, args['state'])
        return result
