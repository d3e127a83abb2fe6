"""awx/ (job templates and the rest, as code for infra.aap_configuration) against AWX's own rules, and the
playbooks against what AWX can run: no prompt a job cannot answer."""

import os
import subprocess
import sys

import pytest
import yaml

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))

import awx_rules  # noqa: E402  pylint: disable=wrong-import-position

ROOT = awx_rules.ROOT
SUNSSH_OPTIONS = ('KexAlgorithms', 'HostKeyAlgorithms', 'PubkeyAcceptedAlgorithms')


def load_yaml(path):
    with open(path, encoding='utf-8') as handle:
        return yaml.safe_load(handle)
CONFIG = awx_rules.load_config()
TEMPLATES = CONFIG['controller_templates']
IDS = [template['name'] for template in TEMPLATES]


@pytest.fixture(scope='module')
def awx_playbooks(tmp_path_factory):
    """The playbooks AWX lists for this project: what a project update checks out (git archive HEAD)."""
    project = tmp_path_factory.mktemp('project')
    archive = subprocess.run(['git', 'archive', 'HEAD'], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(['tar', '-x', '-C', str(project)], input=archive.stdout, check=True)
    return awx_rules.project_playbooks(str(project))


def test_the_five_templates_are_there():
    assert {(t['playbook'], t['job_type']) for t in TEMPLATES} == {
        ('playbooks/status.yml', 'run'),
        ('playbooks/to_failover.yml', 'run'), ('playbooks/to_main.yml', 'run'),
        ('playbooks/to_failover.yml', 'check'), ('playbooks/to_main.yml', 'check'),
    }
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize('template', TEMPLATES, ids=IDS)
def test_survey_is_accepted_by_awx(template):
    assert template['survey_enabled'] is True
    assert awx_rules.survey_spec_errors(template['survey_spec']) == []


@pytest.mark.parametrize('template', TEMPLATES, ids=IDS)
def test_every_survey_default_reaches_the_job(template):
    """AWX drops a default that fails its own answer checks without a word: each must pass them."""
    for element in template['survey_spec']['spec']:
        assert 'default' in element, element['variable']
        assert awx_rules.survey_element_errors(element, {element['variable']: element['default']}) == []
    assert set(awx_rules.survey_defaults(template)) == {e['variable'] for e in template['survey_spec']['spec']}


@pytest.mark.parametrize('template', TEMPLATES, ids=IDS)
def test_only_the_survey_is_asked_and_one_job_at_a_time(template):
    assert template['allow_simultaneous'] is False
    for prompt in ('ask_variables_on_launch', 'ask_limit_on_launch', 'ask_inventory_on_launch',
                   'ask_job_type_on_launch', 'ask_credential_on_launch'):
        assert template[prompt] is False, prompt
    variables = [element['variable'] for element in template['survey_spec']['spec']]
    assert variables[0] == 'remedy_failover_pair'
    assert not [v for v in variables if v.split('_')[0] in awx_rules.JOB_VARIABLE_PREFIXES]  # AWX would override


@pytest.mark.parametrize('template', [t for t in TEMPLATES if t['playbook'] != 'playbooks/status.yml'], ids=lambda t: t['name'])
def test_the_unplanned_move_is_a_survey_question_answered_no_by_default(template):
    leaving = 'main' if template['playbook'].endswith('to_failover.yml') else 'failover'
    question = {e['variable']: e for e in template['survey_spec']['spec']}['confirm_%s_down' % leaving]
    assert question['type'] == 'multiplechoice' and question['choices'] == ['no', 'yes']
    assert question['default'] == 'no' and question['required'] is True


def test_survey_answers_read_as_the_playbooks_read_them():
    """The playbooks read confirm_*_down with the bool filter: the survey's strings must mean what they say."""
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), 'ansible'), 'localhost', '-m', 'ansible.builtin.debug',
         '-a', 'msg={{ (confirm_no | bool) ~ "/" ~ (confirm_yes | bool) }}', '-e', 'confirm_no=no', '-e', 'confirm_yes=yes'],
        cwd=ROOT, check=False, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_LOCALHOST_WARNING='False'))
    assert result.returncode == 0, result.stderr
    assert 'msg: False/True' in result.stdout, result.stdout


