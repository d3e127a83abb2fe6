"""The lab is test equipment: these tests prove it behaves as the seed's two Solaris boxes."""

import socket
import subprocess
import time
import urllib.request

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.psrinfo import parse_psrinfo
from conftest import ADDRESS, SEED_PAIR, box_host_key, scanned_host_key

REMEDY_LINKS = {
    'S87arsystem': '/etc/init.d/arsystem',
    'S89arweb': '/etc/init.d/arweb',
    'S90armaild': '/etc/init.d/armaild',
    'S91arflashboards': '/etc/init.d/arflashboards',
    'S97apache': '/etc/init.d/apache',
    'S98jsp': '/etc/init.d/jsp',
}
BOOT_DAEMONS = {'arserverd', 'arwebd', 'armaild', 'arflashd', 'httpd', 'java'}
PER_NAME = ['/etc/nodename', '/etc/hostname.hme0', '/etc/inet/hosts',
            '/distribution/oracle/home/admin/network/listener.ora', '/etc/ar']


def rc2_links(lab, name):
    # Solaris has no readlink and its Bourne shell no $(...): ls -l says where each link leads
    out = lab.ssh(name, 'cd /etc/rc2.d && for l in S*; do if [ -h "$l" ]; then ls -l "$l"; fi; done',
                  check=False).stdout
    return dict((left.split()[-1], target) for left, target in
                (line.split(' -> ', 1) for line in out.splitlines() if ' -> ' in line))


def banner(name, port):
    with socket.create_connection((ADDRESS[name], port), timeout=3) as conn:
        return conn.recv(100).decode()


def http(name, port):
    with urllib.request.urlopen('http://%s:%d/' % (ADDRESS[name], port), timeout=3) as response:
        return response.status, response.read().decode()


class TestNormalState:
    def test_each_name_answers_ssh_at_its_address_on_the_right_box(self, lab):
        assert lab.ssh('sunar01', 'uname -n').stdout.strip() == 'sunar01'
        assert lab.ssh('sunar02', 'uname -n').stdout.strip() == 'sunar02'
        assert lab.ssh('sunar01', '/usr/sbin/psrinfo -p').stdout.strip() == '2'
        assert lab.ssh('sunar02', '/usr/sbin/psrinfo -p').stdout.strip() == '1'

    def test_hosts_is_a_link_to_inet_hosts_as_on_solaris(self, lab):
        for name in SEED_PAIR:
            out = lab.ssh(name, 'readlink /etc/hosts; grep -w loghost /etc/inet/hosts').stdout.split('\n')
            assert out[0] == './inet/hosts'
            assert out[1].split()[:2] == [ADDRESS[name], name]

    def test_per_name_files_present_on_both_boxes(self, lab):
        paths = ' '.join('%s.%s' % (f, n) for f in PER_NAME for n in SEED_PAIR)
        for name in SEED_PAIR:
            lab.ssh(name, 'ls %s' % paths)
            assert lab.ssh(name, 'cat /etc/nodename').stdout.strip() == name
            assert lab.ssh(name, 'cmp /etc/inet/hosts /etc/inet/hosts.%s' % name).returncode == 0

    def test_main_runs_remedy_with_autostart_alarms_prod(self, lab):
        assert lab.ssh('sunar01', 'test -f /etc/ar.conf && test ! -f /etc/ar.conf.PROD && test ! -h /etc/ar.conf.PROD').returncode == 0
        assert rc2_links(lab, 'sunar01') == REMEDY_LINKS
        assert lab.ssh('sunar01', 'cmp /usr/cute/sercoadm/etc/daemons.cfg /usr/cute/sercoadm/etc/daemons.cfg.prod',
                       check=False).returncode == 0
        assert BOOT_DAEMONS <= set(lab.processes('main'))

    def test_failover_is_idle_with_arconf_parked_alarms_min(self, lab):
        assert lab.ssh('sunar02', 'test ! -f /etc/ar.conf && test ! -h /etc/ar.conf && test -f /etc/ar.conf.PROD').returncode == 0
        assert lab.ssh('sunar02', 'ls /etc/rc2.d').stdout.strip() == ''
        assert lab.ssh('sunar02', 'cmp /usr/cute/sercoadm/etc/daemons.cfg /usr/cute/sercoadm/etc/daemons.cfg.min',
                       check=False).returncode == 0
        assert not BOOT_DAEMONS & set(lab.processes('failover'))


