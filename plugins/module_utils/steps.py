# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The steps of a move, written once: every task of playbooks/switch.yml (and the task files it includes) that
changes something, or that the move's safety rests on, in the playbook's order. Pure data, standard library only.

Two things read this table:

- tests/unit/plugins/module_utils/test_steps.py checks the plays against it task by task: a state-changing step
  deleted, duplicated, moved or added in playbooks/ fails there (tasks that only read, tell or set facts are free);
- the resume model (tests/unit/plugins/module_utils/test_pair_resume.py) runs the steps whose ``model`` is set, in
  this order and with these conditions, over every state a cut can leave the pair in.

A row (``Step``):

- ``play``: the play of switch.yml (0-6) the task runs in;
- ``box``: where it runs: ``controller`` (plays 0 and 6, or delegated to localhost), ``pair`` (each name of the pair,
  play 1), ``leaving``/``taking``/``prod`` (the groups plays 2, 3 and 4 run on: the box leaving production, the box
  taking over, the box at the production name), ``boxes`` (delegated to each box that answers);
- ``does``: the role (``include_role``) or module, as the playbook names it;
- ``state``: the role's ``<role>_state`` (``setname``: the name given, ``prod`` or ``spare``), the module's
  ``state``, ``event`` or ``check``, or what ``ansible.builtin.raw`` asks (``halt``, ``reboot``); ``*`` when the
  playbook computes it; ``''`` when the task gives none;
- ``when``: the condition the model knows the step by (a key of ``WHEN``), or None: the step runs whenever its play
  reaches it (check-mode guards aside);
- ``name``: the step's name in the model and in the checker's messages;
- ``model``: what the step does in the resume model (``field=value``, or the name of a model function), None for
  a step outside it (records, locks, mail);
- ``proves``: what the step does or proves, for the reader;
- ``cut``: where a run cut right after the step leaves the pair, and what the next run does.

``INTERRUPTED`` is the same for playbooks/interrupted.yml, which ends a move a signal cut.

To add a step: add its row where the playbook runs it; the checker says which row is missing, extra or out of order.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import namedtuple

Step = namedtuple('Step', 'play box does state when name model proves cut')

# the model's conditions, as the playbook writes them (in the task's own when, or its block's, or its include's)
WHEN = {
    'at prod': 'inventory_hostname == __remedy_failover_prod',
    'reboot needed': 'setname_reboot_needed',
    'takeover': "__remedy_failover_plan == 'takeover'",
}

ROLE = 'remedy.failover.'
AUDIT, LOCK, MAIL = 'remedy.failover.audit', 'remedy.failover.lock', 'community.general.mail'
PAIR_LOCK = 'remedy.failover.pair_lock'
NOTHING = 'nothing was changed: the next run starts afresh'


def step(play, box, does, state, name, model=None, when=None, proves='', cut=''):
    return Step(play, box, does, state, when, name, model, proves, cut)


