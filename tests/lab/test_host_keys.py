"""Each lab box has its own SSH host key, and the lab's clients check it, as production does."""

import json
import os
import shutil
import subprocess

from conftest import ADDRESS, LOGIN, ROOT, SSH, box_host_key, labctl, run_playbook, scanned_host_key

PLAYBOOK = os.path.join(ROOT, 'tests', 'lab', 'playbooks', 'psrinfo_module.yml')


def known_hosts_entries():
    with open(labctl.KNOWN_HOSTS) as handle:
        return [line.split() for line in handle if line.strip() and not line.startswith('#')]


def test_each_box_presents_its_own_host_key(lab):
    assert box_host_key('main') != box_host_key('failover')
    assert scanned_host_key('sunar01') == box_host_key('main')
    assert scanned_host_key('sunar02') == box_host_key('failover')


def test_known_hosts_lists_each_pairs_keys_under_both_its_names_and_addresses(lab):
    entries = known_hosts_entries()
    assert len(entries) == 4
    for names, boxes in ((('sunar01', 'sunar02'), ('main', 'failover')), (('sunar03', 'sunar04'), ('main-2', 'failover-2'))):
        mine = [entry for entry in entries if names[0] in entry[0].split(',')]
        assert sorted(' '.join(entry[1:3]) for entry in mine) == sorted(box_host_key(box) for box in boxes)
        for entry in mine:
            assert set(entry[0].split(',')) == set(names) | {ADDRESS[name] for name in names}


def test_ssh_refuses_a_box_whose_key_is_not_listed_for_the_name(lab, tmp_path):
    """Checking is on: with only the failover box's key listed for sunar01, the main box there is refused."""
    only_failover = tmp_path / 'known_hosts'
    only_failover.write_text('sunar01,%s %s\n' % (ADDRESS['sunar01'], box_host_key('failover')))
    ssh = [('UserKnownHostsFile=%s' % only_failover if arg.startswith('UserKnownHostsFile=') else arg)
           for arg in SSH]
    result = subprocess.run(ssh + ['-o', 'GlobalKnownHostsFile=/dev/null', '%s@%s' % (LOGIN, ADDRESS['sunar01']), 'true'],
                            check=False, capture_output=True, text=True, timeout=60)
    assert result.returncode == 255
    assert 'Host key verification failed' in result.stderr
    assert lab.ssh('sunar01', 'true').returncode == 0  # the shipped known_hosts lets it in


def test_the_inventory_checks_host_keys(lab, tmp_path, monkeypatch):
    """The lab inventory's own settings, with a known_hosts listing only the failover box's key under both
    names: Ansible reaches the failover box (sunar02) and refuses the main box at sunar01."""
    inventory = tmp_path / 'inventories' / 'lab'
    shutil.copytree(os.path.join(ROOT, 'inventories', 'lab'), str(inventory))
    keys = tmp_path / '.lab' / 'ssh'
    keys.mkdir(parents=True)
    os.symlink(labctl.KEY, str(keys / os.path.basename(labctl.KEY)))
    os.symlink(labctl.ROOT_PASSWORD, str(tmp_path / '.lab' / os.path.basename(labctl.ROOT_PASSWORD)))
    (keys / 'known_hosts').write_text(''.join('%s %s\n' % (entry[0], ' '.join(entry[1:3]))
                                              for entry in known_hosts_entries()
                                              if ' '.join(entry[1:3]) == box_host_key('failover')))
    # a master connection left by an earlier run would skip the key check
    monkeypatch.setenv('ANSIBLE_SSH_CONTROL_PATH_DIR', str(tmp_path / 'cp'))
    result = run_playbook(PLAYBOOK, '-i', str(inventory / 'hosts.yml'))
    stats = json.loads(result.stdout)['stats']
    assert stats['sunar02']['unreachable'] == 0 and stats['sunar02']['failures'] == 0
    assert stats['sunar01']['unreachable'] == 1
    assert 'Host key verification failed' in result.stdout
