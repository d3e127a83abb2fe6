# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the collection's action plugins: run a command on the target
through the connection (no Python needed there) and describe the host."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.remedy.failover.plugins.module_utils.probe import (
    ProbeError,
    by_tag,
    parse_file_section,
    quote,
    section,
    split_sections,
    text_of,
)
from ansible_collections.remedy.failover.plugins.module_utils.ps import PS_COMMAND, PsParseError, parse_ps
from ansible_collections.remedy.failover.plugins.module_utils.psrinfo import (
    PsrinfoParseError,
    merge_psrinfo,
    parse_psrinfo,
)


# Every script the collection sends starts so: Solaris localises psrinfo, ls, su and date, and ssh clients forward
# LANG and LC_*; the readers here know the C locale's words only.  (An SVR4 Bourne shell export takes names only.)
SCRIPT_PROLOGUE = 'LC_ALL=C; export LC_ALL; '


def script_text(cmd):
    """The text sent to the box for ``cmd``: the prologue, then the command."""
    return SCRIPT_PROLOGUE + cmd


def run_raw(action, cmd):
    """Run cmd (after SCRIPT_PROLOGUE) on the target; return (rc, stdout, stderr) as text."""
    res = action._low_level_execute_command(script_text(cmd), sudoable=True)
    return (res.get('rc'),
            to_text(res.get('stdout', ''), errors='surrogate_or_strict'),
            to_text(res.get('stderr', ''), errors='surrogate_or_strict'))


# ssh's own words when it closes a session (on stderr; "Shared" when multiplexed): never what the box said
_SSH_CLOSED = re.compile(r'(?:Shared c|C)onnection to \S+ closed(?: by remote host)?\.')


def box_said(out, err, limit=500):
    """What the box printed, on one line: stdout and stderr, since over ``ssh -tt`` (become with su) the box's
    complaints arrive on stdout and stderr holds only ssh's; ssh's closing words are left out."""
    return ' '.join(_SSH_CLOSED.sub('', '%s %s' % (out or '', err or '')).split())[:limit]


def host_label(task_vars):
    """``sunar01 (172.29.83.11)``: the service name and the address it was reached at."""
    task_vars = task_vars or {}
    name = task_vars.get('inventory_hostname', 'this host')
    address = task_vars.get('ansible_host')
    return '%s (%s)' % (name, address) if address and address != name else name


def processes(action):
    """The target's processes: (list, None) or (None, error message)."""
    rc, out, err = run_raw(action, PS_COMMAND)
    if rc != 0:
        return None, '"%s" failed (rc=%s): %s' % (PS_COMMAND, rc, box_said(out, err) or 'no output')
    try:
        return parse_ps(out), None
    except PsParseError as exc:
        return None, 'cannot read the output of "%s": %s' % (PS_COMMAND, exc)


class RawActionBase(ActionBase):
    """Base of the collection's action plugins: no file transfer, no Python on the target.

    A subclass sets ARGUMENT_SPEC (and _VALID_ARGS = frozenset(ARGUMENT_SPEC))
    and implements act(result, args, host), where host is host_label().
    """

    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False
    ARGUMENT_SPEC = {}

    def run(self, tmp=None, task_vars=None):
        result = super(RawActionBase, self).run(tmp, task_vars)
        del tmp
        self._task_vars = task_vars or {}
        dummy, args = self.validate_argument_spec(argument_spec=self.ARGUMENT_SPEC)
        return self.act(result, args, host_label(task_vars))

    def act(self, result, args, host):
        raise NotImplementedError


def run_script(action, parts):
    """Run the sections ``parts`` as one script in one round trip.

    Returns ``(sections, None)``, sections as ``probe.by_tag`` gives them, or
    ``(None, error message)`` when the reply cannot be read.
    """
    rc, out, err = run_raw(action, '\n'.join(parts))
    try:
        sections = by_tag(split_sections(out))
    except ProbeError as exc:
        return None, 'cannot read the reply of the script (rc=%s): %s' % (rc, exc)
    if not sections and parts:
        # over ssh -tt (become) the box's own words (a login shell's complaint) come on stdout, ssh's on stderr
        said = box_said(out, err)
        return None, ('the script gave none of its answers (rc=%s); the box said "%s"' % (rc, said) if said
                      else 'the script gave none of its answers (rc=%s) and printed nothing' % rc)
    return sections, None


def section_output(sections, tag, what):
    """``(text, rc)`` of the section ``tag``; ProbeError when the reply holds no complete answer for it."""
    lines, rc = sections.get(tag, (None, None))
    if lines is None or rc is None:
        raise ProbeError('no complete answer from "%s"' % what)
    return text_of(lines), rc


def psrinfo_sections(path, physical=True):
    """The script sections reading ``psrinfo -v`` and (unless physical is false) ``psrinfo -p``."""
    parts = [section('psrinfo-v', '%s -v 2>&1' % quote(path))]
    if physical:
        parts.append(section('psrinfo-p', '%s -p 2>&1' % quote(path)))
    return parts


def read_psrinfo(sections, path):
    """``(facts, raw)`` from the replies to psrinfo_sections: the merged facts, and the text of each form read.

    ProbeError names the command that failed or printed what is not psrinfo output; a Solaris 8 box has no
    ``-p``, and its physical count is then None.  Garbage is never read as 0 processors.
    """
    parsed, raw = [], {}
    for tag, flag, form in (('psrinfo-v', '-v', 'verbose'), ('psrinfo-p', '-p', 'physical')):
        if tag not in sections and flag == '-p':
            continue  # not asked for
        out, rc = section_output(sections, tag, '%s %s' % (path, flag))
        if rc != 0:
            if flag == '-p':
                continue  # Solaris 8 has no -p: the physical count is unknown (None)
            raise ProbeError('"%s -v" failed (rc=%s): %s. Is psrinfo at %s?' % (path, rc, out.strip(), path))
        try:
            parsed.append(parse_psrinfo(out))
        except PsrinfoParseError as exc:
            raise ProbeError('cannot read the output of "%s %s": %s' % (path, flag, exc))
        raw[form] = out
    return merge_psrinfo(*parsed), raw


def read_files(sections, paths):
    """``{path: info}`` from the ``file_section`` replies of ``paths`` (in the order they were sent)."""
    found = {}
    for index, path in enumerate(paths):
        lines, rc = sections.get('file:%d' % index, (None, None))
        if lines is None or rc is None:
            raise ProbeError('no complete answer for %s' % path)
        found[path] = parse_file_section(lines, path)
    return found


class ControllerActionBase(ActionBase):
    """Base of the collection's controller-only actions: no connection to the host, arguments validated.

    A subclass sets ARGUMENT_SPEC (and _VALID_ARGS = frozenset(ARGUMENT_SPEC)) and implements act(result, args);
    the task's variables are self._task_vars there (a dict, empty when the task has none).
    """

    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False
    _requires_connection = False
    ARGUMENT_SPEC = {}

    def run(self, tmp=None, task_vars=None):
        self._task_vars = task_vars or {}
        result = super(ControllerActionBase, self).run(tmp, task_vars)
        del tmp
        dummy, args = self.validate_argument_spec(argument_spec=self.ARGUMENT_SPEC)
        return self.act(result, args)

    def act(self, result, args):
        raise NotImplementedError
