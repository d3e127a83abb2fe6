"""The plays read like the runbook (issue 22): what Jinja under playbooks/ computes moves into tested Python
(module_utils, action plugins), so the lines carrying Jinja and the hostvars lookups only ever go down.

The ceilings are the counts reached so far; the issue's aim is under 130 lines carrying Jinja and at most 10
hostvars lookups. Lower them when a change moves more into Python; never raise them.
"""

import os
import re

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
PLAYBOOKS = os.path.join(ROOT, 'playbooks')
CEILINGS = {
    'lines carrying Jinja': (re.compile(r'\{\{|\{%'), 293),
    'hostvars lookups': (re.compile(r'hostvars'), 9),
}


def count(pattern):
    """Lines matching pattern (lines carrying Jinja), or its occurrences (hostvars), over playbooks/**/*.yml."""
    lines = occurrences = 0
    for directory, dummy, files in os.walk(PLAYBOOKS):
        for name in sorted(files):
            if name.endswith(('.yml', '.yaml')):
                with open(os.path.join(directory, name)) as handle:
                    for line in handle:
                        found = len(pattern.findall(line))
                        lines += found > 0
                        occurrences += found
    return lines, occurrences


@pytest.mark.parametrize('what', sorted(CEILINGS))
def test_playbooks_carry_no_more_jinja_than_reached(what):
    pattern, ceiling = CEILINGS[what]
    lines, occurrences = count(pattern)
    found = lines if what == 'lines carrying Jinja' else occurrences
    assert found <= ceiling, ('%d %s under playbooks/ (at most %d): compute it in Python (module_utils, an action '
                              'plugin) and pass the value' % (found, what, ceiling))
