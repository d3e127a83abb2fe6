# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.silent: prove an address silent before a box takes it.

From the controller, every service port at the address, all at once; from the host of the task (the box about to
take the address, on the same segment), Solaris' own ping and arp, in one Bourne shell round trip. The verdict is
module_utils/pair.py's silence(); the readers are module_utils/station.py's.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

from ansible_collections.remedy.failover.plugins.module_utils.pair import silence
from ansible_collections.remedy.failover.plugins.module_utils.probe import ProbeError, quote, section
from ansible_collections.remedy.failover.plugins.module_utils.station import (
    StationParseError, parse_arp, parse_ping, tcp_answer)
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, run_script, section_output

ARGUMENT_SPEC = {
    'address': {'type': 'str'},
    'name': {'type': 'str', 'required': True},
    'ports': {'type': 'list', 'elements': 'int', 'default': [22]},
    'connect_timeout': {'type': 'float', 'default': 1.0},
    'from_box': {'type': 'bool', 'default': True},
    'ping_timeout': {'type': 'int', 'default': 1},
    'ping_path': {'type': 'str', 'default': '/usr/sbin/ping'},
    'arp_path': {'type': 'str', 'default': '/usr/sbin/arp'},
}


def port_answers(address, port, timeout, found):
    found[port] = tcp_answer(address, port, timeout)


def segment_sections(args):
    """The script run on the box: forget the address's ARP entry (it may be the halted box's, cached), ping it
    (which asks ARP afresh), then read the ARP entry."""
    word = quote(args['address'])
    return [
        section('arp-d', '%s -d %s >/dev/null 2>&1; true' % (quote(args['arp_path']), word)),
        section('ping', '%s %s %d 2>&1' % (quote(args['ping_path']), word, args['ping_timeout'])),
        section('arp', '%s %s 2>&1' % (quote(args['arp_path']), word)),
    ]


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def inventory_address(self, args):
        """Without ``address``: the name's address and SSH port as the inventory gives them (its ``ansible_host``,
        else the name; its ``ansible_port``, else 22), the SSH port added to ``ports``."""
        if args['address']:
            return args
        hostvars = self._task_vars.get('hostvars') or {}
        facts = hostvars[args['name']] if args['name'] in hostvars else {}
        ssh_port = int(facts.get('ansible_port') or 22)
        return dict(args, address=str(facts.get('ansible_host') or args['name']), ports=[ssh_port] + args['ports'])

    def act(self, result, args, host):
        start = time.monotonic()
        args = self.inventory_address(args)
        ports = {}
        threads = [threading.Thread(target=port_answers, args=(args['address'], port, args['connect_timeout'], ports))
                   for port in sorted(set(args['ports']))]
        for thread in threads:
            thread.start()
        ping = arp = None
        error = None
        if args['from_box']:
            sections, error = run_script(self, segment_sections(args))
            if not error:
                try:
                    ping = parse_ping(*section_output(sections, 'ping', 'ping'))
                    arp = parse_arp(*section_output(sections, 'arp', 'arp'))
                except (ProbeError, StationParseError) as exc:
                    error = str(exc)
        for thread in threads:
            thread.join()
        result.update(changed=False, ports=ports, ping=ping, arp=arp, elapsed=round(time.monotonic() - start, 2))
        if error:
            result.update(failed=True, silent=False, msg=(
                '%s: %s\'s address %s could not be proven silent from this box: %s. Nothing more was changed: this '
                'box was not rebooted. Check that ping and arp work here (as root), and run again.'
                % (host, args['name'], args['address'], error)))
            return result
        verdict = silence(args['name'], args['address'], ports, ping, arp)
        result['silent'] = verdict is None
        if verdict:
            result.update(failed=True, msg='%s: %s' % (host, verdict))
        return result
