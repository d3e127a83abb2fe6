"""The controller's actions around the decision: pair (a host's settings, or with group: the run's group) and decide
(its four checks), each run as Ansible runs it, with fake task variables and hostvars. The decision itself is
tested in tests/unit/plugins/module_utils; here: what each action reads, hands over and returns."""

import socket

import pytest
from ansible.errors import AnsibleError, AnsibleUndefinedVariable

from ansible_collections.remedy.failover.plugins.action.decide import ActionModule as Decide
from ansible_collections.remedy.failover.plugins.action.pair import ROLE_VARS, role_defaults
from ansible_collections.remedy.failover.plugins.action.pair import ActionModule as Pair
from ansible_collections.remedy.failover.plugins.module_utils.pair import paths
from ansible_collections.remedy.failover.plugins.module_utils.record import run_record
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.pair_states import (
    ADDRESS,
    CFG,
    PROD,
    SETTINGS,
    SPARE,
    box,
    idle,
    probe,
    serving,
)


# --- pair

def test_the_tests_settings_are_the_roles_defaults():
    """pair_states.SETTINGS, which every decision test reads, is what a run with the roles' defaults reads."""
    for role, names in ROLE_VARS.items():
        defaults = role_defaults(role)
        for name in names:
            assert SETTINGS[name] == defaults[name], name


@pytest.mark.parametrize('host,lead', [(PROD, True), (SPARE, False)])
def test_pair_gives_the_settings_the_paths_and_the_lead(run_controller, host, lead):
    hostvars = dict((name, {'ansible_host': ADDRESS[name]}) for name in (PROD, SPARE))
    result = run_controller(Pair, {}, {'inventory_hostname': host, 'hostvars': hostvars})
    assert not result.get('failed') and result['changed'] is False
    assert result['config'] == CFG and result['paths'] == paths(CFG) and result['lead'] is lead
    assert result['config']['ports'] == [2020, 80, 8080]


def test_pair_takes_the_sites_values(run_controller):
    result = run_controller(Pair, {}, {'inventory_hostname': 'sunar03', 'remedy_failover_production_name': 'sunar03',
                                       'remedy_failover_spare_name': 'sunar04', 'remedy_daemons_ports': [2021]})
    assert (result['config']['prod'], result['config']['spare'], result['config']['ports']) == (
        'sunar03', 'sunar04', [2021])
    assert '/etc/nodename.sunar04' in result['paths']


@pytest.mark.parametrize('task_vars,refusal,words', [
    pytest.param({'inventory_hostname': 'sunar07'}, 'inventory',
                 "sunar07: this host is neither of its pair's names sunar01 and sunar02. Nothing was changed.",
                 id='a host of neither name'),
    pytest.param({'inventory_hostname': PROD, 'ansible_limit': PROD}, 'settings',
                 'sunar01: the run was limited (--limit sunar01)', id='--limit'),
    pytest.param({'inventory_hostname': PROD, 'remedy_failover_main_processors': 1}, 'settings',
                 'remedy_failover_main_processors and remedy_failover_failover_processors are both 1',
                 id='one processor count for both kinds'),
    pytest.param({'inventory_hostname': PROD, 'remedy_failover_halt_timeout': 0}, 'settings',
                 'remedy_failover_halt_timeout', id='a run number out of range'),
])
def test_pair_refuses_wrong_settings(run_controller, task_vars, refusal, words):
    result = run_controller(Pair, {}, task_vars)
    assert result['failed'] and result['refusal'] == refusal
    assert words in result['msg'] and 'Nothing was changed' in result['msg']
    assert 'config' not in result


