# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure parser for the output of Solaris/illumos ``psrinfo``.

``parse_psrinfo(text)`` understands the four forms a box prints:

* ``psrinfo``      one line a virtual processor: ``0  on-line  since 12/13/01 09:42:01``
* ``psrinfo -v``   a block a virtual processor, old (Solaris 8/9) and new wording
* ``psrinfo -p``   one number: the physical processors
* ``psrinfo -pv``  a block a physical processor, with or without cores

It never touches a host: the action plugin runs the command and hands the
text here, so the parser is unit-tested on literal fixtures.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# States psrinfo(1M) documents.  ``no-intr`` processors run threads but take
# no interrupts, so they count as on-line.
KNOWN_STATES = ('on-line', 'off-line', 'no-intr', 'faulted', 'spare', 'powered-off')
ONLINE_STATES = ('on-line', 'no-intr')

FORMS = ('plain', 'verbose', 'physical', 'physical_verbose')

_STATE_RE = '|'.join(re.escape(s) for s in KNOWN_STATES)

# psrinfo:     "0       on-line   since 12/13/01 09:42:01"  (tab or spaces)
_PLAIN_RE = re.compile(r'^(\d+)\s+(' + _STATE_RE + r')\s+since\s+(\S+\s+\S+)\s*$')

# psrinfo -v:  "Status of processor 0 as of: ..." (old) /
#              "Status of virtual processor 0 as of: ..." (new)
_V_HEAD_RE = re.compile(r'^Status of (?:virtual )?processor (\d+) as of:?\s*(.*)$')
# "Processor has been on-line since 12/13/01 09:42:01." (old) /
# "on-line since 12/13/2001 09:42:01." (new)
_V_STATE_RE = re.compile(r'^(?:Processor has been\s+)?(' + _STATE_RE + r')\s+since\s+(.+?)\.?\s*$')
# "The sparcv9 processor operates at 400 MHz,"
_V_CLOCK_RE = re.compile(r'^The (\S+) processor operates at (\d+) MHz,?\s*$')
_V_FPU_RE = re.compile(r'^and has an? .*floating point processor\.?\s*$')

# psrinfo -pv: "The physical processor has 1 virtual processor (0)"
#              "The SPARC-T4 physical processor has 8 cores and 64 virtual processors (0-63)"
_PV_HEAD_RE = re.compile(
    r'^The (?:(\S+) )?physical processor has (?:(\d+) cores? and )?(\d+) virtual processors? \(([^)]*)\)\s*$')
_PV_CORE_RE = re.compile(r'^The core has (\d+) virtual processors? \(([^)]*)\)\s*$')
# "UltraSPARC-II (portid 0 impl 0x11 ver 0xa0 clock 400 MHz)"
# "SPARC-T4 (chipid 0, clock 2848 MHz)"
# "x86 (GenuineIntel 306A9 family 6 model 58 step 9 clock 3400 MHz)"
_PV_CHIP_RE = re.compile(r'^(\S+) \((.*?)\bclock (\d+) MHz\)\s*$')


class PsrinfoParseError(ValueError):
    """The text is not output of psrinfo in any form this parser knows."""


def _lines(text):
    if text is None:
        raise PsrinfoParseError('psrinfo printed nothing: expected its output, got no text')
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    lines = [line.strip() for line in text.replace('\r\n', '\n').replace('\r', '\n').split('\n')]
    lines = [line for line in lines if line]
    if not lines:
        raise PsrinfoParseError('psrinfo printed nothing: expected at least one processor line')
    if any(line.lower().startswith('usage') for line in lines):
        raise PsrinfoParseError(
            'psrinfo printed a usage message instead of processor status: %r' % lines[0])
    return lines


def parse_id_list(text):
    """Parse a psrinfo id list: ``0 512``, ``0 2-4``, ``0-15,56-63``, ``0, 1, 2``."""
    ids = []
    tokens = [t for t in re.split(r'[\s,]+', text.strip()) if t]
    if not tokens:
        raise PsrinfoParseError('empty processor id list "(%s)"' % text)
    for token in tokens:
        match = re.match(r'^(\d+)(?:-(\d+))?$', token)
        if not match:
            raise PsrinfoParseError('bad processor id %r in id list "(%s)"' % (token, text))
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) is not None else first
        if last < first:
            raise PsrinfoParseError('bad processor id range %r in id list "(%s)"' % (token, text))
        ids.extend(range(first, last + 1))
    return ids


def _processor(pid, state=None, since=None, ptype=None, clock_mhz=None):
    return {'id': pid, 'state': state, 'since': since, 'type': ptype, 'clock_mhz': clock_mhz}


