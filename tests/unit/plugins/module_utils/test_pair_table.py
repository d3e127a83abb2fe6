"""The pair's decision as a table: what answers at each name -> the plan (with each name's part) or a named refusal.

Each row is written once with the two kinds of box as L (the box leaving production) and T (the box taking over),
and runs for both directions: to the failover box (L = main, 2 processors; T = failover, 1) and back to the main box
(L = failover, T = main): 55 rows, 110 decisions. The probes are built as remedy.failover.probe returns them
(pair_states.probe).
"""

import re

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.pair import (
    EXCEPTIONS,
    PLANS,
    REFUSALS,
    PairError,
    check_group,
    decide,
    differing,
    pair_config,
    silence,
)
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.pair_states import (
    ADDRESS,
    CFG,
    CFG3,
    CFG_IDS,
    HOSTID,
    OTHER,
    PROD,
    SETTINGS,
    SPARE,
    CSH,
    NOT_ROOT,
    UNREACHABLE,
    UNREADABLE,
    box,
    seen,
)

L, T = 'L', 'T'
LEAVING, TAKING = {PROD: 'leaving', SPARE: 'taking'}, {PROD: 'taking', SPARE: 'leaving'}


def plan(name, roles, exceptions=None):
    return {'plan': name, 'roles': roles, 'exceptions': exceptions or {}}


def refused(code, at, hint):
    """Refusal ``code``; its message names the box at ``at`` (its address too) and says ``hint``."""
    return {'refusal': code, 'at': at, 'hint': hint}


def on(kind, name, **kw):
    return box(kind, name, **kw)


def serving(kind, name=PROD, **kw):
    return box(kind, name, remedy=True, **kw)


