# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.pair: the pair's settings for this host, checked, on the controller; or,
with ``group`` (formerly remedy.failover.pair_group), the run's group: a group of whole pairs (module_utils/pair.py's
check_group), before any box is contacted.

The lists (per-name files, daemons, start-up scripts, boot-time links, alarm files) are the roles' own variables:
the value the site set (inventory, extra vars), else the role's default, read from the role's defaults/main.yml,
so the probe reads exactly what the roles act on.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import yaml

from ansible.errors import AnsibleError, AnsibleUndefinedVariable
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.remedy.failover.plugins.module_utils.pair import (
    RUN_NUMBERS, PairError, check_group, check_run, differing, pair_config, paths)
from ansible_collections.remedy.failover.plugins.module_utils.station import unresolved
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import ControllerActionBase

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# the pair's own settings: (inventory variable, pair_config key, the seed's value)
INVENTORY = (
    ('remedy_failover_production_name', 'production', 'sunar01'),
    ('remedy_failover_spare_name', 'spare', 'sunar02'),
    ('remedy_failover_main_processors', 'main_processors', 2),
    ('remedy_failover_failover_processors', 'failover_processors', 1),
    # how the boxes are known beyond their processor count (issue 20): hostids where the site recorded them, clocks
    # (runbook section 4: 400 and 300 MHz when unset)
    ('remedy_failover_main_hostid', 'main_hostid', None),
    ('remedy_failover_failover_hostid', 'failover_hostid', None),
    ('remedy_failover_main_mhz', 'main_mhz', None),
    ('remedy_failover_failover_mhz', 'failover_mhz', None),
    ('remedy_failover_accept_arconf_difference', 'accept_arconf_difference', False),
)
# the roles' variables the decision reads, by role
ROLE_VARS = {
    'setname': ('setname_files',),
    'remedy_daemons': ('remedy_daemons_services', 'remedy_daemons_init_dir', 'remedy_daemons_ports'),
    'remedy_autostart': ('remedy_autostart_links', 'remedy_autostart_rc_dir', 'remedy_autostart_init_dir'),
    'arconf': ('arconf_path', 'arconf_parked_path'),
    'serco_monitoring': ('serco_monitoring_dir', 'serco_monitoring_config', 'serco_monitoring_sources'),
}


# how Ansible reaches and becomes root on a box: read in play 0, so that one that cannot be read (an undefined vault
# variable, a lookup's missing file) is told before any box is contacted, not as an error of every task after
CONNECTION_VARS = ('ansible_host', 'ansible_port', 'ansible_user', 'ansible_password', 'ansible_ssh_pass',
                   'ansible_ssh_private_key_file', 'ansible_ssh_common_args', 'ansible_ssh_extra_args',
                   'ansible_become', 'ansible_become_method', 'ansible_become_user', 'ansible_become_password',
                   'ansible_become_pass')
SECRET_VARS = ('ansible_password', 'ansible_ssh_pass', 'ansible_become_password', 'ansible_become_pass')

# what the move itself sets at each step (include_role vars): given to the run (-e), a value would win over the
# step's and rename, park or start the wrong box
DRIVEN = ('setname_name', 'remedy_autostart_state', 'arconf_state', 'remedy_daemons_state', 'serco_monitoring_state')


def _port_number(value):
    try:
        return None if isinstance(value, bool) else int(str(value).strip())
    except ValueError:
        return None


def role_options(role):
    """The options of the role's meta/argument_specs.yml (entry point main)."""
    with open(os.path.join(ROOT, 'roles', role, 'meta', 'argument_specs.yml')) as handle:
        return yaml.safe_load(handle)['argument_specs']['main']['options']


def role_defaults(role):
    """The role's defaults/main.yml as a dict."""
    with open(os.path.join(ROOT, 'roles', role, 'defaults', 'main.yml')) as handle:
        return yaml.safe_load(handle) or {}


