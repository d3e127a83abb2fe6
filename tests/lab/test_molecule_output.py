"""Molecule runs the scenarios where the design keeps them (molecule/) with a clean output: no CRITICAL line (the
default scenario it looks for first exists) and no warning to move them to extensions/molecule, as ``make molecule``
runs it. ``molecule syntax`` goes through the same scenario discovery as ``molecule test``; the docker driver's
sanity check needs a running docker daemon, so this runs with the lab tests (``make lab-test`` starts dockerd).
"""

import glob
import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)
SCENARIOS = sorted(os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(ROOT, 'molecule', '*', 'molecule.yml')))


def makefile_env():
    with open(os.path.join(ROOT, 'Makefile')) as handle:
        return dict(re.findall(r'^export (MOLECULE_\w+) := (.*)$', handle.read(), re.M))


def test_make_runs_every_scenario_default_included():
    with open(os.path.join(ROOT, 'Makefile')) as handle:
        loop = re.search(r'for scenario in \$\(ROLES\) default;', handle.read())
    assert loop
    assert 'default' in SCENARIOS


@pytest.mark.parametrize('scenario', SCENARIOS)
def test_no_critical_line_and_no_warning(tmp_path, scenario):
    env = dict(os.environ, HOME=str(tmp_path), ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), NO_COLOR='1',
               PATH=BIN + os.pathsep + os.environ['PATH'], **makefile_env())
    run = subprocess.run([os.path.join(BIN, 'molecule'), 'syntax', '-s', scenario], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert 'syntax: Executed: Successful' in re.sub(r'\x1b\[[0-9;]*m', '', output)
    noisy = [line for line in output.splitlines() if re.search(r'CRITICAL|WARNING', line)]
    assert noisy == []
