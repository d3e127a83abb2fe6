# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure readers of Solaris' ``ping ADDR TIMEOUT`` and ``arp ADDR``: does a station answer at an address?

Run on the box that is about to take an address (it sits on the same segment),
they tell whether anything still holds it: an ICMP echo reply, or an ARP entry.

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
import shlex

PING = '/usr/sbin/ping'
ARP = '/usr/sbin/arp'

_MAC_RE = r'[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}'
_ARP_ENTRY_RE = re.compile(r'^(\S+) \(([0-9.]+)\) at (' + _MAC_RE + r')((?: (?:permanent|published|trailers))*)\s*$')
_ARP_INCOMPLETE_RE = re.compile(r'^(\S+) \(([0-9.]+)\) at \(incomplete\)((?: (?:permanent|published|trailers))*)\s*$')
_ARP_NONE_RE = re.compile(r'^(\S+) \(([0-9.]+)\) -- no entry\s*$')


class StationParseError(ValueError):
    """The text is not what Solaris' ping or arp prints for one address."""


def ping_command(address, timeout):
    """``/usr/sbin/ping ADDR TIMEOUT``: one ICMP echo wait of TIMEOUT whole seconds (Solaris takes no fraction)."""
    seconds = int(timeout)
    if seconds < 1:
        raise ValueError('the ping timeout is in whole seconds, at least 1: %r' % (timeout,))
    return '%s %s %d' % (PING, shlex.quote(str(address)), seconds)


def arp_command(address):
    """``/usr/sbin/arp ADDR``: the ARP cache entry of ADDR."""
    return '%s %s' % (ARP, shlex.quote(str(address)))


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
