"""remedy_autostart: the /etc/rc2.d start links, never the /etc/init.d scripts."""

import pytest

from conftest import exists, name_of, snapshot

LINKS = {
    'S87arsystem': '/etc/init.d/arsystem',
    'S89arweb': '/etc/init.d/arweb',
    'S90armaild': '/etc/init.d/armaild',
    'S91arflashboards': '/etc/init.d/arflashboards',
    'S97apache': '/etc/init.d/apache',
    'S98jsp': '/etc/init.d/jsp',
}
SCRIPTS = ['/etc/init.d/' + s for s in ('arsystem', 'arapplications', 'arweb', 'appserv_C', 'armaild', 'arflashboards',
                                        'apache', 'jsp')]
LINK_PATHS = ['/etc/rc2.d/' + link for link in LINKS]


def links(host):
    found = {}
    for link in LINKS:
        item = host.file('/etc/rc2.d/' + link)
        if item.is_symlink:
            found[link] = item.linked_to
        elif exists(host, '/etc/rc2.d/' + link):
            found[link] = 'not a link'
    return found


def test_converged_links(host):
    if name_of(host) == 'remedy_autostart-failover':
        assert links(host) == LINKS
    else:
        assert links(host) == {}
    for script in SCRIPTS:
        assert host.file(script).is_file and host.file(script).mode == 0o755


@pytest.mark.parametrize('state,start,end', [('present', {}, LINKS), ('absent', LINKS, {})])
def test_add_and_remove_with_check_mode_first(host, apply_role, state, start, end):
    host.run_expect([0], '/etc/remedy_auto_startup %s' % ('add' if start else 'remove'))
    scripts = snapshot(host, SCRIPTS)
    checked = apply_role(name_of(host), 'remedy_autostart', {'remedy_autostart_state': state}, check=True)
    assert not checked.failed and checked.changed >= 1, checked
    assert links(host) == start

    applied = apply_role(name_of(host), 'remedy_autostart', {'remedy_autostart_state': state})
    assert not applied.failed and applied.changed >= 1, applied
    assert links(host) == end
    assert snapshot(host, SCRIPTS) == scripts  # the init.d scripts are never touched

    again = apply_role(name_of(host), 'remedy_autostart', {'remedy_autostart_state': state})
    assert not again.failed and again.changed == 0
    assert not apply_role(name_of(host), 'remedy_autostart', {'remedy_autostart_state': state}, check=True).changed


@pytest.mark.parametrize('state', ['present', 'absent'])
def test_hard_link_to_the_script_is_handled(host, apply_role, state):
    host.run_expect([0], '/etc/remedy_auto_startup remove && ln /etc/init.d/arsystem /etc/rc2.d/S87arsystem')
    scripts = snapshot(host, SCRIPTS)
    result = apply_role(name_of(host), 'remedy_autostart', {'remedy_autostart_state': state})
    assert not result.failed, result
    assert links(host) == (LINKS if state == 'present' else {})
    assert snapshot(host, SCRIPTS) == scripts


@pytest.mark.parametrize('state', ['present', 'absent'])
def test_refuses_to_overwrite_a_file_of_its_own(host, apply_role, state):
    host.run_expect([0], '/etc/remedy_auto_startup remove && echo "site tweak" > /etc/rc2.d/S89arweb')
    try:
        before = snapshot(host, LINK_PATHS + SCRIPTS)
        result = apply_role(name_of(host), 'remedy_autostart', {'remedy_autostart_state': state})
        assert result.failed
        assert '/etc/rc2.d/S89arweb is not a link to /etc/init.d/arweb' in result.messages
        assert name_of(host) in result.messages and 'Nothing was changed' in result.messages
        assert snapshot(host, LINK_PATHS + SCRIPTS) == before
    finally:
        host.run_expect([0], 'rm -f /etc/rc2.d/S89arweb')


def test_refuses_to_add_links_to_a_missing_script(host, apply_role):
    host.run_expect([0], '/etc/remedy_auto_startup remove && mv /etc/init.d/armaild /tmp/armaild')
    try:
        result = apply_role(name_of(host), 'remedy_autostart', {'remedy_autostart_state': 'present'})
        assert result.failed
        assert '/etc/init.d/armaild is missing or not executable' in result.messages
        assert 'Nothing was changed' in result.messages
        assert links(host) == {}
    finally:
        host.run_expect([0], 'mv /tmp/armaild /etc/init.d/armaild')
