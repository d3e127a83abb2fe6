"""Inventory mistakes and odd states that play 0 or play 1 must refuse before any change (issue 12's cases).

Each case: the run stops with its message, and every file, link, daemon and run level on both boxes is as it was.
"""

import os
import subprocess

import pytest
import yaml

from conftest import ADDRESS, ROOT
from lab_helpers import messages, play, state

TO_FAILOVER = os.path.join(ROOT, 'playbooks', 'to_failover.yml')
LAB_INVENTORY = os.path.join(ROOT, 'inventories', 'lab')


@pytest.fixture(scope='module')
def normal_lab(lab):
    """The lab in its normal state, once for the cases that change no box; left so for the tests after."""
    lab.reset()
    yield lab
    lab.reset()


def unchanged(lab, result, message):
    assert result.returncode != 0
    assert message in messages(result), messages(result)
    assert 'Nothing was changed' in messages(result)


def swapped_inventory(tmp_path):
    """The lab inventory with the addresses of sunar01 and sunar02 swapped (as a wrong DNS or a typo does), laid
    out as the lab's, so its group vars find the lab's key, known_hosts and root password in .lab."""
    with open(os.path.join(LAB_INVENTORY, 'hosts.yml')) as handle:
        inventory = yaml.safe_load(handle)
    hosts = inventory['all']['children']['remedy_pairs']['children']['remedy']['hosts']
    hosts['sunar01']['ansible_host'], hosts['sunar02']['ansible_host'] = ADDRESS['sunar02'], ADDRESS['sunar01']
    folder = tmp_path / 'inventories' / 'lab'
    folder.mkdir(parents=True)
    os.symlink(os.path.join(ROOT, '.lab'), tmp_path / '.lab')
    os.symlink(os.path.join(LAB_INVENTORY, 'group_vars'), folder / 'group_vars')
    (folder / 'hosts.yml').write_text(yaml.safe_dump(inventory))
    return str(folder / 'hosts.yml')


@pytest.mark.parametrize('args,message', [
    (['-e', 'remedy_failover_pair=sunar01,sunar02'], 'sunar01,sunar02 is a pattern or a list'),
    (['-e', 'remedy_failover_pair=sunar01'], 'sunar01 is a host, not a group'),
    (['-e', 'remedy_failover_pair=remdy'], 'remdy is not a group of the inventory'),
    (['-e', 'remedy_failover_halt_timeout=soon'], 'remedy_failover_halt_timeout'),
    (['-e', 'remedy_failover_failover_processors=2'], 'the counts must differ'),
    (['-e', 'remedy_failover_spare_name=sunar01'], 'the two boxes need two names'),
    (['-e', 'confirm_main_down=sunar01;rm'], 'neither true/false nor a list of production names'),
    (['-e', 'remedy_failover_reboot_timeout=0'], 'remedy_failover_reboot_timeout is 0: it must be at least 1'),
    (['--limit', 'sunar01'], 'the run was limited (--limit sunar01)'),
    (['-e', 'ansible_become=false'], 'the commands run as uid'),
    (['-e', 'ansible_user=nosuchlogin'], 'its SSH port answers, but Ansible cannot work there'),
    (['-e', 'setname_name=sunar02'], 'setname_name given to the run: the move sets it itself at each step'),
    (['-e', 'remedy_daemons_timeout=5m'], "role remedy_daemons: argument 'remedy_daemons_timeout'"),
], ids=['a host pattern', 'a host', 'a typo', 'a timeout that is no number', 'equal processor counts',
        'one name twice', 'a garbled confirmation', 'a timeout out of range', 'a limited run', 'no become',
        'a login the boxes do not know', 'a step variable given to the run', 'a role variable its role refuses'])