# (id, what answers at the production name, at the spare name, confirmation, several pairs, expected)
ROWS = [
    # --- plans
    ('planned move: L serves at prod, T idle at spare', serving(L), on(T, SPARE), None, False,
     plan('full', LEAVING)),
    ('planned move, Remedy already stopped on L', on(L, PROD, arconf='active', autostart='on', alarms='prod'),
     on(T, SPARE), None, False, plan('full', LEAVING)),
    ('planned move in a run of several pairs', serving(L), on(T, SPARE), None, True, plan('full', LEAVING)),
    ('a confirmation changes nothing in a planned move', serving(L), on(T, SPARE), 'true', False,
     plan('full', LEAVING)),
    ('EXCEPTION leaving_renamed: L renamed spare, not yet halted', on(L, PROD, configured=SPARE, arconf='parked'),
     on(T, SPARE), None, False, plan('full', LEAVING, {PROD: 'leaving_renamed'})),
    ('finish: T serves at prod, L booted at spare', serving(T), on(L, SPARE), None, False, plan('finish', TAKING)),
    ('finish: T serves at prod, nothing at spare', serving(T), None, None, False,
     plan('finish', {PROD: 'taking', SPARE: None})),
    ('finish: T rebooted at prod, Remedy not started yet', on(T, PROD), None, None, False,
     plan('finish', {PROD: 'taking', SPARE: None})),
    ('finish: L booted at spare with its boot-time start still on', serving(T),
     on(L, SPARE, autostart='on', alarms='prod'), None, False, plan('finish', TAKING)),
    ('finish: L at spare with ar.conf still active', serving(T), on(L, SPARE, arconf='active'), None, False,
     plan('finish', TAKING)),
    ('takeover: nothing at prod, T idle at spare, confirmed true', None, on(T, SPARE), 'true', False,
     plan('takeover', {PROD: None, SPARE: 'taking'})),
    ('takeover confirmed by a YAML boolean', None, on(T, SPARE), True, False,
     plan('takeover', {PROD: None, SPARE: 'taking'})),
    ('takeover confirmed by its production name', None, on(T, SPARE), PROD, False,
     plan('takeover', {PROD: None, SPARE: 'taking'})),
    ('takeover of several pairs confirmed by production names', None, on(T, SPARE), 'sunar03, sunar01', True,
     plan('takeover', {PROD: None, SPARE: 'taking'})),
    ('takeover of several pairs confirmed by a list', None, on(T, SPARE), ['sunar01', 'sunar03'], True,
     plan('takeover', {PROD: None, SPARE: 'taking'})),
    ('EXCEPTION taking_renamed: T renamed prod, not yet rebooted, confirmed', None,
     on(T, SPARE, configured=PROD), 'true', False,
     plan('takeover', {PROD: None, SPARE: 'taking'}, {SPARE: 'taking_renamed'})),
    # --- what answers is not the pair as a move needs it
    ('nothing answers at either name', None, None, 'true', False, refused('state', PROD, 'Bring the')),
    ('only L answers, at spare', None, on(L, SPARE), 'true', False, refused('state', PROD, 'Bring the')),
    ('only L answers, at prod', serving(L), None, None, False, refused('state', SPARE, 'Bring the')),
    ('L at both names', serving(L), on(L, SPARE), None, False, refused('same_kind', SPARE, 'psrinfo -v')),
    ('T at both names', serving(T), on(T, SPARE), None, False, refused('same_kind', SPARE, 'psrinfo -v')),
    ('a box of neither processor count at prod', serving('odd'), on(T, SPARE), None, False,
     refused('cpus', PROD, 'psrinfo -v')),
    ('a box of neither processor count at spare', serving(L), on('odd', SPARE), None, False,
     refused('cpus', SPARE, 'psrinfo -v')),
    ('Ansible cannot log in at spare', serving(L), UNREACHABLE, None, False,
     refused('unreachable', SPARE, 'known_hosts')),
    ('the probe at prod cannot be read', UNREADABLE, on(T, SPARE), None, False,
     refused('unreadable', PROD, 'console')),
    ('the commands at spare do not run as root', serving(L), NOT_ROOT, None, False,
     refused('not_root', SPARE, 'remedy.failover.su')),
    ('the login at prod has csh as its shell', CSH, on(T, SPARE), None, False,
     refused('login_shell', PROD, '/bin/sh or /bin/ksh')),
    # --- files
    ('a per-name file missing at prod', serving(L, missing=['/etc/inet/hosts.sunar02']), on(T, SPARE), None, False,
     refused('files', PROD, 'Restore')),
    ('a start-up script missing at spare', serving(L), on(T, SPARE, missing=['/etc/init.d/arweb']), None, False,
     refused('files', SPARE, 'Restore')),
    ('both ar.conf at prod', serving(L, arconf='both'), on(T, SPARE), None, False, refused('files', PROD, 'Restore')),
    ('no ar.conf at spare', serving(L), on(T, SPARE, arconf='neither'), None, False,
     refused('files', SPARE, 'Restore')),
    # --- identity (issue 12, case 1: the two names' addresses swapped in the inventory or DNS)
    ('addresses swapped: T as spare at prod, L serving as prod at spare', on(T, SPARE), serving(L, PROD), None, False,
     refused('identity', PROD, 'uname -n')),
    ('addresses swapped after a move: L at prod, T serving at spare', on(L, SPARE), serving(T, PROD), None, False,
     refused('identity', PROD, 'uname -n')),
    ('the box at prod runs under another name', serving(L, OTHER), on(T, SPARE), None, False,
     refused('identity', PROD, 'uname -n')),
    ('the box at prod is configured under another name', serving(L, configured=OTHER), on(T, SPARE), None, False,
     refused('identity', PROD, 'uname -n')),
    ('the box at spare is configured under another name', serving(L), on(T, SPARE, configured=OTHER), None, False,
     refused('identity', SPARE, 'uname -n')),
    ('the box at spare runs as prod, nothing at prod', None, on(T, PROD), 'true', False,
     refused('identity', SPARE, 'uname -n')),
    ('the box at spare runs as prod, L at prod', serving(L), on(T, PROD), None, False,
     refused('identity', SPARE, 'uname -n')),
    ('near leaving_renamed: L renamed spare but Remedy runs', serving(L, configured=SPARE), on(T, SPARE), None, False,
     refused('identity', PROD, 'uname -n')),
    ('near leaving_renamed: T (not L) at prod renamed spare', on(T, PROD, configured=SPARE), on(L, SPARE), None, False,
     refused('identity', PROD, 'uname -n')),
    ('near taking_renamed: T renamed prod but Remedy runs', None, serving(T, SPARE, configured=PROD), 'true', False,
     refused('identity', SPARE, 'uname -n')),
    ('near taking_renamed: L (not T) at spare renamed prod', None, on(L, SPARE, configured=PROD), 'true', False,
     refused('identity', SPARE, 'uname -n')),
    ('taking_renamed while L still serves at prod', serving(L), on(T, SPARE, configured=PROD), None, False,
     refused('same_name', PROD, '/etc/setname')),
    # --- Remedy where it must not run (issue 12, case 4)
    ('Remedy started by hand at spare, L idle at prod', on(L, PROD, arconf='active'), serving(T, SPARE), None, False,
     refused('remedy_at_spare', SPARE, '/etc/init.d/arsystem stop')),
    ('Remedy at spare, nothing at prod', None, serving(T, SPARE), 'true', False,
     refused('remedy_at_spare', SPARE, '/etc/init.d/arsystem stop')),
    ('Remedy on L booted at spare after a move', on(T, PROD, arconf='active'), serving(L, SPARE), None, False,
     refused('remedy_at_spare', SPARE, '/etc/init.d/arsystem stop')),
    ('Remedy on both boxes', serving(L), serving(T, SPARE), None, False,
     refused('twice', PROD, '/etc/init.d/arsystem stop')),
    # --- the confirmation of an unplanned move
    ('takeover without confirmation', None, on(T, SPARE), None, False, refused('confirm', PROD, '=true')),
    ('takeover confirmed false', None, on(T, SPARE), 'false', False, refused('confirm', PROD, '=true')),
    ('takeover with an empty confirmation', None, on(T, SPARE), '', False, refused('confirm', PROD, '=true')),
    ('takeover in a run of several pairs confirmed by a bare true', None, on(T, SPARE), 'true', True,
     refused('confirm', PROD, '=sunar01')),
    ('takeover confirmed for other pairs only', None, on(T, SPARE), 'sunar03,sunar05', True,
     refused('confirm', PROD, '=sunar01')),
    ('taking_renamed, not confirmed', None, on(T, SPARE, configured=PROD), None, False,
     refused('confirm', PROD, '=true')),
    ('takeover confirmed with garbage', None, on(T, SPARE), 'yes, please!', False, PairError),
    ('takeover confirmed with a sentence', None, on(T, SPARE), 'the box is down', True, PairError),
]

