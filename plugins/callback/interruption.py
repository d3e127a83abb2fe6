# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Callback plugin remedy.failover.interruption: a move cut by Ctrl-C, SIGTERM or SIGHUP is told, as a failure is.

Enabled in the collection's ansible.cfg (callbacks_enabled), which AWX's jobs use too. It follows a move (a play
of playbooks/switch.yml: its direction, its run id, the journal records the run wrote) and, when the run is
interrupted by SIGINT (Ctrl-C), SIGTERM (a CI time-out, kill, AWX's cancel) or SIGHUP (a closed terminal), ends it
through playbooks/interrupted.yml once ansible-playbook has stopped its workers: an ``interrupted`` record in the
audit trail (controller, and the boxes that answer) saying where the move stopped, one mail to the users, the
pair's lock given back on the boxes that answer, and a final message with the pair's state and the next command.
What cannot be caught (SIGKILL, a power cut) is told by the next run and by status.yml, from the journal.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: interruption
type: notification
short_description: Tell a move that was interrupted (Ctrl-C, SIGTERM, SIGHUP) as a failure is told
version_added: 1.0.0
description:
  - Follows a move of remedy.failover (the plays of C(playbooks/switch.yml)); any other playbook is left alone.
  - When the run is interrupted by SIGINT, SIGTERM or SIGHUP, lets ansible-playbook stop its workers as for
    Ctrl-C, then runs C(playbooks/interrupted.yml) with the run's inventory, extra variables, run id and
    direction - an C(interrupted) audit record (controller and the boxes that answer) naming the last step the run
    recorded, one mail to the users, the pair's lock given back, and the pair's state with the next command.
  - The told run's output is shown while the terminal is there, and kept in
    C(~/.ansible/remedy_failover/interrupted-RUN.log) (after a SIGHUP, the interrupted run's last words too).
  - A check-mode run changed nothing and took no lock; it is only told on the terminal.
requirements:
  - enabled in ansible.cfg (C(callbacks_enabled = remedy.failover.interruption))
'''

import atexit
import json
import os
import signal
import subprocess
import sys

from ansible import context
from ansible.plugins.callback import CallbackBase

PLAYBOOK = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                        'playbooks', 'interrupted.yml')
TELLING = 'REMEDY_FAILOVER_TELLING'  # set in the told run's environment: it is never told in its turn
SIGNALS = {signal.SIGINT: 'SIGINT (Ctrl-C)', signal.SIGTERM: 'SIGTERM', signal.SIGHUP: 'SIGHUP (terminal closed)'}


def told_command(playbook, cliargs, run, direction, signame, steps, play):
    """The ansible-playbook command line of the told path: the run's inventory, extra variables and secrets'
    files, with the run id, the direction and what the interrupted run had done."""
    beside = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')  # the run's own (a venv's)
    cmd = [beside if os.path.exists(beside) else 'ansible-playbook']
    for source in cliargs.get('inventory') or ():
        cmd += ['-i', source]
    for extra in cliargs.get('extra_vars') or ():
        cmd += ['-e', extra]
    for vault in cliargs.get('vault_ids') or ():
        cmd += ['--vault-id', vault]
    for vault in cliargs.get('vault_password_files') or ():
        cmd += ['--vault-password-file', vault]
    if cliargs.get('connection') and cliargs['connection'] != 'ssh':
        cmd += ['-c', cliargs['connection']]
    for option, key in (('--private-key', 'private_key_file'), ('-u', 'remote_user'), ('-T', 'timeout'),
                        ('--become-password-file', 'become_password_file'),
                        ('--connection-password-file', 'connection_password_file')):
        if cliargs.get(key):
            cmd += [option, str(cliargs[key])]
    cmd += ['-e', json.dumps({'__remedy_failover_run_id': run, '__remedy_failover_direction': direction,
                              '__remedy_failover_interruption': {'signal': signame, 'steps': steps, 'play': play}}),
            playbook]
    return cmd


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = 'remedy.failover.interruption'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.main_pid = os.getpid()
        self.direction = None
        self.run = None
        self.play = None
        self.steps = []
        self.released = False
        self.ended = False
        self.signal = None
        self.previous = {}
        self.told = False
        self.runner = subprocess.Popen
        if os.environ.get(TELLING):
            return
        for signum in SIGNALS:
            try:
                self.previous[signum] = signal.getsignal(signum)
                signal.signal(signum, self.on_signal)
            except (ValueError, OSError):  # not the main thread: nothing to catch here
                pass
        atexit.register(self.at_exit)

    # --- following the move
    def v2_playbook_on_play_start(self, play):
        self.play = play.get_name()
        direction = (play.vars or {}).get('__remedy_failover_direction')
        if direction and self.direction is None:
            self.direction = direction

    def v2_runner_on_ok(self, result):
        res = result._result
        facts = res.get('ansible_facts') or {}
        if facts.get('__remedy_failover_this_run'):
            self.run = facts['__remedy_failover_this_run']
        record = res.get('record')
        if isinstance(record, dict) and record.get('event') and not record.get('check_mode'):
            event = record['event']
            if event == 'released':
                self.released = True
            elif event not in self.steps:
                self.steps.append(event)

    def v2_playbook_on_stats(self, stats):
        self.ended = True

    # --- the interruption
    def on_signal(self, signum, frame):
        if os.getpid() != self.main_pid:  # a worker inherited the handler: behave as before
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if self.signal is None:
            self.signal = SIGNALS.get(signum, str(signum))
        if signum == signal.SIGHUP:
            self._quiet()
        previous = self.previous.get(signal.SIGINT)
        # every signal ends the run as Ctrl-C does: ansible-playbook stops its workers and exits, then at_exit tells
        if callable(previous):
            previous(signal.SIGINT, frame)
        raise KeyboardInterrupt()

    def _quiet(self):
        """A closed terminal: what is printed from now on goes to a log file."""
        try:
            path = self.log_path()
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.dup2(handle, 1)
            os.dup2(handle, 2)
        except OSError:
            pass

    def log_path(self):
        directory = os.path.expanduser('~/.ansible/remedy_failover')
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o700)
        return os.path.join(directory, 'interrupted-%s.log' % (self.run or os.getpid()))

    def needs_telling(self):
        """Only a move of this collection that a signal cut before it gave the pair back."""
        return bool(self.signal and self.direction and self.run and not self.released and not self.told)

    def at_exit(self):
        if os.getpid() != self.main_pid or not self.needs_telling():
            return
        self.told = True
        cliargs = dict(context.CLIARGS) if context.CLIARGS else {}
        say = sys.stderr.write
        if cliargs.get('check'):
            try:
                say('\nThe check-mode run %s was interrupted (%s): it changed nothing and took no lock.\n'
                    % (self.run, self.signal))
            except OSError:
                pass
            return
        # REMEDY_FAILOVER_TOLD_PLAYBOOK: the unit tests' stand-in of interrupted.yml
        cmd = told_command(os.environ.get('REMEDY_FAILOVER_TOLD_PLAYBOOK') or PLAYBOOK, cliargs, self.run,
                           self.direction, self.signal, self.steps, self.play)
        done = ', '.join(self.steps) or 'nothing recorded'
        try:
            say('\nThe move (run %s) was interrupted by %s after: %s. Telling it now: the audit trail, the users, '
                'the pair\'s lock, the pair\'s state (%s).\n' % (self.run, self.signal, done, os.path.basename(PLAYBOOK)))
            sys.stderr.flush()
        except OSError:
            pass
        for signum in SIGNALS:  # a second Ctrl-C or the closing terminal must not cut the telling short
            try:
                signal.signal(signum, signal.SIG_IGN)
            except (ValueError, OSError):
                pass
        try:
            self.tell(cmd)
        except OSError as exc:
            try:
                say('The interruption could not be told (%s): run ansible-playbook playbooks/status.yml, then the '
                    'same move again.\n' % exc)
            except OSError:
                pass

    def tell(self, cmd):
        """Run the told path in its own session (a process-group kill of the interrupted run, a CI time-out, leaves
        it alone); its output is relayed to the terminal while there is one, and kept in the log file."""
        try:
            log = open(self.log_path(), 'a')
        except OSError:
            log = None
        proc = self.runner(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           start_new_session=True, env=dict(os.environ, **{TELLING: '1'}))
        for line in iter(proc.stdout.readline, b''):
            text = line.decode('utf-8', 'replace')
            for stream in (sys.stdout, log):
                if stream is None:
                    continue
                try:
                    stream.write(text)
                    stream.flush()
                except (OSError, ValueError):
                    pass
        proc.wait()
        if log is not None:
            log.close()
        return proc.returncode
