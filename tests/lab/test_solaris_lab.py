"""The lab is Solaris as it is: its commands refuse what Solaris' refuse, ps shows argv[0], psrinfo speaks each
release's forms, shutdown is root's, a naive init script loses its daemon to SIGHUP, and ping and arp see the
real network (a stray station holding an address is seen, as the silence proof needs)."""

import json
import os
import subprocess
import time

import pytest

from conftest import ADDRESS, CONTAINER, ROOT, run_playbook

from ansible_collections.remedy.failover.plugins.module_utils.station import parse_arp, parse_ping

NET = ADDRESS['sunar01'].rsplit('.', 1)[0]
STRAY = NET + '.99'  # an address no box of the lab uses


@pytest.mark.parametrize('command,rc,message', [
    (['grep', '-q', 'sunar', '/etc/nodename'], 2, 'grep: illegal option -- q'),
    (['grep', '-E', 'sunar', '/etc/nodename'], 2, 'grep: illegal option -- E'),
    (['grep', '-F', 'sunar', '/etc/nodename'], 2, 'grep: illegal option -- F'),
    (['sed', '-i', 's/a/b/', '/etc/ar'], 2, 'sed: illegal option -- i'),
    (['id', '-u'], 2, 'id: illegal option -- u'),
    (['date', '-d', 'now'], 1, 'date: illegal option -- d'),
    (['ps', 'aux'], 1, 'usage: ps'),
    (['ps', '-e', '-o', 'cmd='], 1, 'unknown output format'),
])
def test_gnu_only_flags_are_refused_as_solaris_does(lab, command, rc, message):
    result = lab.console('main', *command, check=False)
    assert result.returncode == rc, result
    assert message in result.stderr


def test_solaris_forms_work(lab):
    assert lab.console('main', 'grep', '-c', 'sunar01', '/etc/nodename').stdout.strip() == '1'
    assert lab.console('main', 'id').stdout.strip() == 'uid=0(root) gid=0(root)'
    assert lab.console('main', 'date', '+%s').stdout.strip() == '%s'  # Solaris' strftime has no %s
    assert lab.console('main', 'sed', '-n', 's/^sunar/X/p', '/etc/nodename').stdout.strip() == 'X01'


def test_ps_comm_is_argv0_as_started(lab):
    out = lab.console('main', 'ps', '-e', '-o', 'pid=', '-o', 'comm=').stdout
    comms = {line.split(None, 1)[1].strip() for line in out.splitlines() if line.strip()}
    assert {'/usr/ar/bin/arserverd', '/usr/apache/bin/httpd', 'java', '/sbin/init'} <= comms
    assert 'jserv' not in comms and 'python3' not in {os.path.basename(c) for c in comms}
    # the default CMD column is the exec'd file's name cut to 8 characters, as Solaris prints it
    assert 'arserver' in lab.console('main', 'ps', '-e').stdout.split()


