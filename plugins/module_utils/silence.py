# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read Solaris' own ``ping ADDR TIMEOUT`` and ``arp ADDR`` (pure; standard library only).

``/usr/sbin/ping host [timeout]`` (ping(1M), Solaris 8-10) prints ``host is alive`` (exit 0) or ``no answer from
host`` (exit 1). ``/usr/sbin/arp host`` (arp(1M)) prints the entry, ``host (a.b.c.d) at 8:0:20:aa:bb:cc`` (with
``permanent``, ``published``... after it), or ``host (a.b.c.d) -- no entry``. Anything else proves nothing: the
address is then not proven silent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import socket

_MAC = re.compile(r'\bat\s+([0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5})\b')


class SilenceError(ValueError):
    """Output that proves neither an answer nor silence."""


def parse_ping(text, rc):
    """``(answered, detail)`` from ``ping ADDR TIMEOUT``."""
    out = ' '.join((text or '').split())
    if rc == 0 and out.endswith('is alive'):
        return True, out
    if 'no answer from' in out:
        return False, out
    raise SilenceError('"ping" printed %r (rc=%s)' % (out[:200], rc))


def parse_arp(text, rc):
    """``(answered, detail)`` from ``arp ADDR``: an entry with a station's address, or none."""
    out = ' '.join((text or '').split())
    if 'no entry' in out:
        return False, out
    found = _MAC.search(out)
    if found:
        return True, out
    if '(incomplete)' in out or 'unresolved' in out.lower():
        return False, out
    raise SilenceError('"arp" printed %r (rc=%s)' % (out[:200], rc))


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