@pytest.mark.parametrize('extra,words', [
    # ansible-core 2.16 says "of type <class 'str'>", later releases "of type str"
    pytest.param({'remedy_daemons_timeout': '5m'}, ["role remedy_daemons: argument 'remedy_daemons_timeout' is of type ",
                                                    'and we were unable to convert to int'], id='a timeout in words'),
    pytest.param({'remedy_daemons_http_status': 'OK'}, 'remedy_daemons_http_status', id='an HTTP status in words'),
    pytest.param({'setname_use_site_script': 'maybe'}, 'role setname:', id='a flag neither true nor false'),
    pytest.param({'serco_monitoring_sources': {'prod': 'daemons.cfg.prod'}}, 'serco_monitoring_sources',
                 id='alarm sources incomplete'),
])
def test_pair_refuses_role_variables_their_roles_would_refuse_after_changes(run_controller, extra, words):
    """A role checks its variables only when it starts (play 2 or 4, after the stop): the probe checks them first."""
    hostvars = dict((name, dict(extra, ansible_host=ADDRESS[name])) for name in (PROD, SPARE))
    result = run_controller(Pair, {}, dict(extra, inventory_hostname=PROD, hostvars=hostvars))
    assert result['failed'] and result['refusal'] == 'settings', result
    assert all(w in result['msg'] for w in ([words] if isinstance(words, str) else words))
    assert result['msg'].startswith('sunar01: a setting of the pair is wrong: ')
    assert 'Nothing was changed' in result['msg'] and 'config' not in result


@pytest.mark.parametrize('host', [PROD, SPARE])
def test_pair_refuses_an_address_the_controller_cannot_resolve(run_controller, monkeypatch, host):
    """A mistyped ansible_host would read as a box that does not answer, and its address as silent."""
    def getaddrinfo(address, *args):
        if address == 'sunar0l.example':
            raise socket.gaierror(-2, 'Name or service not known')
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, '', (address, 0))]
    monkeypatch.setattr(socket, 'getaddrinfo', getaddrinfo)
    hostvars = {PROD: {'ansible_host': 'sunar0l.example'}, SPARE: {'ansible_host': ADDRESS[SPARE]}}
    result = run_controller(Pair, {}, dict(hostvars[host], inventory_hostname=host, hostvars=hostvars))
    assert result['failed'] and result['refusal'] == 'settings' and 'config' not in result
    assert result['msg'].startswith('%s: the address of sunar01, sunar0l.example (its ansible_host, else its name), '
                                    'does not resolve on the controller (' % host)
    assert 'Nothing was changed' in result['msg']
    hostvars[PROD]['ansible_host'] = ADDRESS[PROD]
    assert not run_controller(Pair, {}, dict(hostvars[host], inventory_hostname=host, hostvars=hostvars)).get('failed')


@pytest.mark.parametrize('host,other', [(PROD, SPARE), (SPARE, PROD)])
def test_pair_refuses_settings_given_for_one_name_only(run_controller, host, other):
    """A host_vars file for one name: the production name's decision and the spare's rename would read two pairs."""
    hostvars = dict((name, {'ansible_host': ADDRESS[name]}) for name in (PROD, SPARE))
    hostvars[SPARE].update(remedy_failover_main_processors=4, remedy_daemons_ports=[2020])
    own = dict(hostvars[host], inventory_hostname=host, hostvars=hostvars)
    result = run_controller(Pair, {}, own)
    assert result['failed'] and result['refusal'] == 'settings'
    assert result['msg'].startswith("%s: the pair's settings differ between its two names: " % host)
    assert 'remedy_daemons_ports' in result['msg'] and 'remedy_failover_main_processors' in result['msg']
    assert 'Nothing was changed' in result['msg']


def test_pair_takes_a_names_own_role_variables(run_controller):
    """A role's variable that is a name's own (the address its daemons are checked at) may differ."""
    hostvars = dict((name, {'ansible_host': ADDRESS[name], 'remedy_daemons_port_host': ADDRESS[name]})
                    for name in (PROD, SPARE))
    result = run_controller(Pair, {}, dict(hostvars[SPARE], inventory_hostname=SPARE, hostvars=hostvars))
    assert not result.get('failed'), result


