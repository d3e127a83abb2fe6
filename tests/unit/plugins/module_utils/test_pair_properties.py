"""Properties of the pair's decision over the full product of the states a pair can be in.

What can answer at each name (437 possibilities): nothing, a port Ansible cannot log in at, a probe that cannot be
read, a login that is not root after become, a csh login shell, or a box of each kind (main, failover, a processor
count of neither: 3) x its running name (the production name, the spare name, another: 3) x its configured name
(3) x Remedy running or not (2) x ar.conf (active, parked, both, neither: 4) x its per-name files and start-up
scripts (all there, one missing: 2) = 432 boxes.

- ``test_every_state``: both names x both directions, no confirmation: 437 * 437 * 2 = 381,938 states.
- ``test_every_confirmation``: the boxes with their files in order (59 possibilities at a name: 54 boxes, nothing,
  unreachable, unreadable, not root, csh) x both directions x 12 confirmations x one pair or several:
  59 * 59 * 2 * 12 * 2 = 167,088 states.
- ``test_every_identity_and_file`` (issue 20): what answers at a name (205 possibilities): nothing, unreachable,
  unreadable, not root, csh, or a box of each kind (main, failover: 2) x its running name (production, spare: 2) x
  Remedy running or not (2) x its hardware (as it should be; processors changed: the main box listing one, the
  failover box two; a processor faulted; the hostid of neither box; no hostid command: 5) x its files (in order; a
  hosts file giving the production name another address; an interface file carrying the production address; a
  boot-time link name holding a plain file; another ar.conf: 5) = 5 + 2 * 2 * 2 * 5 * 5 = 205 boxes; both names x
  both directions x the inventory with and without hostids x the difference of ar.conf accepted or not x a takeover
  confirmed or not: 205 * 205 * 2 * 2 * 2 * 2 = 672,400 states.

1,221,426 states in all.
"""

import itertools

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.pair import (
    EXCEPTIONS,
    PLANS,
    REFUSALS,
    PairError,
    decide,
)
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.pair_states import (
    ADDRESS,
    CFG,
    CFG_IDS,
    HOSTID,
    OTHER,
    PROD,
    SPARE,
    CSH,
    NOT_ROOT,
    UNREACHABLE,
    UNREADABLE,
    box,
    seen,
)

KINDS = ('main', 'failover', 'odd')
NAMES = (PROD, SPARE, OTHER)
ARCONF = ('active', 'parked', 'both', 'neither')
MISSING = ((), ('/etc/hostname.hme0.sunar02',))
SILENT = (None, UNREACHABLE, UNREADABLE, NOT_ROOT, CSH)


def boxes(arconfs=ARCONF, missings=MISSING):
    found = list(SILENT)
    for kind, running, configured, remedy, arconf, missing in itertools.product(
            KINDS, NAMES, NAMES, (False, True), arconfs, missings):
        found.append(box(kind, running, configured=configured, remedy=remedy, arconf=arconf or None,
                         missing=missing))
    return found


ALL = boxes()
TIDY = boxes(arconfs=(None,), missings=((),))
# each name's describe of each possibility, made once
SEEN = dict(((name, b), seen(name, b)) for name in (PROD, SPARE) for b in set(ALL + TIDY))
LEAVING = {'failover': 'main', 'main': 'failover'}


def test_the_counts_in_the_docstring():
    assert (len(ALL), len(TIDY), len(CONFIRMS)) == (437, 59, 12)
    assert len(ALL) ** 2 * 2 + len(TIDY) ** 2 * 2 * len(CONFIRMS) * 2 == 549026


