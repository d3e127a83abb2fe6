"""decide's status check reads the journal and the pair's lock as the probe left them in hostvars (the journal's
own logic is tested in tests/unit/plugins/module_utils/test_journal.py)."""

import json
from unittest.mock import MagicMock

from ansible_collections.remedy.failover.plugins.action.decide import ActionModule as Decide
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.pair_states import PROD, SPARE
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.test_journal import PAIR, rec


def test_status_flags_an_unfinished_move_and_a_held_lock(tmp_path):
    controller = tmp_path / 'audit.log'
    controller.write_text('\n'.join(json.dumps(r) for r in (rec('started', who='jane'), rec('halted'))))
    action = Decide(MagicMock(), MagicMock(), MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    holder = {'run': 'r1', 'user': 'jane', 'controller': 'ctl', 'pid': '9', 'pair': PAIR, 'direction': 'failover',
              'start': 'then'}
    action._task_vars = {'hostvars': {PROD: {}, SPARE: {'__remedy_failover_pair_look': {
        'look': {'holder': holder}, 'journal': [rec('leaving')]}}}}
    flags = action._journal_flags({'prod': PROD, 'spare': SPARE},
                                  {'journal': [], 'pair': [PROD, SPARE], 'controller_journal': str(controller)})
    assert flags[0].startswith('An earlier run of this pair did not finish: run r1 of jane')
    assert 'sent the leaving box the halt' in flags[0] and 'again' in flags[0]
    assert flags[1] == "%s: the pair's lock is held by run r1 of jane on the controller ctl (pid 9), moving %s " \
                       'failover, since then.' % (SPARE, PAIR)


def test_status_is_consistent_after_a_move_that_halted_a_box_holding_the_lock(tmp_path):
    """The move halted the main box with the pair's lock on it (it cannot be written once halted) and released the
    pair on the box taking over: the booted box's lock is a finished run's, no flag (the next move clears it)."""
    controller = tmp_path / 'audit.log'
    controller.write_text('\n'.join(json.dumps(r) for r in (rec('started'), rec('done'))))
    action = Decide(MagicMock(), MagicMock(), MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    holder = {'run': 'r1', 'user': 'jane', 'controller': 'ctl', 'pid': '9', 'pair': PAIR, 'direction': 'failover',
              'start': 'then'}
    action._task_vars = {'hostvars': {
        PROD: {'__remedy_failover_pair_look': {'look': {'holder': None}, 'released': ['r1'],
                                               'journal': [rec('started'), rec('done'), rec('released')]}},
        SPARE: {'__remedy_failover_pair_look': {'look': {'holder': holder}, 'released': [],
                                                'journal': [rec('started'), rec('leaving')]}}}}
    args = {'journal': [], 'pair': [PROD, SPARE], 'controller_journal': str(controller)}
    assert action._journal_flags({'prod': PROD, 'spare': SPARE}, args) == []
    # the same lock, with no journal saying its run released the pair: flagged
    action._task_vars['hostvars'][PROD]['__remedy_failover_pair_look'] = {'look': {'holder': None}, 'journal': []}
    controller.write_text(json.dumps(rec('started')))
    assert [f for f in action._journal_flags({'prod': PROD, 'spare': SPARE}, args) if 'lock is held' in f] == [
        "%s: the pair's lock is held by run r1 of jane on the controller ctl (pid 9), moving %s failover, since then."
        % (SPARE, PAIR)]
