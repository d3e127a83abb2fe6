"""The lab is Solaris as it is: its commands refuse what Solaris' refuse, ps shows argv[0], psrinfo speaks each
release's forms, shutdown is root's, a naive init script loses its daemon to SIGHUP, and ping and arp see the
real network (a stray station holding an address is seen, as the silence proof needs)."""

import json
import os
import subprocess
import time

import jinja2
import pytest
import yaml

from conftest import ADDRESS, CONTAINER, ROOT, labctl, run_playbook

from ansible_collections.remedy.failover.plugins.action.init_script import script_command
from ansible_collections.remedy.failover.plugins.module_utils.station import (
    arp_command,
    parse_arp,
    parse_ping,
    ping_command,
)

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


def detached(command):
    """The text the playbooks' halt and reboot send (playbooks/vars/pair.yml), running ``command`` instead."""
    with open(os.path.join(ROOT, 'playbooks', 'vars', 'pair.yml')) as handle:
        template = yaml.safe_load(handle)['__remedy_failover_detached']
    return jinja2.Template(template).render(__remedy_failover_detach=command)


def test_the_boxes_run_solaris_own_bourne_shell(lab):
    """/bin/sh, /sbin/sh, the login's and root's shell (through su) are the SVR4 Bourne shell, when it can be built
    (CI builds it from ../shared/svr4sh): $(...) is a syntax error there, as on a Sun."""
    if not labctl.svr4sh():
        pytest.skip('no SVR4 shell here (LAB_SVR4SH): the lab runs a POSIX shell, kinder than Solaris')
    assert lab.console('main', 'cat', '/opt/lab/shell').stdout.strip() == 'svr4'
    for path in ('/bin/sh', '/sbin/sh', '/usr/bin/sh'):
        result = lab.console('main', path, '-c', 'echo $(echo x)', check=False)
        assert result.returncode != 0 and 'syntax error' in result.stderr, (path, result)
    result = lab.ssh('sunar01', 'echo $(echo x)', check=False)
    assert result.returncode != 0 and 'syntax error' in result.stderr, result
    result = lab.root('sunar01', 'echo `echo x`; test -e /; echo "after test -e: $?"', check=False)
    assert 'x\n' in result.stdout and 'argument expected' in result.stdout, result


def test_a_terminal_job_dies_with_the_session_but_the_detached_command_survives_twenty_times(lab):
    """As Ansible's raw runs (a pty, su): trap '' 1 and & lose the job when the session ends under Solaris' shell;
    the playbooks' detached command (nohup, a mark before it returns) survives every time."""
    lab.console('main', 'sh', '-c', 'rm -f /var/tmp/naive /var/tmp/detached.*')
    lab.root('sunar01', "LC_ALL=C; export LC_ALL; trap '' 1; (sleep 1; touch /var/tmp/naive) </dev/null "
                        ">/dev/null 2>&1 &")
    for attempt in range(20):
        result = lab.root('sunar01', detached('touch /var/tmp/detached.%d' % attempt))
        assert 'detached: touch /var/tmp/detached.%d' % attempt in result.stdout, result
    time.sleep(3)
    made = lab.console('main', 'ls', '/var/tmp').stdout.split()
    assert sorted(f for f in made if f.startswith('detached.')) == sorted('detached.%d' % n for n in range(20))
    if lab.console('main', 'cat', '/opt/lab/shell').stdout.strip() == 'svr4':
        assert 'naive' not in made, 'the lab is kinder than Solaris: a terminal job outlived its session'