def check(direction, at_prod, at_spare, got, confirm=None, several=False, cfg=None):
    """The properties every decision has; returns the failed property's name, or None."""
    cfg = cfg or CFG
    if (got['plan'] is None) == (got['refusal'] is None):
        return 'exactly one of plan and refusal'
    for b in (at_prod, at_spare):
        for kind in ('main', 'failover'):
            if b['up'] and b['hostid'] and b['hostid'] == cfg.get('%s_hostid' % kind) and b['kind'] != kind:
                return 'a box the inventory knows by its hostid is never read as the other box'
    if got['refusal'] is not None:
        if got['refusal'] not in REFUSALS or 'Nothing was changed' not in got['msg'] or 'run again' not in got['msg']:
            return 'a refusal has a code of REFUSALS and a message saying nothing was changed and what to do'
        return None
    if got['plan'] not in PLANS:
        return 'a plan of PLANS'
    taking_kind, leaving_kind = direction, LEAVING[direction]
    up = dict((at, b) for at, b in ((PROD, at_prod), (SPARE, at_spare)) if b['up'])
    if any(b['error'] or b['problems'] or b['kind'] not in (taking_kind, leaving_kind) for b in up.values()):
        return 'no plan over a box that cannot be read, lacks a file or is of neither kind'
    if at_prod['answered'] and not at_prod['up'] or at_spare['answered'] and not at_spare['up']:
        return 'no plan while a name answers but cannot be read'
    if len([b for b in up.values() if b['remedy']]) > 1:
        return 'no plan while Remedy runs on two boxes'
    if SPARE in up and up[SPARE]['remedy']:
        return 'no plan while Remedy runs at the spare name'
    # identity: each answering box runs as its name, and is configured as it or is in an EXCEPTIONS state
    for at, b in up.items():
        if b['running_name'] != at:
            return 'no plan while a box answers at a name it does not run as'
        allowed = got['exceptions'].get(at)
        if b['configured'] != at:
            if allowed not in EXCEPTIONS or b['remedy']:
                return 'a box configured as another name only in an EXCEPTIONS state, Remedy down'
            if allowed == 'leaving_renamed' and (at, b['kind'], b['configured']) != (PROD, leaving_kind, SPARE):
                return 'leaving_renamed: the leaving box at prod, configured as spare'
            if allowed == 'taking_renamed' and (at, b['kind'], b['configured']) != (SPARE, taking_kind, PROD):
                return 'taking_renamed: the box taking over at spare, configured as prod'
        elif allowed is not None:
            return 'an exception only for a box not configured as its name'
    if len(up) == 2 and at_prod['kind'] == at_spare['kind']:
        return 'two boxes of one kind are never moved'
    if any(b['name_problems'] for b in up.values()):
        return 'no plan while a per-name or interface file holds a wrong name or address'
    roles = got['roles']
    for at, b in up.items():
        if b['degraded'] and (roles.get(at) != 'leaving' or len(up) != 2 or
                              [o for o in up.values() if o is not b][0]['degraded']):
            return 'a box that lost processors only leaves production, to the other box answering whole'
    taking = [up[at] for at, part in roles.items() if part == 'taking']
    if taking and taking[0]['link_problems']:
        return 'no plan while a boot-time link name on the box taking over holds something else'
    if got['plan'] == 'full' and at_prod['arconf_checksum'] and at_spare['arconf_checksum'] and \
            at_prod['arconf_checksum'] != at_spare['arconf_checksum']:
        if not cfg.get('accept_arconf_difference'):
            return 'a planned move with another parked ar.conf only when the operator accepts it'
        if not any('differs' in w for w in got.get('warnings') or []) or 'NOTE:' not in got.get('text', ''):
            return 'an accepted difference of ar.conf is told'

    for at, part in roles.items():
        if part and (at not in up or up[at]['kind'] != (taking_kind if part == 'taking' else leaving_kind)):
            return 'each part is played by a box of its kind that answers'
    if [at for at in up if not roles.get(at)]:
        return 'every box that answers has its part'
    # renames: the box taking over ends at the production name, never while another box runs with it; the
    # leaving box ends at the spare name, never while the box taking over keeps it
    if got['plan'] == 'full':
        # play 2 halts the leaving box at prod before play 3 reboots the box at spare under prod
        if roles != {PROD: 'leaving', SPARE: 'taking'} or got['taken']:
            return 'full: the leaving box at prod, the box taking over at spare'
    elif got['plan'] == 'finish':
        # no reboot: the box taking over already runs as prod, the leaving box (if up) already as spare
        if roles[PROD] != 'taking' or not got['taken']:
            return 'finish: the box taking over already at prod'
    else:
        if at_prod['answered']:
            return 'takeover only when nothing answers at the production name'
        if roles != {PROD: None, SPARE: 'taking'}:
            return 'takeover: only the box taking over, at spare'
        if not confirmed(confirm, several):
            return 'no takeover without the confirmation'
    if got['plan'] == 'takeover' and not any('could not be compared' in w for w in got.get('warnings') or []):
        return 'a takeover tells that ar.conf could not be compared'
    if any(b['processor_states'] for b in up.values()) and not any('faulted' in w for w in got.get('warnings') or []):
        return 'a processor off-line or faulted is told'
    return None