@pytest.mark.parametrize('template', TEMPLATES, ids=IDS)
def test_playbook_is_one_awx_lists(template, awx_playbooks):
    assert os.path.isfile(os.path.join(ROOT, template['playbook']))
    assert template['playbook'] in awx_playbooks


def test_awx_lists_no_file_of_awx_config(awx_playbooks):
    assert [p for p in awx_playbooks if p.startswith('awx/')] == []


def test_awx_lists_the_product_playbooks_and_test_material_only(awx_playbooks):
    """What AWX offers besides playbooks/ is test material (tests, molecule scenarios, the lab inventory): AWX
    has no way to hide a file from its list except the directory names it skips (roles, tasks, group_vars,
    host_vars, dot directories), and the file must keep its name and its hosts: key to serve its test."""
    assert {'playbooks/status.yml', 'playbooks/to_failover.yml', 'playbooks/to_main.yml'} <= set(awx_playbooks)
    others = [p for p in awx_playbooks if not p.startswith('playbooks/')]
    assert [p for p in others if not p.startswith(('tests/', 'molecule/', 'inventories/lab/'))] == []
    assert not [p for p in awx_playbooks if p.startswith(('roles/', 'playbooks/tasks/', 'playbooks/vars/'))]


def test_the_awx_rules_model_lists_what_awx_lists(tmp_path):
    """The model of AWX's listing, on files whose fate AWX's code decides plainly."""
    files = {
        'site.yml': '- hosts: all\n', 'vaulted.yml': '$ANSIBLE_VAULT;1.1;AES256\n', 'imports.yaml': '- import_playbook: a.yml\n',
        'vars.yml': 'a: 1\n', 'quoted.yml': 'g:\n  "hosts": [a]\n', 'roles/r/x.yml': '- hosts: all\n',
        'pb/tasks/x.yml': '- hosts: all\n', 'inv/group_vars/x.yml': 'hosts: a\n', '.hidden/x.yml': '- hosts: all\n',
        'notes.txt': 'hosts: all\n',
    }
    for name, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(tmp_path, name)), exist_ok=True)
        with open(os.path.join(tmp_path, name), 'w', encoding='utf-8') as handle:
            handle.write(text)
    assert awx_rules.project_playbooks(str(tmp_path)) == ['imports.yaml', 'site.yml', 'vaulted.yml']


def test_the_survey_model_refuses_what_awx_refuses():
    good = {'name': 'n', 'description': 'd', 'spec': [
        {'type': 'multiplechoice', 'question_name': 'q', 'variable': 'v', 'required': True, 'choices': ['no', 'yes'],
         'default': 'no'}]}
    assert awx_rules.survey_spec_errors(good) == []
    assert awx_rules.survey_spec_errors({'name': 'n', 'spec': good['spec']})
    assert awx_rules.survey_spec_errors(dict(good, spec=[]))
    assert awx_rules.survey_spec_errors(dict(good, spec=[dict(good['spec'][0], default='maybe')]))
    assert awx_rules.survey_spec_errors(dict(good, spec=[dict(good['spec'][0], required='yes')]))
    assert awx_rules.survey_spec_errors(dict(good, spec=good['spec'] * 2))
    assert awx_rules.survey_spec_errors(dict(good, spec=[{k: v for k, v in good['spec'][0].items() if k != 'choices'}]))
    assert awx_rules.survey_spec_errors(dict(good, spec=[dict(good['spec'][0], type='boolean')]))
    text = {'type': 'text', 'question_name': 'q', 'variable': 't', 'required': True, 'min': 1, 'max': 3}
    assert awx_rules.survey_element_errors(text, {'t': 'abcd'}) and not awx_rules.survey_element_errors(text, {'t': 'ab'})
    assert awx_rules.survey_defaults({'survey_enabled': True, 'survey_spec': {'spec': [dict(text, default='abcd')]}}) == {}


def test_templates_refer_to_what_awx_config_defines():
    credentials = {c['name']: c for c in CONFIG['controller_credentials']}
    types = {t['name'] for t in CONFIG['controller_credential_types']} | {'Machine'}
    assert {c['credential_type'] for c in credentials.values()} <= types
    for template in TEMPLATES:
        assert template['project'] in {p['name'] for p in CONFIG['controller_projects']}
        assert template['inventory'] in {i['name'] for i in CONFIG['controller_inventories']}
        assert set(template['credentials']) <= set(credentials)
        kinds = [credentials[name]['credential_type'] for name in template['credentials']]
        assert kinds.count('Machine') == 1  # AWX allows one credential of each type on a template


