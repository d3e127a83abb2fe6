# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind remedy.failover.ssh_client: the controller's ssh client can do what the inventory asks.

Runs on the controller before any box is contacted: asks the ssh client for its key types (``ssh -Q key``) and
reads each host's ssh arguments (the inventory's variables, ansible.cfg's ssh_args); the decision is
module_utils/ssh_client.py's dsa_refusal.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import subprocess

from ansible import constants as C
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.loader import connection_loader

from ansible_collections.remedy.failover.plugins.module_utils.ssh_client import client_key_types, dsa_refusal
from ansible_collections.remedy.failover.plugins.plugin_utils.remote import ControllerActionBase

ARGUMENT_SPEC = {
    'hosts': {'type': 'list', 'elements': 'str', 'required': True},
    'ssh_executable': {'type': 'str', 'default': 'ssh'},
}
# the ssh connection's argument settings: the variable that sets each for a host
SETTINGS = (('ssh_args', 'ansible_ssh_args'), ('ssh_common_args', 'ansible_ssh_common_args'),
            ('ssh_extra_args', 'ansible_ssh_extra_args'))


def ask_client(ssh):
    """``ssh -Q key``'s output, '' when the client cannot be asked."""
    try:
        return to_text(subprocess.run([ssh, '-Q', 'key'], stdin=subprocess.DEVNULL, capture_output=True,
                                      timeout=30, check=False).stdout)
    except (OSError, subprocess.SubprocessError):
        return ''


def configured_ssh(setting):
    """ansible.cfg's (or the environment's) value of a setting of the ssh connection, None when unset."""
    connection_loader.get('ssh', class_only=True)  # its settings are known once it is loaded
    return C.config.get_config_value(setting, plugin_type='connection', plugin_name='ssh')


class ActionModule(ControllerActionBase):
    ARGUMENT_SPEC = ARGUMENT_SPEC
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def host_args(self, host):
        """{variable: ssh argument string} of one host: its variable, else ansible.cfg's (ssh_args)."""
        own = (self._task_vars.get('hostvars') or {}).get(host) or {}
        found = {}
        for setting, variable in SETTINGS:
            value = own.get(variable) if variable in own else None
            if value is not None:
                found[variable] = to_text(self._templar.template(value))
                continue
            configured = configured_ssh(setting)
            if configured:
                found[setting] = to_text(configured)
        return found

    def act(self, result, args):
        key_types = client_key_types(ask_client(args['ssh_executable']))
        msg = dsa_refusal(dict((host, self.host_args(host)) for host in args['hosts']), key_types)
        result['changed'] = False
        result['dsa'] = None if key_types is None else 'ssh-dss' in key_types
        if msg:
            result.update(failed=True, refusal='ssh_dsa', msg=msg)
        return result
