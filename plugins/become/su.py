# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Become plugin remedy.failover.su: ansible.builtin.su as Solaris answers it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: su
short_description: Become root with Solaris su and the root password
version_added: 1.0.0
author:
  - remedy.failover contributors (@remedy-failover)
description:
  - C(ansible.builtin.su), plus what Solaris 8-10 C(su) answers to a wrong password.
  - >-
    Solaris C(su) prompts C(Password:) and answers a wrong password with C(su: Sorry) after a few seconds
    (illumos C(usr/src/cmd/su/su.c)), not the C(Authentication failure) of Linux C(su) that C(ansible.builtin.su)
    looks for, so with C(ansible.builtin.su) a wrong password reads as the first command failing with
    C(su: Sorry) as its output.
  - This plugin stops the task at once with a message that says the root password is wrong for that host and
    where to set it; nothing has run as the become user.
  - >-
    SunSSH refuses root logins (C(PermitRootLogin no)), so the connection user is a login user and this plugin
    makes it root. C(su) needs a terminal; the ssh connection gives it one.
notes:
  - Set it with C(ansible_become_method=remedy.failover.su) (the lab inventory's C(group_vars) does).
options:
  become_user:
    description: User you become to run the task.
    type: string
    default: root
    ini:
      - section: privilege_escalation
        key: become_user
      - section: su_become_plugin
        key: user
    vars:
      - name: ansible_become_user
      - name: ansible_su_user
    env:
      - name: ANSIBLE_BECOME_USER
      - name: ANSIBLE_SU_USER
    keyword:
      - name: become_user
  become_exe:
    description: The su command.
    type: string
    default: su
    ini:
      - section: privilege_escalation
        key: become_exe
      - section: su_become_plugin
        key: executable
    vars:
      - name: ansible_become_exe
      - name: ansible_su_exe
    env:
      - name: ANSIBLE_BECOME_EXE
      - name: ANSIBLE_SU_EXE
    keyword:
      - name: become_exe
  become_flags:
    description: Options to pass to su (Solaris C(su) takes only C(-)).
    type: string
    default: ''
    ini:
      - section: privilege_escalation
        key: become_flags
      - section: su_become_plugin
        key: flags
    vars:
      - name: ansible_become_flags
      - name: ansible_su_flags
    env:
      - name: ANSIBLE_BECOME_FLAGS
      - name: ANSIBLE_SU_FLAGS
    keyword:
      - name: become_flags
  become_pass:
    description: The become user's password (root's); keep it in a vault or in AWX's machine credential.
    type: string
    required: false
    vars:
      - name: ansible_become_password
      - name: ansible_become_pass
      - name: ansible_su_pass
    env:
      - name: ANSIBLE_BECOME_PASS
      - name: ANSIBLE_SU_PASS
    ini:
      - section: su_become_plugin
        key: password
  prompt_l10n:
    description:
      - Localised prompts to detect, without the colon; the built-in list when empty.
    type: list
    elements: string
    default: []
    ini:
      - section: su_become_plugin
        key: localized_prompts
    vars:
      - name: ansible_su_prompt_l10n
    env:
      - name: ANSIBLE_SU_PROMPT_L10N
"""

EXAMPLES = r"""
# inventory group_vars of a pair: log in as a user, su to root with the root password from a vault
ansible_user: remedy
ansible_become: true
ansible_become_method: remedy.failover.su
ansible_become_user: root
ansible_become_password: "{{ vault_remedy_root_password }}"
"""

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_bytes
from ansible.plugins.become.su import BecomeModule as SuBecomeModule

# What su prints when the password is wrong: Linux (util-linux, shadow) and Solaris 8-10 (su.c, message()).
WRONG_PASSWORD_ANSWERS = ('Authentication failure', 'su: Sorry')

WRONG_PASSWORD_MESSAGE = (
    "su to %(user)s was refused on this host (it answered %(answer)r): the become password is not %(user)s's "
    "password here. Nothing ran as %(user)s. Set ansible_become_password to this host's %(user)s password "
    "(the lab: .lab/root_password, made by make lab; AWX: the machine credential's privilege escalation "
    "password) and run again.")


class BecomeModule(SuBecomeModule):
    """ansible.builtin.su that stops at Solaris' ``su: Sorry`` with a message saying what to fix."""

    fail = WRONG_PASSWORD_ANSWERS

    def build_become_command(self, cmd, shell):
        self._escalated = False
        return super(BecomeModule, self).build_become_command(cmd, shell)

    def check_success(self, b_output):
        found = super(BecomeModule, self).check_success(b_output)
        if found:
            self._escalated = True
        return found

    def check_incorrect_password(self, b_output):
        """Raise at su's answer to a wrong password; once escalated, the command's output is its own."""
        if getattr(self, '_escalated', False):
            return False
        for answer in self.fail:
            if to_bytes(answer) in b_output:
                raise AnsibleError(WRONG_PASSWORD_MESSAGE % {'user': self.get_option('become_user') or 'root',
                                                             'answer': answer})
        return False