DIRECTIONS = {'failover': {L: 'main', T: 'failover'}, 'main': {L: 'failover', T: 'main'}}


def _kinded(b, kinds):
    if b is None or isinstance(b, str):
        return b
    return b._replace(kind=kinds.get(b.kind, b.kind))


def test_row_count_in_the_docstring():
    assert '%d rows, %d decisions' % (len(ROWS), 2 * len(ROWS)) in __doc__


def _params():
    for direction, kinds in DIRECTIONS.items():
        for name, at_prod, at_spare, confirm, several, expected in ROWS:
            yield pytest.param(direction, _kinded(at_prod, kinds), _kinded(at_spare, kinds), confirm, several,
                               expected, id='to %s: %s' % (direction, name))


@pytest.mark.parametrize('direction,at_prod,at_spare,confirm,several,expected', list(_params()))
def test_decision_table(direction, at_prod, at_spare, confirm, several, expected):
    boxes = seen(PROD, at_prod), seen(SPARE, at_spare)
    if expected is PairError:
        with pytest.raises(PairError, match='neither true/false nor a list of production names'):
            decide(CFG, direction, *boxes, confirm=confirm, several=several)
        return
    got = decide(CFG, direction, *boxes, confirm=confirm, several=several)
    if 'plan' in expected:
        assert got['plan'] in PLANS and got['refusal'] is None and got['msg'] is None
        assert (got['plan'], got['roles'], got['exceptions']) == (expected['plan'], expected['roles'],
                                                                  expected['exceptions'])
        assert set(got['exceptions'].values()) <= set(EXCEPTIONS)
        taking = [name for name, part in got['roles'].items() if part == 'taking']
        assert got['taking_host'] == taking[0] and got['taken'] == (taking[0] == PROD)
        assert got['text'].startswith('sunar01/sunar02: ')
        return
    assert (got['plan'], got['refusal']) == (None, expected['refusal']), got.get('msg') or got
    assert expected['refusal'] in REFUSALS
    msg = got['msg']
    assert '%s (%s)' % (expected['at'], ADDRESS[expected['at']]) in msg or expected['at'] in msg
    assert 'Nothing was changed' in msg
    assert 'run again' in msg and expected['hint'] in msg
    if expected['refusal'] == 'confirm':
        leaving = DIRECTIONS[direction][L]
        assert '-e confirm_%s_down=' % leaving in msg and 'the %s box is halted' % leaving in msg


def test_refusal_names_the_box_by_its_address():
    """An operator finds the box by the address the inventory gave: the message shows both."""
    got = decide(CFG, 'failover', seen(PROD, box('failover', SPARE)), seen(SPARE, box('main', PROD, remedy=True)))
    assert got['msg'].startswith('sunar01 (192.0.2.11): the box answering there runs as sunar02 and is configured '
                                 'as sunar02, not as sunar01 (the failover box, 1 processors).')


def test_another_pair_is_named_in_its_own_refusals():
    got = decide(CFG3, 'failover', seen('sunar03', None, CFG3), seen('sunar04', box('failover', 'sunar04'), CFG3),
                 confirm='sunar01', several=True)
    assert got['refusal'] == 'confirm'
    assert 'Nothing answers Ansible at sunar03' in got['msg'] and '-e confirm_main_down=sunar03' in got['msg']


@pytest.mark.parametrize('direction,leaving', [('failover', 'main'), ('main', 'failover')])
def test_nothing_at_prod_and_the_leaving_box_at_spare_never_advises_booting_the_other_box(direction, leaving):
    """A move the other way cut after it renamed and halted its box: that box is configured as the spare name the
    box answering holds. "Bring it up as spare" would make two boxes with one name (review of cut moves)."""
    taking = 'failover' if leaving == 'main' else 'main'
    got = decide(CFG, direction, seen(PROD, None), seen(SPARE, box(leaving, SPARE)), confirm='true')
    assert got['refusal'] == 'state'
    assert 'do not boot it into multi-user mode' in got['msg'] and 'two boxes would carry one name' in got['msg']
    assert 'ansible-playbook playbooks/to_%s.yml' % leaving in got['msg']
    assert 'Bring the %s box up as' % taking not in got['msg']


def test_confirm_variable_named_as_the_playbook_gives_it():
    got = decide(CFG, 'main', seen(PROD, None), seen(SPARE, box('main', SPARE)), confirm_var='confirm_failover_down')
    assert '-e confirm_failover_down=true' in got['msg']


