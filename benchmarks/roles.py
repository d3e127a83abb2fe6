"""Time each role on the lab over SSH, as production runs them (make lab first).

    python3 benchmarks/roles.py [--repeat N]

For each step of the runbook a role automates, on the box that answers at
sunar01 (the main box, in the lab's normal state), it times the real run that
changes the box and the no-op run that follows (what a re-run after an
interruption costs), N times, and prints the median seconds of each, and
the commands each sends to the box over SSH (round trips), counted once; as
production, through the lab inventory: the login user, then su to root with the
root password (remedy.failover.su).  The
steps are undone in between so every real run changes the same thing.  This
is the automation's own share of a failover's downtime: the rest is the
reboot and the daemons' start that no tool can avoid.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
BIN = os.path.dirname(sys.executable)

# (label, role, variables that change the main box, variables that undo it)
STEPS = [
    ('stop daemons', 'remedy_daemons', {'remedy_daemons_state': 'stopped'}, {'remedy_daemons_state': 'started'}),
    ('remove autostart', 'remedy_autostart', {'remedy_autostart_state': 'absent'},
     {'remedy_autostart_state': 'present'}),
    ('park ar.conf', 'arconf', {'arconf_state': 'parked'}, {'arconf_state': 'active'}),
    ('set name', 'setname', {'setname_name': 'sunar02'}, {'setname_name': 'sunar01'}),
    ('alarms min', 'serco_monitoring', {'serco_monitoring_state': 'min'}, {'serco_monitoring_state': 'prod'}),
    ('start daemons', 'remedy_daemons', {'remedy_daemons_state': 'started'}, {'remedy_daemons_state': 'stopped'}),
]


def run_role(role, role_vars, host='sunar01', count_trips=False):
    """Seconds and changed tasks of one run; with count_trips, the commands sent to the box instead of seconds."""
    play = [{'name': 'Benchmark ' + role, 'hosts': host, 'gather_facts': False,
             'tasks': [{'name': 'Apply', 'ansible.builtin.include_role': {'name': 'remedy.failover.' + role},
                        'vars': role_vars}]}]
    with tempfile.NamedTemporaryFile('w', suffix='.yml', delete=False) as handle:
        yaml.safe_dump(play, handle)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               ANSIBLE_STDOUT_CALLBACK='ansible.builtin.json')
    cmd = [os.path.join(BIN, 'ansible-playbook'), handle.name]
    if count_trips:  # every command sent through SSH is logged at -vvv as "SSH: EXEC"
        env.pop('ANSIBLE_STDOUT_CALLBACK')
        cmd.append('-vvv')
    start = time.monotonic()
    done = subprocess.run(cmd, cwd=ROOT, env=env, check=False, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    os.unlink(handle.name)
    if done.returncode != 0:
        sys.exit('benchmark: %s %s failed:\n%s' % (role, role_vars, done.stdout[-2000:] + done.stderr[-2000:]))
    if count_trips:
        return done.stdout.count('SSH: EXEC'), None
    stats = json.loads(done.stdout)['stats'][host] if done.stdout.startswith('{') else {}
    return elapsed, stats.get('changed', 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', maxsplit=1)[0])
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()
    run_role('remedy_daemons', {'remedy_daemons_state': 'started'})  # warm the SSH master connection
    print('%-18s %-18s %10s %10s %12s %12s' % ('step', 'role', 'real (s)', 'no-op (s)', 'real (trips)',
                                               'no-op (trips)'))
    total_real = 0.0
    for label, role, change, undo in STEPS:
        run_role(role, undo)  # every real run starts from the state it changes
        real, noop = [], []
        for dummy in range(args.repeat):
            seconds, changed = run_role(role, change)
            assert changed >= 1, '%s changed nothing' % label
            real.append(seconds)
            seconds, changed = run_role(role, change)
            assert changed == 0, '%s is not idempotent' % label
            noop.append(seconds)
            run_role(role, undo)
        trips_real = run_role(role, change, count_trips=True)[0]
        trips_noop = run_role(role, change, count_trips=True)[0]
        run_role(role, undo)
        total_real += statistics.median(real)
        print('%-18s %-18s %10.2f %10.2f %12d %12d' % (label, role, statistics.median(real), statistics.median(noop),
                                                       trips_real, trips_noop))
    run_role('remedy_daemons', {'remedy_daemons_state': 'started'})
    print('%-37s %10.2f' % ('all steps (median sum)', total_real))


if __name__ == '__main__':
    main()
