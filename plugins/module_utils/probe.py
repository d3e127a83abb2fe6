# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure helpers for the collection's one-round-trip shell scripts.

The action plugins send one Bourne shell script through the connection (no
Python on the target) and read its output here, on the controller.  The
scripts use only what Solaris 8 to 11 have: the old Bourne ``/bin/sh`` (no
``$(...)``, no ``[ -e ]``, no ``${var%...}``), ``ls -ldin``, ``cksum``,
``cmp -s``, ``cp``, ``mv``, ``ln -s``, ``rm``.

A script is made of sections; each prints a marker line, its output, then
its exit status on a marker line of its own, so one reply carries many
answers and a failing command never hides the others.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import posixpath
import re
import shlex

MARK = '@@remedy.failover@@'
_MARK_RE = re.compile(r'^' + re.escape(MARK) + r' (\S+)(?: (.*))?$')
_CKSUM_RE = re.compile(r'^(\d+)\s+(\d+)\s*$')
_HOSTID_RE = re.compile(r'^[0-9a-f]{8}$')
# what a contents pattern may hold: a path, with * and ? for the shell to expand (never quoted: see contents_section)
_PATTERN_RE = re.compile(r'^/[A-Za-z0-9_./*?+:-]+$')
# /usr/bin/hostid where the box has it; "nohostid" where it has none
HOSTID_COMMAND = 'if [ -x /usr/bin/hostid ]; then /usr/bin/hostid; else echo nohostid; fi'
_TYPES = {'-': 'file', 'd': 'directory', 'l': 'link'}
_PERMS = 'rwxrwxrwx'


class ProbeError(ValueError):
    """The reply is not what the script prints."""


def quote(text):
    """A word for the Bourne shell: single-quoted, as shlex does."""
    return shlex.quote(str(text))


def section(tag, command):
    """Shell text running ``command`` between markers, then its exit status."""
    return 'echo %s; %s; echo "%s rc $?"' % (quote('%s %s' % (MARK, tag)), command, MARK)


def file_section(index, path, checksum=True, follow=False):
    """``ls -ldin`` of one path (nothing when it is missing), then ``cksum`` of a regular file."""
    word = quote(path)
    lines = ['ls -ldin%s %s 2>/dev/null' % ('L' if follow else '', word)]
    if checksum:
        test = 'if [ -f %s ]; then cksum <%s 2>/dev/null; fi' % (word, word)
        if not follow:  # a link's own checksum is not its target's
            test = 'if [ -h %s ]; then :; else %s; fi' % (word, test)
        lines.append(test)
    return section('file:%s' % index, '{ %s; true; }' % '; '.join(lines))


def split_sections(text):
    """The sections of a reply: ``[(tag, lines, rc)]`` in order.

    ``rc`` is None for a section cut short (the script was killed).
    """
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    sections, current = [], None
    for line in (text or '').replace('\r\n', '\n').split('\n'):
        match = _MARK_RE.match(line)
        if not match:
            if current is not None:
                current[1].append(line)
            continue
        tag, rest = match.group(1), match.group(2)
        if tag == 'rc':
            if current is None:
                raise ProbeError('an exit status with no section before it')
            try:
                current[2] = int(rest)
            except (TypeError, ValueError):
                raise ProbeError('bad exit status line: %r' % line)
            sections.append(tuple(current))
            current = None
            continue
        if current is not None:
            sections.append(tuple(current))
        current = [tag, [], None]
    if current is not None:
        sections.append(tuple(current))
    return sections


def by_tag(sections):
    """``{tag: (lines, rc)}``; a tag seen twice keeps its first section."""
    found = {}
    for tag, lines, rc in sections:
        found.setdefault(tag, (lines, rc))
    return found


def text_of(lines):
    """The output of a section as text; the script's own last newline is not part of it."""
    return '\n'.join(lines[:-1] if lines and lines[-1] == '' else lines)


def mode_of(perms):
    """``rwxr-xr-x`` (with s, S, t, T) as an octal string such as ``0755``."""
    if len(perms) != 9:
        raise ProbeError('not a permission string: %r' % perms)
    bits, special = 0, 0
    for pos, char in enumerate(perms):
        bit = 1 << (8 - pos)
        if char == _PERMS[pos] or char in 'st':
            bits |= bit
        elif char not in '-ST' and not (char == 'l' and pos == 5):
            raise ProbeError('not a permission string: %r' % perms)
        if char in 'sStT' or (char == 'l' and pos == 5):
            special |= {2: 4, 5: 2, 8: 1}.get(pos, 0)
    return '%04o' % (special << 9 | bits)


