# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Who the commands run as on a box: the output of Solaris ``/usr/bin/id``.

Solaris 8-10 ``/usr/bin/id`` has no ``-u`` (only ``-a``; ``/usr/xpg4/bin/id`` has it); its first word is
``uid=0(root)``, or ``uid=1234`` for a uid with no name.  Send ID_COMMAND (as a section of the probe's script,
with become on) and give its output to parse_id; the decision (module_utils/pair.py) refuses a run whose
commands are not root (refusal ``not_root``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

ID_COMMAND = 'LC_ALL=C /usr/bin/id'

_UID_RE = re.compile(r'^uid=(\d+)(?:\(([^)]*)\))?(?:\s|$)')


class IdParseError(ValueError):
    """The text is not the output of ``/usr/bin/id``."""


def parse_id(text):
    """``(uid, name)`` from the output of ``/usr/bin/id`` (name is None for a uid without one).

    Lines before it (a login banner, su's ``Password:``) are skipped; IdParseError when no line starts with
    ``uid=N``.
    """
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    for line in (text or '').splitlines():
        match = _UID_RE.match(line.strip())
        if match:
            return int(match.group(1)), match.group(2)
    raise IdParseError('no "uid=N(name)" in the output of /usr/bin/id: %r' % (text or '')[:200])
