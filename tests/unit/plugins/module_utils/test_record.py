"""One record of a run per pair (module_utils/record.py): built by run_record in every state a run ends in, and
the only shape the playbooks publish for AWX (set_stats remedy_failover_results)."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.record import FIELDS, end_records, run_record
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


def _found(result='ok', plan='full', boxes=()):
    return {'result': result, 'plan': plan, 'reason': None if result == 'ok' else 'the halt failed',
            'at': None if result == 'ok' else 'sunar02', 'task': None if result == 'ok' else 'Halt',
            'downtime': 61.5 if result == 'ok' else None, 'lines': ['Pair sunar01/sunar02:'], 'remaining': [],
            'boxes': list(boxes)}


def _end(host, up=True, cpus=1, name='sunar01', remedy=('arserverd',)):
    return {'host': host, 'up': up, 'cpus': cpus, 'running_name': name, 'remedy': list(remedy)}


@pytest.mark.parametrize('found,start,expected', [
    pytest.param(_found(), [{'kind': 'main'}, {'kind': 'failover'}],
                 dict(event='done', notice='after', notify=True, kinds={'sunar01': 'main', 'sunar02': 'failover'},
                      box_audits=[]), id='moved: done, after, told'),
    pytest.param(_found(plan='finish'), [{'kind': 'failover'}, {'kind': 'main'}],
                 dict(event='done', notice='after', notify=False, kinds={'sunar01': 'failover', 'sunar02': 'main'},
                      box_audits=[]), id='finish: the service never stopped, nobody told'),
    pytest.param(_found(plan='takeover'), [{'kind': None}, {'kind': 'failover'}],
                 dict(event='done', notice='after', notify=True, kinds={'sunar01': 'silent', 'sunar02': 'failover'},
                      box_audits=[]), id='takeover: a silent name'),
    pytest.param(_found('failed', plan='finish'), [{}, None],
                 dict(event='failed', notice='failed', notify=True, kinds={'sunar01': 'silent', 'sunar02': 'silent'},
                      box_audits=[]), id='failed: always told'),
    pytest.param(_found(boxes=[_end('sunar01'), _end('sunar02', up=False)]), [{'kind': 'main'}, {'kind': 'failover'}],
                 dict(event='done', notice='after', notify=True, kinds={'sunar01': 'main', 'sunar02': 'failover'},
                      box_audits=[{'host': 'sunar01', 'record': {
                          'plan': 'full', 'result': 'ok', 'reason': None, 'box': '1 processors, named sunar01',
                          'serving': True}}]), id='a box that answers records, a silent one not'),
    pytest.param(_found(boxes=[_end('sunar02', cpus=2, name='sunar02', remedy=())]), [{'kind': 'main'}],
                 dict(event='done', notice='after', notify=True, kinds={'sunar01': 'main'},
                      box_audits=[{'host': 'sunar02', 'record': {
                          'plan': 'full', 'result': 'ok', 'reason': None, 'box': '2 processors, named sunar02',
                          'serving': False}}]), id='a box without Remedy is not serving'),
])
def test_what_the_end_records_and_tells(found, start, expected):
    ends = end_records(found, ['sunar01', 'sunar02'], start)
    assert (ends['event'], ends['notice'], ends['notify']) == (expected['event'], expected['notice'], expected['notify'])
    assert ends['audit'] == {'plan': found['plan'], 'result': found['result'], 'reason': found['reason'],
                             'at': found['at'], 'task': found['task'], 'downtime_s': found['downtime'],
                             'boxes': expected['kinds'], 'summary': found['lines'], 'remaining': found['remaining']}
    assert ends['box_audits'] == expected['box_audits']
