"""Resumability over every cut: a run stopped anywhere in plays 2-4 is continued, or refused, by the next run.

The two boxes are modelled by what the decision reads and plays 2-4 change: run level (multi-user, halted, single-user,
rebooting), running name (``uname -n``; a box answers at the address of the name it booted with), configured name
(the per-name files), Remedy running, ar.conf, boot-time links, alarms. Each step of playbooks/switch.yml plays 2-4 is
a function of that model (``STEPS``, from the table of plugins/module_utils/steps.py that test_steps.py checks
against the playbook task by task), in the playbook's order and with its conditions; the halt and the reboot may
take effect or not when a run is cut after asking for them (the reboot also: be under way, answering nowhere).

From the two states a pair starts in (in production on the leaving box; the leaving box crashed, halted at its PROM),
for both directions, every state reached is decided again as a rerun would: ``decide`` must give a plan, or refuse
with 'confirm' (a silent box: the rerun with the confirmation must then give a plan) or 'state' (both names silent
while a box reboots: once it is up, the rerun must give a plan). Every plan is run step by step from there: the
invariants (``violations``) hold after every step and every outcome of a step, each step's own checks pass (the
address silent before the reboot, the box at the production name the right one, ``arrived``), and the run ends with
Remedy on the box taking over at the production name, the leaving box renamed to the spare name (or, after an
unplanned move, halted with its console steps left). Every step's outcome is a cut whose state is decided again, and
so on until no new state is reached; the operator's console steps (boot the halted box; after an unplanned move
``boot -s``, setname, boot) follow a finished run, as its report says.

Covered (``test_counts``): 62 states per direction and 656 (plan, cut) pairs (each outcome of each step of each
plan decided in a reached state); 124 states and 1,312 (plan, cut) pairs for both directions.
"""

import sys
from collections import namedtuple

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.pair import arrived, decide, describe, violations
from ansible_collections.remedy.failover.plugins.module_utils.steps import model_steps
from ansible_collections.remedy.failover.tests.unit.plugins.module_utils.pair_states import (
    CFG,
    PROD,
    SPARE,
    Box,
    box,
    probe,
    seen,
)

# level: multi, halted, single, rebooting
State = namedtuple('State', 'level running configured remedy arconf autostart alarms')
KINDS = ('main', 'failover')
LEAVING = {'failover': 'main', 'main': 'failover'}


class StepFailed(Exception):
    """A step's own check failed: the run stops there."""


def _box(kind, state):
    return Box(kind, state.running, state.configured, state.remedy, state.arconf, (), state.autostart, state.alarms)


def answering(model, name):
    """The kinds of the boxes answering at ``name``'s address: up in multi-user mode, running as ``name``."""
    return [k for k in KINDS if model[k].level == 'multi' and model[k].running == name]


def observe(model):
    """What a run's play 1 sees: ``describe`` at the production name and at the spare name."""
    found = []
    for name in (PROD, SPARE):
        kinds = answering(model, name)
        assert len(kinds) <= 1, 'two boxes answer at %s: %r' % (name, model)
        found.append(seen(name, _box(kinds[0], model[kinds[0]]) if kinds else None))
    return found


def up_boxes(model):
    """Every box up, described under its running name (for the invariants, wherever it answers)."""
    return [describe(CFG, model[k].running, model[k].running, True, probe(_box(k, model[k])))
            for k in KINDS if model[k].level == 'multi']


def change(model, kind, **fields):
    new = dict(model)
    new[kind] = model[kind]._replace(**fields)
    return new


def boot(state):
    """A box coming up in multi-user mode: under its configured name; Remedy starts when the boot-time links and
    ar.conf are there (the rc2.d scripts)."""
    return state._replace(level='multi', running=state.configured,
                          remedy=state.autostart == 'on' and state.arconf == 'active')


# --- the steps of plays 2-4, by their effect; each returns the possible outcomes, the run's own one last

def set_(**fields):
    def step(model, kind, ctx):
        return [change(model, kind, **fields)]
    return step


def setname(which):
    def step(model, kind, ctx):
        name = PROD if which == 'prod' else SPARE
        ctx['reboot_needed'] = model[kind].running != name
        return [change(model, kind, configured=name)]
    return step


def halt(model, kind, ctx):
    # not taken effect (the shutdown was lost with the cut), or halted at the PROM
    return [model, change(model, kind, level='halted', remedy=False)]


