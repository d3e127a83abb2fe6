# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secret lines of the files a move copies, masked before any output shows them.

A file the move copies (listener.ora above all) may hold secrets: Oracle's
``PASSWORDS_<listener>`` parameters always count, and so does every line
matching a regular expression the site lists in ``remedy_failover_secret_patterns``.
What shows a file's content (``--diff``, the audit trail, AWX's job events) shows
it through mask(): a secret line keeps its parameter name at most, never its
value, and the continuation lines that follow it (an Oracle value may run on over
indented lines) are masked too.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# Oracle Net: PASSWORDS_LISTENER (any listener's name), in any case
ORACLE_PATTERNS = (r'PASSWORDS_\w*',)
MASK = '******** (secret, masked by remedy.failover)'
_NAMED = re.compile(r'(\s*[A-Za-z_][\w.]*\s*)=')


class SecretPatternError(ValueError):
    pass


def compile_patterns(site_patterns=None):
    """Oracle's patterns and the site's, compiled (case-insensitive); a pattern that is not a regular
    expression raises SecretPatternError naming it."""
    compiled = []
    for pattern in list(ORACLE_PATTERNS) + list(site_patterns or []):
        if not isinstance(pattern, str):
            raise SecretPatternError('remedy_failover_secret_patterns must be a list of regular expressions; '
                                     '%r is not a string' % (pattern,))
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise SecretPatternError('remedy_failover_secret_patterns: %r is not a regular expression (%s)'
                                     % (pattern, exc))
    return compiled


def is_secret(line, patterns):
    return any(p.search(line) for p in patterns)


def _continues(line):
    """A line that carries on the value of the line before it (Oracle: indented, or a parenthesis)."""
    return line[:1] in (' ', '\t', '(', ')') and line.strip() != ''


def mask(text, patterns):
    """``(masked text, number of lines masked)``: each secret line as ``NAME = ********...`` (or the mask
    alone when it names no parameter), its continuation lines as the mask alone, indent kept."""
    out, count, inside = [], 0, False
    for line in text.split('\n'):
        if is_secret(line, patterns):
            named = _NAMED.match(line)
            out.append((named.group(1) + '= ' + MASK) if named else MASK)
            count, inside = count + 1, True
        elif inside and _continues(line):
            out.append(line[:len(line) - len(line.lstrip())] + MASK)
            count += 1
        else:
            out.append(line)
            inside = False
    return '\n'.join(out), count


def masked_diff(before, after, patterns):
    """A diff entry's before and after with secret lines masked, and a note for the headers when any were:
    ``(before, after, note)``; the note says when the secret lines themselves differ (never how)."""
    masked_before, in_before = mask(before, patterns)
    masked_after, in_after = mask(after, patterns)
    if not in_before and not in_after:
        return before, after, ''
    secrets_differ = _secret_lines(before, patterns) != _secret_lines(after, patterns)
    note = ' (%d secret line(s) masked%s)' % (max(in_before, in_after),
                                              '; the secret lines differ' if secrets_differ else '')
    return masked_before, masked_after, note


def _secret_lines(text, patterns):
    kept, inside = [], False
    for line in text.split('\n'):
        if is_secret(line, patterns):
            kept.append(line)
            inside = True
        elif inside and _continues(line):
            kept.append(line)
        else:
            inside = False
    return kept
