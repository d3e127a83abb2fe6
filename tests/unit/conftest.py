"""Make ``ansible_collections.remedy.failover`` importable from the checkout; the literal fixtures' reader."""

import os
import sys

import pytest

_COLLECTIONS = os.path.join(os.path.dirname(__file__), '..', '..', '.collections')
sys.path.insert(0, os.path.abspath(_COLLECTIONS))


@pytest.fixture
def psrinfo_answer():
    """A literal psrinfo answer by file name, from tests/unit/fixtures/psrinfo (one copy for every test)."""
    def read(name):
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures', 'psrinfo', name)) as handle:
            return handle.read()
    return read