def test_pair_takes_settings_both_names_share(run_controller):
    hostvars = dict((name, {'ansible_host': ADDRESS[name], 'remedy_daemons_ports': [2020, 80]}) for name in (PROD, SPARE))
    result = run_controller(Pair, {}, dict(hostvars[PROD], inventory_hostname=PROD, hostvars=hostvars))
    assert not result.get('failed') and result['config']['ports'] == [2020, 80]


# --- pair with group (formerly pair_group)

def _hostvars(*pairs):
    found = {}
    for prod, spare in pairs:
        for host in (prod, spare):
            found[host] = {'remedy_failover_production_name': prod, 'remedy_failover_spare_name': spare}
    return found


def test_pair_group_gives_the_pairs(run_controller):
    task_vars = {'groups': {'all': ['sunar01', 'sunar02', 'sunar03', 'sunar04'], 'remedy': ['sunar01', 'sunar02'],
                            'other': ['sunar03', 'sunar04'], 'both': ['sunar01', 'sunar02', 'sunar03', 'sunar04']},
                 'hostvars': _hostvars(('sunar01', 'sunar02'), ('sunar03', 'sunar04'))}
    result = run_controller(Pair, {'group': 'remedy'}, task_vars)
    assert not result.get('failed') and result['changed'] is False
    assert (result['pairs'], result['several'], result['group']) == ([['sunar01', 'sunar02']], False, 'remedy')
    result = run_controller(Pair, {'group': 'both'}, task_vars)
    assert (result['pairs'], result['several'], result['group']) == (
        [['sunar01', 'sunar02'], ['sunar03', 'sunar04']], True, 'both')
    # a list (an AWX survey's multiple choice) is a list, not a group: refused, naming the groups that are
    result = run_controller(Pair, {'group': ['remedy', 'other']}, task_vars)
    assert result['failed'] and result['refusal'] == 'group'
    assert result['msg'].startswith('-e remedy_failover_pair=remedy,other: remedy,other is a pattern or a list.')
    assert 'The groups of whole pairs in this inventory: both, other, remedy.' in result['msg']


@pytest.mark.parametrize('given', [{'setname_name': 'sunar02'}, {'remedy_autostart_state': 'present'},
                                   {'arconf_state': 'active', 'remedy_daemons_state': 'started'}])
def test_pair_group_refuses_what_the_move_sets_itself(run_controller, given):
    """-e setname_name=... would win over each step's own value: the box halted still named sunar01, or both named so."""
    task_vars = dict(given, groups={'all': ['sunar01', 'sunar02'], 'remedy': ['sunar01', 'sunar02']},
                     hostvars=_hostvars(('sunar01', 'sunar02')))
    result = run_controller(Pair, {'group': 'remedy'}, task_vars)
    assert result['failed'] and result['refusal'] == 'group' and 'pairs' not in result
    assert result['msg'].startswith('%s given to the run: the move sets' % ', '.join(sorted(given, key=list(
        ('setname_name', 'remedy_autostart_state', 'arconf_state', 'remedy_daemons_state')).index)))
    assert 'Nothing was changed and no box was contacted.' in result['msg']


class Unreadable(dict):
    """A host's variables as hostvars gives them: these cannot be templated (an undefined vault variable...)."""

    def __init__(self, values, errors):
        super().__init__(values)
        self.errors = errors

    def __getitem__(self, key):
        if key in self.errors:
            raise self.errors[key]
        return super().__getitem__(key)


