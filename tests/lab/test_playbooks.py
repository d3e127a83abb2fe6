"""to_failover and to_main end to end on the two-box lab, over SSH at the names' addresses, as production runs them.

What each box carries is read from its console (docker exec), so a box that is halted can be read too.
"""

import json
import os

import pytest

from conftest import ROOT, run_playbook

TO_FAILOVER = os.path.join(ROOT, 'playbooks', 'to_failover.yml')
TO_MAIN = os.path.join(ROOT, 'playbooks', 'to_main.yml')
FILES = ['/etc/nodename', '/etc/hostname.hme0', '/etc/inet/hosts', '/distribution/oracle/home/admin/network/listener.ora',
         '/etc/ar', '/etc/ar.conf', '/etc/ar.conf.PROD', '/usr/cute/sercoadm/etc/daemons.cfg']
LINKS = ['S87arsystem', 'S89arweb', 'S90armaild', 'S91arflashboards', 'S97apache', 'S98jsp']
DAEMONS = ['arserverd', 'arplugin', 'arwebd', 'appservd', 'armaild', 'arflashd', 'httpd', 'jserv']


def state(lab, box):
    """Everything a run may change on a box: file checksums, start links, daemons, run level."""
    sums = lab.console(box, 'sh', '-c', 'for f in %s; do echo "$f `cksum <$f 2>/dev/null`"; done' % ' '.join(FILES))
    return {
        'files': sums.stdout,
        'links': sorted(lab.console(box, 'ls', '/etc/rc2.d').stdout.split()),
        'daemons': [d for d in DAEMONS if d in lab.processes(box)],
        'runlevel': lab.runlevel(box),
    }


def carries(lab, box, name):
    return lab.console(box, 'cat', '/etc/nodename').stdout.strip() == name


def serving(lab, box, name, prod):
    """The box carries ``name`` and is or is not the one running Remedy, with everything that goes with it."""
    now = state(lab, box)
    assert carries(lab, box, name)
    conf = lab.console(box, 'sh', '-c', 'ls /etc/ar.conf /etc/ar.conf.PROD 2>/dev/null', check=False).stdout.split()
    alarms = lab.console(box, 'cmp', '-s', '/usr/cute/sercoadm/etc/daemons.cfg',
                         '/usr/cute/sercoadm/etc/daemons.cfg.' + ('prod' if prod else 'min'), check=False)
    assert conf == (['/etc/ar.conf'] if prod else ['/etc/ar.conf.PROD'])
    assert now['links'] == (LINKS if prod else [])
    assert alarms.returncode == 0
    if now['runlevel'] == '3':
        assert now['daemons'] == (DAEMONS if prod else [])


def play(playbook, *args):
    result = run_playbook(playbook, *args, timeout=900)
    try:
        stats = json.loads(result.stdout)['stats']
    except ValueError:
        stats = {}
    return result, stats


def changed(stats):
    return sum(host['changed'] for host in stats.values())


def messages(result):
    found = []
    try:
        report = json.loads(result.stdout)
    except ValueError:
        return result.stdout + result.stderr
    for p in report['plays']:
        for task in p['tasks']:
            for res in task['hosts'].values():
                for item in [res] + list(res.get('results') or []):
                    if isinstance(item, dict) and item.get('failed') and item.get('msg'):
                        found.append(item['msg'])
    return ' | '.join(found)


@pytest.fixture
def fresh_lab(lab):
    lab.reset()
    return lab


def test_check_mode_shows_the_plan_and_changes_nothing(fresh_lab):
    lab = fresh_lab
    before = {box: state(lab, box) for box in ('main', 'failover')}
    result, stats = play(TO_FAILOVER, '--check', '--diff')
    assert result.returncode == 0, messages(result)
    assert changed(stats) > 0  # the plan: what a real run would change
    assert {box: state(lab, box) for box in ('main', 'failover')} == before


def test_round_trip_then_each_again_changes_nothing(fresh_lab):
    lab = fresh_lab
    result, stats = play(TO_FAILOVER)
    assert result.returncode == 0, messages(result)
    assert lab.ssh('sunar01', 'psrinfo -p').stdout.strip() == '1'  # the failover box now answers as sunar01
    serving(lab, 'failover', 'sunar01', prod=True)
    assert lab.runlevel('main') == 'ok'  # halted, renamed: it can only come back as sunar02
    serving(lab, 'main', 'sunar02', prod=False)

    lab.console('main', 'boot')  # the operator's remaining step
    assert lab.wait_ssh('sunar02', timeout=60)
    assert lab.ssh('sunar02', 'psrinfo -p').stdout.strip() == '2'
    result, stats = play(TO_FAILOVER)
    assert result.returncode == 0, messages(result)
    assert changed(stats) == 0, stats
    serving(lab, 'main', 'sunar02', prod=False)

    result, stats = play(TO_MAIN)
    assert result.returncode == 0, messages(result)
    assert lab.ssh('sunar01', 'psrinfo -p').stdout.strip() == '2'
    serving(lab, 'main', 'sunar01', prod=True)
    assert lab.runlevel('failover') == 'ok'
    serving(lab, 'failover', 'sunar02', prod=False)

    lab.console('failover', 'boot')
    assert lab.wait_ssh('sunar02', timeout=60)
    result, stats = play(TO_MAIN)
    assert result.returncode == 0, messages(result)
    assert changed(stats) == 0, stats


def test_silent_main_box_needs_the_operators_confirmation(fresh_lab):
    lab = fresh_lab
    lab.ssh('sunar01', 'init 0')
    assert lab.wait_runlevel('main', 'ok')
    before = state(lab, 'failover')
    result, dummy = play(TO_FAILOVER)
    assert result.returncode != 0
    assert '-e confirm_main_down=true' in messages(result)
    assert state(lab, 'failover') == before

    result, dummy = play(TO_FAILOVER, '-e', 'confirm_main_down=true')
    assert result.returncode == 0, messages(result)
    serving(lab, 'failover', 'sunar01', prod=True)
    assert 'boot -s' in result.stdout and '/etc/setname sunar02' in result.stdout
