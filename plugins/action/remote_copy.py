# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.remote_copy.

Copies files that are already on the box over others, where they differ,
in one round trip and with no Python there: every pair is checked first
and nothing is copied unless every pair can be; each copy goes to a
temporary file beside the destination that takes over the destination's
owner, group and mode, then replaces it with ``mv`` (a rename), so the
destination is never half written.

What ``--diff`` shows goes through module_utils.secret first: Oracle's
``PASSWORDS_*`` lines and the lines matching the site's patterns
(``secret_patterns``, else the variable ``remedy_failover_secret_patterns``)
are masked, in the diff, and so in AWX's job events and any log of them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.remedy.failover.plugins.module_utils.probe import ProbeError, quote, section
from ansible_collections.remedy.failover.plugins.module_utils.secret import (
    SecretPatternError,
    compile_patterns,
    masked_diff,
)
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import RawActionBase, run_script

ARGUMENT_SPEC = {
    'files': {
        'type': 'list', 'elements': 'dict', 'required': True,
        'options': {
            'src': {'type': 'str', 'required': True},
            'dest': {'type': 'str', 'required': True},
        },
    },
    'backup': {'type': 'bool', 'default': False},
    'secret_patterns': {'type': 'list', 'elements': 'str'},
}
SECRET_PATTERNS_VAR = 'remedy_failover_secret_patterns'
TMP_SUFFIX = '.remedy-failover.tmp'
PROBLEMS = {
    'nosrc': '{src} is missing or not a regular file, so it cannot be copied over {dest}',
    'destlink': '{dest} is a symbolic link; it will not be replaced by a copy of {src}',
    'destnotfile': '{dest} exists and is not a regular file; it will not be replaced by a copy of {src}',
}


def _state(index, src, dest):
    """Prints one word: same, differ, new, or a key of PROBLEMS (and then sets ok=0)."""
    s, d = quote(src), quote(dest)
    return section('state:%d' % index, (
        'if [ -h {d} ]; then echo destlink; ok=0; '
        'elif [ -f {s} ]; then '
        'if [ -f {d} ]; then if cmp -s {s} {d}; then echo same; else echo differ; fi; '
        'elif ls -d {d} >/dev/null 2>&1; then echo destnotfile; ok=0; '
        'else echo new; fi; '
        'else echo nosrc; ok=0; fi').format(s=s, d=d))


def _content(tag, index, path, src, dest):
    """The content of ``path`` (after a flag line) when the pair differs; nothing otherwise."""
    s, d = quote(src), quote(dest)
    return section('%s:%d' % (tag, index), (
        'if [ -f {d} ] && cmp -s {s} {d}; then :; '
        'elif [ -f {p} ]; then echo x; cat {p}; echo; fi').format(s=s, d=d, p=quote(path)))


def _copy(index, src, dest, backup):
    s, d, t = quote(src), quote(dest), quote(dest + TMP_SUFFIX)
    keep = 'b={d}.$$.`date +%Y-%m-%d@%H:%M:%S`~; cp -p {d} "$b" && echo "backup $b" && ' if backup else ''
    return section('copy:%d' % index, (
        'if [ -f {d} ] && cmp -s {s} {d}; then :; '
        'elif rm -f {t} && {{ if [ -f {d} ]; then ' + keep + 'cp -p {d} {t} && cp {s} {t}; '
        'else cp -p {s} {t}; fi; }} && mv {t} {d}; then echo copied; '
        'else rm -f {t}; echo failed; fi').format(s=s, d=d, t=t))


