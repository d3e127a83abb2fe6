# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How an address answers TCP, seen from the controller (standard library only). Solaris' ping and arp, seen
from the box, are read by module_utils/station.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import socket



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
