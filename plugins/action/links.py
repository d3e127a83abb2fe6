# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.links: symbolic links present or absent, never anything else touched.

One round trip reads every link path and every target; nothing changes unless
every link can be handled; one more round trip makes the changes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import posixpath

from ansible_collections.remedy.failover.plugins.module_utils.probe import ProbeError, file_section, link_points_to, quote, section
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, read_files, run_script

ARGUMENT_SPEC = {
    'links': {
        'type': 'list', 'elements': 'dict', 'required': True,
        'options': {
            'path': {'type': 'str', 'required': True, 'aliases': ['link']},
            'target': {'type': 'str', 'required': True, 'aliases': ['script']},
        },
    },
    'state': {'type': 'str', 'required': True, 'choices': ['present', 'absent']},
    'link_dir': {'type': 'str'},
    'target_dir': {'type': 'str'},
    'require_executable': {'type': 'bool', 'default': True},
}


def absolute(path, directory, what):
    """``path`` itself when absolute, else joined to ``directory``."""
    if path.startswith('/'):
        return path
    if not directory:
        raise ValueError('%s %r is relative: give an absolute path or %s' % (what, path, what + '_dir'))
    return posixpath.join(directory, path)


def kind_of(entry, target):
    """What stands at a link's path: missing, symlink (to the target), hardlink (to it), or foreign."""
    if not entry['exists']:
        return 'missing'
    if link_points_to(entry, target['path']):
        return 'symlink'
    both_files = entry['type'] == 'file' and target['exists'] and target['type'] == 'file'
    if both_files and entry['inode'] == target['inode'] and (entry['nlink'] or 0) > 1:
        return 'hardlink'
    return 'foreign'


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def act(self, result, args, host):
        try:
            links = [{'path': absolute(link['path'], args['link_dir'], 'link'),
                      'target': absolute(link['target'], args['target_dir'], 'target')} for link in args['links']]
        except ValueError as exc:
            result.update(failed=True, msg='%s: %s. Nothing was changed.' % (host, exc))
            return result
        present = args['state'] == 'present'
        paths = [link['path'] for link in links]
        targets = [link['target'] for link in links]
        parts = [file_section(i, p, checksum=False) for i, p in enumerate(paths)]
        parts += [file_section(len(paths) + i, t, checksum=False, follow=True) for i, t in enumerate(targets)]
        result['changed'] = False
        sections, error = run_script(self, parts)
        try:
            if error:
                raise ProbeError(error)
            found = read_files(sections, paths + targets)
        except ProbeError as exc:
            result.update(failed=True, msg='%s: %s. Nothing was changed.' % (host, exc))
            return result

        report, problems, todo = [], [], []
        for link in links:
            entry, target = found[link['path']], found[link['target']]
            kind = kind_of(entry, target)
            report.append({'path': link['path'], 'target': link['target'], 'found': kind})
            if kind == 'foreign':
                problems.append('%s is not a link to %s (it is a file of its own, a directory or a link elsewhere) '
                                'and will not be overwritten or removed; look at it, move it away by hand if it is '
                                'not needed' % (link['path'], link['target']))
            elif present and not (target['type'] == 'file' and (target['executable'] or not args['require_executable'])):
                problems.append('%s is missing or not executable, so %s cannot start anything; restore it'
                                % (link['target'], link['path']))
            elif present and kind != 'symlink':
                todo.append((link, kind))
            elif not present and kind != 'missing':
                todo.append((link, kind))
        result['links'] = report
        if problems:
            result.update(failed=True, msg='%s: %s. Nothing was changed. Run again once fixed.'
                                           % (host, '; '.join(problems)))
            return result
        result['changed'] = bool(todo)
        result['diff'] = [{'before_header': link['path'], 'after_header': link['path'],
                           'before': '%s\n' % ('absent' if kind == 'missing' else '%s to %s' % (kind, link['target'])),
                           'after': '%s\n' % ('symlink to %s' % link['target'] if present else 'absent')}
                          for link, kind in todo]
        verb = ('would ' if self._task.check_mode else '') + ('link' if present else 'remove')
        result['msg'] = ('%s: %s %s' % (host, verb, ', '.join(link['path'] for link, dummy in todo)) if todo
                         else '%s: every link already %s' % (host, args['state']))
        if not todo or self._task.check_mode:
            return result

        act = []
        for index, (link, kind) in enumerate(todo):
            p, t = quote(link['path']), quote(link['target'])
            cmd = 'rm -f %s' % p if (kind != 'missing') else 'true'
            if present:
                cmd += ' && ln -s %s %s' % (t, p)
            act.append(section('act:%d' % index, 'if %s; then echo done; else echo failed; fi' % cmd))
        sections, error = run_script(self, act)
        failed = [link['path'] for index, (link, dummy) in enumerate(todo)
                  if error or [w for w in sections.get('act:%d' % index, ([], None))[0] if w] != ['done']]
        if failed:
            result.update(failed=True, msg='%s: could not %s %s; run again once the cause is fixed'
                                           % (host, 'link' if present else 'remove', ', '.join(failed)))
        return result