@pytest.mark.parametrize('own,errors,words', [
    pytest.param({'ansible_become_password': '{{ vault_root_password }}'},
                 {'ansible_become_password': AnsibleUndefinedVariable("'vault_root_password' is undefined")},
                 "sunar01: ansible_become_password cannot be read: 'vault_root_password' is undefined; "
                 "sunar02: ansible_become_password cannot be read", id='an undefined vault variable'),
    pytest.param({'ansible_password': 'x'}, {'ansible_password': AnsibleError(
        "template error while templating string: unexpected '}'. String: s3cr{{t")},
        'ansible_password cannot be read: its template cannot be rendered (AnsibleError)',
        id="a password's own text never told"),
    pytest.param({'ansible_ssh_private_key_file': 'x'}, {'ansible_ssh_private_key_file': AnsibleError(
        "The lookup plugin 'ansible.builtin.env' failed")}, "ansible_ssh_private_key_file cannot be read: The lookup",
        id='a lookup that fails'),
    pytest.param({'ansible_port': 'ssh'}, {}, "sunar01: ansible_port is 'ssh', not a TCP port number",
                 id='a port by its service name'),
])
def test_pair_group_refuses_connection_variables_that_cannot_be_read(run_controller, own, errors, words):
    """Read in play 0: in play 1 every task of the host, its rescue included, would fail on them untold."""
    hostvars = dict((name, Unreadable(dict(values, **own), errors)) for name, values in _hostvars(
        ('sunar01', 'sunar02')).items())
    task_vars = {'groups': {'all': ['sunar01', 'sunar02'], 'remedy': ['sunar01', 'sunar02']}, 'hostvars': hostvars}
    result = run_controller(Pair, {'group': 'remedy'}, task_vars)
    assert result['failed'] and result['refusal'] == 'inventory' and 'pairs' not in result
    assert words in result['msg'] and 'Nothing was changed and no box was contacted.' in result['msg']
    assert 's3cr' not in result['msg']


def test_pair_group_refuses_half_a_pair(run_controller):
    task_vars = {'groups': {'all': ['sunar01', 'sunar02'], 'half': ['sunar01']}, 'hostvars': _hostvars(
        ('sunar01', 'sunar02'))}
    result = run_controller(Pair, {'group': 'half'}, task_vars)
    assert result['failed'] and result['refusal'] == 'group' and 'sunar02' in result['msg']


# --- decide

def _boxes(at_prod, at_spare):
    return [{'host': name, 'address': ADDRESS[name], 'answered': b is not None, 'probe': probe(b) if b else None}
            for name, b in ((PROD, at_prod), (SPARE, at_spare))]


def test_decide_move_gives_the_plan(run_controller):
    result = run_controller(Decide, {'config': CFG, 'boxes': _boxes(serving('main'), idle('failover'))}, {})
    assert not result.get('failed') and result['changed'] is False
    assert (result['plan'], result['refusal'], result['roles']) == ('full', None, {PROD: 'leaving', SPARE: 'taking'})
    assert [b['kind'] for b in result['boxes']] == ['main', 'failover']


def test_decide_move_refuses_and_fails(run_controller):
    result = run_controller(Decide, {'config': CFG, 'boxes': _boxes(None, idle('failover'))}, {})
    assert result['failed'] and result['refusal'] == 'confirm' and result['plan'] is None
    result = run_controller(Decide, {'config': CFG, 'boxes': _boxes(None, idle('failover')), 'confirm': True}, {})
    assert not result.get('failed') and result['plan'] == 'takeover'


def test_decide_move_needs_both_names(run_controller):
    result = run_controller(Decide, {'config': CFG, 'boxes': _boxes(serving('main'), None)[:1]}, {})
    assert result['failed'] and result['refusal'] == 'settings'
    assert result['msg'] == ('sunar01/sunar02: a move needs the boxes at both names, the production name first. '
                             'Nothing was changed.')


@pytest.mark.parametrize('at_prod,taken,fails', [
    (box('failover', PROD), False, False),
    (box('main', PROD), False, True),
])
def test_decide_arrived(run_controller, at_prod, taken, fails):
    args = {'config': CFG, 'check': 'arrived', 'taken': taken, 'boxes': _boxes(at_prod, None)[:1]}
    result = run_controller(Decide, args, {})
    assert bool(result.get('failed')) is fails
    if fails:
        assert result['msg'].startswith('sunar01 (192.0.2.11) answers with 2 processors')


def test_decide_status(run_controller):
    result = run_controller(Decide, {'config': CFG, 'check': 'status', 'boxes': _boxes(serving('main'),
                                                                                       serving('failover', SPARE))}, {})
    assert not result.get('failed') and len(result['lines']) == 2
    assert 'WARNING: Remedy runs at the spare name sunar02' in result['flags']