# --- the pair's settings (issue 12, case 5: equal processor counts)

@pytest.mark.parametrize('change,words', [
    pytest.param({'main_processors': 2, 'failover_processors': 2}, 'are both 2: the boxes are told apart by their '
                 'processors', id='equal processor counts'),
    pytest.param({'main_processors': '2', 'failover_processors': '2'}, 'are both 2', id='equal counts as strings'),
    pytest.param({'production': 'sunar01', 'spare': 'sunar01'}, 'are both sunar01: the two boxes need two names',
                 id='production and spare names equal'),
    pytest.param({'production': 'sunar_01'}, "remedy_failover_production_name is 'sunar_01', not a host name",
                 id='production name not a host name'),
    pytest.param({'spare': None}, 'remedy_failover_spare_name is None, not a host name', id='spare name missing'),
    pytest.param({'main_processors': 'two'}, "remedy_failover_main_processors is 'two', not a whole number",
                 id='processor count not a number'),
    pytest.param({'failover_processors': 0}, 'remedy_failover_failover_processors is 0, not a whole number',
                 id='no processors'),
    pytest.param({'failover_processors': True}, 'remedy_failover_failover_processors is True', id='a boolean count'),
    pytest.param({'failover_processors': 1.5}, 'remedy_failover_failover_processors is 1.5', id='a fraction'),
    pytest.param({'remedy_daemons_services': []}, 'remedy_daemons_services must be a non-empty list of dicts',
                 id='no daemons'),
    pytest.param({'remedy_autostart_links': ['S87arsystem']}, 'remedy_autostart_links must be a non-empty list',
                 id='links not dicts'),
    pytest.param({'serco_monitoring_sources': {'prod': 'a'}}, 'serco_monitoring_sources must have the keys prod and '
                 'min', id='alarm sources incomplete'),
    pytest.param({'setname_files': []}, 'setname_files must list the per-name files', id='no per-name files'),
    pytest.param({'addresses': {PROD: '10.0.0.1', SPARE: '10.0.0.1'}}, 'sunar01 and sunar02 are both at 10.0.0.1 '
                 '(their ansible_host): each name has its own address', id='both names at one address'),
    pytest.param({'remedy_daemons_ports': ['2020', 'http']}, "remedy_daemons_ports is ['2020', 'http']: 'http' is not "
                 'a TCP port number (1 to 65535)', id='a port by its service name'),
    pytest.param({'remedy_daemons_ports': [2020, 70000, 0]}, '70000, 0 are not a TCP port number',
                 id='ports out of range'),
    pytest.param({'remedy_daemons_ports': '2020;80'}, "'2020;80' is not a TCP port number", id='ports joined by ;'),
    pytest.param({'remedy_daemons_ports': {'ar': 2020}}, "remedy_daemons_ports is {'ar': 2020}, not a list",
                 id='ports as a dict'),
])
def test_settings_refused(change, words):
    with pytest.raises(PairError, match=re.escape(words)):
        pair_config(dict(SETTINGS, **change))


def test_settings_all_wrong_at_once_are_all_told():
    with pytest.raises(PairError) as err:
        pair_config(dict(SETTINGS, production='a b', main_processors=1))
    assert "'a b', not a host name" in str(err.value) and 'are both 1' in str(err.value)


@pytest.mark.parametrize('ports,read', [
    pytest.param([2020, 80, 8080], [2020, 80, 8080], id='a list of numbers'),
    pytest.param(['2020', '80'], [2020, 80], id='a list of strings (a survey)'),
    pytest.param('8080', [8080], id='one port as a string: one port, never its digits'),
    pytest.param('2020, 80,8080', [2020, 80, 8080], id='a comma-separated string, as Ansible splits one'),
])
def test_ports_read_as_the_role_reads_them(ports, read):
    assert pair_config(dict(SETTINGS, remedy_daemons_ports=ports))['ports'] == read


@pytest.mark.parametrize('mine,theirs,words', [
    pytest.param({'remedy_failover_main_processors': 2}, {'remedy_failover_main_processors': 4},
                 'remedy_failover_main_processors is 2 for sunar01 but 4 for sunar02', id='a count set twice'),
    pytest.param({}, {'remedy_failover_failover_hostid': '8091d5e7'},
                 "remedy_failover_failover_hostid is unset for sunar01 but '8091d5e7' for sunar02",
                 id='a hostid in one host_vars file'),
    pytest.param({'setname_files': ['/etc/nodename']}, {'setname_files': ['/etc/nodename', '/etc/hosts']},
                 'setname_files is', id="a role's list on one host"),
])
def test_settings_that_differ_between_the_names_are_refused(mine, theirs, words):
    msg = differing(PROD, SPARE, mine, theirs)
    assert msg.startswith("sunar01: the pair's settings differ between its two names: ") and words in msg
    assert 'Nothing was changed' in msg and 'group vars' in msg


