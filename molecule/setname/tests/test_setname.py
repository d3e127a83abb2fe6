"""setname: the box carries a name by its per-name files; nothing changes when one is missing."""

import pytest

from conftest import name_of, snapshot

FILES = ['/etc/nodename', '/etc/hostname.hme0', '/etc/inet/hosts',
         '/distribution/oracle/home/admin/network/listener.ora', '/etc/ar']
CONVERGED = {'setname-main': 'sunar02', 'setname-failover': 'sunar01'}
RUNNING = {'setname-main': 'sunar01', 'setname-failover': 'sunar02'}  # the name it booted with


def carries(host, name):
    return all(host.file(f).content_string == host.file('%s.%s' % (f, name)).content_string for f in FILES)


def set_name(host, name):
    host.run_expect([0], '/etc/setname %s' % name)


def test_converged_name(host):
    name = CONVERGED[name_of(host)]
    assert carries(host, name)
    assert host.file('/etc/nodename').content_string == name + '\n'
    hosts = host.file('/etc/inet/hosts')
    loghost = [line.split() for line in hosts.content_string.splitlines() if 'loghost' in line.split()]
    assert [words[1:] for words in loghost] == [[name, 'loghost']]
    assert (hosts.user, hosts.group, hosts.mode) == ('root', 'root', 0o644)


def test_rename_check_mode_with_diff_then_real(host, apply_role):
    me = name_of(host)
    other = CONVERGED[me]
    set_name(host, RUNNING[me])
    before = snapshot(host, FILES)

    checked = apply_role(me, 'setname', {'setname_name': other}, check=True, diff=True)
    assert not checked.failed, checked
    assert checked.changed == 1
    assert snapshot(host, FILES) == before  # check mode changed nothing
    assert any(d.get('before') == RUNNING[me] + '\n' and d.get('after') == other + '\n' for d in checked.diffs)

    applied = apply_role(me, 'setname', {'setname_name': other})
    assert not applied.failed and applied.changed == 1, applied
    assert carries(host, other)
    assert applied.fact('setname_changed') is True
    assert applied.fact('setname_reboot_needed') is True  # runs as its boot name until it reboots

    again = apply_role(me, 'setname', {'setname_name': other})
    assert not again.failed and again.changed == 0
    assert again.fact('setname_changed') is False


def test_no_reboot_needed_when_the_name_is_the_running_one(host, apply_role):
    me = name_of(host)
    set_name(host, CONVERGED[me])
    result = apply_role(me, 'setname', {'setname_name': RUNNING[me]})
    assert not result.failed and result.changed == 1, result
    assert carries(host, RUNNING[me])
    assert result.fact('setname_reboot_needed') is False


def test_site_script_mode(host, apply_role):
    me = name_of(host)
    set_name(host, RUNNING[me])
    before = snapshot(host, FILES)
    args = {'setname_name': CONVERGED[me], 'setname_use_site_script': True}
    checked = apply_role(me, 'setname', args, check=True)
    assert not checked.failed and checked.changed == 1, checked
    assert snapshot(host, FILES) == before
    applied = apply_role(me, 'setname', args)
    assert not applied.failed and applied.changed == 1, applied
    assert carries(host, CONVERGED[me])
    assert apply_role(me, 'setname', args).changed == 0


@pytest.mark.parametrize('missing', ['/etc/inet/hosts', '/etc/ar'])
@pytest.mark.parametrize('site_script', [False, True])
def test_refuses_when_a_per_name_file_is_missing(host, apply_role, missing, site_script):
    me = name_of(host)
    set_name(host, RUNNING[me])
    other = CONVERGED[me]
    host.run_expect([0], 'mv %s.%s /tmp/held' % (missing, other))
    try:
        before = snapshot(host, FILES)
        result = apply_role(me, 'setname', {'setname_name': other, 'setname_use_site_script': site_script})
        assert result.failed
        assert '%s.%s is missing' % (missing, other) in result.messages
        assert me in result.messages and 'Nothing was changed' in result.messages
        assert snapshot(host, FILES) == before
    finally:
        host.run_expect([0], 'mv /tmp/held %s.%s' % (missing, other))


@pytest.mark.parametrize('bad', ['', 'sunar 01', 'sunar01;reboot', '../etc'])
def test_rejects_a_bad_name(host, apply_role, bad):
    me = name_of(host)
    before = snapshot(host, FILES)
    result = apply_role(me, 'setname', {'setname_name': bad})
    assert result.failed
    assert 'is not a host name' in result.messages
    assert snapshot(host, FILES) == before
