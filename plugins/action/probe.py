# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.probe: read a box in one round trip, change nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible.errors import AnsibleConnectionFailure

from ansible_collections.remedy.failover.plugins.module_utils.identity import ID_COMMAND, IdParseError, parse_id
from ansible_collections.remedy.failover.plugins.module_utils.probe import (
    HOSTID_COMMAND,
    ProbeError,
    contents_section,
    file_section,
    parse_hostid,
    parse_file_section,
    read_contents,
    section,
)
from ansible_collections.remedy.failover.plugins.module_utils.ps import PS_COMMAND, PsParseError, parse_ps, running_names
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import (
    RawActionBase,
    psrinfo_sections,
    read_files,
    read_psrinfo,
    run_script,
    section_output,
)

ARGUMENT_SPEC = {
    'paths': {'type': 'list', 'elements': 'str', 'default': []},
    'checksum': {'type': 'bool', 'default': True},
    'follow': {'type': 'bool', 'default': False},
    'nodename': {'type': 'bool', 'default': False},
    'processes': {'type': 'bool', 'default': False},
    'psrinfo': {'type': 'bool', 'default': False},
    'psrinfo_path': {'type': 'str', 'default': '/usr/sbin/psrinfo'},
    'connect_timeout': {'type': 'int', 'default': 0},
    'identity': {'type': 'bool', 'default': False},
    'hostid': {'type': 'bool', 'default': False},
    'links': {'type': 'list', 'elements': 'str', 'default': []},
    'contents': {'type': 'list', 'elements': 'str', 'default': []},
    'connection_failure': {'type': 'str', 'choices': ['unreachable', 'answer'], 'default': 'unreachable'},
}
CONNECT_RETRY_DELAY = 3


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        paths = args['paths']
        parts = [file_section(i, p, args['checksum'], args['follow']) for i, p in enumerate(paths)]
        if args['nodename']:
            parts.append(section('nodename', 'uname -n'))
        if args['processes']:
            parts.append(section('ps', PS_COMMAND))
        if args['psrinfo']:
            parts.extend(psrinfo_sections(args['psrinfo_path']))
        if args['identity']:
            parts.append(section('id', ID_COMMAND))
        if args['hostid']:
            parts.append(section('hostid', HOSTID_COMMAND))
        # links as they are (never followed, no checksum): a link's own target, or a plain file standing there
        parts.extend(file_section('link:%d' % i, p, checksum=False) for i, p in enumerate(args['links']))
        try:
            parts.extend(contents_section(i, p) for i, p in enumerate(args['contents']))
        except ProbeError as exc:
            result.update(failed=True, changed=False, msg='%s: %s. Nothing was changed.' % (host, exc))
            return result
        result['changed'] = False
        if not parts:
            result['files'] = {}
            return result
        try:
            sections, error = self._run_connecting(parts, args['connect_timeout'])
        except AnsibleConnectionFailure as exc:
            if args['connection_failure'] != 'answer':
                raise
            result.update(failed=True, connection_failed=True, msg='%s: %s' % (host, str(exc).strip()))
            return result
        try:
            if error:
                raise ProbeError(error)
            result['files'] = read_files(sections, paths)
            if args['nodename']:
                out, rc = section_output(sections, 'nodename', 'uname -n')
                if rc != 0 or not out.strip():
                    raise ProbeError('"uname -n" failed (rc=%s): %s' % (rc, out.strip()))
                result['nodename'] = out.strip()
            if args['processes']:
                out, rc = section_output(sections, 'ps', PS_COMMAND)
                if rc != 0:
                    raise ProbeError('"%s" failed (rc=%s): %s' % (PS_COMMAND, rc, out.strip()))
                result['processes'] = parse_ps(out)
                result['names'] = running_names(result['processes'])
            if args['psrinfo']:
                result['psrinfo'] = read_psrinfo(sections, args['psrinfo_path'])[0]
            if args['identity']:
                out, rc = section_output(sections, 'id', ID_COMMAND)
                result['uid'], result['user'] = parse_id(out)
            if args['hostid']:
                out, rc = section_output(sections, 'hostid', '/usr/bin/hostid')
                if rc != 0:
                    raise ProbeError('"/usr/bin/hostid" failed (rc=%s): %s' % (rc, out.strip()))
                result['hostid'] = parse_hostid(out)
            if args['links']:
                result['links'] = {}
                for index, path in enumerate(args['links']):
                    lines, rc = sections.get('file:link:%d' % index, (None, None))
                    if lines is None or rc is None:
                        raise ProbeError('no complete answer for %s' % path)
                    result['links'][path] = parse_file_section(lines, path)
            if args['contents']:
                result['contents'] = read_contents(sections)
        except IdParseError as exc:
            result.update(failed=True, msg='%s: cannot tell who the commands run as: %s. Nothing was changed.'
                          % (host, exc))
        except (ProbeError, PsParseError) as exc:
            result.update(failed=True, msg='%s: %s. Nothing was changed.' % (host, exc))
        return result

    def _run_connecting(self, parts, connect_timeout):
        """run_script, retrying only when the connection fails (a box whose sshd has just started), for up to
        connect_timeout seconds; any other failure is the box's answer and is never retried."""
        deadline = time.time() + connect_timeout
        while True:
            try:
                return run_script(self, parts)
            except AnsibleConnectionFailure:
                if time.time() + CONNECT_RETRY_DELAY > deadline:
                    raise
                self._connection.reset()
                time.sleep(CONNECT_RETRY_DELAY)