class TestDaemons:
    def test_ar_server_port_and_web_answer_on_main(self, lab):
        assert banner('sunar01', 2020) == 'arserverd ready\r\n'
        status, body = http('sunar01', 80)
        assert status == 200 and 'on sunar01: OK' in body
        assert http('sunar01', 8080)[0] == 200

    def test_nothing_listens_on_failover(self, lab):
        for port in (80, 2020, 8080):
            with pytest.raises(OSError):
                banner('sunar02', port)

    def test_arsystem_refuses_to_start_without_ar_conf(self, lab):
        result = lab.root('sunar02', '/etc/init.d/arsystem start', check=False)
        assert result.returncode == 1
        assert '/etc/ar.conf not found' in result.stdout  # through su: the terminal's text
        assert 'arserverd' not in lab.processes('failover')

    def test_init_scripts_start_and_stop_for_real(self, lab):
        lab.root('sunar02', '/etc/init.d/apache start')
        try:
            assert http('sunar02', 80)[0] == 200
            assert 'httpd' in lab.processes('failover')
        finally:
            lab.root('sunar02', '/etc/init.d/apache stop')
        assert 'httpd' not in lab.processes('failover')
        with pytest.raises(OSError):
            http('sunar02', 80)

    def test_jsp_keeps_the_callers_output_like_a_naive_nohup_script(self, lab):
        """Whoever reads the script's output (here cat; a plain ssh without a terminal too) waits for ever on
        it: the roles must not (tests/lab/test_roles_over_ssh.py)."""
        try:
            with pytest.raises(subprocess.TimeoutExpired):
                lab.root('sunar02', '/etc/init.d/jsp start | cat', check=False, timeout=5)
            assert 'java' in lab.processes('failover')
            assert lab.root('sunar02', '/etc/init.d/jsp start </dev/null >/dev/null 2>&1; echo back').stdout == 'back\n'
        finally:
            lab.root('sunar02', '/etc/init.d/jsp stop')
        assert 'java' not in lab.processes('failover')


class TestPsrinfo:
    @pytest.mark.parametrize('name,cpus,mhz', [('sunar01', 2, 400), ('sunar02', 1, 300)])
    def test_every_form_parses_to_the_box_hardware(self, lab, name, cpus, mhz):
        plain = parse_psrinfo(lab.ssh(name, '/usr/sbin/psrinfo').stdout)
        verbose = parse_psrinfo(lab.ssh(name, '/usr/sbin/psrinfo -v').stdout)
        physical = parse_psrinfo(lab.ssh(name, '/usr/sbin/psrinfo -p').stdout)
        pverbose = parse_psrinfo(lab.ssh(name, '/usr/sbin/psrinfo -pv').stdout)
        assert plain['count'] == plain['online_count'] == cpus
        assert verbose['count'] == verbose['online_count'] == cpus
        assert {p['clock_mhz'] for p in verbose['processors']} == {mhz}
        assert physical['physical_count'] == cpus
        assert pverbose['physical_count'] == pverbose['count'] == cpus

    def test_bad_option_prints_usage_and_fails(self, lab):
        result = lab.ssh('sunar01', '/usr/sbin/psrinfo -x', check=False)
        assert result.returncode == 2
        assert 'usage' in result.stderr


class TestSiteScripts:
    def test_setname_refuses_unknown_name_and_changes_nothing(self, lab):
        before = lab.ssh('sunar02', 'cksum /etc/nodename /etc/inet/hosts /etc/ar').stdout
        result = lab.root('sunar02', '/etc/setname sunar99', check=False)
        assert result.returncode == 1
        assert '/etc/nodename.sunar99 is missing' in result.stdout  # through su: the terminal's text
        assert lab.ssh('sunar02', 'cksum /etc/nodename /etc/inet/hosts /etc/ar').stdout == before

    def test_remedy_auto_startup_adds_and_removes_the_links(self, lab):
        lab.root('sunar02', '/etc/remedy_auto_startup add')
        try:
            assert rc2_links(lab, 'sunar02') == REMEDY_LINKS
        finally:
            lab.root('sunar02', '/etc/remedy_auto_startup remove')
        assert lab.ssh('sunar02', 'ls /etc/rc2.d').stdout.strip() == ''
        assert lab.ssh('sunar02', 'ls /etc/init.d/arsystem').returncode == 0


