"""Every failure is told; an address is silent only when proven silent (issue 13, on the lab).

- A stray station at sunar01's address (ICMP and ARP, no SSH): an unplanned takeover is refused and the box taking
  over is not rebooted.
- A box that becomes unreachable after the first change: the run fails, and the controller's audit trail, the
  users (mail) and the lock are told; a rerun with the cause put right finishes the job.
"""

import email
import email.policy
import os
import socket

import pytest
from aiosmtpd.controller import Controller

import labctl
from conftest import ADDRESS, ROOT
from lab_helpers import messages, moved, play, records, state

TO_FAILOVER = os.path.join(ROOT, 'playbooks', 'to_failover.yml')


class Relay:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # pylint: disable=invalid-name,unused-argument
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return '250 Message accepted for delivery'


@pytest.fixture
def relay():
    received = Relay()
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    controller = Controller(received, hostname='127.0.0.1', port=port)
    controller.start()
    received.args = ['-e', 'remedy_failover_mail_host=127.0.0.1', '-e', 'remedy_failover_mail_port=%d' % port,
                     '-e', '{"remedy_failover_mail_to": ["users@example.org"]}']
    yield received
    controller.stop()


def test_a_stray_station_at_the_production_address_stops_a_takeover(fresh_lab):
    lab = fresh_lab
    lab.console('main', 'init', '0')
    assert lab.wait_runlevel('main', 'ok')
    # the halted box's own console puts the address back on its interface: ping and ARP answer there, SSH does not
    lab.console('main', 'ip', 'addr', 'add', ADDRESS['sunar01'] + '/24', 'dev', 'eth0')
    lab.console('main', 'ip', 'link', 'set', 'eth0', 'up')
    before = state(lab, 'failover')
    result, dummy = play(TO_FAILOVER, '-e', 'confirm_main_down=true')
    assert result.returncode != 0
    said = messages(result)
    assert "something still answers at sunar01's address %s" % ADDRESS['sunar01'] in said, said
    assert 'ICMP echo answers from the box taking over' in said or 'ARP answers from the box taking over' in said
    assert 'Nothing was changed' in said
    assert state(lab, 'failover') == before


@pytest.fixture
def known_hosts_of_failover_under_sunar02_only():
    """The lab's known_hosts, but the failover box's key listed under sunar02 only: after the rename, the box
    taking over cannot be reached at sunar01 (a site's known_hosts that forgot the second name). Put back after."""
    folder = os.path.join(labctl.HOST_KEYS, 'failover')
    keys = [' '.join(open(os.path.join(folder, name)).read().split()[:2])
            for name in sorted(os.listdir(folder)) if name.endswith('.pub')]
    with open(labctl.KNOWN_HOSTS) as handle:
        good = handle.read()
    lines = []
    for line in good.splitlines(True):
        key = ' '.join(line.split()[1:3])
        lines.append('sunar02,%s %s\n' % (ADDRESS['sunar02'], key) if key in keys else line)

    def write(text):
        with open(labctl.KNOWN_HOSTS, 'w') as handle:
            handle.write(text)

    write(''.join(lines))
    yield lambda: write(good)
    write(good)


def test_an_unreachable_box_after_the_first_change_is_told_and_a_rerun_finishes(
        fresh_lab, relay, tmp_path, known_hosts_of_failover_under_sunar02_only):
    lab = fresh_lab
    audit = str(tmp_path / 'audit.log')
    run = ['-e', 'remedy_failover_lock_dir=%s' % tmp_path, '-e', 'remedy_failover_audit_log=%s' % audit]
    result, dummy = play(TO_FAILOVER, *(run + relay.args))
    assert result.returncode != 0
    out = result.stdout
    assert 'did NOT finish' in out and 'stopped answering Ansible' in out, out[-3000:]
    done = [r for r in records(audit) if r['event'] in ('done', 'failed')]
    assert [r['event'] for r in done] == ['failed'], done
    assert 'sunar01' in done[0]['reason']
    subjects = [m['subject'] for m in relay.messages]
    assert len(subjects) == 2, subjects
    assert subjects[0].endswith('moving to the failover box now') and subjects[1].endswith('operator attention needed')
    lock = tmp_path / 'sunar01.lock'
    assert not lock.exists() or 'pid' not in lock.read_text() or 'free' in lock.read_text()
    # the cause put right (the site's known_hosts lists both keys under both names), the same playbook finishes
    known_hosts_of_failover_under_sunar02_only()
    result, dummy = play(TO_FAILOVER, *run)
    assert result.returncode == 0, messages(result)
    moved(lab, 'failover', 'main', 'sunar01', 'sunar02', '1')