STEPS = (
    # --- play 0: the run's input (controller)
    step(0, 'controller', AUDIT, 'refused', 'record the input refused',
         proves='the refusal is in the controller audit log', cut=NOTHING),
    # --- play 1: probe both names, decide (nothing changes on a box)
    step(1, 'pair', LOCK, '', 'lock the pair',
         proves='one run at a time moves the pair (a killed run\'s lock never blocks)', cut=NOTHING),
    step(1, 'pair', AUDIT, 'started', 'record the start', proves='the run is in the controller audit log',
         cut=NOTHING),
    step(1, 'pair', PAIR_LOCK, '', 'lock the pair on the boxes',
         proves='one run moves the pair, whichever controller starts it (an atomic mkdir on each box that answers)',
         cut='the lock names this run: the next run clears it once the journal or a dead local process proves it '
             'gone, or it is broken on purpose by run id'),
    step(1, 'pair', 'remedy.failover.silent', '', 'silent before a takeover', when='takeover',
         proves='nothing answers at the production name\'s address (ports, ping, arp) before a silent box is '
                'taken over', cut=NOTHING),
    step(1, 'pair', AUDIT, 'started', 'record the start on the boxes',
         proves='each box the move changes keeps what the run will do (a log that cannot be written stops here)',
         cut=NOTHING),
    step(1, 'controller', MAIL, '', 'mail before', proves='the users are told of the interruption',
         cut=NOTHING),
    step(1, 'pair', AUDIT, 'refused', 'record the refusal', proves='a refusal is in the controller audit log',
         cut=NOTHING),
    step(1, 'pair', LOCK, 'released', 'unlock after a refusal', proves='the next run may move the pair',
         cut=NOTHING),
    step(1, 'boxes', PAIR_LOCK, 'released', 'unlock the boxes after a refusal',
         proves='the next run may move the pair, from any controller (only where this run holds the lock)',
         cut=NOTHING),
    # --- play 2: the box leaving production
    step(2, 'leaving', AUDIT, 'leaving', 'record on the leaving box', when='at prod',
         proves='the box keeps what this run does to it', cut='in production: the next run does the full move'),
    step(2, 'leaving', ROLE + 'remedy_autostart', 'absent', 'autostart off', model='autostart=off',
         proves='Remedy cannot start at a boot of the leaving box', cut='in production: the full move again'),
    step(2, 'leaving', ROLE + 'arconf', 'parked', 'ar.conf parked', model='arconf=parked',
         proves='nobody starts Remedy there by accident', cut='in production: the full move again'),
    step(2, 'leaving', ROLE + 'serco_monitoring', 'min', 'alarms min', model='alarms=min',
         proves='no alarm storm from the stop', cut='in production: the full move again'),
    step(2, 'leaving', ROLE + 'remedy_daemons', 'stopped', 'daemons stopped', model='remedy=False',
         proves='Remedy is down on the leaving box (its processes gone)',
         cut='Remedy down at the production name: the full move again (the service is down already)'),
    step(2, 'leaving', ROLE + 'setname', 'spare', 'setname spare', model='setname spare',
         proves='the leaving box can never come back with the production name',
         cut='renamed in its files, still answering as prod: the full move again (the leaving_renamed exception)'),
    step(2, 'leaving', 'ansible.builtin.raw', 'halt', 'halt', model='halt', when='at prod',
         proves='the leaving box goes down (shutdown -i 0)',
         cut='halted or not: the next run asks for the confirmation that the silent box is down, then takes over'),
    step(2, 'leaving', AUDIT, 'halted', 'journal the halt',
         proves='the controller\'s journal says this run sent the halt', when='at prod',
         cut='halted: the next run reads the journal and takes over without asking for a confirmation'),
    step(2, 'boxes', AUDIT, 'halted', 'journal the halt on the box taking over', when='at prod',
         proves='the box taking over keeps the halt too (an AWX job\'s controller journal goes with its container)',
         cut='halted: the next run, from any controller, takes over without asking for a confirmation'),
    step(2, 'leaving', 'remedy.failover.port', 'silent', 'wait closed', model='wait closed', when='at prod',
         proves='nothing answers SSH at the production name\'s address any more',
         cut='halted: the next run takes over (its journal stands for the confirmation)'),
    step(2, 'leaving', AUDIT, 'silent', 'journal the silence', when='at prod',
         proves='the controller\'s journal says the halted box no longer answers',
         cut='halted: the next run takes over'),
    # --- play 3: the box taking over
    step(3, 'taking', ROLE + 'setname', 'prod', 'setname prod', model='setname prod',
         proves='the box taking over carries the production name in its files (from the next boot)',
         cut='configured as prod, running as spare: the next run finishes (the taking_renamed exception)'),
    step(3, 'taking', ROLE + 'remedy_autostart', 'absent', 'autostart off', model='autostart=off',
         when='reboot needed', proves='Remedy does not start at the reboot (runbook 2.3 checks it is down)',
         cut='the next run finishes'),
    step(3, 'taking', 'remedy.failover.silent', '', 'silent', model='silent', when='reboot needed',
         proves='nothing answers at the production name\'s address (ports, ping, arp) before the box takes it',
         cut='the next run finishes'),
    step(3, 'taking', 'ansible.builtin.raw', 'reboot', 'reboot', model='reboot', when='reboot needed',
         proves='the box comes up under the production name (shutdown -i 6)',
         cut='not yet rebooted, rebooting (the next run says wait), or up as prod: the next run finishes'),
    step(3, 'taking', AUDIT, 'renamed', 'journal the rename', when='reboot needed',
         proves='the controller\'s journal says the box taking over was renamed and rebooted',
         cut='the next run finishes'),
    # --- play 4: the box at the production name (tasks/take_over.yml)
    step(4, 'prod', 'remedy.failover.port', 'open', 'wait open', model='wait open',
         proves='a box answers SSH at the production name\'s address', cut='the next run finishes'),
    step(4, 'prod', 'remedy.failover.decide', 'arrived', 'arrived', model='arrived',
         proves='it is the box taking over, named prod, Remedy down (or a rerun finds it serving)',
         cut='the next run finishes'),
    step(4, 'prod', ROLE + 'arconf', 'active', 'ar.conf active', model='arconf=active',
         proves='ar.conf is back in place', cut='the next run finishes'),
    step(4, 'prod', ROLE + 'remedy_daemons', 'started', 'daemons started', model='daemons started',
         proves='Remedy runs and answers on its ports from the controller, as users reach it',
         cut='Remedy up: the next run finishes the boot-time start and the alarms'),
    step(4, 'prod', ROLE + 'remedy_autostart', 'present', 'autostart on', model='autostart=on',
         proves='Remedy starts at the next boot', cut='the next run finishes (the alarms)'),
    step(4, 'prod', ROLE + 'serco_monitoring', 'prod', 'alarms prod', model='alarms=prod',
         proves='the alarms watch the new production box', cut='moved: the next run changes nothing'),
    step(4, 'prod', AUDIT, 'up', 'journal Remedy up', proves='the controller\'s journal says Remedy is up at the '
         'production name', cut='moved: the next run changes nothing'),
    # --- play 6: how the run ended (controller, per pair: tasks/end.yml)
    step(6, 'controller', AUDIT, '*', 'record the end', proves='the end is in the controller audit log'),
    step(6, 'boxes', AUDIT, '*', 'record the end on the boxes', proves='each box that answers keeps the end'),
    step(6, 'controller', MAIL, '', 'mail after', proves='the users are told the service is back, or not'),
    step(6, 'boxes', PAIR_LOCK, 'released', 'unlock the boxes',
         proves='the next run may move the pair, from any controller (a halted box\'s lock is cleared by the next '
                'run, from the journal)'),
    step(6, 'controller', AUDIT, 'released', 'journal the release',
         proves='the next run clears what this run left on a halted box'),
    step(6, 'controller', LOCK, 'released', 'unlock', proves='the next run may move the pair'),
)

# playbooks/interrupted.yml: what the callback remedy.failover.interruption runs when a signal cut a move (play 1 on
# each name of the pair that answers, play 2 on the controller per pair)
INTERRUPTED = (
    step(1, 'pair', AUDIT, 'interrupted', 'record the interruption on the box',
         proves='each box that answers keeps that the move was cut, and after which step',
         cut='the next run reads the journal and finishes the move'),
    step(1, 'pair', PAIR_LOCK, 'released', 'unlock the box',
         proves='the next run may move the pair (only where the interrupted run holds the lock)'),
    step(2, 'controller', AUDIT, 'interrupted', 'record the interruption',
         proves='the controller\'s audit log and journal say the move was cut, with the steps done'),
    step(2, 'controller', AUDIT, 'released', 'journal the release',
         proves='the next run clears what the cut run left on a halted box'),
    step(2, 'controller', MAIL, '', 'mail the interruption',
         proves='the users are told the move stopped half-way and what comes next'),
)


def model_steps():
    """The steps of the resume model, in order: the rows whose ``model`` is set."""
    return tuple(s for s in STEPS if s.model)
