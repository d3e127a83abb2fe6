# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Does a station answer at an address? Seen from the controller (``tcp_answer``: a TCP connection) and from the
box that is about to take the address (``parse_ping``, ``parse_arp``: pure readers of Solaris' ``ping ADDR TIMEOUT``
and ``arp ADDR``, run on the box on the same segment: an ICMP echo reply, or an ARP entry). Standard library only.

Solaris 8-10 (``usr/src/cmd/cmd-inet/usr.sbin/ping/ping.c``, ``arp.c``):

* ``/usr/sbin/ping ADDR [TIMEOUT]`` prints ``ADDR is alive`` (exit 0) or, once
  TIMEOUT seconds (default 20) pass with no reply, ``no answer from ADDR``
  (exit 1); a name it cannot resolve gives ``ping: unknown host NAME`` (exit 1).
* ``/usr/sbin/arp ADDR`` prints the ARP cache entry, ``ADDR (ADDR) at 8:0:20:a:b:c``
  (``%x`` per octet: no leading zeros) with `` permanent`` / `` published`` /
  `` trailers`` after it, or ``ADDR (ADDR) at (incomplete)`` for a query nobody
  answered (exit 0 both); with no entry, ``ADDR (ADDR) -- no entry`` (exit 1);
  ``arp: NAME: unknown host`` (exit 1).  ``arp -d ADDR`` deletes the entry
  (``ADDR (ADDR) deleted``); Solaris' ``ping`` then resolves the address anew.

Each reader returns ``(answered, detail)``: ``answered`` True when a station
answered, False when none did; ``detail`` is the line to show the operator.
Anything else (an error, a usage message, garbage) raises StationParseError:
an unreadable answer is never taken for silence.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import socket

_MAC_RE = r'[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}'
_ARP_ENTRY_RE = re.compile(r'^(\S+) \(([0-9.]+)\) at (' + _MAC_RE + r')((?: (?:permanent|published|trailers))*)\s*$')
_ARP_INCOMPLETE_RE = re.compile(r'^(\S+) \(([0-9.]+)\) at \(incomplete\)((?: (?:permanent|published|trailers))*)\s*$')
_ARP_NONE_RE = re.compile(r'^(\S+) \(([0-9.]+)\) -- no entry\s*$')


class StationParseError(ValueError):
    """The text is not what Solaris' ping or arp prints for one address."""


def tcp_answer(address, port, timeout):
    """How ``address:port`` answers a TCP connection: False when nothing does (no station: it times out or the
    address cannot be reached), else how. A reset comes from a station holding the address (a box still halting,
    its service stopped but its interface up), so it is an answer too."""
    try:
        with socket.create_connection((address, port), timeout=timeout):
            return 'accepts connections'
    except ConnectionRefusedError:
        return 'resets connections (a station holds the address)'
    except OSError:
        return False


def unresolved(address):
    """Why the controller cannot turn ``address`` (an inventory's ansible_host, else the host's name) into an IP
    address, or None when it can. A name that does not resolve is never taken for a silent address."""
    try:
        socket.getaddrinfo(str(address), None, 0, socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        return str(exc) or exc.__class__.__name__
    return None


def _lines(text):
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    return [line.strip() for line in (text or '').replace('\r\n', '\n').split('\n') if line.strip()]


def parse_ping(text, rc):
    """``(answered, detail)`` from the output and exit status of ``ping ADDR TIMEOUT``.

    ``ADDR is alive`` with rc 0: answered; ``no answer from ADDR`` with rc 1: not.
    """
    lines = _lines(text)
    alive = [line for line in lines if line.endswith(' is alive')]
    silent = [line for line in lines if line.startswith('no answer from ')]
    if rc == 0 and len(alive) == 1 and not silent:
        return True, alive[0]
    if rc == 1 and len(silent) == 1 and not alive:
        return False, silent[0]
    raise StationParseError('not the answer of "ping ADDR TIMEOUT" (rc=%s): %s'
                            % (rc, ' / '.join(lines)[:300] or 'no output'))


def parse_arp(text, rc):
    """``(answered, detail)`` from the output and exit status of ``arp ADDR``.

    A resolved entry (``... at 8:0:20:1:2:3``) is a station that answered ARP;
    ``-- no entry`` (rc 1) and ``at (incomplete)`` (a query nobody answered) are none.
    """
    lines = _lines(text)
    if len(lines) == 1:
        line = lines[0]
        if rc == 0 and _ARP_ENTRY_RE.match(line):
            return True, line
        if rc == 0 and _ARP_INCOMPLETE_RE.match(line):
            return False, line
        if rc == 1 and _ARP_NONE_RE.match(line):
            return False, line
    raise StationParseError('not the answer of "arp ADDR" (rc=%s): %s'
                            % (rc, ' / '.join(lines)[:300] or 'no output'))