def confirmed(confirm, several):
    """The confirmation rule, written from the README: a bare true for one pair, else the production name."""
    if confirm is True or str(confirm).lower() in ('true', 'yes', 'on', '1'):
        return not several
    words = confirm if isinstance(confirm, list) else str(confirm or '').split(',')
    return PROD in [w.strip() for w in words]


def test_every_state():
    failed = {}
    found = set()
    for direction in ('failover', 'main'):
        for p, s in itertools.product(ALL, ALL):
            at_prod, at_spare = SEEN[PROD, p], SEEN[SPARE, s]
            got = decide(CFG, direction, at_prod, at_spare)
            broken = check(direction, at_prod, at_spare, got)
            if broken:
                failed.setdefault(broken, (direction, p, s, got))
            found.add(got['plan'] or got['refusal'])
    assert not failed
    # not vacuous: every plan but the unconfirmed takeover, and every refusal a box's state can cause, occurs
    assert found == {'full', 'finish'} | set(REFUSALS) - {'group', 'inventory', 'settings', 'not_silent'} - NEW


# the refusals of issue 20, reached by test_every_identity_and_file
NEW = {'hostid', 'degraded', 'name_files', 'links', 'arconf'}
HARDWARE = ('whole', 'changed', 'faulted', 'foreign', 'nohostid')
FILES = ('in order', 'hosts', 'interface', 'link', 'arconf')


def identity_box(kind, running, remedy, hardware, files):
    extra = {}
    if hardware == 'changed':
        extra['cpus'] = 1 if kind == 'main' else 2
    elif hardware == 'faulted':
        extra['states'] = ('faulted',)
    elif hardware == 'foreign':
        extra['hostid'] = HOSTID['odd']
    elif hardware == 'nohostid':
        extra['hostid'] = None
    if files == 'hosts':
        extra['texts'] = (('/etc/inet/hosts.%s' % PROD, '%s %s\n%s %s\n' % (ADDRESS[SPARE], PROD, ADDRESS[SPARE], SPARE)),)
    elif files == 'interface':
        extra['texts'] = (('/etc/hostname.qfe0', '%s netmask + broadcast + up\n' % ADDRESS[PROD]),)
    elif files == 'link':
        extra['links'] = (('/etc/rc2.d/S87arsystem', 'file'),)
    elif files == 'arconf':
        extra['arconf_text'] = 'ar.conf, changed by the AR System admin tool'
    return box(kind, running, remedy=remedy, **extra)


IDENTITY = list(SILENT) + [identity_box(*values) for values in itertools.product(
    ('main', 'failover'), (PROD, SPARE), (False, True), HARDWARE, FILES)]


def test_every_identity_and_file():
    assert len(IDENTITY) == 205 and len(IDENTITY) ** 2 * 16 + len(ALL) ** 2 * 2 + len(TIDY) ** 2 * 48 == 1221426
    failed = {}
    found = set()
    for cfg in (CFG, CFG_IDS):
        views = dict(((name, b), seen(name, b, cfg)) for name in (PROD, SPARE) for b in IDENTITY)
        for accept, direction, confirm in itertools.product((False, True), ('failover', 'main'), (None, True)):
            decided = dict(cfg, accept_arconf_difference=accept)
            for p, s in itertools.product(IDENTITY, IDENTITY):
                at_prod, at_spare = views[PROD, p], views[SPARE, s]
                got = decide(decided, direction, at_prod, at_spare, confirm=confirm)
                broken = check(direction, at_prod, at_spare, got, confirm, cfg=decided)
                if broken:
                    failed.setdefault(broken, (direction, p, s, got))
                found.add(got['plan'] or got['refusal'])
    assert not failed
    assert found >= NEW | set(PLANS)


CONFIRMS = (None, True, False, 'true', 'no', '', PROD, 'sunar03', 'sunar03, sunar01', ['sunar03'], 'sure!',
            'not sure')


