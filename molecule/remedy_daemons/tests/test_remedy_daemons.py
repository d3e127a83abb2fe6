"""remedy_daemons: started in the runbook's order and really answering, stopped in reverse and really gone."""

import os

import pytest

from conftest import answers, http_status, name_of, remedy_names, role_default

SCRIPTS = ['arsystem', 'arapplications', 'arweb', 'appserv_C', 'armaild', 'arflashboards', 'apache', 'jsp']
# as Solaris' ps -o comm shows them (argv[0], last component): the JSP engine is started as java
PROCESSES = ['arserverd', 'arplugin', 'arwebd', 'appservd', 'armaild', 'arflashd', 'httpd', 'java']
PORTS = [2020, 80, 8080]


def running(host):
    """Remedy's processes running, in start order (a stock Solaris 10 box's own java and httpd are not Remedy)."""
    names = remedy_names(host)
    return [p for p in PROCESSES if p in names]


def listening(host):
    """The service's ports that answer from outside the box."""
    return [port for port in PORTS if answers(host, port)]


def services(*scripts):
    """The role's default services (how each daemon is recognised) for these scripts, in this order."""
    default = {service['script']: service for service in role_default('remedy_daemons', 'remedy_daemons_services')}
    return [default[script] for script in scripts]


def all_stopped(host):
    host.run_expect([0], 'for s in %s; do /etc/init.d/$s stop; done' % ' '.join(reversed(SCRIPTS)))


def arconf_active(host, active):
    host.run_expect([0], 'test -f /etc/ar.conf || mv /etc/ar.conf.PROD /etc/ar.conf' if active
                    else 'test -f /etc/ar.conf.PROD || mv /etc/ar.conf /etc/ar.conf.PROD')


def test_converged(host):
    if name_of(host) == 'remedy_daemons-main':
        assert running(host) == PROCESSES
        assert listening(host) == PORTS
        assert http_status(host) == 200
        owners = [line.split() for line in host.run('ps -e -o user= -o comm=').stdout.splitlines()]
        assert [user for user, comm in owners if os.path.basename(comm) == 'arserverd'] == ['root']
    else:
        assert running(host) == []
        assert listening(host) == []


def test_start_in_order_after_check_mode(host, apply_role):
    me = name_of(host)
    arconf_active(host, True)
    all_stopped(host)

    checked = apply_role(me, 'remedy_daemons', {'remedy_daemons_state': 'started'}, check=True)
    assert not checked.failed and checked.changed == 1, checked
    assert running(host) == []  # check mode started nothing

    started = apply_role(me, 'remedy_daemons', {'remedy_daemons_state': 'started'})
    assert not started.failed and started.changed == 1, started
    assert started.value('ran') == SCRIPTS
    assert running(host) == PROCESSES
    assert listening(host) == PORTS
    assert http_status(host) == 200

    again = apply_role(me, 'remedy_daemons', {'remedy_daemons_state': 'started'})
    assert not again.failed and again.changed == 0


def test_stop_in_reverse_after_check_mode(host, apply_role):
    me = name_of(host)
    arconf_active(host, True)
    # jsp's daemon keeps the caller's output (as a naive nohup script does): give it none
    host.run_expect([0], 'for s in %s; do /etc/init.d/$s start </dev/null >/dev/null 2>&1; done' % ' '.join(SCRIPTS))

    checked = apply_role(me, 'remedy_daemons', {'remedy_daemons_state': 'stopped'}, check=True)
    assert not checked.failed and checked.changed == 1, checked
    assert running(host) == PROCESSES

    stopped = apply_role(me, 'remedy_daemons', {'remedy_daemons_state': 'stopped'})
    assert not stopped.failed and stopped.changed == 1, stopped
    assert stopped.value('ran') == list(reversed(SCRIPTS))
    assert running(host) == []
    assert listening(host) == []
    assert http_status(host) is None

    assert apply_role(me, 'remedy_daemons', {'remedy_daemons_state': 'stopped'}).changed == 0


def test_refuses_to_start_while_ar_conf_is_parked(host, apply_role):
    all_stopped(host)
    arconf_active(host, False)
    try:
        result = apply_role(name_of(host), 'remedy_daemons', {'remedy_daemons_state': 'started'})
        assert result.failed
        assert '/etc/ar.conf is not there (parked)' in result.messages
        assert name_of(host) in result.messages and 'Nothing was changed' in result.messages
        assert running(host) == []
    finally:
        arconf_active(host, True)


@pytest.mark.parametrize('state', ['started', 'stopped'])
def test_refuses_when_an_init_script_is_missing(host, apply_role, state):
    arconf_active(host, True)
    all_stopped(host)
    host.run_expect([0], 'mv /etc/init.d/armaild /tmp/armaild')
    try:
        result = apply_role(name_of(host), 'remedy_daemons', {'remedy_daemons_state': state})
        assert result.failed
        assert '/etc/init.d/armaild is missing or not executable' in result.messages
        assert 'Nothing was changed' in result.messages
        assert running(host) == []
    finally:
        host.run_expect([0], 'mv /tmp/armaild /etc/init.d/armaild')


def test_names_the_port_that_does_not_answer(host, apply_role):
    arconf_active(host, True)
    all_stopped(host)
    result = apply_role(name_of(host), 'remedy_daemons', {
        'remedy_daemons_state': 'started', 'remedy_daemons_ports': [2020, 2999], 'remedy_daemons_timeout': 2})
    assert result.failed
    assert 'port 2999 does not answer' in result.messages
    assert 'port 2020' not in result.messages
    all_stopped(host)


def test_names_the_daemon_that_does_not_run(host, apply_role):
    arconf_active(host, True)
    all_stopped(host)
    # a script that never starts the daemon asked of it
    wanted = services(*SCRIPTS) + [{'script': 'arsystem', 'process': 'arsecondd', 'path': '/usr/ar/bin/arsecondd'}]
    result = apply_role(name_of(host), 'remedy_daemons', {
        'remedy_daemons_state': 'started', 'remedy_daemons_services': wanted, 'remedy_daemons_timeout': 2})
    assert result.failed
    assert 'arsecondd not running' in result.messages
    all_stopped(host)


def test_a_failing_script_stops_the_start_there(host, apply_role):
    arconf_active(host, True)
    all_stopped(host)
    host.run_expect([0], 'printf "#!/bin/sh\\necho broken: cannot start >&2\\nexit 1\\n" > /etc/init.d/broken'
                         ' && chmod 755 /etc/init.d/broken')
    try:
        wanted = services('apache') + [{'script': 'broken', 'process': 'brokend', 'path': '/usr/ar/bin/brokend'}] \
            + services('jsp')
        result = apply_role(name_of(host), 'remedy_daemons', {
            'remedy_daemons_state': 'started', 'remedy_daemons_services': wanted})
        assert result.failed
        assert '"/etc/init.d/broken start" failed (rc=1): broken: cannot start' in result.messages
        assert running(host) == ['httpd']  # jsp was not started after the failure
    finally:
        host.run_expect([0], 'rm -f /etc/init.d/broken')
        all_stopped(host)