def test_shutdown_is_for_root_and_solaris_states_only(lab):
    result = subprocess.run(['docker', 'exec', '-u', 'nobody', CONTAINER['main'], '/usr/sbin/shutdown', '-y', '-g',
                             '0', '-i', '0'], check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and 'Only root can run /usr/sbin/shutdown' in result.stdout, result
    result = lab.console('main', '/usr/sbin/shutdown', '-y', '-g', '0', '-i', '3', check=False)
    assert result.returncode == 1 and 'Initstate 3 is not for system shutdown' in result.stdout
    result = lab.console('main', '/usr/sbin/shutdown', '-y', '-g', '0', '-i', '7', check=False)
    assert result.returncode == 1 and 'Usage: /usr/sbin/shutdown' in result.stdout
    result = lab.console('main', '/usr/sbin/shutdown', '-y', '-g', 'soon', check=False)
    assert result.returncode == 1 and '-g requires a numeric option' in result.stdout
    assert lab.runlevel('main') == '3'


def test_psrinfo_answers_as_the_box_release(lab):
    assert lab.console('main', 'cat', '/var/lab/solaris-release').stdout.strip() == '10'
    assert 'Status of virtual processor 0 as of:' in lab.console('main', '/usr/sbin/psrinfo', '-v').stdout
    lab.console('failover', 'sh', '-c', 'echo 8 > /var/lab/solaris-release')
    try:
        verbose = lab.console('failover', '/usr/sbin/psrinfo', '-v')
        assert verbose.stdout.startswith('Status of processor 0 as of:')
        physical = lab.console('failover', '/usr/sbin/psrinfo', '-p', check=False)
        assert physical.returncode == 2
        assert physical.stderr.startswith('psrinfo: illegal option -- p\nusage: \n\tpsrinfo [-v] [processor_id ...]')
    finally:
        lab.console('failover', 'sh', '-c', 'echo 10 > /var/lab/solaris-release')


def armaild_running(lab):
    return 'armaild' in lab.processes('main')


def test_a_naive_init_script_loses_its_daemon_to_sighup_but_not_when_the_collection_runs_it(lab):
    lab.console('main', '/etc/init.d/armaild', 'stop')
    try:
        # as an operator's ssh would run it: a terminal, the script's bare `cmd &` daemon in the session's group
        # (SunSSH: the login, then su with the root password, on the session's terminal)
        result = lab.root('sunar01', '/etc/init.d/armaild start', check=False, timeout=60)
        assert 'armaild started' in result.stdout, result
        time.sleep(2)
        assert not armaild_running(lab), 'the lab is kinder than a Sun: the naive daemon outlived its session'
        # the collection: init_script ignores SIGHUP for the script and what it starts
        result = run_playbook(os.path.join(ROOT, 'tests', 'lab', 'playbooks', 'init_script_sighup.yml'), timeout=180)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
        assert json.loads(result.stdout)['stats']['sunar01']['changed'] == 1
        time.sleep(2)
        assert armaild_running(lab)
    finally:
        lab.console('main', '/etc/init.d/armaild', 'start')


def ping_command(address, timeout):
    return '/usr/sbin/ping %s %d' % (address, timeout)


def arp_command(address):
    return '/usr/sbin/arp %s' % (address,)


def probe(lab, box, command):
    result = lab.console(box, 'sh', '-c', command, check=False)
    return result.stdout + result.stderr, result.returncode


def test_ping_and_arp_see_a_stray_station(lab):
    """From the failover box: nothing at a free address, then a station that holds it (on the main box's card)."""
    assert parse_ping(*probe(lab, 'failover', ping_command(STRAY, 1))) == (False, 'no answer from ' + STRAY)
    answered, detail = parse_arp(*probe(lab, 'failover', arp_command(STRAY)))
    assert not answered and detail in ('%s (%s) -- no entry' % (STRAY, STRAY), '%s (%s) at (incomplete)' % (STRAY, STRAY))
    mac = lab.console('main', 'cat', '/sys/class/net/eth0/address').stdout.strip()
    lab.console('main', 'ip', 'addr', 'add', STRAY + '/24', 'dev', 'eth0')
    try:
        assert parse_ping(*probe(lab, 'failover', ping_command(STRAY, 2))) == (True, STRAY + ' is alive')
        answered, detail = parse_arp(*probe(lab, 'failover', arp_command(STRAY)))
        solaris_mac = ':'.join('%x' % int(octet, 16) for octet in mac.split(':'))
        assert answered and detail == '%s (%s) at %s' % (STRAY, STRAY, solaris_mac)
    finally:
        lab.console('main', 'ip', 'addr', 'del', STRAY + '/24', 'dev', 'eth0')
    # gone: the cache still remembers it, as a Sun's does, until arp -d; then ping finds nobody and arp no entry
    assert parse_arp(*probe(lab, 'failover', arp_command(STRAY)))[0]
    deleted = lab.console('failover', '/usr/sbin/arp', '-d', STRAY)
    assert deleted.stdout.strip() == '%s (%s) deleted' % (STRAY, STRAY)
    assert parse_ping(*probe(lab, 'failover', ping_command(STRAY, 1))) == (False, 'no answer from ' + STRAY)
    assert not parse_arp(*probe(lab, 'failover', arp_command(STRAY)))[0]
