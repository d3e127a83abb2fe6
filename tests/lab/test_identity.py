"""Issue 20: each box known by its hostid or its processors' count and clock, Remedy by its daemons' paths and
arguments, every per-name file, alarm configuration, boot-time link name and the parked ar.conf checked before the
first change. Each refusal leaves every file, link, daemon and run level on both boxes as it was.

The lab inventory gives the boxes' hostids (inventories/lab/group_vars/remedy.yml); WITHOUT_HOSTIDS runs the same
playbook as a site whose inventory gives none (the boxes are then known by their processors and clocks).
"""

import os

import pytest

from conftest import ROOT
from lab_helpers import carries, messages, play, serving, state

TO_FAILOVER = os.path.join(ROOT, 'playbooks', 'to_failover.yml')
TO_MAIN = os.path.join(ROOT, 'playbooks', 'to_main.yml')
STATUS = os.path.join(ROOT, 'playbooks', 'status.yml')
WITHOUT_HOSTIDS = ('-e', 'remedy_failover_main_hostid=', '-e', 'remedy_failover_failover_hostid=')
SED = '/opt/lab/gnu/sed'


def refused_unchanged(lab, words, *args):
    """The move refuses with ``words`` (and says nothing was changed), and both boxes are as they were."""
    before = {box: state(lab, box) for box in ('main', 'failover')}
    result, dummy = play(TO_FAILOVER, *args)
    said = messages(result)
    assert result.returncode != 0, said
    for word in words:
        assert word in said, said
    assert 'Nothing was changed' in said
    assert {box: state(lab, box) for box in ('main', 'failover')} == before
    return said


@pytest.mark.parametrize('inventory', [(), WITHOUT_HOSTIDS], ids=['hostids in the inventory', 'no hostids'])
def test_case_1_a_main_box_that_lost_a_processor_is_not_the_failover_box(fresh_lab, inventory):
    """The failover box is down; the main box at sunar01 lists one processor (a board deconfigured at boot)."""
    lab = fresh_lab
    lab.console('failover', 'init', '0')
    assert lab.wait_runlevel('failover', 'ok')
    lab.console('main', SED, '-i', 's/^ncpu=2$/ncpu=1/', '/var/lab/hardware')
    said = refused_unchanged(lab, ['the main box at sunar01 shows 1 processor, not its 2 at 400 MHz',
                                   'the failover box does not answer at sunar02'], *inventory)
    assert ('known by its hostid 80f3a2c1' if not inventory else "known by its processors' clock, 400 MHz") in said
    # an operator who confirms the main box down does not make it the failover box either
    refused_unchanged(lab, ['the main box at sunar01 shows 1 processor'], '-e', 'confirm_main_down=true', *inventory)


def test_case_1_a_faulted_processor_is_still_the_main_boxs(fresh_lab):
    """A processor faulted is listed and counted: the main box stays the main box (status says so)."""
    lab = fresh_lab
    lab.console('main', 'sh', '-c', 'echo states=on-line,faulted >>/var/lab/hardware')
    result, dummy = play(STATUS, '--check')
    assert result.returncode == 0, messages(result)
    assert 'the MAIN box (2 processors, 1 on-line)' in result.stdout
    assert 'processor 1 faulted' in result.stdout


def test_a_box_of_another_hostid_is_refused(fresh_lab):
    """The inventory knows the boxes by their hostids: a box whose NVRAM was replaced is not taken on its count."""
    lab = fresh_lab
    lab.console('failover', SED, '-i', 's/^hostid=.*/hostid=80aaaaaa/', '/var/lab/hardware')
    refused_unchanged(lab, ['sunar02 (172.29.83.12): the box answering there has the hostid 80aaaaaa'])


@pytest.fixture
def stock_lab(lab):
    """The lab with a site's other software started at boot (Java Web Console, Apache 2, Oracle's java, a zone's
    processes); the lab as the other tests expect it afterwards."""
    saved = os.environ.get('LAB_STOCK')
    if saved in (None, 'all'):  # the lab's default: nothing to restart
        yield lab
        return
    os.environ['LAB_STOCK'] = 'all'
    try:
        lab.reset()
        yield lab
    finally:
        os.environ['LAB_STOCK'] = saved
        lab.reset()


