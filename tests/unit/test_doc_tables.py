"""The guides' tables "When a run stops", "Playbook variables" and "The steps of a move" come from their one source
and stay so."""

import os
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'hacking'))

import doc_tables  # noqa: E402  pylint: disable=wrong-import-position


def read(path):
    with open(path) as handle:
        return handle.read()


def test_the_tables_are_up_to_date():
    for name, (path, _make) in doc_tables.TABLES.items():
        text = read(path)
        assert doc_tables.render(name, text) == text, 'stale %s: run python3 hacking/doc_tables.py' % name
    assert doc_tables.main(['--check']) == 0


def test_every_refusal_is_in_the_troubleshooting_guide_and_every_variable_in_the_inventory_guide():
    pair = doc_tables.pair_module()
    text = read(doc_tables.TROUBLESHOOTING)
    for code in list(pair.REFUSALS) + list(pair.FAILURES) + list(doc_tables.ssh_client_module().REFUSALS):
        assert '   * - ``%s``\n' % code in text, code
    with open(os.path.join(ROOT, 'playbooks', 'vars', 'spec.yml')) as handle:
        spec = yaml.safe_load(handle)['__remedy_failover_spec']
    text = read(doc_tables.INVENTORY)
    for name in spec:
        assert '   * - ``%s``\n' % name in text, name


def test_a_stale_table_is_found():
    text = read(doc_tables.TROUBLESHOOTING)
    stale = text.replace('   * - ``twice``\n', '   * - ``twice-old``\n', 1)
    assert stale != text
    assert doc_tables.render('refusals', stale) != stale
    assert doc_tables.render('refusals', stale) == text


def test_a_guide_without_its_markers_is_refused():
    text = read(doc_tables.INVENTORY).replace('.. END variables', '', 1)
    try:
        doc_tables.render('variables', text)
    except SystemExit as exc:
        assert 'guide_inventory.rst has no .. BEGIN variables' in str(exc)
    else:
        raise AssertionError('a guide without its END marker was rendered')


def test_cells_escape_rst_markup():
    assert doc_tables.text('a *b* `c` | d_ e_') == 'a \\*b\\* \\`c\\` \\| d\\_ e\\_'
    assert doc_tables.text('remedy_failover_production_name / _spare_name') == \
        'remedy_failover_production_name / _spare_name'


def test_every_step_of_a_move_is_in_the_playbooks_guide():
    text = read(doc_tables.PLAYBOOKS)
    for step in doc_tables.pair_module('steps').STEPS:
        assert step.proves in ' '.join(text.split()), step.name
