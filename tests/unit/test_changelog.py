"""The changelog tells the truth about the release in galaxy.yml: while no earlier release exists (1.0.0 is the first),
there is nothing a user could see fixed, removed, deprecated or broken, so the fragments use only the sections a
first release has; internal work goes to ``trivial``."""

import glob
import os

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
FRAGMENTS = sorted(glob.glob(os.path.join(ROOT, 'changelogs', 'fragments', '*.yml')))
FIRST_RELEASE_SECTIONS = {'release_summary', 'major_changes', 'minor_changes', 'known_issues', 'trivial'}


def load(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def earlier_releases():
    with open(os.path.join(ROOT, 'galaxy.yml')) as handle:
        version = yaml.safe_load(handle)['version']
    changes = load(os.path.join(ROOT, 'changelogs', 'changelog.yaml'))
    return changes.get('ancestor'), sorted(v for v in (changes.get('releases') or {}) if v != version)


def test_the_release_has_a_summary():
    assert [f for f in FRAGMENTS if 'release_summary' in load(f)], 'no fragment has a release_summary'


@pytest.mark.parametrize('path', FRAGMENTS, ids=os.path.basename)
def test_a_first_release_fixes_removes_and_breaks_nothing(path):
    ancestor, earlier = earlier_releases()
    if ancestor or earlier:
        pytest.skip('an earlier release exists: every section may be true')
    wrong = sorted(set(load(path)) - FIRST_RELEASE_SECTIONS)
    assert wrong == [], ('%s: %s in the first release, which has no earlier one to fix or change: write what a user '
                         'gets as minor_changes or major_changes, the rest as trivial' % (os.path.basename(path),
                                                                                          ', '.join(wrong)))
