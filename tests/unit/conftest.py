"""Make ``ansible_collections.remedy.failover`` importable from the checkout."""

import os
import sys

_COLLECTIONS = os.path.join(os.path.dirname(__file__), '..', '..', '.collections')
sys.path.insert(0, os.path.abspath(_COLLECTIONS))
