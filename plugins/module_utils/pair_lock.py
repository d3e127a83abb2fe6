# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pair's lock, held on the boxes themselves: the Bourne shell scripts and the decisions.

Every controller (the CLI, AWX's job containers, an operator's workstation) sees the same lock because it
lives on the pair: on each box that answers, the directory ``LOCK`` (``/var/adm/remedy_failover/lock``) made by
one ``mkdir``, which is atomic (of several runs, one makes it; the others find it).  The holder is written
inside it (``holder``: run id, controller host, user, pid, start, direction, pair).  ``/var/adm`` survives a
reboot, so a halted box still shows who halted it; the lock a finished run could not release there (the box
was halted, or down) is cleared by the next run that reads, in a journal (the audit trail of the controller or
of either box), that this run released the pair: its ``released`` record.

Nothing here talks to a box: ``look_script``, ``take_script`` and ``release_script`` are the texts sent
(SVR4 Bourne shell: no ``$(...)``, no ``mktemp``, no ``stat``); ``parse_look`` reads their answer and
``judge`` decides, a pure function with one unit-test row per case.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.remedy.failover.plugins.module_utils.probe import quote, section

DEFAULT_BASE = '/var/adm/remedy_failover'
BREAK_VAR = 'remedy_failover_break_lock'
HOLDER_KEYS = ('run', 'controller', 'user', 'pid', 'start', 'direction', 'pair')
RELEASED = 'released'
# what judge() answers
TAKE, OURS, TAKE_OVER, REFUSE = 'take', 'ours', 'take_over', 'refuse'
_SAFE = re.compile(r'[^A-Za-z0-9_.:@+/ -]')


def clean(value):
    """A holder field as one safe line (no newline, no quote, no shell character)."""
    return _SAFE.sub('_', str(value if value is not None else ''))[:200]


def lock_path(base):
    return base.rstrip('/') + '/lock'


def look_script(base, journal, pair=None):
    """Read-only: the base directory and the lock (``ls -ldn``: never following a link), the holder, the run
    ids the box's journal says released the pair, and (``pair`` given) the journal's records of the pair."""
    b, lock = quote(base), quote(lock_path(base))
    records = [section('journal', "if [ -f %s ]; then grep %s %s; fi; true"
                       % (quote(journal), quote('"pair": "%s"' % pair), quote(journal)))] if pair else []
    return '\n'.join(records + [
        section('base', 'ls -ldn %s 2>/dev/null; true' % b),
        section('lock', 'ls -ldn %s 2>/dev/null; true' % lock),
        section('holder', 'if [ -d %s ] && [ -h %s/holder ]; then :; elif [ -f %s/holder ]; then cat %s/holder; fi; true'
                % (lock, lock, lock, lock)),
        section('released', "if [ -f %s ]; then grep '\"event\": \"%s\"' %s; fi; true"
                % (quote(journal), RELEASED, quote(journal))),
    ])


def holder_text(holder):
    return ''.join('%s=%s\n' % (key, clean(holder.get(key))) for key in HOLDER_KEYS)


def take_script(base, holder, break_run=None):
    """Make the base directory when it is missing (root's, mode 755), break the named run's lock when asked, then
    take the lock with one ``mkdir`` and write the holder in it. Prints ``taken``, ``busy`` or ``broke-raced``;
    the holder read back after."""
    b, lock = quote(base), quote(lock_path(base))
    lines = ['umask 022', 'if [ -h %s ]; then :; elif [ -d %s ]; then :; else mkdir %s 2>/dev/null; fi' % (b, b, b)]
    if break_run:
        moved = quote(lock_path(base) + '.broken')
        lines.append(
            # moved aside first (a rename), then checked: another run's lock moved by mistake goes back
            'if [ -d %(l)s ] && grep "^run=%(r)s\\$" %(l)s/holder >/dev/null 2>&1; then '
            'rm -rf %(m)s.$$; mv %(l)s %(m)s.$$ 2>/dev/null; '
            'if grep "^run=%(r)s\\$" %(m)s.$$/holder >/dev/null 2>&1; then rm -rf %(m)s.$$; '
            'else mv %(m)s.$$ %(l)s 2>/dev/null; echo broke-raced; fi; fi'
            % {'l': lock, 'm': moved, 'r': clean(break_run)})
    printf = "printf '%%s\\n' %s" % ' '.join(quote('%s=%s' % (k, clean(holder.get(k)))) for k in HOLDER_KEYS)
    lines.append('umask 077')
    lines.append('if [ -h %(b)s ]; then echo busy; elif mkdir %(l)s 2>/dev/null; then %(p)s > %(l)s/holder.new && '
                 'mv %(l)s/holder.new %(l)s/holder && echo taken; else echo busy; fi' % {'b': b, 'l': lock, 'p': printf})
    return section('take', '; '.join(lines)) + '\n' + look_script(base, '/dev/null')