def parse_ls(line, path):
    """One line of ``ls -ldin PATH`` (Solaris or POSIX) as a dict.

    Keys: exists, type (file, directory, link, other), mode, uid, gid, size,
    inode, nlink, executable (by its owner), target (a link's, as written).
    """
    words = line.split()
    if len(words) < 8 or not words[0].isdigit():
        raise ProbeError('not a line of "ls -ldin %s": %r' % (path, line))
    perms = words[1]
    info = {
        'path': path,
        'exists': True,
        'type': _TYPES.get(perms[0], 'other'),
        'mode': mode_of(perms[1:10]),
        'inode': int(words[0]),
        'nlink': int(words[2]) if words[2].isdigit() else None,
        'uid': words[3],
        'gid': words[4],
        'size': int(words[5]) if words[5].isdigit() else None,
        'executable': perms[3] in 'xs',
        'target': None,
    }
    if info['type'] == 'link':
        arrow = ' %s -> ' % path
        at = line.rfind(arrow)
        if at < 0:
            raise ProbeError('no link target in %r' % line)
        info['target'] = line[at + len(arrow):]
    return info


def missing(path):
    return {'path': path, 'exists': False, 'type': None, 'mode': None, 'inode': None, 'nlink': None,
            'uid': None, 'gid': None, 'size': None, 'executable': False, 'target': None}


def parse_file_section(lines, path):
    """The ``file_section`` output of one path: its ``parse_ls`` dict plus ``checksum``."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        info = missing(path)
    else:
        info = parse_ls(lines[0], path)
        lines = lines[1:]
    info['checksum'] = None
    if lines:
        match = _CKSUM_RE.match(lines[0])
        if not match or len(lines) > 1:
            raise ProbeError('not the output of "cksum <%s": %r' % (path, lines))
        info['checksum'] = '%s %s' % (match.group(1), match.group(2))
    return info


def link_points_to(info, target):
    """True when the link ``info`` leads to ``target`` (absolute, or relative to the link's directory)."""
    if not info.get('exists') or info.get('type') != 'link' or not info.get('target'):
        return False
    written = info['target']
    if not written.startswith('/'):
        written = posixpath.join(posixpath.dirname(info['path']), written)
    return posixpath.normpath(written) == posixpath.normpath(target)


def parse_hostid(text):
    """The output of HOSTID_COMMAND: 8 lowercase hex digits (Solaris prints ``%08lx``), or None when the box has no
    ``/usr/bin/hostid``. ProbeError for anything else: never read as no hostid."""
    words = (text or '').split()
    if words == ['nohostid']:
        return None
    if len(words) != 1 or not _HOSTID_RE.match(words[0]):
        raise ProbeError('not the output of "/usr/bin/hostid" (8 hex digits): %r' % (text,))
    return words[0]


def contents_section(index, pattern):
    """Shell text printing each regular file ``pattern`` names (a path, or a shell pattern such as
    ``/etc/hostname.*``), each in a section ``cat:INDEX:PATH`` of its own; a path or pattern that names nothing
    prints no section."""
    if not _PATTERN_RE.match(pattern or ''):
        raise ProbeError('%r is not a path or pattern the probe reads (absolute; letters, digits, _ . / * ? + : -)'
                         % (pattern,))
    return ('for f in %s; do if [ -f "$f" ]; then echo "%s cat:%d:$f"; cat "$f"; rc=$?; echo; echo "%s rc $rc"; fi; done'
            % (pattern, MARK, index, MARK))


def read_contents(sections):
    """``{path: text}`` from the contents_section replies (sections as ``by_tag`` gives them)."""
    found = {}
    for tag, (lines, rc) in sections.items():
        if not tag.startswith('cat:'):
            continue
        path = tag.split(':', 2)[2]
        if rc is None:
            raise ProbeError('no complete answer for the content of %s' % path)
        # the echo after cat ends a last line without newline: drop the empty line it adds
        found[path] = text_of(lines[:-1] if lines and lines[-1] == '' else lines)
    return found
