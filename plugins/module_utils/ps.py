# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure parser for ``ps -o pid= -o args=`` (Solaris 8-10, illumos, Linux), and the one matcher that tells a
service's process by what identifies it on a real box.

Solaris' ``ps -o args`` is the command line as the process was started, cut at 80 characters; ``-o comm`` is only
its first word (argv[0]). On Solaris 10, ``ps -e`` also lists the processes of every non-global zone: where ps
says its own shell runs in the global zone (Solaris 10's ``-o zone``, tried first), the command prints each process's zone and
the reader keeps the global zone's only (as ``ps -z global`` would list them); Solaris 8 and 9 have no zones (no
``-o zone``, no ``-z``), and every process counts.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import posixpath
import re

# the first line says which form ran, so the reader knows what it reads
PS_COMMAND = ('if ps -o zone= -p $$ 2>/dev/null | grep global >/dev/null 2>&1; then echo zones=column; '
              'ps -e -o zone= -o pid= -o args=; else echo zones=none; ps -e -o pid= -o args=; fi')
GLOBAL_ZONE = 'global'
ARGS_LIMIT = 80

_LINE_RE = re.compile(r'^\s*(\d+)\s+(\S.*?)\s*$')
_ZONES_RE = re.compile(r'^zones=(column|none)\s*$')
_ZONE_LINE_RE = re.compile(r'^\s*(\S+)\s+(\d+)\s+(\S.*?)\s*$')


class PsParseError(ValueError):
    """The text is not the output of ``ps -o pid= -o args=``."""


class PsSpecError(ValueError):
    """A service's description cannot recognise its process; the text says what is wrong."""


def parse_ps(text):
    """Return a list of ``{'pid': int, 'args': str, 'comm': str, 'name': str}``.

    ``args`` is what ps printed (Solaris: the command line as started, at most 80 characters); ``comm`` its first
    word (argv[0], often the path the program was started by, e.g. ``/usr/lib/ssh/sshd``); ``name`` the last
    component of ``comm``. A first line ``zones=column`` (PS_COMMAND's, on a box with zones) says each line starts
    with the process's zone: only the global zone's processes are returned; ``zones=none`` (Solaris 8, 9) that no
    line has one.
    """
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    processes, zoned, seen = [], False, False
    for line in (text or '').replace('\r\n', '\n').split('\n'):
        if not line.strip():
            continue
        first = _ZONES_RE.match(line.strip()) if not seen else None
        seen = True
        if first:
            zoned = first.group(1) == 'column'
            continue
        if zoned:
            match = _ZONE_LINE_RE.match(line)
            if not match:
                raise PsParseError('not a "zone pid args" line of ps output: %r' % line)
            if match.group(1) != GLOBAL_ZONE:
                continue  # another zone's process (Solaris 10): never this box's Remedy
            pid, args = match.group(2), match.group(3)
        else:
            match = _LINE_RE.match(line)
            if not match:
                raise PsParseError('not a "pid args" line of ps output: %r' % line)
            pid, args = match.group(1), match.group(2)
        comm = args.split()[0]
        processes.append({'pid': int(pid), 'args': args, 'comm': comm,
                          'name': posixpath.basename(comm) or comm})
    if not processes:
        raise PsParseError('ps printed no process at all (it lists at least itself)')
    return processes


def running_names(processes):
    """The sorted set of process names."""
    return sorted(set(p['name'] for p in processes))


def service_spec(service):
    """A service's process description, checked: ``{'process', 'path', 'args'}``.

    ``process`` (required, never empty): the name the process is reported by, and what argv[0]'s last component
    must be when neither ``path`` nor ``args`` is given. ``path``: what argv[0] must be exactly (the path the daemon
    was started by, ``/usr/ar/bin/arserverd``). ``args``: a regular expression (Python ``re.search``) the command
    line must match (the first 80 characters of it on Solaris), for a process started as ``java``. Both given: both
    must hold. PsSpecError says what is wrong.
    """
    if not isinstance(service, dict):
        raise PsSpecError('%r is not a dict with a process' % (service,))
    process = service.get('process')
    if not isinstance(process, str) or not process.strip():
        raise PsSpecError('the service %s has no process (%r): its daemon could never be seen running'
                          % (service.get('script', '?'), process))
    path = service.get('path') or None
    if path is not None and (not isinstance(path, str) or not path.startswith('/') or len(path.split()) != 1):
        raise PsSpecError('the service %s: path %r is not an absolute path (argv[0] as the daemon is started)'
                          % (service.get('script', process), path))
    args = service.get('args') or None
    if args is not None:
        try:
            re.compile(args)
        except (re.error, TypeError) as exc:
            raise PsSpecError('the service %s: args %r is not a regular expression (%s)'
                              % (service.get('script', process), args, exc))
    return {'process': process.strip(), 'path': path, 'args': args}


def matches(spec, proc):
    """True when the process ``proc`` (a parse_ps entry) is the one ``spec`` (service_spec) describes."""
    args = proc.get('args') or proc.get('comm') or ''
    comm = proc.get('comm') or (args.split() or [''])[0]
    if spec['path'] is None and spec['args'] is None:
        return (posixpath.basename(comm) or comm) == spec['process']
    if spec['path'] is not None and comm != spec['path']:
        return False
    return spec['args'] is None or re.search(spec['args'], args) is not None


def running_services(specs, processes):
    """The ``process`` of each spec a process matches, in the specs' order."""
    return [spec['process'] for spec in specs if any(matches(spec, proc) for proc in processes)]


def describe_spec(spec):
    """How a spec recognises its process, for messages."""
    how = []
    if spec['path']:
        how.append('started as %s' % spec['path'])
    if spec['args']:
        how.append('its command line matching %s' % spec['args'])
    return '%s (%s)' % (spec['process'], ', '.join(how) or 'argv[0] named %s' % spec['process'])