def test_settings_the_same_for_both_names_pass():
    same = {'remedy_failover_main_processors': 2, 'setname_files': ['/etc/nodename']}
    assert differing(PROD, SPARE, same, dict(same)) is None and differing(PROD, SPARE, {}, {}) is None


def test_settings_of_the_seed():
    assert (CFG['prod'], CFG['spare'], CFG['main_cpus'], CFG['failover_cpus']) == ('sunar01', 'sunar02', 2, 1)
    assert CFG['processes'][0] == 'arserverd' and CFG['scripts'][0] == '/etc/init.d/arsystem'
    assert CFG['links'][0] == '/etc/rc2.d/S87arsystem' and CFG['link_targets'][0] == '/etc/init.d/arsystem'
    assert CFG['alarm_files'] == ['/usr/cute/sercoadm/etc/daemons.cfg', '/usr/cute/sercoadm/etc/daemons.cfg.prod',
                                  '/usr/cute/sercoadm/etc/daemons.cfg.min']


# --- the run's group (issue 12, case 2: a host pattern where the pair's group belongs)

HOSTS = ['sunar01', 'sunar02', 'sunar03', 'sunar04', 'sunar05', 'web01']
GROUPS = {
    'all': HOSTS,
    'ungrouped': ['web01'],
    'remedy': ['sunar01', 'sunar02'],
    'remedy_b': ['sunar03', 'sunar04'],
    # a group of groups: Ansible gives it its children's hosts
    'remedies': ['sunar01', 'sunar02', 'sunar03', 'sunar04'],
    'half': ['sunar01'],
    'mixed': ['sunar01', 'sunar02', 'web01'],
    # sunar05's group vars make it a pair with sunar01, which is also remedy's production name
    'shared': ['sunar01', 'sunar02', 'sunar05'],
}
PAIR_OF = {'sunar01': ('sunar01', 'sunar02'), 'sunar02': ('sunar01', 'sunar02'), 'sunar03': ('sunar03', 'sunar04'),
           'sunar04': ('sunar03', 'sunar04'), 'sunar05': ('sunar05', 'sunar01'), 'web01': ('sunar01', 'sunar02')}
LISTED = 'The groups of whole pairs in this inventory: remedies, remedy, remedy_b.'


@pytest.mark.parametrize('name,pairs', [
    pytest.param('remedy', [('sunar01', 'sunar02')], id="a pair's group"),
    pytest.param('remedy_b', [('sunar03', 'sunar04')], id="another pair's group"),
    pytest.param('remedies', [('sunar01', 'sunar02'), ('sunar03', 'sunar04')], id='a group of groups: its pairs'),
])
def test_group_of_whole_pairs(name, pairs):
    assert check_group(name, GROUPS, PAIR_OF) == (pairs, None)


@pytest.mark.parametrize('name,words', [
    pytest.param('sunar01', '-e remedy_failover_pair=sunar01: sunar01 is a host, not a group.', id='a host name'),
    pytest.param('sunar01,sunar02', 'sunar01,sunar02 is a pattern or a list.', id='a list of the two names'),
    pytest.param('remedy,remedy_b', 'remedy,remedy_b is a pattern or a list.', id='a list of groups'),
    pytest.param('remedy:remedy_b', 'remedy:remedy_b is a pattern or a list.', id='a pattern union'),
    pytest.param('remedy:&remedy_b', 'is a pattern or a list.', id='a pattern intersection'),
    pytest.param('remedy*', 'remedy* is a pattern or a list.', id='a wildcard'),
    pytest.param('!remedy_b', 'is a pattern or a list.', id='an exclusion'),
    pytest.param('remedy ', 'is a pattern or a list.', id='a trailing blank'),
    pytest.param('nosuch', 'nosuch is not a group of the inventory.', id='an unknown group'),
    pytest.param('all', 'all is not a group of the inventory.', id='all'),
    pytest.param('ungrouped', 'ungrouped is not a group of the inventory.', id='ungrouped'),
    pytest.param('', 'the empty name is not a group of the inventory.', id='empty'),
    pytest.param(None, 'the empty name is not a group of the inventory.', id='none'),
])
def test_group_refused_before_any_box_is_contacted(name, words):
    pairs, msg = check_group(name, GROUPS, PAIR_OF)
    assert pairs is None
    assert words in msg and LISTED in msg
    assert "The run moves one group: a pair's group, or a group whose children are pairs' groups." in msg
    assert msg.endswith('Nothing was changed and no box was contacted.')


@pytest.mark.parametrize('name,words', [
    pytest.param('half', 'sunar01: the group half must hold both names of each pair it moves', id='one name of a pair'),
    pytest.param('half', 'it lacks sunar02, the other name of the pair sunar01/sunar02.', id='the missing name told'),
    pytest.param('mixed', 'web01: the group mixed must hold both names', id='a host not of its pair'),
    pytest.param('mixed', "web01 is not one of its pair's names (web01: pair sunar01/sunar02)",
                 id='the stray host told'),
    pytest.param('shared', 'the group shared holds pairs that share the name sunar01 (sunar01/sunar02; '
                 'sunar05/sunar01)', id='two pairs sharing a name'),
])
def test_group_not_of_whole_pairs(name, words):
    pairs, msg = check_group(name, GROUPS, PAIR_OF)
    assert pairs is None and words in msg and 'Nothing was changed and no box was contacted.' in msg


