# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.probe: read a box in one round trip, change nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.remedy.failover.plugins.module_utils.probe import ProbeError, file_section, quote, section, text_of
from ansible_collections.remedy.failover.plugins.module_utils.ps import PS_COMMAND, PsParseError, parse_ps, running_names
from ansible_collections.remedy.failover.plugins.module_utils.psrinfo import PsrinfoParseError, merge_psrinfo, parse_psrinfo
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, read_files, run_script

ARGUMENT_SPEC = {
    'paths': {'type': 'list', 'elements': 'str', 'default': []},
    'checksum': {'type': 'bool', 'default': True},
    'follow': {'type': 'bool', 'default': False},
    'nodename': {'type': 'bool', 'default': False},
    'processes': {'type': 'bool', 'default': False},
    'psrinfo': {'type': 'bool', 'default': False},
    'psrinfo_path': {'type': 'str', 'default': '/usr/sbin/psrinfo'},
}


def _output(sections, tag, what):
    lines, rc = sections.get(tag, (None, None))
    if lines is None or rc is None:
        raise ProbeError('no complete answer from "%s"' % what)
    return text_of(lines), rc


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        paths = args['paths']
        psrinfo = quote(args['psrinfo_path'])
        parts = [file_section(i, p, args['checksum'], args['follow']) for i, p in enumerate(paths)]
        if args['nodename']:
            parts.append(section('nodename', 'uname -n'))
        if args['processes']:
            parts.append(section('ps', PS_COMMAND))
        if args['psrinfo']:
            parts.append(section('psrinfo-v', '%s -v 2>&1' % psrinfo))
            parts.append(section('psrinfo-p', '%s -p 2>&1' % psrinfo))
        result['changed'] = False
        if not parts:
            result['files'] = {}
            return result
        sections, error = run_script(self, parts)
        try:
            if error:
                raise ProbeError(error)
            result['files'] = read_files(sections, paths)
            if args['nodename']:
                out, rc = _output(sections, 'nodename', 'uname -n')
                if rc != 0 or not out.strip():
                    raise ProbeError('"uname -n" failed (rc=%s): %s' % (rc, out.strip()))
                result['nodename'] = out.strip()
            if args['processes']:
                out, rc = _output(sections, 'ps', PS_COMMAND)
                if rc != 0:
                    raise ProbeError('"%s" failed (rc=%s): %s' % (PS_COMMAND, rc, out.strip()))
                result['processes'] = parse_ps(out)
                result['names'] = running_names(result['processes'])
            if args['psrinfo']:
                result['psrinfo'] = self._psrinfo(sections, args['psrinfo_path'])
        except (ProbeError, PsParseError, PsrinfoParseError) as exc:
            result.update(failed=True, msg='%s: %s. Nothing was changed.' % (host, exc))
        return result

    @staticmethod
    def _psrinfo(sections, path):
        parsed = []
        for tag, flag in (('psrinfo-v', '-v'), ('psrinfo-p', '-p')):
            out, rc = _output(sections, tag, '%s %s' % (path, flag))
            if rc != 0:
                if flag == '-p':
                    continue  # Solaris 8 has no -p: the physical count is unknown (None)
                raise ProbeError('"%s -v" failed (rc=%s): %s. Is psrinfo at %s?' % (path, rc, out.strip(), path))
            try:
                parsed.append(parse_psrinfo(out))
            except PsrinfoParseError as exc:
                raise ProbeError('cannot read the output of "%s %s": %s' % (path, flag, exc))
        return merge_psrinfo(*parsed)