def _result(form, processors, physical_count=None, physical_processors=None):
    if form in ('plain', 'verbose'):
        count = len(processors)
        online_count = sum(1 for p in processors if p['state'] in ONLINE_STATES)
    elif form == 'physical_verbose':
        count = len(processors)
        online_count = None
    else:
        count = None
        online_count = None
    ids = [p['id'] for p in processors]
    if len(set(ids)) != len(ids):
        raise PsrinfoParseError('processor ids listed twice: %s' % ', '.join(str(i) for i in ids))
    return {
        'form': form,
        'processors': processors,
        'count': count,
        'online_count': online_count,
        'physical_count': physical_count,
        'physical_processors': physical_processors if physical_processors is not None else [],
    }


def _parse_plain(lines):
    processors = []
    for line in lines:
        match = _PLAIN_RE.match(line)
        if not match:
            raise PsrinfoParseError('not a psrinfo processor line: %r' % line)
        processors.append(_processor(int(match.group(1)), match.group(2), match.group(3)))
    return _result('plain', processors)


def _parse_verbose(lines):
    processors = []
    current = None
    for line in lines:
        head = _V_HEAD_RE.match(line)
        if head:
            current = _processor(int(head.group(1)))
            processors.append(current)
            continue
        if current is None:
            raise PsrinfoParseError('text before the first "Status of processor" block: %r' % line)
        state = _V_STATE_RE.match(line)
        clock = _V_CLOCK_RE.match(line)
        if state:
            current['state'], current['since'] = state.group(1), state.group(2)
        elif clock:
            current['type'], current['clock_mhz'] = clock.group(1), int(clock.group(2))
        elif not _V_FPU_RE.match(line):
            raise PsrinfoParseError('unexpected line in psrinfo -v output: %r' % line)
    for proc in processors:
        if proc['state'] is None:
            raise PsrinfoParseError('processor %d has no state line in psrinfo -v output' % proc['id'])
    return _result('verbose', processors)


def _parse_physical_verbose(lines):
    processors = []
    chips = []
    chip = None
    for line in lines:
        head = _PV_HEAD_RE.match(line)
        if head:
            ids = parse_id_list(head.group(4))
            if len(ids) != int(head.group(3)):
                raise PsrinfoParseError(
                    'physical processor claims %s virtual processors but lists %d: %r'
                    % (head.group(3), len(ids), line))
            chip = {
                'name': head.group(1),
                'cores': int(head.group(2)) if head.group(2) else None,
                'virtual_ids': ids,
                'clock_mhz': None,
                'brand': None,
            }
            chips.append(chip)
            continue
        if chip is None:
            raise PsrinfoParseError('text before the first "physical processor" line: %r' % line)
        if _PV_CORE_RE.match(line):
            continue
        chip_line = _PV_CHIP_RE.match(line)
        if chip_line and chip['clock_mhz'] is None:
            chip['name'] = chip['name'] or chip_line.group(1)
            chip['clock_mhz'] = int(chip_line.group(3))
        elif chip['clock_mhz'] is not None and chip['brand'] is None:
            # x86: the brand string follows the chip line, after a tab.
            chip['brand'] = line
        else:
            raise PsrinfoParseError('unexpected line in psrinfo -pv output: %r' % line)
    processors = [_processor(pid, clock_mhz=c['clock_mhz']) for c in chips for pid in c['virtual_ids']]
    return _result('physical_verbose', processors, len(chips), chips)


def parse_psrinfo(text):
    """Parse the output of ``psrinfo``, ``psrinfo -v``, ``-p`` or ``-pv``.

    Returns a dict with ``form``, ``processors`` (dicts with ``id``,
    ``state``, ``since``, ``type``, ``clock_mhz``), ``count``,
    ``online_count``, ``physical_count`` and ``physical_processors``.
    Counts the text does not tell are None.  Raises PsrinfoParseError on
    anything that is not psrinfo output.
    """
    lines = _lines(text)
    first = lines[0]
    if len(lines) == 1 and re.match(r'^\d+$', first):
        count = int(first)
        if count < 1:
            raise PsrinfoParseError('psrinfo -p reported %d physical processors' % count)
        return _result('physical', [], physical_count=count)
    if _V_HEAD_RE.match(first):
        return _parse_verbose(lines)
    if _PV_HEAD_RE.match(first):
        return _parse_physical_verbose(lines)
    if _PLAIN_RE.match(first):
        return _parse_plain(lines)
    raise PsrinfoParseError('not psrinfo output (first line %r)' % first)


def merge_psrinfo(*parsed):
    """Merge parses of several forms of one box into one view.

    Processor details come from the richest form given (``-v`` over plain
    over ``-pv``); the physical count from any form that tells it.
    """
    rank = {'verbose': 0, 'plain': 1, 'physical_verbose': 2, 'physical': 3}
    ordered = sorted(parsed, key=lambda p: rank[p['form']])
    best = dict(ordered[0])
    for other in ordered[1:]:
        if best['physical_count'] is None and other['physical_count'] is not None:
            best['physical_count'] = other['physical_count']
        if not best['physical_processors'] and other['physical_processors']:
            best['physical_processors'] = other['physical_processors']
    best['form'] = '+'.join(p['form'] for p in ordered)
    return best
