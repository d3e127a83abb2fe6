"""remedy.failover.pair_lock as Ansible runs it (the scripts under this machine's /bin/sh): a lock left by a run
that the journals of the pair's names say released the pair is taken over; any other holder refuses."""

from ansible_collections.remedy.failover.plugins.action.pair_lock import ActionModule

PAIR = 'sunar01/sunar02'


def take(run_local, tmp_path, run, task_vars=None, **kw):
    args = dict({'run': run, 'base': str(tmp_path / 'remedy_failover'), 'journal': str(tmp_path / 'journal.log'),
                 'pair': PAIR, 'direction': 'failover', 'user': 'jane'}, **kw)
    return run_local(ActionModule, args, task_vars=task_vars)[0]


def held_elsewhere(run_local, tmp_path, run):
    """The lock taken by ``run`` of another controller (its process cannot be proven gone from here)."""
    assert take(run_local, tmp_path, run)['msg'] == 'taken'
    holder = tmp_path / 'remedy_failover' / 'lock' / 'holder'
    holder.write_text(''.join('controller=elsewhere\n' if line.startswith('controller=') else line + '\n'
                              for line in holder.read_text().splitlines()))


def test_a_lock_released_in_the_journals_the_looks_read_is_taken_over(run_local, tmp_path):
    held_elsewhere(run_local, tmp_path, 'r1')
    refused = take(run_local, tmp_path, 'r2')
    assert refused['failed'] and 'remedy_failover_break_lock=r1' in refused['msg'], refused
    # the look of the other name (the box taking over, which kept the released record) says r1 released the pair
    hostvars = {'sunar01': {}, 'sunar02': {'__remedy_failover_pair_look': {'released': ['r1']}}}
    taken = take(run_local, tmp_path, 'r2', task_vars={'hostvars': hostvars}, pair_hosts=['sunar01', 'sunar02'])
    assert not taken.get('failed') and taken['msg'] == 'taken', taken
    assert taken['stale']['run'] == 'r1'
    assert 'run=r2\n' in (tmp_path / 'remedy_failover' / 'lock' / 'holder').read_text()


def test_another_runs_release_does_not_free_a_lock(run_local, tmp_path):
    held_elsewhere(run_local, tmp_path, 'r1')
    hostvars = {'sunar01': {'__remedy_failover_pair_look': {'released': ['r0']}}, 'sunar02': {}}
    refused = take(run_local, tmp_path, 'r2', task_vars={'hostvars': hostvars}, pair_hosts=['sunar01', 'sunar02'])
    assert refused['failed'] and 'run r1 of jane on the controller elsewhere' in refused['msg'], refused