def test_a_start_up_script_s_bare_background_daemon_survives_the_session_twenty_times(lab):
    """init_script's command (nohup, words to a file) over a pty, as Ansible's raw runs it: a site script that
    starts its daemon with a bare `cmd &` keeps it after the session ends, every time."""
    lab.console('main', 'sh', '-c', 'rm -f /var/tmp/daemon.*; printf \'#!/bin/sh\\n(sleep 2; touch /var/tmp/daemon.$1) '
                '</dev/null >/dev/null 2>&1 &\\necho "started $1"\\n\' >/var/tmp/naive.sh; chmod 755 /var/tmp/naive.sh')
    for attempt in range(20):
        result = lab.root('sunar01', 'LC_ALL=C; export LC_ALL; %s; echo "rc=$rc"'
                          % script_command('/var/tmp/naive.sh', str(attempt)))
        assert 'started %d\n' % attempt in result.stdout and 'rc=0' in result.stdout, result
    time.sleep(3)
    made = lab.console('main', 'ls', '/var/tmp').stdout.split()
    assert sorted(f for f in made if f.startswith('daemon.')) == sorted('daemon.%d' % n for n in range(20))


def test_each_box_has_its_own_hostid(lab):
    ids = {box: lab.console(box, '/usr/bin/hostid').stdout for box in ('main', 'failover')}
    assert ids == {'main': '80f3a2c1\n', 'failover': '8091d5e7\n'}
    assert lab.ssh('sunar01', '/usr/bin/hostid').stdout == '80f3a2c1\n'


@pytest.mark.parametrize('release,state_line', [
    ('10', '  off-line since '),
    ('8', '  Processor has been off-line since '),
])
def test_psrinfo_tells_off_line_and_faulted_processors(lab, release, state_line):
    lab.console('main', 'sh', '-c', 'cp /var/lab/hardware /var/lab/hardware.keep; echo states=on-line,off-line '
                '>>/var/lab/hardware; echo %s >/var/lab/solaris-release' % release)
    try:
        verbose = lab.console('main', '/usr/sbin/psrinfo', '-v').stdout
        assert state_line in verbose and verbose.count('operates at 400 MHz') == 2, verbose
        plain = lab.console('main', '/usr/sbin/psrinfo').stdout.splitlines()
        assert plain[0].startswith('0\ton-line   since ') and plain[1].startswith('1\toff-line  since '), plain
        lab.console('main', 'sh', '-c', 'cp /var/lab/hardware.keep /var/lab/hardware; '
                    'echo states=faulted,on-line >>/var/lab/hardware')
        assert lab.console('main', '/usr/sbin/psrinfo').stdout.startswith('0\tfaulted   since ')
    finally:
        lab.console('main', 'sh', '-c', 'mv /var/lab/hardware.keep /var/lab/hardware; echo 10 '
                    '>/var/lab/solaris-release')


def test_a_stock_solaris_10_box_runs_java_apache_2_oracle_and_zones(lab):
    """What a real site's box runs besides Remedy: none of it is Remedy, and ps shows it as Solaris' does."""
    out = lab.console('main', 'ps', '-e', '-o', 'user=', '-o', 'comm=', '-o', 'args=').stdout
    rows = [line.split(None, 2) for line in out.splitlines() if line.strip()]
    assert ['noaccess', '/usr/java/bin/java'] in [row[:2] for row in rows]
    assert any(row[1] == '/usr/apache2/bin/httpd' for row in rows)
    assert any(row[0] == 'oracle' and row[1].endswith('/java') for row in rows)
    webconsole = [row[2] for row in rows if row[0] == 'noaccess']
    assert webconsole[0].startswith('/usr/java/bin/java -server -Xmx128m') and len(webconsole[0]) == 80
    everywhere = lab.console('main', 'ps', '-e', '-o', 'zone=', '-o', 'comm=').stdout.split('\n')
    assert any(line.split()[:1] == ['appzone'] for line in everywhere if line.strip())
    global_only = lab.console('main', 'ps', '-z', 'global', '-o', 'zone=', '-o', 'comm=').stdout
    assert 'appzone' not in global_only and '/usr/ar/bin/arserverd' in global_only
    lab.console('main', 'sh', '-c', 'echo 9 >/var/lab/solaris-release')
    try:  # Solaris 8 and 9 have no zones: ps -z is an illegal option
        result = lab.console('main', 'ps', '-z', 'global', '-o', 'comm=', check=False)
        assert result.returncode == 1 and 'ps: illegal option -- z' in result.stderr, result
    finally:
        lab.console('main', 'sh', '-c', 'echo 10 >/var/lab/solaris-release')


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
