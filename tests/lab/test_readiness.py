"""The readiness drill (hacking/readiness.sh, the command both examples/ci/ jobs run) against the lab: a healthy
pair passes (rc 0, JUnit reports without a failure, the plans in them), a pair in a bad state fails (rc != 0, the
refusal's message is the JUnit failure), and neither changes a box."""

import glob
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT
from lab_helpers import state

BOXES = ('main', 'failover')
SCRIPT = os.path.join(ROOT, 'hacking', 'readiness.sh')


def drill(tmp_path):
    """The examples' command, with the lab's inventory; this venv's ansible-playbook on the PATH, as the job's."""
    out = tmp_path / 'readiness-report'
    env = {k: v for k, v in os.environ.items() if not k.startswith(('ANSIBLE_', 'JUNIT_'))}
    env['PATH'] = os.path.dirname(sys.executable) + os.pathsep + env['PATH']
    result = subprocess.run([SCRIPT, '-i', os.path.join(ROOT, 'inventories', 'lab', 'hosts.yml'), '-p', 'remedy',
                             '-o', str(out)], cwd=str(tmp_path), env=env, check=False, capture_output=True, text=True,
                            timeout=900)
    reports = {}
    for direction in ('failover', 'main'):
        paths = glob.glob(os.path.join(str(out), direction, '*.xml'))
        assert len(paths) == 1, (direction, paths, result.stdout[-3000:])
        reports[direction] = ET.parse(paths[0]).getroot()
    with open(os.path.join(str(out), 'summary.txt'), encoding='utf-8') as handle:
        summary = handle.read()
    return result, reports, summary


def failures(report):
    return [(case.get('name'), failure.get('message') or '') for case in report.iter('testcase')
            for failure in list(case.iter('failure')) + list(case.iter('error'))]


def case_output(report, name_part):
    return '\n'.join(case.findtext('system-out') or '' for case in report.iter('testcase') if name_part in case.get('name'))


@pytest.fixture
def healthy(lab):
    lab.reset()
    assert all(lab.wait_runlevel(box, '3') for box in BOXES)
    yield lab
    lab.reset()


def test_a_healthy_pair_is_ready_both_ways(healthy, tmp_path):
    before = {box: state(healthy, box) for box in BOXES}
    result, reports, summary = drill(tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    for direction, report in reports.items():
        assert failures(report) == [], direction
        assert int(report.get('failures', '0')) == 0 and int(report.get('errors', '0')) == 0
    # the plans, in the reports: the full move away from the main box, the pair already at the main box
    assert '"plan": "full"' in case_output(reports['failover'], 'Publish the result'), case_output(reports['failover'], '')[-2000:]
    assert '"plan": "finish"' in case_output(reports['main'], 'Publish the result')
    assert 'Planned move of Remedy from the main box (at sunar01) to the failover box (at sunar02)' in \
        case_output(reports['failover'], 'Tell what this run will do')
    assert 'remedy: move to the failover box: ready' in summary and 'remedy: move to the main box: ready' in summary
    assert 'remedy: ready' in summary
    assert {box: state(healthy, box) for box in BOXES} == before


def test_a_bad_state_fails_the_drill_with_the_refusal_in_the_report(healthy, tmp_path):
    """Both /etc/ar.conf and /etc/ar.conf.PROD on the failover box: neither move could run today."""
    healthy.console('failover', 'cp', '-p', '/etc/ar.conf.PROD', '/etc/ar.conf')
    before = {box: state(healthy, box) for box in BOXES}
    result, reports, summary = drill(tmp_path)
    assert result.returncode != 0
    for direction, report in reports.items():
        found = failures(report)
        assert found, direction
        assert [m for dummy, m in found if 'both /etc/ar.conf and /etc/ar.conf.PROD exist' in m], (direction, found)
        assert [m for dummy, m in found if 'Nothing was changed' in m], (direction, found)
    assert 'NOT READY' in summary and 'remedy: move to the failover box: NOT READY' in summary
    assert {box: state(healthy, box) for box in BOXES} == before