class ActionModule(RawActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def run(self, tmp=None, task_vars=None):
        self._site_patterns = (task_vars or {}).get(SECRET_PATTERNS_VAR)
        return super(ActionModule, self).run(tmp, task_vars)

    def _patterns(self, args):
        site = args.get('secret_patterns')
        if site is None:
            site = getattr(self, '_site_patterns', None)
            if site is not None and self._templar is not None:
                site = self._templar.template(site)
        if isinstance(site, str):
            site = [site]
        return compile_patterns(site)

    def act(self, result, args, host):
        pairs = [(f['src'], f['dest']) for f in args['files']]
        try:
            patterns = self._patterns(args)
        except SecretPatternError as exc:
            result.update(failed=True, changed=False, msg='%s: %s. Nothing was changed.' % (host, exc))
            return result
        if not pairs:
            result.update(changed=False, files=[], msg='%s: no file to copy' % host)
            return result
        parts = ['ok=1']
        parts += [_state(i, s, d) for i, (s, d) in enumerate(pairs)]
        if self._task.diff:
            parts += [_content('before', i, d, s, d) for i, (s, d) in enumerate(pairs)]
            parts += [_content('after', i, s, s, d) for i, (s, d) in enumerate(pairs)]
        if not self._task.check_mode and pairs:
            parts.append('if [ "$ok" = 1 ]; then')
            parts += [_copy(i, s, d, args['backup']) for i, (s, d) in enumerate(pairs)]
            parts.append('fi')
        result['changed'] = False
        sections, error = run_script(self, parts)
        if error:
            result.update(failed=True, msg='%s: %s' % (host, error))
            return result
        try:
            files, problems, failures = self._read(sections, pairs)
        except ProbeError as exc:
            result.update(failed=True, msg='%s: %s' % (host, exc))
            return result
        result['files'] = files
        pending = [f for f in files if f['state'] in ('differ', 'new')]
        if problems:
            result.update(failed=True, msg='%s: %s. Nothing was changed.' % (host, '; '.join(problems)))
        elif failures:
            result.update(failed=True, changed=any(f.get('copied') for f in files),
                          msg='%s: %s' % (host, '; '.join(failures)))
        else:
            result['changed'] = bool(pending)
            verb = 'would copy' if self._task.check_mode else 'copied'
            result['msg'] = ('%s: %s %s' % (host, verb, ', '.join('%s over %s' % (f['src'], f['dest']) for f in pending))
                             if pending else '%s: every file already the same' % host)
            if self._task.diff:
                result['diff'] = [self._masked(f.pop('diff'), patterns) for f in files if 'diff' in f]
        for entry in files:
            entry.pop('diff', None)
        return result

    @staticmethod
    def _masked(diff, patterns):
        """The diff entry with every secret line masked (module_utils.secret), and the headers saying so."""
        before, after, note = masked_diff(diff['before'], diff['after'], patterns)
        return {'before_header': diff['before_header'] + note, 'after_header': diff['after_header'] + note,
                'before': before, 'after': after}

    def _read(self, sections, pairs):
        files, problems, failures = [], [], []
        for index, (src, dest) in enumerate(pairs):
            lines, rc = sections.get('state:%d' % index, (None, None))
            words = [w for w in (lines or []) if w.strip()]
            if rc is None or len(words) != 1:
                raise ProbeError('no complete answer about %s and %s' % (src, dest))
            entry = {'src': src, 'dest': dest, 'state': words[0].strip()}
            files.append(entry)
            if entry['state'] in PROBLEMS:
                problems.append(PROBLEMS[entry['state']].format(src=src, dest=dest))
            elif entry['state'] not in ('same', 'differ', 'new'):
                raise ProbeError('unexpected answer about %s: %r' % (dest, entry['state']))
            before = sections.get('before:%d' % index, ([], 0))[0]
            after = sections.get('after:%d' % index, ([], 0))[0]
            if after[:1] == ['x']:
                entry['diff'] = {'before_header': dest, 'after_header': src,
                                 'before': '\n'.join(before[1:]) if before[:1] == ['x'] else '',
                                 'after': '\n'.join(after[1:])}
            copy_lines, copy_rc = sections.get('copy:%d' % index, (None, None))
            if copy_lines is None:
                continue
            for line in copy_lines:
                if line.startswith('backup '):
                    entry['backup_file'] = line[len('backup '):]
            entry['copied'] = 'copied' in copy_lines
            if 'failed' in copy_lines or (entry['state'] in ('differ', 'new') and not entry['copied']):
                failures.append('copying %s over %s failed (rc=%s); %s is unchanged or already complete, '
                                'run again once the cause is fixed' % (src, dest, copy_rc, dest))
        return files, problems, failures