ARGUMENT_SPEC = {
    'group': {'type': 'raw'},
}


class ActionModule(ControllerActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def _inventory(self, own):
        """The pair's own settings from a host's variables, the seed's values when unset."""
        return dict((key, self._templar.template(own[var]) if var in own else default)
                    for var, key, default in INVENTORY)

    def _settings(self, own):
        """The pair's settings from a host's variables: the inventory's (the seed's values when unset) and the lists
        the roles act on (the site's value, else the role's default)."""
        settings = self._inventory(own)
        for role, names in ROLE_VARS.items():
            defaults = None
            for name in names:
                if name in own:
                    settings[name] = self._templar.template(own[name])
                else:
                    defaults = defaults if defaults is not None else role_defaults(role)
                    settings[name] = self._templar.template(defaults.get(name))
        return settings

    def _variables(self, own):
        """The pair's settings and the lists the roles act on, as a host's variables set them (by variable name,
        unset ones left out): what must be the same for both names of a pair. A role's other variables may be a
        name's own (remedy_daemons_port_host: the address it is checked at)."""
        names = [var for var, dummy, dummy in INVENTORY] + [name for role in sorted(ROLE_VARS) for name in ROLE_VARS[role]]
        return dict((name, self._templar.template(own[name])) for name in names if name in own)

    def _roles_accept(self, cfg):
        """The roles' variables the site set, checked against each role's argument spec before anything changes
        (a role checks them only when it starts, after the steps before it). PairError names what is wrong."""
        task_vars = self._task_vars
        problems = []
        for role in sorted(ROLE_VARS):
            options = role_options(role)
            given = dict((name, self._templar.template(task_vars[name])) for name in options
                         if name in task_vars and name not in DRIVEN)
            # what the move passes each step: a valid value, so that only the site's values are judged
            for name in DRIVEN:
                if name in options:
                    given[name] = cfg['prod'] if name == 'setname_name' else options[name]['choices'][0]
            problems.extend('role %s: %s' % (role, message)
                            for message in ArgumentSpecValidator(options).validate(given).error_messages)
        if problems:
            raise PairError('; '.join(problems))

    def _group(self, result, group):
        """The run's group: a group of whole pairs, checked from every host's names."""
        task_vars = self._task_vars
        driven = [var for var in DRIVEN if var in task_vars]
        if driven:
            result.update(failed=True, refusal='group', msg=(
                '%s given to the run: the move sets %s itself at each step (the name each box takes, the boot-time '
                'start, ar.conf, the daemons, the alarms); a value given to the run would win over the step\'s and '
                'act on the wrong box. Nothing was changed and no box was contacted. Run again without %s (-e, the '
                'survey, the inventory\'s all group).' % (', '.join(driven), 'it' if len(driven) == 1 else 'them',
                                                          'it' if len(driven) == 1 else 'them')))
            return result
        groups = dict((name, list(hosts)) for name, hosts in (task_vars.get('groups') or {}).items())
        hostvars = task_vars.get('hostvars') or {}
        pair_of = {}
        for host in sorted(set(h for hosts in groups.values() for h in hosts)):
            own = self._inventory(hostvars[host])
            pair_of[host] = (str(own['production']), str(own['spare']))
        if isinstance(group, (list, tuple)):
            group = ','.join(str(g) for g in group)
        pairs, msg = check_group(group, groups, pair_of)
        if msg:
            result.update(failed=True, refusal='group', msg=msg)
            return result
        problems = self._connection_problems(hostvars, [name for pair in pairs for name in pair])
        if problems:
            result.update(failed=True, refusal='inventory', msg=(
                '%s. Nothing was changed and no box was contacted. Define what they use (a vault variable, an AWX '
                'credential, a lookup\'s file) or put them right in the inventory, and run again.' % '; '.join(problems)))
            return result
        result.update(pairs=[list(p) for p in pairs], several=len(pairs) > 1, group=group)
        return result

    def _connection_problems(self, hostvars, hosts):
        """What is wrong with the pair's hosts' connection variables (never their values: passwords among them)."""
        problems = []
        for host in hosts:
            own = hostvars[host] if host in hostvars else {}
            for var in CONNECTION_VARS:
                if var not in own:
                    continue
                try:
                    value = self._templar.template(own[var])
                except AnsibleError as exc:
                    why = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
                    # a password's own text never: an error that quotes a template (a password holding "{{") would
                    if var in SECRET_VARS and not isinstance(exc, AnsibleUndefinedVariable) and re.search(r'\{[{%#]', why):
                        why = 'its template cannot be rendered (%s)' % exc.__class__.__name__
                    problems.append('%s: %s cannot be read: %s' % (host, var, why[:300]))
                    continue
                if var == 'ansible_port' and not 0 < (_port_number(value) or 0) <= 65535:
                    problems.append('%s: ansible_port is %r, not a TCP port number' % (host, value))
        return problems

    def act(self, result, args):
        result['changed'] = False
        if args['group'] is not None:
            return self._group(result, args['group'])
        task_vars = self._task_vars
        host = task_vars.get('inventory_hostname', 'this host')
        settings = self._settings(task_vars)
        # the address the inventory gives each name (ansible_host): what its hosts file must map it to
        hostvars = task_vars.get('hostvars') or {}
        names = (settings.get('production'), settings.get('spare'))
        settings['addresses'] = {}
        for name in names:
            seen = hostvars[name] if isinstance(name, str) and name in hostvars else {}
            settings['addresses'][name] = self._templar.template(seen.get('ansible_host', name)) if seen else None
        run = {}
        for var in ['confirm_main_down', 'confirm_failover_down'] + [name for name, dummy in RUN_NUMBERS]:
            if var in task_vars:
                run[var] = self._templar.template(task_vars[var])
        if task_vars.get('ansible_limit'):
            result.update(failed=True, refusal='settings', msg=(
                '%s: the run was limited (--limit %s): a move reads and changes both names of a pair, and its last '
                'play, on the controller, tells how it ended. Nothing was changed. Run it without --limit; to move '
                'one pair of several, name its group: -e remedy_failover_pair=GROUP.'
                % (host, task_vars['ansible_limit'])))
            return result
        try:
            cfg = pair_config(settings)
            check_run(cfg, run)
            self._roles_accept(cfg)
        except PairError as exc:
            result.update(failed=True, refusal='settings',
                          msg='%s: a setting of the pair is wrong: %s. Nothing was changed. Fix it in the pair\'s '
                              'group vars (or the -e value) and run again.' % (host, exc))
            return result
        if host not in (cfg['prod'], cfg['spare']):
            result.update(failed=True, refusal='inventory',
                          msg='%s: this host is neither of its pair\'s names %s and %s. Nothing was changed. Fix the '
                              'inventory (one group per pair, both names in it) and run again.'
                              % (host, cfg['prod'], cfg['spare']))
            return result
        for name in (cfg['prod'], cfg['spare']):
            address = settings['addresses'].get(name)
            why = unresolved(address) if address is not None else None
            if why:
                result.update(failed=True, refusal='settings', msg=(
                    '%s: the address of %s, %s (its ansible_host, else its name), does not resolve on the controller '
                    '(%s): it can be neither reached nor proven silent. Nothing was changed. Give %s its IP address '
                    'as ansible_host in the inventory and run again.' % (host, name, address, why, name)))
                return result
        other = cfg['spare'] if host == cfg['prod'] else cfg['prod']
        if other in hostvars:
            msg = differing(host, other, self._variables(task_vars), self._variables(hostvars[other]))
            if msg:
                result.update(failed=True, refusal='settings', msg=msg)
                return result
        result.update(config=cfg, paths=paths(cfg), links=list(cfg['links']), contents=list(cfg['contents']),
                      lead=host == cfg['prod'])
        return result