def wait_closed(model, kind, ctx):
    if answering(model, PROD):
        raise StepFailed('the production name still answers after the halt')
    return [model]


def silent(model, kind, ctx):
    if answering(model, PROD):
        raise StepFailed('something answers at the production name')
    return [model]


def reboot(model, kind, ctx):
    # not taken effect, under way (answering nowhere), or up under the new name
    return [model, change(model, kind, level='rebooting', remedy=False), dict(model, **{kind: boot(model[kind])})]


def wait_open(model, kind, ctx):
    if not answering(model, PROD):
        raise StepFailed('nothing answers at the production name')
    return [model]


def check_arrived(model, kind, ctx):
    msg = arrived(CFG, ctx['direction'], observe(model)[0], ctx['taken'])
    if msg:
        raise StepFailed(msg)
    return [model]


def daemons_started(model, kind, ctx):
    if model[kind].arconf != 'active':
        raise StepFailed('Remedy cannot start without ar.conf')
    return [change(model, kind, remedy=True)]


EFFECTS = {
    'setname spare': setname('spare'), 'setname prod': setname('prod'), 'halt': halt, 'wait closed': wait_closed,
    'silent': silent, 'reboot': reboot, 'wait open': wait_open, 'arrived': check_arrived,
    'daemons started': daemons_started,
}


def effect(name):
    """A step's ``model`` in plugins/module_utils/steps.py: ``field=value`` sets a field, else a function above."""
    if '=' in name:
        field, value = name.split('=')
        return set_(**{field: {'False': False, 'True': True}.get(value, value)})
    return EFFECTS[name]


# (play, step, on which box, effect, when): the table of steps, which tests/unit/plugins/module_utils/test_steps.py
# checks against the plays of playbooks/switch.yml task by task
STEPS = tuple((s.play, s.name, s.box, effect(s.model), s.when) for s in model_steps())


def run(model, direction, decision):
    """Run the plan's steps: yields (step, outcome) for every outcome of every step, the run's own last; the end
    model is the last outcome. StepFailed when a step's check fails."""
    taking, leaving = direction, LEAVING[direction]
    ctx = {'direction': direction, 'taken': decision['taken'], 'reboot_needed': False}
    for play, name, part, effect, when in STEPS:
        if part == 'leaving':
            if decision['leaving_host'] is None:
                continue
            kind = leaving
            if when == 'at prod' and decision['leaving_host'] != PROD:
                continue
        elif part == 'taking':
            kind = taking
            if when == 'reboot needed' and not ctx['reboot_needed']:
                continue
        else:
            kind = taking
        outcomes = effect(model, kind, ctx)
        for outcome in outcomes:
            yield (play, name), outcome
        model = outcomes[-1]


def finished(model, direction, crashed):
    """The end the runbook wants: Remedy on the box taking over at the production name, named so, started at boot,
    alarms on; the leaving box renamed to the spare name without Remedy (after an unplanned move from a crashed box:
    halted, its console steps left)."""
    taking, leaving = model[direction], model[LEAVING[direction]]
    if taking != State('multi', PROD, PROD, True, 'active', 'on', 'prod'):
        return False
    if leaving.remedy:
        return False
    if leaving.level == 'multi':
        return (leaving.running, leaving.configured, leaving.autostart, leaving.arconf, leaving.alarms) == (
            SPARE, SPARE, 'off', 'parked', 'min')
    return leaving.level in ('halted', 'single') and (leaving.configured == SPARE or crashed)


def console(model):
    """The operator's console steps, wherever they cannot give two boxes one name: boot a halted box (under its
    configured name); the runbook's steps for a leaving box not renamed (boot -s; then /etc/setname spare, boot-time
    start removed, ar.conf parked, boot)."""
    found = []
    for kind, other in (KINDS, KINDS[::-1]):
        state, there = model[kind], model[other]

        def free(name):
            return there.configured != name and not (there.level == 'multi' and there.running == name)

        if state.level == 'halted' and free(state.configured):
            found.append(('boot the %s box' % (kind,), dict(model, **{kind: boot(state)})))
        if state.level == 'halted' and state.configured != SPARE:
            found.append(('boot -s the %s box' % (kind,), change(model, kind, level='single')))
        if state.level == 'single' and free(SPARE):
            renamed = state._replace(configured=SPARE, autostart='off', arconf='parked')
            found.append(('rename the %s box to %s and boot it' % (kind, SPARE), dict(model, **{kind: boot(renamed)})))
    return found