def test_the_listed_groups_are_groups_a_run_accepts():
    msg = check_group('sunar01', GROUPS, PAIR_OF)[1]
    listed = msg.split('The groups of whole pairs in this inventory: ')[1].split('.')[0].split(', ')
    assert all(check_group(g, GROUPS, PAIR_OF)[1] is None for g in listed)


def test_inventory_without_a_pair_group_says_so():
    msg = check_group('sunar01', {'all': ['sunar01'], 'ungrouped': ['sunar01']}, {'sunar01': ('sunar01', 'sunar02')})[1]
    assert 'This inventory has no group holding both names of a pair.' in msg


# --- the production address proven silent before the box taking over takes it

@pytest.mark.parametrize('ports,ping,arp,heard', [
    pytest.param({22: False, 2020: False}, (False, ''), (False, ''), None, id='silent'),
    pytest.param({}, None, None, None, id='nothing looked at but the port'),
    pytest.param({22: True}, None, None, 'port 22 answers from the controller', id='SSH port open'),
    pytest.param({22: False, 2020: True}, None, None, 'port 2020 answers', id='the AR port open'),
    pytest.param({22: False}, (True, '64 bytes from 192.0.2.11'), None, 'ICMP echo answers from the box taking over '
                 '(64 bytes from 192.0.2.11)', id='ping answers'),
    pytest.param({22: False}, (False, ''), (True, '8:0:20:ab:cd:ef'), 'ARP answers from the box taking over',
                 id='ARP answers'),
])
def test_production_address_silent(ports, ping, arp, heard):
    msg = silence(PROD, ADDRESS[PROD], ports, ping, arp)
    if heard is None:
        assert msg is None
        return
    assert heard in msg and "something still answers at sunar01's address 192.0.2.11" in msg
    assert 'Nothing was changed beyond what this run already reported: the box taking over was not rebooted.' in msg and 'run again' in msg


# --- issue 20: boxes known by hostid, processor count and clock; Remedy by path or arguments; every file a move
# reads or replaces checked by content before the first change. (direction, settings, at prod, at spare,
# confirmation, expected); a refusal's message names the box and says these words.
IDS = CFG_IDS
ACCEPT = dict(CFG, accept_arconf_difference=True)
# the inventory gives each name the other's address: each box's per-name files are right, the inventory is not
SWAPPED = pair_config(dict(SETTINGS, addresses={PROD: ADDRESS[SPARE], SPARE: ADDRESS[PROD]}))
NODENAME_WRONG = (('/etc/nodename.sunar01', 'sunar02\n'),)
HOSTS_WRONG = (('/etc/inet/hosts.sunar01', '127.0.0.1 localhost\n192.0.2.12 sunar01 loghost\n192.0.2.12 sunar02\n'),)
HOSTNAME_WRONG = (('/etc/hostname.hme0.sunar02', 'sunar01\n'),)
HOSTNAME_ADDRESS = (('/etc/hostname.hme0.sunar01', '192.0.2.11\n'),)
QFE0 = (('/etc/hostname.qfe0', '192.0.2.11 netmask + broadcast + up\n'),)
QFE0_OWN = (('/etc/hostname.qfe0', 'sunar01-backup netmask + up\n'),)
CHANGED = 'ar.conf, changed since by the AR System admin tool'