def test_case_2_a_stock_solaris_10_pair_moves_both_ways(stock_lab):
    lab = stock_lab
    ps = lab.console('failover', 'ps', '-e', '-o', 'args=').stdout
    assert '/usr/java/bin/java -server' in ps and '/usr/apache2/bin/httpd' in ps
    result, dummy = play(STATUS, '--check')
    assert result.returncode == 0, messages(result)
    assert 'The pair is consistent.' in result.stdout
    assert 'sunar02 (172.29.83.12): the FAILOVER box (1 processors, 1 on-line), running as sunar02, configured as ' \
           'sunar02; Remedy down' in result.stdout
    result, dummy = play(TO_FAILOVER)
    assert result.returncode == 0, messages(result)
    serving(lab, 'failover', 'sunar01', prod=True)
    lab.console('main', 'boot')  # the operator's remaining step
    assert lab.wait_ssh('sunar02', timeout=60)
    result, dummy = play(TO_FAILOVER)  # finishes the main box's steps
    assert result.returncode == 0, messages(result)
    result, dummy = play(TO_MAIN)
    assert result.returncode == 0, messages(result)
    serving(lab, 'main', 'sunar01', prod=True)
    lab.console('failover', 'boot')
    assert lab.wait_ssh('sunar02', timeout=60)
    result, dummy = play(TO_MAIN)
    assert result.returncode == 0, messages(result)
    # lab_helpers.serving reads daemons by name: the stock java and httpd would count; status.yml tells them apart
    assert carries(lab, 'failover', 'sunar02')
    result, dummy = play(STATUS, '--check')
    assert result.returncode == 0 and 'The pair is consistent.' in result.stdout, messages(result)


@pytest.mark.parametrize('breakage,words', [
    (lambda lab: lab.console('failover', 'sh', '-c', 'echo sunar09 >/etc/nodename.sunar01'),
     ['sunar02 (172.29.83.12): /etc/nodename.sunar01 holds sunar09, not sunar01']),
    (lambda lab: lab.console('failover', SED, '-i', 's/^172.29.83.11\\(.*sunar01\\)/172.29.83.12\\1/',
                             '/etc/inet/hosts.sunar01'),
     ['/etc/inet/hosts.sunar01 maps sunar01 to 172.29.83.12, not to its address 172.29.83.11']),
    (lambda lab: lab.console('main', 'sh', '-c', 'echo sunar01 >/etc/hostname.hme0.sunar02'),
     ['sunar01 (172.29.83.11): /etc/hostname.hme0.sunar02 names sunar01, not sunar02 or its address 172.29.83.12']),
    (lambda lab: lab.console('failover', 'sh', '-c', 'echo "172.29.83.11 netmask + up" >/etc/hostname.qfe0'),
     ['the interface file /etc/hostname.qfe0 carries 172.29.83.11, which the rename would leave behind']),
], ids=['case 3: nodename holds another name', "case 3: hosts gives sunar01 sunar02's address",
        'case 3: hostname.hme0 names the other name', 'case 3: an IPMP interface file left behind'])
def test_case_3_per_name_files_checked_by_content(fresh_lab, breakage, words):
    breakage(fresh_lab)
    refused_unchanged(fresh_lab, words)


@pytest.mark.parametrize('breakage,words', [
    (lambda lab: lab.console('failover', 'sh', '-c', 'printf "#!/bin/sh\\n# the site\'s own\\n" '
                             '>/etc/rc2.d/S87arsystem'),
     ['on the failover box, which takes over, /etc/rc2.d/S87arsystem is a plain file, not the link to '
      '/etc/init.d/arsystem']),
    (lambda lab: lab.console('failover', 'ln', '-s', '/opt/site/jsp', '/etc/rc2.d/S98jsp'),
     ['/etc/rc2.d/S98jsp points to /opt/site/jsp']),
    (lambda lab: lab.console('failover', 'mv', '/usr/cute/sercoadm/etc/daemons.cfg.prod', '/tmp/'),
     ['sunar02 (172.29.83.12): alarm configuration missing: /usr/cute/sercoadm/etc/daemons.cfg.prod']),
    (lambda lab: lab.console('main', 'mv', '/usr/cute/sercoadm/etc/daemons.cfg.min', '/tmp/'),
     ['sunar01 (172.29.83.11): alarm configuration missing: /usr/cute/sercoadm/etc/daemons.cfg.min']),
], ids=["case 4: the site's own S87arsystem", 'case 4: S98jsp linked elsewhere', 'case 4: no daemons.cfg.prod',
        'case 4: no daemons.cfg.min on the leaving box'])
def test_case_4_every_file_a_move_needs_checked_before_the_first_change(fresh_lab, breakage, words):
    breakage(fresh_lab)
    refused_unchanged(fresh_lab, words)


def test_case_5_a_stale_ar_conf_prod_is_refused_unless_accepted(fresh_lab):
    lab = fresh_lab
    lab.console('main', 'sh', '-c', 'echo "Max-Entries-Per-Query: 2000" >>/etc/ar.conf')
    refused_unchanged(lab, ['/etc/ar.conf.PROD on the failover box at sunar02',
                            'differs from the running /etc/ar.conf of the main box at sunar01',
                            'remedy_failover_accept_arconf_difference=true'])
    result, dummy = play(TO_FAILOVER, '--check', '-e', 'remedy_failover_accept_arconf_difference=true')
    assert result.returncode == 0, messages(result)
    assert 'accepted by remedy_failover_accept_arconf_difference' in result.stdout