class TestBoot:
    @pytest.mark.parametrize('command', ['shutdown -y -g 0 -i 6', 'reboot', 'init 6'])
    def test_reboot_really_reboots(self, lab, command):
        before = lab.boot_time('main')
        time.sleep(1.1)  # boot times are to the second
        lab.root('sunar01', command)
        assert lab.wait_reboot('main', 'sunar01', before), 'sunar01 did not come back after %s' % command
        assert lab.ssh('sunar01', 'uname -n').stdout.strip() == 'sunar01'
        assert BOOT_DAEMONS <= set(lab.processes('main'))
        assert http('sunar01', 80)[0] == 200

    @pytest.mark.parametrize('command', ['init 0', 'shutdown -y -g 0 -i 0', 'shutdown -y -g 0 -i 5'])
    def test_halt_leaves_the_box_at_the_prom_until_boot(self, lab, command):
        lab.root('sunar02', command)
        assert lab.wait_runlevel('failover', 'ok'), 'sunar02 did not halt after %s' % command
        assert not lab.reachable('sunar02')
        assert lab.every_process('failover') == ['init']
        assert lab.console('failover', 'ip', '-4', '-o', 'addr', 'show', 'scope', 'global').stdout == ''
        assert lab.wait_runlevel('failover', 'ok', timeout=2)  # stays there
        lab.console('failover', 'boot')
        assert lab.wait_runlevel('failover', '3')
        assert lab.wait_ssh('sunar02')
        assert lab.ssh('sunar02', 'uname -n').stdout.strip() == 'sunar02'

    def test_boot_s_is_single_user_without_network_or_rc2(self, lab):
        lab.root('sunar01', 'init 0')
        assert lab.wait_runlevel('main', 'ok')
        lab.console('main', 'boot', '-s')
        assert lab.wait_runlevel('main', 'S')
        assert lab.console('main', 'uname', '-n').stdout.strip() == 'sunar01'
        assert lab.every_process('main') == ['init']
        assert 'state DOWN' in lab.console('main', 'ip', '-o', 'link', 'show', 'eth0').stdout
        time.sleep(1)
        assert not lab.reachable('sunar01')
        lab.console('main', 'init', '3')
        assert lab.wait_runlevel('main', '3')
        assert lab.wait_ssh('sunar01')
        assert BOOT_DAEMONS <= set(lab.processes('main'))

    def test_boot_on_a_running_box_is_refused(self, lab):
        result = lab.console('failover', 'boot', check=False)
        assert result.returncode == 1
        assert 'ok prompt' in result.stderr


class TestRename:
    def test_rename_moves_the_name_and_its_address(self, lab):
        """Seed 2.3 by hand: halt main, setname sunar01 on failover, reboot it."""
        try:
            lab.root('sunar01', 'init 0')
            assert lab.wait_runlevel('main', 'ok')
            before = lab.boot_time('failover')
            time.sleep(1.1)
            lab.root('sunar02', '/etc/setname sunar01 && init 6')
            assert lab.wait_reboot('failover', 'sunar01', before)
            # the shipped known_hosts (host keys checked) lets ssh in at sunar01's address, now the failover box's
            assert lab.ssh('sunar01', 'uname -n').stdout.strip() == 'sunar01'
            assert lab.ssh('sunar01', '/usr/sbin/psrinfo -p').stdout.strip() == '1'  # the failover box
            assert scanned_host_key('sunar01') == box_host_key('failover')
            assert not lab.reachable('sunar02')
        finally:
            lab.reset()
        assert lab.ssh('sunar01', '/usr/sbin/psrinfo -p').stdout.strip() == '2'
