"""The journal of the moves: a halt this collection sent spares the operator's confirmation (decide's own_halt),
an earlier run that did not finish is found and told. One row per case."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.journal import (
    merged,
    own_halt,
    parse_records,
    told,
    unfinished,
)
from ansible_collections.remedy.failover.plugins.module_utils.pair import decide
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.pair_states import (
    CFG,
    PROD,
    SPARE,
    box,
    seen,
)

PAIR = 'sunar01/sunar02'
TO_F, TO_M = 'to the failover box', 'to the main box'


def rec(event, run='r1', time='2026-12-05T08:00:00Z', pair=PAIR, direction=TO_F, **kw):
    return dict(kw, event=event, run=run, time=time, pair=pair, direction=direction)


@pytest.mark.parametrize('records, direction, expected', [
    pytest.param([], TO_F, None, id='empty-journal'),
    pytest.param([rec('started'), rec('halted')], TO_F, 'r1', id='our-halt'),
    pytest.param([rec('started'), rec('halted'), rec('failed')], TO_F, 'r1', id='our-halt-then-failure'),
    pytest.param([rec('halted'), rec('done')], TO_F, None, id='a-move-finished-since'),
    pytest.param([rec('halted', direction=TO_M)], TO_F, None, id='halt-of-the-other-direction'),
    pytest.param([rec('halted'), rec('halted', run='r2', direction=TO_M, time='2026-12-06T08:00:00Z')], TO_F, None,
                 id='a-later-halt-the-other-way'),
    pytest.param([rec('halted', pair='sunar03/sunar04')], TO_F, None, id='another-pair'),
    pytest.param([rec('halted', check_mode=True)], TO_F, None, id='check-mode-halts-nothing'),
])
def test_own_halt(records, direction, expected):
    found = own_halt(merged(records), PAIR, direction)
    assert (found or {}).get('run') == expected


@pytest.mark.parametrize('records, expected, steps', [
    pytest.param([], None, None, id='nothing'),
    pytest.param([rec('started'), rec('done')], None, None, id='finished'),
    pytest.param([rec('started'), rec('leaving'), rec('halted')], 'r1', ['started', 'leaving', 'halted'],
                 id='cut-after-the-halt'),
    pytest.param([rec('started'), rec('interrupted')], 'r1', ['started'], id='interrupted-and-told'),
    pytest.param([rec('started'), rec('leaving'), rec('failed')], 'r1', ['started', 'leaving'], id='failed'),
    pytest.param([rec('started'), rec('refused')], None, None, id='refused-changed-nothing'),
    pytest.param([rec('started'), rec('started', run='r2', time='2026-12-05T09:00:00Z')], 'r2', ['started'],
                 id='the-last-run-counts'),
    pytest.param([rec('started'), rec('started', run='r2', time='2026-12-05T09:00:00Z'),
                  rec('done', run='r2', time='2026-12-05T09:10:00Z')], None, None, id='a-later-run-finished'),
    pytest.param([rec('started', run='me')], None, None, id='this-run-is-not-earlier'),
    pytest.param([rec('leaving')], None, None, id='no-start-recorded'),
])
def test_unfinished(records, expected, steps):
    found = unfinished(merged(records), PAIR, run='me')
    assert (found or {}).get('run') == expected
    if found:
        assert found['steps'] == steps
        assert told(found).startswith('An earlier run of this pair did not finish: run %s' % expected)


def test_records_read_from_lines_and_merged_from_several_journals():
    lines = ['{"event": "halted", "run": "r1", "time": "2026-12-05T08:00:00Z", "pair": "%s"}' % PAIR, 'garbage', '']
    controller, box_one = parse_records(lines), parse_records(lines)
    assert len(merged(controller, box_one)) == 1


@pytest.mark.parametrize('direction, confirm, own, plan, words', [
    pytest.param('failover', None, None, None, 'confirm_main_down', id='silent-unconfirmed-refused'),
    pytest.param('failover', None, rec('halted'), 'takeover', 'halted by this collection (run r1', id='own-halt'),
    pytest.param('failover', 'true', rec('halted'), 'takeover', 'confirmed down', id='own-halt-and-confirmed'),
    pytest.param('main', None, rec('halted', direction=TO_M), 'takeover', 'the failover box was halted',
                 id='own-halt-to-main'),
])
def test_decide_takes_own_halt_for_confirmation(direction, confirm, own, plan, words):
    taking = 'failover' if direction == 'failover' else 'main'
    got = decide(CFG, direction, seen(PROD, None), seen(SPARE, box(taking, SPARE)), confirm=confirm, own_halt=own)
    assert got['plan'] == plan
    assert words in (got['text'] if plan else got['msg'])
