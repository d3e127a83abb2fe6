"""arconf: /etc/ar.conf is moved, never copied over or lost."""

import pytest

from conftest import exists, name_of, snapshot

ACTIVE = '/etc/ar.conf'
PARKED = '/etc/ar.conf.PROD'


def set_state(host, active, parked):
    """Lay out the two paths: each 'file' with its own content, or absent."""
    host.run_expect([0], 'rm -f %s %s' % (ACTIVE, PARKED))
    if active:
        host.run_expect([0], 'echo "Server-Name: active" > %s' % ACTIVE)
    if parked:
        host.run_expect([0], 'echo "Server-Name: parked" > %s' % PARKED)


def test_converged_state(host):
    conf = host.file(ACTIVE)
    parked = host.file(PARKED)
    if name_of(host) == 'arconf-main':
        assert not exists(host, ACTIVE)
        assert parked.is_file
        # not host.file().contains(): it runs grep -q, and the lab's grep is Solaris' (no -q)
        assert 'TCD-Specific-Port: 2020' in parked.content_string
    else:
        assert conf.is_file
        assert not exists(host, PARKED)
        assert 'TCD-Specific-Port: 2020' in conf.content_string
    target = conf if exists(host, ACTIVE) else parked
    assert (target.user, target.group) == ('root', 'root')


@pytest.mark.parametrize('want,before,after', [
    ('parked', (True, False), (False, True)),
    ('active', (False, True), (True, False)),
])
def test_moves_the_file_itself_check_mode_first(host, apply_role, want, before, after):
    set_state(host, *before)
    source = ACTIVE if before[0] else PARKED
    dest = PARKED if source == ACTIVE else ACTIVE
    host.run_expect([0], 'touch -t 200112130942 %s' % source)
    original = host.file(source).content_string
    checked = apply_role(name_of(host), 'arconf', {'arconf_state': want}, check=True)
    assert not checked.failed, checked
    assert checked.changed == 1
    assert exists(host, source) and not exists(host, dest)  # check mode changed nothing

    applied = apply_role(name_of(host), 'arconf', {'arconf_state': want})
    assert not applied.failed, applied
    assert applied.changed == 1
    assert (exists(host, ACTIVE), exists(host, PARKED)) == after
    moved = host.file(dest)
    assert moved.content_string == original
    assert moved.mtime.year == 2001  # moved, not rewritten

    again = apply_role(name_of(host), 'arconf', {'arconf_state': want})
    assert not again.failed and again.changed == 0
    rechecked = apply_role(name_of(host), 'arconf', {'arconf_state': want}, check=True)
    assert not rechecked.failed and rechecked.changed == 0


@pytest.mark.parametrize('want', ['parked', 'active'])
@pytest.mark.parametrize('active,parked,message', [
    (True, True, 'both /etc/ar.conf and /etc/ar.conf.PROD exist'),
    (False, False, 'neither /etc/ar.conf nor /etc/ar.conf.PROD exists'),
])
def test_refuses_unsafe_states_and_changes_nothing(host, apply_role, want, active, parked, message):
    set_state(host, active, parked)
    before = snapshot(host, [ACTIVE, PARKED])
    result = apply_role(name_of(host), 'arconf', {'arconf_state': want})
    assert result.failed
    assert message in result.messages
    assert name_of(host) in result.messages  # names the box
    assert 'Nothing was changed' in result.messages
    assert snapshot(host, [ACTIVE, PARKED]) == before


def test_rejects_unknown_state(host, apply_role):
    set_state(host, True, False)
    result = apply_role(name_of(host), 'arconf', {'arconf_state': 'gone'})
    assert result.failed
    assert 'arconf_state' in result.messages and 'active, parked' in result.messages
    assert exists(host, ACTIVE) and not exists(host, PARKED)
