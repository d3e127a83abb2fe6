# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure parser for ``ps -e -o pid= -o comm=`` (POSIX; Solaris, illumos, Linux)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import posixpath
import re

PS_COMMAND = 'ps -e -o pid= -o comm='

_LINE_RE = re.compile(r'^\s*(\d+)\s+(\S.*?)\s*$')


class PsParseError(ValueError):
    """The text is not the output of ``ps -e -o pid= -o comm=``."""


def parse_ps(text):
    """Return a list of ``{'pid': int, 'comm': str, 'name': str}``.

    ``comm`` is what ps printed (Solaris prints the path the program was
    started by, e.g. ``/usr/lib/ssh/sshd``); ``name`` is its last component.
    """
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    processes = []
    for line in (text or '').replace('\r\n', '\n').split('\n'):
        if not line.strip():
            continue
        match = _LINE_RE.match(line)
        if not match:
            raise PsParseError('not a "pid comm" line of ps output: %r' % line)
        comm = match.group(2)
        processes.append({'pid': int(match.group(1)), 'comm': comm, 'name': posixpath.basename(comm) or comm})
    if not processes:
        raise PsParseError('ps printed no process at all (it lists at least itself)')
    return processes


def running_names(processes):
    """The sorted set of process names."""
    return sorted(set(p['name'] for p in processes))