def test_machine_credential_becomes_root_by_su_with_its_password_and_holds_no_secret():
    machine = [c for c in CONFIG['controller_credentials'] if c['credential_type'] == 'Machine'][0]
    # the collection's su, which stops at Solaris' "su: Sorry"; a login that is not root (SunSSH refuses root)
    assert machine['inputs']['become_method'] == 'remedy.failover.su' and machine['inputs']['become_username'] == 'root'
    assert machine['inputs']['username'] == '{{ remedy_awx_ssh_user }}'
    for secret in ('ssh_key_data', 'become_password'):
        assert machine['inputs'][secret].startswith('{{ ') and machine['inputs'][secret].endswith(' }}')


def test_known_hosts_credential_feeds_the_pair_and_sets_no_ansible_variable():
    """AWX refuses a credential type that sets ANSIBLE_* variables (awx/main/fields.py): the pair's group turns
    host key checking back on with the ssh connection's own variable, and names the file the credential writes."""
    kind = CONFIG['controller_credential_types'][0]
    assert not [k for k in kind['injectors'].get('env', {}) if k.startswith('ANSIBLE_')]
    (variable, value), = kind['injectors']['extra_vars'].items()
    assert value == '{{ tower.filename }}'
    pair = {g['name']: g for g in CONFIG['controller_groups']}['remedy']
    assert pair['variables']['ansible_ssh_host_key_checking'] is True
    assert 'StrictHostKeyChecking=yes' in pair['variables']['ansible_ssh_common_args']
    assert 'UserKnownHostsFile={{ %s }}' % variable in pair['variables']['ansible_ssh_common_args']
    # what a current OpenSSH client needs for SunSSH, as the lab inventory (where the lab tests show it works)
    lab = load_yaml(os.path.join(ROOT, 'inventories', 'lab', 'group_vars', 'remedy_pairs.yml'))
    sunssh = [arg for arg in lab['ansible_ssh_common_args'].split() if arg.split('=')[0] in SUNSSH_OPTIONS]
    assert len(sunssh) == len(SUNSSH_OPTIONS)
    assert set(sunssh) <= set(pair['variables']['ansible_ssh_common_args'].split())
    assert sorted(pair['hosts']) == sorted(h['name'] for h in CONFIG['controller_hosts'])


def yaml_files(*folders):
    for folder in folders:
        for dirpath, dummy, filenames in os.walk(os.path.join(ROOT, folder)):
            for filename in filenames:
                if filename.endswith(('.yml', '.yaml')):
                    yield os.path.join(dirpath, filename)


def prompts(node):
    """Every vars_prompt or pause (any spelling of the action) in a parsed YAML document."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ('vars_prompt', 'pause', 'ansible.builtin.pause', 'ansible.legacy.pause'):
                found.append(key)
            if key in ('action', 'local_action') and str(value).split(' ', maxsplit=1)[0] in ('pause', 'ansible.builtin.pause'):
                found.append(value)
            found.extend(prompts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(prompts(item))
    return found


def test_no_playbook_or_role_asks_a_question_a_job_cannot_answer():
    """vars_prompt and pause wait for a terminal: under AWX the job hangs until its timeout."""
    paths = list(yaml_files('playbooks', 'roles'))
    assert any(path.endswith('to_failover.yml') for path in paths)
    assert {path: prompts(awx_rules.load_yaml(path)) for path in paths if prompts(awx_rules.load_yaml(path))} == {}


def test_the_prompt_finder_finds_prompts():
    assert prompts(yaml.safe_load('- hosts: all\n  vars_prompt: [{name: x}]\n  tasks: []\n')) == ['vars_prompt']
    assert prompts(yaml.safe_load('- block:\n    - ansible.builtin.pause: {seconds: 1}\n')) == ['ansible.builtin.pause']
    assert prompts(yaml.safe_load('- action: pause minutes=1\n')) == ['pause minutes=1']
