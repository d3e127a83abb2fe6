"""One record of a run per pair (module_utils/record.py): built by run_record in every state a run ends in, and
the only shape the playbooks publish for AWX (set_stats remedy_failover_results)."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.record import FIELDS, run_record
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.playbook_steps import load


@pytest.mark.parametrize('given,expected', [
    pytest.param(dict(result='ok', plan='full', downtime=61.5, summary=['Pair sunar01/sunar02:', 'Remedy runs'],
                      remaining=['boot the main box']),
                 dict(plan='full', result='ok', reason=None, downtime_s=61.5,
                      summary=['Pair sunar01/sunar02:', 'Remedy runs'], remaining=['boot the main box'],
                      check_mode=False), id='moved'),
    pytest.param(dict(result='ok', plan='finish', check_mode=True, summary=['Check mode: nothing was changed.']),
                 dict(plan='finish', result='ok', reason=None, downtime_s=None,
                      summary=['Check mode: nothing was changed.'], remaining=[], check_mode=True), id='check mode'),
    pytest.param(dict(result='failed', plan='full', reason='the halt failed', summary=['did NOT finish'],
                      remaining=['look at both boxes']),
                 dict(plan='full', result='failed', reason='the halt failed', downtime_s=None,
                      summary=['did NOT finish'], remaining=['look at both boxes'], check_mode=False), id='failed'),
    pytest.param(dict(result='refused', reason='confirm: the main box is silent', remaining=['confirm it']),
                 dict(plan=None, result='refused', reason='confirm: the main box is silent', downtime_s=None,
                      summary=['confirm: the main box is silent'], remaining=['confirm it'], check_mode=False),
                 id='refused'),
])
def test_the_record_of_each_end(given, expected):
    record = run_record('sunar01/sunar02', 'failover', **given)
    assert tuple(record) == FIELDS
    assert record == dict(expected, pair='sunar01/sunar02', direction='failover')


@pytest.mark.parametrize('given', [dict(result='done'), dict(result='ok', reason='why'), dict(result='failed')])
def test_a_record_that_cannot_be(given):
    with pytest.raises(ValueError):
        run_record('sunar01/sunar02', 'failover', **given)


def _set_stats(node, path, found):
    if isinstance(node, list):
        for item in node:
            _set_stats(item, path, found)
    elif isinstance(node, dict):
        if 'ansible.builtin.set_stats' in node:
            found.append((path, node))
        for key in ('block', 'rescue', 'always', 'tasks'):
            _set_stats(node.get(key), path, found)


def test_the_playbooks_publish_the_record():
    """The refusals before any change write the record's fields; the end of a run publishes decide's record."""
    found = []
    for path, data in load().items():
        _set_stats(data, path, found)
    assert len(found) == 4
    for path, task in found:
        data = task['ansible.builtin.set_stats']['data']
        assert list(data) == ['remedy_failover_results']
        if path.endswith('end.yml'):
            assert data['remedy_failover_results'] == \
                '{{ {__remedy_failover_pair_label: __remedy_failover_outcome.record} }}'
        else:
            assert tuple(task['vars']['__remedy_failover_refused']) == FIELDS, path
            assert task['vars']['__remedy_failover_refused']['result'] == 'refused'