ROWS20 = [
    ('case 1: the main box lists one processor, the failover box silent', 'failover', CFG,
     serving('main', cpus=1), None, None,
     refused('degraded', PROD, 'the main box at sunar01 shows 1 processor, not its 2 at 400 MHz')),
    ('case 1, by its clock: the failover box does not answer is said', 'failover', CFG,
     serving('main', cpus=1), None, 'true', refused('degraded', PROD, 'the failover box does not answer at sunar02')),
    ('case 1 with the hostids in the inventory', 'failover', IDS, serving('main', cpus=1), None, None,
     refused('degraded', PROD, 'known by its hostid 80f1c2a3')),
    ('case 1, confirmed: never taken for the failover box', 'failover', IDS, serving('main', cpus=1), None, 'true',
     refused('degraded', PROD, 'never taken for the other box')),
    ('a main box that lost a processor leaves production to the failover box', 'failover', CFG,
     serving('main', cpus=1), box('failover', SPARE), None, plan('full', LEAVING)),
    ('Remedy never moves to a main box that lost a processor', 'main', CFG, serving('failover'),
     box('main', SPARE, cpus=1), None, refused('degraded', SPARE, 'Remedy never moves to it')),
    ('a faulted processor is still listed and counted: the main box', 'failover', CFG,
     serving('main', states=('on-line', 'faulted')), box('failover', SPARE), None, plan('full', LEAVING)),
    ('an off-line processor of the box taking over is counted too', 'main', IDS, serving('failover'),
     box('main', SPARE, states=('off-line',)), None, plan('full', LEAVING)),
    ('a box with the hostid of neither box', 'failover', IDS, serving('main', hostid=HOSTID['odd']),
     box('failover', SPARE), None, refused('hostid', PROD, 'has the hostid 8312d0e5')),
    ('the failover box by its hostid, with two processors', 'failover', IDS, serving('main'),
     box('failover', SPARE, cpus=2), None, refused('degraded', SPARE, 'shows 2 processors, not its 1 at 300 MHz')),
    ('a box without /usr/bin/hostid is known by its hardware', 'failover', IDS, serving('main', hostid=None),
     box('failover', SPARE, hostid=None), None, plan('full', LEAVING)),
    ('a clock of neither box', 'failover', CFG, serving('main'), box('failover', SPARE, mhz=350), None,
     refused('cpus', SPARE, '1 processor at 350 MHz')),
    ('case 2: a stock Solaris 10 pair (Web Console, Apache 2, Oracle java) is no Remedy', 'failover', CFG,
     box('main', PROD, arconf='active', autostart='on', alarms='prod', stock=True), box('failover', SPARE, stock=True),
     None, plan('full', LEAVING)),
    ('case 3: nodename.sunar01 holds sunar02', 'failover', CFG, serving('main'),
     box('failover', SPARE, texts=NODENAME_WRONG), None,
     refused('name_files', SPARE, '/etc/nodename.sunar01 holds sunar02, not sunar01')),
    ("case 3: hosts.sunar01 gives sunar01 sunar02's address", 'failover', CFG, serving('main'),
     box('failover', SPARE, texts=HOSTS_WRONG), None,
     refused('name_files', SPARE, '/etc/inet/hosts.sunar01 maps sunar01 to 192.0.2.12, not to its address 192.0.2.11')),
    ('case 3: hostname.hme0.sunar02 names sunar01', 'failover', CFG, serving('main', texts=HOSTNAME_WRONG),
     box('failover', SPARE), None,
     refused('name_files', PROD, '/etc/hostname.hme0.sunar02 names sunar01, not sunar02 or its address 192.0.2.12')),
    ('addresses swapped in the inventory: the boxes at the wrong names are said, not their per-name files', 'failover',
     SWAPPED, box('failover', SPARE), serving('main'), None,
     refused('identity', PROD, 'runs as sunar02 and is configured as sunar02, not as sunar01')),
    ('hostname.hme0.sunar01 holding its address is right', 'failover', CFG, serving('main'),
     box('failover', SPARE, texts=HOSTNAME_ADDRESS), None, plan('full', LEAVING)),
    ("a second interface file carrying sunar01's address", 'failover', CFG, serving('main'),
     box('failover', SPARE, texts=QFE0), None,
     refused('name_files', SPARE, 'the interface file /etc/hostname.qfe0 carries 192.0.2.11, which the rename would '
             'leave behind')),
    ('a second interface of its own is no concern', 'failover', CFG, serving('main'),
     box('failover', SPARE, texts=QFE0_OWN), None, plan('full', LEAVING)),
    ("case 4: the site's own S87arsystem on the box taking over", 'failover', CFG, serving('main'),
     box('failover', SPARE, links=(('/etc/rc2.d/S87arsystem', 'file'),)), None,
     refused('links', SPARE, '/etc/rc2.d/S87arsystem is a plain file, not the link to /etc/init.d/arsystem')),
    ('case 4: S98jsp linked elsewhere on the box taking over', 'main', CFG, serving('failover'),
     box('main', SPARE, links=(('/etc/rc2.d/S98jsp', '/opt/site/jsp'),)), None,
     refused('links', SPARE, '/etc/rc2.d/S98jsp points to /opt/site/jsp')),
    ('a foreign link on the leaving box is its autostart role\'s', 'failover', CFG,
     serving('main', links=(('/etc/rc2.d/S98jsp', '/opt/site/jsp'),)), box('failover', SPARE), None,
     plan('full', LEAVING)),
    ('case 4: daemons.cfg.prod missing on the box taking over', 'failover', CFG, serving('main'),
     box('failover', SPARE, missing=['/usr/cute/sercoadm/etc/daemons.cfg.prod']), None,
     refused('files', SPARE, 'alarm configuration missing: /usr/cute/sercoadm/etc/daemons.cfg.prod')),
    ('case 4: daemons.cfg.min missing on the leaving box', 'failover', CFG,
     serving('main', missing=['/usr/cute/sercoadm/etc/daemons.cfg.min']), box('failover', SPARE), None,
     refused('files', PROD, 'alarm configuration missing: /usr/cute/sercoadm/etc/daemons.cfg.min')),
    ('case 5: a stale ar.conf.PROD on the box taking over', 'failover', CFG, serving('main', arconf_text=CHANGED),
     box('failover', SPARE), None,
     refused('arconf', SPARE, '/etc/ar.conf.PROD on the failover box at sunar02')),
    ('case 5: the difference accepted', 'failover', ACCEPT, serving('main', arconf_text=CHANGED),
     box('failover', SPARE), None, plan('full', LEAVING)),
    ('case 5 back to the main box', 'main', CFG, serving('failover', arconf_text=CHANGED), box('main', SPARE), None,
     refused('arconf', SPARE, 'differs from the running /etc/ar.conf of the failover box at sunar01')),
    ('case 5, unplanned: nothing to compare with', 'failover', CFG, None, box('failover', SPARE), 'true',
     plan('takeover', {PROD: None, SPARE: 'taking'})),
]