def test_a_wrong_input_is_refused_before_any_change(normal_lab, args, message):
    before = {box: state(normal_lab, box) for box in ('main', 'failover')}
    result, dummy = play(TO_FAILOVER, *args)
    unchanged(normal_lab, result, message)
    assert 'groups of whole pairs in this inventory: remedy, remedy_b, remedy_pairs' in messages(result) \
        or 'remedy_failover_pair' not in ' '.join(args)
    assert {box: state(normal_lab, box) for box in ('main', 'failover')} == before


def test_swapped_addresses_are_refused_before_any_change(normal_lab, tmp_path):
    before = {box: state(normal_lab, box) for box in ('main', 'failover')}
    result, dummy = play(TO_FAILOVER, '-i', swapped_inventory(tmp_path))
    unchanged(normal_lab, result, 'runs as sunar02 and is configured as sunar02, not as sunar01')
    assert {box: state(normal_lab, box) for box in ('main', 'failover')} == before


def test_remedy_at_the_spare_name_is_refused_before_any_change(fresh_lab):
    lab = fresh_lab
    # the main box idle at sunar01; Remedy started by hand on the failover box while it is sunar02
    lab.console('main', 'sh', '-c', 'for s in jsp apache arflashboards armaild appserv_C arweb arapplications '
                'arsystem; do /etc/init.d/$s stop; done >/dev/null 2>&1 </dev/null')
    lab.console('failover', 'sh', '-c', 'cp /etc/ar.conf.PROD /etc/ar.conf && /etc/init.d/arsystem start '
                '>/dev/null 2>&1 </dev/null && rm /etc/ar.conf')
    before = {box: state(lab, box) for box in ('main', 'failover')}
    assert 'arserverd' in before['failover']['daemons'] and not before['main']['daemons']
    result, dummy = play(TO_FAILOVER)
    unchanged(lab, result, 'Remedy runs at the spare name sunar02')
    assert {box: state(lab, box) for box in ('main', 'failover')} == before


def test_a_csh_login_is_refused_before_any_change(fresh_lab):
    """sshd runs the command in the login's shell: csh cannot parse the collection's multi-line scripts (BSD csh
    answers "Unmatched '."), so the run names the box and the fix, and changes nothing on either box."""
    lab = fresh_lab
    lab.console('failover', 'usermod', '-s', '/bin/csh', 'remedy')
    before = {box: state(lab, box) for box in ('main', 'failover')}
    result, dummy = play(TO_FAILOVER)
    unchanged(lab, result, "sunar02 (172.29.83.12): the login's shell cannot read the collection's scripts (csh or "
                           "tcsh: ")
    assert 'Give the login user /bin/sh or /bin/ksh as its shell' in messages(result)
    assert {box: state(lab, box) for box in ('main', 'failover')} == before


def client_has_dsa():
    done = subprocess.run(['ssh', '-Q', 'key'], check=False, capture_output=True, text=True)
    return 'ssh-dss' in done.stdout.split()


@pytest.mark.skipif(client_has_dsa(), reason='this controller\'s ssh client still has DSA (`ssh -Q key` lists '
                                             'ssh-dss): the refusal is for OpenSSH 10 and later (make newest-lab)')
def test_dsa_on_a_client_without_dsa_is_refused_before_any_box_is_contacted(normal_lab):
    """OpenSSH 10 (Debian 13's) has no DSA: an inventory whose ssh arguments ask for ssh-dss is refused in play 0,
    saying what to do, and the boxes are not contacted."""
    before = {box: state(normal_lab, box) for box in ('main', 'failover')}
    result, stats = play(TO_FAILOVER, '-e', '{"ansible_ssh_common_args": "-o HostKeyAlgorithms=+ssh-rsa,ssh-dss"}')
    unchanged(normal_lab, result, 'The inventory asks for DSA keys (ssh-dss) for sunar01 (ansible_ssh_common_args: '
                                  'HostKeyAlgorithms=+ssh-rsa,ssh-dss)')
    assert 'no box was contacted' in messages(result) and 'RSA host key' in messages(result)
    assert set(stats) == {'localhost'}, stats  # play 1 never ran
    assert {box: state(normal_lab, box) for box in ('main', 'failover')} == before