def key(model):
    return tuple(model[k] for k in KINDS)


def starts(direction):
    taking, leaving = direction, LEAVING[direction]
    spare = State('multi', SPARE, SPARE, False, 'parked', 'off', 'min')
    production = State('multi', PROD, PROD, True, 'active', 'on', 'prod')
    return [
        ('in production', {leaving: production, taking: spare}, False),
        ('the leaving box crashed', {leaving: production._replace(level='halted', remedy=False), taking: spare},
         True),
    ]


def explore(direction):
    """Every state reached from the starts through cuts, reruns and console steps: (plans, refusals, (plan, cut)
    pairs, states, errors), plans and refusals counted by the states they were decided in."""
    errors = []
    pairs = 0
    plans = {}
    refusals = {}
    queue = [(model, crashed, 'start: %s' % name) for name, model, crashed in starts(direction)]
    done = set()
    while queue:
        model, crashed, how = queue.pop()
        if (key(model), crashed) in done:
            continue
        done.add((key(model), crashed))
        if violations(CFG, up_boxes(model)):
            errors.append((how, 'an invariant is broken', model))
            continue
        for step, after in console(model):
            queue.append((after, crashed, '%s / %s' % (how, step)))
        decision = decide(CFG, direction, *observe(model))
        if decision['refusal']:
            refusals[decision['refusal']] = refusals.get(decision['refusal'], 0) + 1
        if decision['refusal'] == 'state' and any(model[k].level == 'rebooting' for k in KINDS):
            # a box is rebooting: the rerun refuses, says to wait; once the box is up, the next rerun decides
            assert 'a box that is rebooting answers within minutes: wait for it' in decision['msg']
            rebooting = [k for k in KINDS if model[k].level == 'rebooting'][0]
            queue.append((dict(model, **{rebooting: boot(model[rebooting])}), crashed, how + ' / rebooted'))
            continue
        if decision['refusal'] == 'confirm':
            assert 'Nothing was changed' in decision['msg'] and '-e confirm_%s_down=true' % LEAVING[direction] \
                in decision['msg']
            decision = decide(CFG, direction, *observe(model), confirm=True)
            how += ' / confirmed'
        if decision['refusal']:
            errors.append((how, 'refused: %s' % decision['msg'], model))
            continue
        plans[decision['plan']] = plans.get(decision['plan'], 0) + 1
        end = model
        try:
            for step, outcome in run(model, direction, decision):
                pairs += 1
                if violations(CFG, up_boxes(outcome)):
                    errors.append((how, '%s %s breaks %s' % (decision['plan'], step, violations(CFG, up_boxes(
                        outcome))), outcome))
                    break
                queue.append((outcome, crashed, '%s / %s cut after %s' % (how, decision['plan'], step)))
                end = outcome
        except StepFailed as exc:
            errors.append((how, '%s stopped: %s' % (decision['plan'], exc), end))
            continue
        if not finished(end, direction, crashed):
            errors.append((how, '%s did not end as the runbook wants' % decision['plan'], end))
            continue
        if finished(model, direction, crashed) and end != model:
            errors.append((how, 'a rerun of a finished move changed something', end))
    return plans, refusals, pairs, len(done), errors


@pytest.mark.parametrize('direction', ['failover', 'main'])
def test_every_cut_continues_or_refuses(direction):
    plans, refusals, pairs, states, errors = explore(direction)
    assert errors == []
    # every plan is continued from some cut, and both refusals a cut can meet are met
    assert set(plans) == {'full', 'finish', 'takeover'} and set(refusals) == {'confirm', 'state'}


def test_counts():
    """Per direction: 62 states reached, 656 (plan, cut) pairs (each outcome of each step of the plan decided in
    a reached state); 124 states and 1,312 (plan, cut) pairs in all."""
    found = [explore(direction) for direction in ('failover', 'main')]
    assert [(f[2], f[3]) for f in found] == [(656, 62), (656, 62)]


