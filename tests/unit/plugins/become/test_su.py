"""Unit tests: remedy.failover.su stops at Solaris' answer to a wrong password, and only there."""

import pytest
import yaml
from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.plugins.shell.sh import ShellModule

from ansible_collections.remedy.failover.plugins.become import su

NAME = 'remedy.failover.su'
C.config.initialize_plugin_configuration_definitions('become', NAME, yaml.safe_load(su.DOCUMENTATION)['options'])


def plugin(**options):
    become = su.BecomeModule()
    become._load_name = NAME
    become.set_options(direct=dict({'become_user': 'root'}, **options))
    return become


@pytest.fixture
def become():
    escalating = plugin(become_pass='secret')
    escalating.build_become_command('/usr/sbin/psrinfo -v', ShellModule())
    return escalating


def test_the_command_is_solaris_su_root_dash_c():
    command = plugin().build_become_command('/usr/bin/id', ShellModule())
    assert command.startswith('su  root -c ')
    # su takes the password on the terminal: no module on stdin (ansible-core 2.19 asks the plugin; 2.16 has no such flag)
    assert getattr(su.BecomeModule, 'pipelining', False) is False


@pytest.mark.parametrize('answer', [b'su: Sorry\r\n', b'su: Authentication failure\n'])
def test_a_wrong_password_stops_the_task_saying_what_to_set(become, answer):
    assert become.check_password_prompt(b'Password:')
    with pytest.raises(AnsibleError) as caught:
        become.check_incorrect_password(answer)
    message = str(caught.value)
    assert 'su to root was refused on this host' in message
    assert 'Set ansible_become_password' in message
    assert 'secret' not in message


def test_the_commands_own_output_after_su_is_not_taken_for_a_refusal(become):
    assert become.check_success(('%s\r\n' % become.success).encode())
    assert become.check_incorrect_password(b'su: Sorry\n') is False


def test_other_lines_before_escalation_are_no_refusal(become):
    assert become.check_incorrect_password(b'Last login: Tue Dec  1 09:00:00 2026\n') is False