def _outcome_vars(up=True):
    decision = {'plan': 'full', 'roles': {PROD: 'leaving', SPARE: 'taking'}, 'boxes': []}
    end = {PROD: box('failover', PROD, remedy=True), SPARE: box('main', SPARE)}
    hostvars = {}
    for name in (PROD, SPARE):
        facts = {'__remedy_failover_end': {'host': name, 'address': ADDRESS[name], 'answered': True,
                                           'probe': probe(end[name])}}
        hostvars[name] = facts
    hostvars[PROD].update({'__remedy_failover_cfg': CFG, '__remedy_failover_decision': decision,
                           '__remedy_failover_left': True, '__remedy_failover_down_at': 100.0,
                           '__remedy_failover_up_at': 160.0})
    hostvars[SPARE]['__remedy_failover_renamed'] = True
    if up:
        hostvars[PROD]['__remedy_failover_up'] = True
    return {'hostvars': hostvars}


def test_decide_outcome_reads_the_pairs_facts(run_controller):
    result = run_controller(Decide, {'check': 'outcome', 'direction': 'failover', 'pair': [PROD, SPARE]},
                            _outcome_vars())
    assert not result.get('failed')
    assert (result['result'], result['plan'], result['downtime'], result['reason']) == ('ok', 'full', 60.0, None)
    assert [b['host'] for b in result['boxes']] == [PROD, SPARE]
    assert 'Remedy runs on the failover box at sunar01 (1 processors).' in result['lines']
    assert result['record'] == run_record('sunar01/sunar02', 'failover', 'ok', plan='full', downtime=60.0,
                                          summary=result['lines'], remaining=result['remaining'])
    assert (result['event'], result['notice'], result['notify']) == ('done', 'after', True)
    assert result['audit']['boxes'] == {}  # play 1's decision here holds no boxes (the kinds: test_record.py)
    assert [(b['host'], b['record']['serving']) for b in result['box_audits']] == [(PROD, True), (SPARE, False)]


def test_decide_outcome_tells_a_step_that_did_not_finish(run_controller):
    result = run_controller(Decide, {'check': 'outcome', 'direction': 'failover', 'pair': [PROD, SPARE]},
                            _outcome_vars(up=False))
    assert not result.get('failed') and result['result'] == 'failed'
    assert 'bring Remedy up at the production name (play 4)' in result['reason']
    assert (result['record']['result'], result['record']['reason']) == ('failed', result['reason'])


def test_decide_outcome_needs_the_pair(run_controller):
    result = run_controller(Decide, {'check': 'outcome', 'config': CFG, 'pair': [PROD]}, {})
    assert result['failed'] and result['refusal'] == 'settings' and 'check=outcome needs pair' in result['msg']


def _read_facts(at_prod, at_spare, **extra):
    """The facts play 1 leaves on the pair's names: each name's read (tasks/read.yml), and what else is given."""
    hostvars = {b['host']: {'__remedy_failover_read': b} for b in _boxes(at_prod, at_spare)}
    for name, facts in extra.items():
        hostvars.setdefault(name, {}).update(facts)
    return {'hostvars': hostvars}


def test_decide_move_reads_each_names_read_from_its_facts(run_controller):
    result = run_controller(Decide, {'config': CFG, 'pair': [PROD, SPARE]},
                            _read_facts(serving('main'), idle('failover')))
    assert not result.get('failed'), result
    assert (result['plan'], result['roles']) == ('full', {PROD: 'leaving', SPARE: 'taking'})
    # the same as the boxes given: the facts are what the playbooks passed before
    given = run_controller(Decide, {'config': CFG, 'boxes': _boxes(serving('main'), idle('failover'))}, {})
    assert result['boxes'] == given['boxes']