def release_script(base, run, journal, record_line):
    """Remove the lock when this run holds it, appending the ``released`` record to the box's journal first.
    Prints ``released``, ``not-ours`` or ``free``."""
    lock = quote(lock_path(base))
    return section('release', (
        'umask 022; if [ -h %(l)s ]; then echo not-ours; '
        'elif [ -d %(l)s ] && grep "^run=%(r)s\\$" %(l)s/holder >/dev/null 2>&1; then '
        "printf '%%s\\n' %(line)s >> %(j)s; rm -rf %(l)s && echo released; "
        'elif [ -d %(l)s ]; then echo not-ours; else echo free; fi'
        % {'l': lock, 'r': clean(run), 'j': quote(journal), 'line': quote(record_line)}))


def parse_ls(lines):
    """``ls -ldn`` of one path: ``None`` (missing) or ``{'type', 'mode', 'uid'}``; type is d, l, - ..."""
    words = [line for line in lines if line.strip()]
    if not words:
        return None
    fields = words[0].split()
    if len(fields) < 3 or len(fields[0]) < 10:
        return {'type': '?', 'mode': fields[0] if fields else '', 'uid': None, 'raw': words[0]}
    try:
        uid = int(fields[2])
    except ValueError:
        uid = None
    return {'type': fields[0][0], 'mode': fields[0][1:10], 'uid': uid, 'raw': words[0].strip()}


def parse_holder(lines):
    """The holder file: ``{key: value}`` of its ``key=value`` lines (None when there is none)."""
    found = {}
    for line in lines:
        if '=' in line:
            key, value = line.split('=', 1)
            if key in HOLDER_KEYS:
                found.setdefault(key, value.strip())
    return found or None


def parse_released(lines):
    """The run ids a journal's ``released`` records name."""
    runs = set()
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get('event') == RELEASED and entry.get('run'):
            runs.add(str(entry['run']))
    return runs


def parse_look(sections):
    """``{'base', 'lock', 'holder', 'released', 'journal'}`` from the sections of look_script (or take_script);
    ``journal``: the JSON records of the pair's journal lines."""
    def lines(tag):
        return (sections.get(tag) or ([], None))[0]
    records = []
    for line in lines('journal'):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            records.append(entry)
    return {'base': parse_ls(lines('base')), 'lock': parse_ls(lines('lock')), 'holder': parse_holder(lines('holder')),
            'released': sorted(parse_released(lines('released'))), 'journal': records}


def _unsafe(entry, owner):
    """Why a directory of the lock cannot be trusted, or None: it must be a real directory (not a link), owned by
    ``owner`` (root), writable by nobody else."""
    if entry['type'] == 'l':
        return 'it is a symbolic link (%s)' % entry['raw']
    if entry['type'] != 'd':
        return 'it is not a directory (%s)' % entry['raw']
    if entry['uid'] != owner:
        return 'it is owned by uid %s, not by root (%s)' % (entry['uid'], entry['raw'])
    if entry['mode'][4] == 'w' or entry['mode'][7] == 'w':
        return 'others may write in it (%s)' % entry['raw']
    return None


def who(holder):
    holder = holder or {}
    return ('run %s of %s on the controller %s (pid %s), moving %s %s, since %s'
            % (holder.get('run', '?'), holder.get('user', '?'), holder.get('controller', '?'), holder.get('pid', '?'),
               holder.get('pair', '?'), holder.get('direction', '?'), holder.get('start', '?')))


