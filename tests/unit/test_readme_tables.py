"""The README's tables "When a run stops" and "Playbook variables" come from their one source and stay so."""

import os
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'hacking'))

import readme_tables  # noqa: E402  pylint: disable=wrong-import-position


def test_the_tables_are_up_to_date():
    with open(readme_tables.README) as handle:
        text = handle.read()
    assert readme_tables.render(text) == text, 'stale: run python3 hacking/readme_tables.py'


def test_every_refusal_and_every_variable_is_in_the_readme():
    pair = readme_tables.pair_module()
    with open(readme_tables.README) as handle:
        text = handle.read()
    for code in list(pair.REFUSALS) + list(pair.FAILURES):
        assert '| `%s` |' % code in text
    with open(os.path.join(ROOT, 'playbooks', 'vars', 'spec.yml')) as handle:
        spec = yaml.safe_load(handle)['__remedy_failover_spec']
    for name in spec:
        assert '| `%s` |' % name in text


def test_a_stale_table_is_found():
    with open(readme_tables.README) as handle:
        text = handle.read()
    stale = text.replace('| `twice` |', '| `twice-old` |', 1)
    assert readme_tables.render(stale) != stale