@pytest.mark.parametrize('direction,cfg,at_prod,at_spare,confirm,expected',
                         [pytest.param(*row[1:], id=row[0]) for row in ROWS20])
def test_decision_table_of_issue_20(direction, cfg, at_prod, at_spare, confirm, expected):
    got = decide(cfg, direction, seen(PROD, at_prod, cfg), seen(SPARE, at_spare, cfg), confirm=confirm)
    if 'plan' in expected:
        assert got['refusal'] is None, got['msg']
        assert (got['plan'], got['roles']) == (expected['plan'], expected['roles'])
        return
    assert (got['plan'], got['refusal']) == (None, expected['refusal']), got.get('msg') or got
    assert expected['refusal'] in REFUSALS
    msg = got['msg']
    assert '%s (%s)' % (expected['at'], ADDRESS[expected['at']]) in msg
    assert 'Nothing was changed' in msg and 'run again' in msg
    assert expected['hint'] in msg, msg


def test_case_1_says_what_the_operator_must_know():
    got = decide(CFG, 'failover', seen(PROD, serving('main', cpus=1)), seen(SPARE, None), confirm='true')
    assert got['msg'].startswith('sunar01 (192.0.2.11): the main box at sunar01 shows 1 processor, not its 2 at '
                                 '400 MHz (known by its processors\' clock, 400 MHz), and the failover box does not '
                                 'answer at sunar02.')


def test_what_a_run_tells_beside_its_plan():
    """An accepted ar.conf difference, a takeover's uncompared ar.conf, a faulted processor: in the plan's text
    (said before the move and mailed) and in its warnings (the final message and mail)."""
    got = decide(ACCEPT, 'failover', seen(PROD, serving('main', arconf_text=CHANGED)),
                 seen(SPARE, box('failover', SPARE)))
    assert 'accepted by remedy_failover_accept_arconf_difference' in got['warnings'][0]
    assert 'NOTE: /etc/ar.conf.PROD on the failover box at sunar02' in got['text']
    got = decide(CFG, 'failover', seen(PROD, None), seen(SPARE, box('failover', SPARE)), confirm='true')
    assert 'could not be compared with the running /etc/ar.conf of the main box' in got['warnings'][0]
    got = decide(CFG, 'failover', seen(PROD, serving('main', states=('on-line', 'faulted'))),
                 seen(SPARE, box('failover', SPARE)))
    assert got['warnings'] == ["sunar01 (192.0.2.11): processor 1 faulted (psrinfo -v): still counted as the main "
                               "box's; look at its console."]


@pytest.mark.parametrize('change,words', [
    pytest.param({'main_hostid': '80F1C2A'}, "remedy_failover_main_hostid is '80F1C2A', not 8 hex digits",
                 id='a hostid too short'),
    pytest.param({'failover_hostid': 80123456}, 'remedy_failover_failover_hostid is 80123456, not 8 hex digits '
                 "as /usr/bin/hostid prints them (quote it in YAML", id='a hostid YAML read as a number'),
    pytest.param({'main_hostid': '80a41b07', 'failover_hostid': '80A41B07'}, 'are both 80a41b07: each box has its '
                 'own', id='one hostid twice'),
    pytest.param({'main_mhz': 'fast'}, "remedy_failover_main_mhz is 'fast', not a whole number of MHz",
                 id='a clock that is no number'),
    pytest.param({'remedy_daemons_services': [{'script': 'arsystem', 'process': ''}]},
                 'remedy_daemons_services: the service arsystem has no process', id='an empty process'),
    pytest.param({'remedy_daemons_services': [{'script': 'arsystem'}]},
                 'remedy_daemons_services: the service arsystem has no process', id='a service without process'),
    pytest.param({'remedy_daemons_services': [{'script': 'jsp', 'process': 'java', 'args': '(['}]},
                 'is not a regular expression', id='a pattern that is none'),
])
def test_settings_of_issue_20_refused(change, words):
    with pytest.raises(PairError, match=re.escape(words)):
        pair_config(dict(SETTINGS, **change))


def test_hostids_and_clocks_read():
    cfg = pair_config(dict(SETTINGS, main_hostid='80F1C2A3', main_mhz='450'))
    assert (cfg['main_hostid'], cfg['failover_hostid'], cfg['main_mhz'], cfg['failover_mhz']) == \
        ('80f1c2a3', None, 450, 300)
    assert cfg['contents'][0] == '/etc/hostname.*' and '/etc/inet/hosts.sunar02' in cfg['contents']
    assert '/etc/ar.sunar01' not in cfg['contents']