def test_a_cut_after_the_halt_needs_the_confirmation():
    """The leaving box halted by the run, the box taking over not yet renamed: a silent box is never taken for down
    without the operator's word; with it the rerun takes over."""
    model = {'main': State('halted', PROD, SPARE, False, 'parked', 'off', 'min'),
             'failover': State('multi', SPARE, SPARE, False, 'parked', 'off', 'min')}
    assert decide(CFG, 'failover', *observe(model))['refusal'] == 'confirm'
    decision = decide(CFG, 'failover', *observe(model), confirm=True)
    assert decision['plan'] == 'takeover'
    end = list(run(model, 'failover', decision))[-1][1]
    assert finished(end, 'failover', False) and end['main'] == model['main']


def test_a_cut_during_the_reboot_says_wait():
    model = {'main': State('halted', PROD, SPARE, False, 'parked', 'off', 'min'),
             'failover': State('rebooting', SPARE, PROD, False, 'parked', 'off', 'min')}
    decision = decide(CFG, 'failover', *observe(model), confirm=True)
    assert decision['refusal'] == 'state' and 'Nothing was changed' in decision['msg']
    model['failover'] = boot(model['failover'])
    decision = decide(CFG, 'failover', *observe(model))
    assert (decision['plan'], decision['taken']) == ('finish', True)
    steps = [step for step, dummy in run(model, 'failover', decision)]
    assert (3, 'reboot') not in steps and (4, 'daemons started') in steps


@pytest.mark.parametrize('broken,words', [
    pytest.param(lambda steps: steps[7:11] + steps[:7] + steps[11:], 'something answers at the production name',
                 id='play 3 before play 2: the reboot before the halt'),
    pytest.param(lambda steps: [s for s in steps if s[1] != 'halt'], 'the production name still answers',
                 id='no halt'),
    pytest.param(lambda steps: [s for s in steps if s[1] not in ('halt', 'wait closed', 'silent')], 'breaks',
                 id='no halt, no silent address: two boxes named prod'),
    pytest.param(lambda steps: [s for s in steps if s[1] != 'setname spare'], 'did not end as the runbook wants',
                 id='the leaving box not renamed'),
    pytest.param(lambda steps: [s for s in steps if s[1] != 'setname prod'], 'nothing answers at the production name',
                 id='the box taking over not renamed'),
    pytest.param(lambda steps: [s for s in steps if s[1] != 'daemons started'], 'did not end as the runbook wants',
                 id='Remedy not started'),
])
def test_the_model_catches_a_wrong_playbook(monkeypatch, broken, words):
    """Not vacuous: the same exploration over a playbook with its steps in the wrong order or missing fails."""
    module = sys.modules[__name__]
    monkeypatch.setattr(module, 'STEPS', tuple(broken(list(STEPS))))
    errors = explore('failover')[-1]
    assert any(words in what for dummy, what, dummy in errors)


@pytest.mark.parametrize('at_prod,taken,words', [
    pytest.param(box('failover', PROD), False, None,
                 id='the box taking over, rebooted under prod, Remedy down'),
    pytest.param(box('failover', PROD, remedy=True), True, None,
                 id='a rerun finds it serving already'),
    pytest.param(box('failover', PROD, remedy=True), False,
                 'running arserverd, arplugin', id='Remedy started at the reboot'),
    pytest.param(box('main', PROD), False,
                 'answers with 2 processors, named sunar01', id='the leaving box came back instead'),
    pytest.param(box('failover', PROD, configured=SPARE), False,
                 'named sunar01 (configured as sunar02)', id='configured as the spare name'),
    pytest.param(box('failover', SPARE), False,
                 'named sunar02 (configured as sunar02)', id='running as the spare name'),
])
def test_arrived_at_the_production_name(at_prod, taken, words):
    """Play 4's check of the box that answers at the production name after the reboot (runbook 2.3: "check it is
    named sunar01 and Remedy is not started")."""
    msg = arrived(CFG, 'failover', seen(PROD, at_prod), taken)
    if words is None:
        assert msg is None
        return
    assert msg.startswith('sunar01 (192.0.2.11) answers with') and words in msg
    assert 'expected the failover box (1 processors) named sunar01 with Remedy not started' in msg
    assert 'Nothing more was changed' in msg and 'run again' in msg


def test_arrived_box_that_cannot_be_read():
    msg = arrived(CFG, 'failover', seen(PROD, 'unreadable'), False)
    assert msg.startswith('sunar01 (192.0.2.11): the box answering there cannot be read: ')
    assert '..' not in msg and 'run again' in msg