def test_every_confirmation():
    failed = {}
    plans = set()
    for direction, several in itertools.product(('failover', 'main'), (False, True)):
        for p, s in itertools.product(TIDY, TIDY):
            at_prod, at_spare = SEEN[PROD, p], SEEN[SPARE, s]
            bare = decide(CFG, direction, at_prod, at_spare, several=several)
            for confirm in CONFIRMS:
                try:
                    got = decide(CFG, direction, at_prod, at_spare, confirm=confirm, several=several)
                except PairError:
                    # only a malformed confirmation, and only where it is read: an unplanned move
                    if confirm not in ('sure!', 'not sure') or bare['refusal'] != 'confirm':
                        failed.setdefault('PairError only for a malformed confirmation', (direction, p, s, confirm))
                    continue
                broken = check(direction, at_prod, at_spare, got, confirm, several)
                if not broken and bare['refusal'] != 'confirm' and got != bare:
                    broken = 'a confirmation changes only the decision it confirms'
                if not broken and bare['refusal'] == 'confirm' and (got['plan'] == 'takeover') != confirmed(
                        confirm, several):
                    broken = 'a takeover exactly when confirmed'
                if broken:
                    failed.setdefault(broken, (direction, p, s, confirm, several, got))
                plans.add(got['plan'] or got['refusal'])
    assert not failed
    # the product reaches every plan and the refusals a box's state can cause
    assert plans >= set(PLANS) | {'confirm', 'identity', 'remedy_at_spare', 'same_name', 'twice', 'state', 'cpus',
                                  'same_kind', 'unreachable', 'unreadable', 'not_root', 'login_shell'}


def _plan(plan, roles, taken=False, exceptions=None):
    return {'plan': plan, 'refusal': None, 'msg': None, 'roles': roles, 'taken': taken, 'exceptions': exceptions or {}}


FULL = {PROD: 'leaving', SPARE: 'taking'}


@pytest.mark.parametrize('at_prod,at_spare,wrong,confirm,words', [
    pytest.param(box('failover', SPARE), box('main', PROD), _plan('full', FULL), None,
                 'does not run as', id='addresses swapped'),
    pytest.param(box('main', PROD, remedy=True), box('failover', SPARE, remedy=True), _plan('full', FULL), None,
                 'two boxes', id='Remedy twice'),
    pytest.param(box('main', PROD), box('failover', SPARE, remedy=True), _plan('full', FULL), None,
                 'at the spare name', id='Remedy at spare'),
    pytest.param(None, box('failover', SPARE), _plan('takeover', {PROD: None, SPARE: 'taking'}), None,
                 'without the confirmation', id='unconfirmed takeover'),
    pytest.param(UNREACHABLE, box('failover', SPARE), _plan('takeover', {PROD: None, SPARE: 'taking'}), True,
                 'answers but cannot be read', id='takeover from a box that answers'),
    pytest.param(box('main', PROD, configured=SPARE, remedy=True), box('failover', SPARE),
                 _plan('full', FULL, exceptions={PROD: 'leaving_renamed'}), None, 'EXCEPTIONS state',
                 id='leaving_renamed with Remedy up'),
    pytest.param(box('main', PROD, configured=OTHER), box('failover', SPARE), _plan('full', FULL), None,
                 'EXCEPTIONS state', id='configured as another name'),
    pytest.param(box('main', PROD, remedy=True), box('failover', SPARE), _plan('finish', FULL, taken=True), None,
                 'finish: the box taking over already at prod', id='finish from the start'),
    pytest.param(box('main', PROD, remedy=True), box('failover', SPARE, missing=['/etc/init.d/jsp']),
                 _plan('full', FULL), None, 'lacks a file', id='a start-up script missing'),
])
def test_the_properties_catch_a_wrong_decision(at_prod, at_spare, wrong, confirm, words):
    """The checks above fail on decisions the issue's cases would have given before: they are not vacuous."""
    broken = check('failover', SEEN.get((PROD, at_prod)) or seen(PROD, at_prod),
                   SEEN.get((SPARE, at_spare)) or seen(SPARE, at_spare), wrong, confirm)
    assert broken and words in broken
