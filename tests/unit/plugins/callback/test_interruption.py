"""The interruption callback: a move cut by SIGTERM, SIGINT or SIGHUP runs the told path with the run's id, its
direction and the steps it had recorded; ansible-playbook really runs here, on localhost."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from ansible_collections.remedy.failover.plugins.callback.interruption import told_command

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))

MOVE = """
- name: A move's first plays, as switch.yml's
  hosts: localhost
  gather_facts: false
  vars:
    __remedy_failover_direction: failover
  tasks:
    - name: Name this run
      ansible.builtin.set_fact:
        __remedy_failover_this_run: run-42
    - name: Record the start
      remedy.failover.audit:
        event: started
        path: {log}
        record: {{pair: sunar01/sunar02}}
    - name: A long step
      ansible.builtin.pause:
        seconds: 120
"""

TOLD = """
- name: Stand-in of interrupted.yml
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Keep what the told path was given
      ansible.builtin.copy:
        dest: {out}
        content: "{{{{ {{'run': __remedy_failover_run_id, 'direction': __remedy_failover_direction,
                      'interruption': __remedy_failover_interruption, 'given': given | default(none)}} | to_json }}}}"
        mode: '0600'
"""


def test_the_told_command_carries_the_runs_inputs():
    cmd = told_command('/c/playbooks/interrupted.yml', {'inventory': ('inv.yml',), 'extra_vars': ('a=1', '@x.yml'),
                                                        'vault_password_files': ('pw',), 'check': False},
                       'run-1', 'main', 'SIGTERM', ['started', 'leaving'], '2. Take the leaving box out')
    assert os.path.basename(cmd[0]) == 'ansible-playbook' and cmd[1:5] == ['-i', 'inv.yml', '-e', 'a=1'] and cmd[-1] == '/c/playbooks/interrupted.yml'
    assert ['-e', '@x.yml'] == cmd[5:7] and ['--vault-password-file', 'pw'] == cmd[7:9]
    told = json.loads(cmd[-2])
    assert told == {'__remedy_failover_run_id': 'run-1', '__remedy_failover_direction': 'main',
                    '__remedy_failover_interruption': {'signal': 'SIGTERM', 'steps': ['started', 'leaving'],
                                                       'play': '2. Take the leaving box out'}}


@pytest.mark.parametrize('signum, name', [
    (signal.SIGTERM, 'SIGTERM'),
    (signal.SIGINT, 'SIGINT (Ctrl-C)'),
    (signal.SIGHUP, 'SIGHUP (terminal closed)'),
])
def test_an_interrupted_move_is_told(tmp_path, signum, name):
    log, out = tmp_path / 'audit.log', tmp_path / 'told.json'
    (tmp_path / 'move.yml').write_text(MOVE.format(log=log))
    (tmp_path / 'told.yml').write_text(TOLD.format(out=out))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), HOME=str(tmp_path),
               REMEDY_FAILOVER_TOLD_PLAYBOOK=str(tmp_path / 'told.yml'))
    env['PATH'] = os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    proc = subprocess.Popen(['ansible-playbook', '-i', 'localhost,', '-c', 'local', '-e', 'given=yes', '-e',
                             'ansible_python_interpreter=' + sys.executable,
                             str(tmp_path / 'move.yml')], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.time() + 120
        while not (log.exists() and log.read_text().strip()) and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # into the pause
        os.kill(proc.pid, signum)
        stdout, stderr = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    told = json.loads(out.read_text())
    assert told == {'run': 'run-42', 'direction': 'failover', 'given': 'yes',
                    'interruption': {'signal': name, 'steps': ['started'],
                                     'play': "A move's first plays, as switch.yml's"}}
    said = stdout + stderr
    if signum == signal.SIGHUP:  # the terminal is gone: the telling went to the log
        said = (tmp_path / '.ansible' / 'remedy_failover' / 'interrupted-run-42.log').read_text()
    assert 'The move (run run-42) was interrupted by %s after: started.' % name in said


def test_a_run_that_is_no_move_is_never_told(tmp_path):
    out = tmp_path / 'told.json'
    (tmp_path / 'other.yml').write_text('- hosts: localhost\n  gather_facts: false\n  tasks:\n'
                                        '    - ansible.builtin.pause:\n        seconds: 60\n')
    (tmp_path / 'told.yml').write_text(TOLD.format(out=out))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), HOME=str(tmp_path),
               REMEDY_FAILOVER_TOLD_PLAYBOOK=str(tmp_path / 'told.yml'))
    env['PATH'] = os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    proc = subprocess.Popen(['ansible-playbook', '-i', 'localhost,', '-c', 'local', str(tmp_path / 'other.yml')],
                            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(8)
    os.kill(proc.pid, signal.SIGTERM)
    proc.communicate(timeout=120)
    assert not out.exists()
