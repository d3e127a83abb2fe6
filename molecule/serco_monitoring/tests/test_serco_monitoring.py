"""serco_monitoring: daemons.cfg is the prod or the min config, with diff, check mode and a backup."""

import pytest

from conftest import name_of, snapshot

ETC = '/usr/cute/sercoadm/etc'
LIVE = ETC + '/daemons.cfg'
SOURCE = {'prod': ETC + '/daemons.cfg.prod', 'min': ETC + '/daemons.cfg.min'}
WANTED = {'serco_monitoring-main': 'min', 'serco_monitoring-failover': 'prod'}


def backups(host):
    return sorted(host.run('ls %s/daemons.cfg.*@* 2>/dev/null' % ETC).stdout.split())


def test_converged_config_is_the_wanted_one(host):
    live = host.file(LIVE)
    assert live.content_string == host.file(SOURCE[WANTED[name_of(host)]]).content_string
    assert (live.user, live.group, live.mode) == ('root', 'root', 0o644)
    if WANTED[name_of(host)] == 'prod':
        # not host.file().contains(): it runs grep -q, and the lab's grep is Solaris' (no -q)
        assert 'ALARM arserverd' in live.content_string.splitlines()
    else:
        assert 'arserverd' not in live.content_string


@pytest.mark.parametrize('state,other', [('prod', 'min'), ('min', 'prod')])
def test_switch_with_check_diff_and_backup(host, apply_role, state, other):
    host.run_expect([0], 'cp %s %s && rm -f %s/daemons.cfg.*@*' % (SOURCE[other], LIVE, ETC))
    before = host.file(LIVE).content_string

    checked = apply_role(name_of(host), 'serco_monitoring', {'serco_monitoring_state': state}, check=True, diff=True)
    assert not checked.failed, checked
    assert checked.changed == 1
    assert host.file(LIVE).content_string == before  # check mode changed nothing
    after_texts = [d.get('after', '') for d in checked.diffs]
    assert host.file(SOURCE[state]).content_string in after_texts

    applied = apply_role(name_of(host), 'serco_monitoring', {'serco_monitoring_state': state})
    assert not applied.failed and applied.changed == 1, applied
    assert host.file(LIVE).content_string == host.file(SOURCE[state]).content_string
    saved = backups(host)
    assert len(saved) == 1
    assert host.file(saved[0]).content_string == before  # the replaced config is kept

    again = apply_role(name_of(host), 'serco_monitoring', {'serco_monitoring_state': state})
    assert not again.failed and again.changed == 0
    assert backups(host) == saved


def test_refuses_when_source_is_missing(host, apply_role):
    host.run_expect([0], 'mv %s %s.away' % (SOURCE['prod'], SOURCE['prod']))
    try:
        before = snapshot(host, [LIVE, SOURCE['min']])
        result = apply_role(name_of(host), 'serco_monitoring', {'serco_monitoring_state': 'prod'})
        assert result.failed
        assert SOURCE['prod'] + ' is missing' in result.messages
        assert name_of(host) in result.messages and 'Nothing was changed' in result.messages
        assert snapshot(host, [LIVE, SOURCE['min']]) == before
    finally:
        host.run_expect([0], 'mv %s.away %s' % (SOURCE['prod'], SOURCE['prod']))


def test_rejects_unknown_state(host, apply_role):
    before = snapshot(host, [LIVE])
    result = apply_role(name_of(host), 'serco_monitoring', {'serco_monitoring_state': 'loud'})
    assert result.failed and 'serco_monitoring_state' in result.messages
    assert snapshot(host, [LIVE]) == before