def lock_flags(locks, released=()):
    """status.yml's flags for the pair's lock: ``locks`` is ``[(box, holder or None)]``, ``released`` the run ids a
    journal (the controller's, either box's) says released the pair. A lock held by a run that released the pair
    is no flag: that run finished, and could not write on a box it had halted (the next move clears it)."""
    released = set(str(run) for run in released)
    return ['%s: the pair\'s lock is held by %s.' % (box, who(holder)) for box, holder in locks
            if holder and str(holder.get('run')) not in released]


def judge(box, base, look, run, released=(), holder_alive=None, break_run=None, owner=0):
    """Whether this run may take the pair's lock on this box: ``{'verdict', 'msg', 'break'}``.

    ``look``: parse_look's answer for the box. ``run``: this run's id. ``released``: run ids that journals (the
    controller's, either box's) say released the pair. ``holder_alive``: whether the holder's process runs
    (True, False when proved gone: same controller host and no such ansible process; None: cannot tell, e.g.
    another controller). ``break_run``: the operator's ``remedy_failover_break_lock``.

    Verdicts: TAKE (free), OURS (this run holds it already), TAKE_OVER (``break`` names the run whose lock is
    removed first: proved dead, released by a finished run, or broken on purpose; ``msg`` says which), REFUSE.
    """
    lock = lock_path(base)
    nothing = ' Nothing was changed.'
    run = clean(run)
    break_run = clean(break_run) if break_run else None
    if look['base'] is not None:
        why = _unsafe(look['base'], owner)
        if why:
            return {'verdict': REFUSE, 'break': None, 'msg': (
                '%s: the directory of the pair\'s lock %s cannot be trusted: %s. Another user could fake, hold or '
                'remove the lock there.%s As root on %s, look at who made it and why, then remove it (rm -r %s) or '
                'make it root\'s alone (chown root %s; chmod 755 %s), and run again.'
                % (box, base, why, nothing, box, base, base, base))}
    if look['lock'] is None:
        return {'verdict': TAKE, 'break': None, 'msg': 'free'}
    why = _unsafe(look['lock'], owner)
    if why:
        return {'verdict': REFUSE, 'break': None, 'msg': (
            '%s: the pair\'s lock %s is not one this collection makes: %s.%s As root on %s, look at who made it, '
            'remove it (rm -r %s) and run again.' % (box, lock, why, nothing, box, lock))}
    holder = look['holder']
    if holder is None or not holder.get('run'):
        token = 'unknown'
        if break_run == token:
            return {'verdict': TAKE_OVER, 'break': token, 'msg': (
                '%s: the pair\'s lock %s names no holder (a run cut while taking it); broken on purpose '
                '(%s=%s).' % (box, lock, BREAK_VAR, token))}
        return {'verdict': REFUSE, 'break': None, 'msg': (
            '%s: the pair\'s lock %s names no holder (a run cut while taking it, %s), so nothing proves no run '
            'is moving the pair.%s Check that no run of this pair goes on (every controller, the AWX jobs), then '
            'break it on purpose: run again with -e %s=%s.' % (box, lock, look['lock']['raw'], nothing, BREAK_VAR,
                                                               token))}
    held_by = holder['run']
    if held_by == run:
        return {'verdict': OURS, 'break': None, 'msg': 'held by this run'}
    if held_by in set(clean(r) for r in released):
        return {'verdict': TAKE_OVER, 'break': held_by, 'msg': (
            '%s: the lock of %s was left on this box (it was halted or did not answer at that run\'s end); the '
            'journal shows that run released the pair, so it is cleared.' % (box, who(holder)))}
    if holder_alive is False:
        return {'verdict': TAKE_OVER, 'break': held_by, 'msg': (
            '%s: an earlier run did not finish: %s; its process is gone from this controller, so its lock is '
            'taken over.' % (box, who(holder)))}
    if break_run == held_by:
        return {'verdict': TAKE_OVER, 'break': held_by, 'msg': (
            '%s: the lock of %s is broken on purpose (%s=%s).' % (box, who(holder), BREAK_VAR, held_by))}
    return {'verdict': REFUSE, 'break': None, 'msg': (
        '%s: another run holds the pair\'s lock: %s.%s Wait for it to end. If you know it is gone (its controller '
        'or AWX job ended without releasing the lock), break the lock on purpose: run again with -e %s=%s.'
        % (box, who(holder), nothing, BREAK_VAR, held_by))}