def test_decide_move_never_takes_a_name_without_a_read_for_silent(run_controller):
    task_vars = _read_facts(serving('main'), idle('failover'))
    del task_vars['hostvars'][SPARE]['__remedy_failover_read']
    result = run_controller(Decide, {'config': CFG, 'pair': [PROD, SPARE]}, task_vars)
    assert result['failed'] and result['refusal'] == 'settings' and result.get('plan') is None
    assert 'no read of sunar02' in result['msg'] and 'Nothing was changed' in result['msg']


def test_decide_move_reads_several_pairs_from_play_0(run_controller):
    """A bare true confirms no pair of a run of several: the run's own fact says it is one of several."""
    args = {'config': CFG, 'pair': [PROD, SPARE], 'confirm': True}
    alone = run_controller(Decide, args, _read_facts(None, idle('failover')))
    assert not alone.get('failed') and alone['plan'] == 'takeover'
    several = run_controller(Decide, args, _read_facts(None, idle('failover'), localhost={
        '__remedy_failover_run': {'several': True}}))
    assert several['failed'] and several['plan'] is None


def test_decide_move_reads_the_journals_the_lock_looks_found(run_controller):
    """The collection's own halt, journalled on the box taking over, stands for the confirmation."""
    journal = [{'event': 'started', 'run': 'r1', 'pair': 'sunar01/sunar02', 'direction': 'to the failover box',
                'time': '2026-12-05T08:00:00Z'},
               {'event': 'halted', 'run': 'r1', 'pair': 'sunar01/sunar02', 'direction': 'to the failover box',
                'time': '2026-12-05T08:00:10Z'}]
    args = {'config': CFG, 'pair': [PROD, SPARE], 'run': 'r2'}
    unjournalled = run_controller(Decide, args, _read_facts(None, idle('failover')))
    assert unjournalled['failed'] and unjournalled['refusal'] == 'confirm'
    journalled = run_controller(Decide, args, _read_facts(None, idle('failover'), **{
        SPARE: {'__remedy_failover_pair_look': {'journal': journal}}}))
    assert not journalled.get('failed'), journalled
    assert journalled['plan'] == 'takeover' and journalled['own_halt']


def test_decide_refusal_names_the_cut_move_the_other_way(run_controller):
    """to_main refused right after a cut to_failover: the refusal says which run left the pair so, and how to
    finish it, not only what it finds wrong."""
    journal = [{'event': 'started', 'run': 'r1', 'pair': 'sunar01/sunar02', 'direction': 'to the failover box',
                'time': '2026-12-05T08:00:00Z', 'who': 'jane'},
               {'event': 'leaving', 'run': 'r1', 'pair': 'sunar01/sunar02', 'direction': 'to the failover box',
                'time': '2026-12-05T08:00:10Z'}]
    args = {'config': CFG, 'pair': [PROD, SPARE], 'run': 'r2', 'direction': 'main'}
    result = run_controller(Decide, args, _read_facts(None, None, **{
        PROD: {'__remedy_failover_pair_look': {'journal': journal}}}))
    assert result['failed'] and result['refusal'] == 'state'
    assert 'An earlier run of this pair did not finish: run r1 of jane' in result['msg']
    assert result['msg'].endswith('That run moved the pair to the failover box: finish it first with '
                                  'ansible-playbook playbooks/to_failover.yml, then move the pair back.')
    same = run_controller(Decide, dict(args, direction='failover'), _read_facts(None, None, **{
        PROD: {'__remedy_failover_pair_look': {'journal': journal}}}))
    assert 'run r1 of jane' in same['msg'] and 'finish it first' not in same['msg']


def test_decide_status_reads_the_settings_and_reads_from_the_facts(run_controller):
    task_vars = _read_facts(serving('main'), serving('failover', SPARE))
    task_vars['hostvars'][PROD]['__remedy_failover_pair'] = {'config': CFG}
    result = run_controller(Decide, {'check': 'status', 'pair': [PROD, SPARE]}, task_vars)
    assert not result.get('failed') and len(result['lines']) == 2
    assert 'WARNING: Remedy runs at the spare name sunar02' in result['flags']
