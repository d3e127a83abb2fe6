"""awx/ (job templates and the rest, as code for infra.aap_configuration) against AWX's own rules, and the
playbooks against what AWX can run: no prompt a job cannot answer."""

import json
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
WORKFLOWS = CONFIG['controller_workflows']
BY_NAME = {t['name']: t for t in TEMPLATES}
MOVE, DRY_RUN = 'Remedy: move', 'Remedy: dry run of a move'
CONFIRMS = ('confirm_main_down', 'confirm_failover_down')
# the box that is down for each direction: the one Remedy leaves
LEAVING = {'failover': 'main', 'main': 'failover'}


@pytest.fixture(scope='module')
def awx_playbooks(tmp_path_factory):
    """The playbooks AWX lists for this project: what a project update checks out (git archive HEAD)."""
    project = tmp_path_factory.mktemp('project')
    archive = subprocess.run(['git', 'archive', 'HEAD'], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(['tar', '-x', '-C', str(project)], input=archive.stdout, check=True)
    return awx_rules.project_playbooks(str(project))


def test_one_move_template_one_dry_run_and_the_status():
    """One move template for the inventory, over the one entry point: AWX queues every move of its pairs."""
    assert sorted((t['playbook'], t['job_type']) for t in TEMPLATES) == [
        ('playbooks/move.yml', 'check'), ('playbooks/move.yml', 'run'), ('playbooks/status.yml', 'run')]
    assert len(set(IDS)) == len(IDS)
    moves = [t for t in TEMPLATES if t['playbook'] == 'playbooks/move.yml' and t['job_type'] == 'run']
    assert len(moves) == 1 and moves[0]['name'] == MOVE and moves[0]['allow_simultaneous'] is False


@pytest.mark.parametrize('template', TEMPLATES, ids=IDS)
def test_survey_is_accepted_by_awx(template):
    assert template['survey_enabled'] is True
    assert awx_rules.survey_spec_errors(template['survey_spec']) == []


@pytest.mark.parametrize('template', TEMPLATES, ids=IDS)
def test_every_survey_default_reaches_the_job_and_the_direction_has_none(template):
    """AWX drops a default that fails its own answer checks without a word: each must pass them. The direction
    has no default: whoever launches a move says where Remedy goes, and AWX refuses a launch without it."""
    for element in template['survey_spec']['spec']:
        if element['variable'] == 'remedy_failover_direction':
            assert 'default' not in element and element['required'] is True
            assert element['type'] == 'multiplechoice' and element['choices'] == ['failover', 'main']
            assert awx_rules.survey_element_errors(element, {}) == ["'remedy_failover_direction' value missing"]
            continue
        assert 'default' in element, element['variable']
        assert awx_rules.survey_element_errors(element, {element['variable']: element['default']}) == []
    assert set(awx_rules.survey_defaults(template)) == {
        e['variable'] for e in template['survey_spec']['spec'] if e['variable'] != 'remedy_failover_direction'}


def test_the_move_templates_ask_the_direction():
    for name in (MOVE, DRY_RUN):
        variables = [e['variable'] for e in BY_NAME[name]['survey_spec']['spec']]
        assert variables == ['remedy_failover_pair', 'remedy_failover_direction'], name
        accepted, rejected, errors = awx_rules.accept_or_ignore_variables(
            BY_NAME[name], {'remedy_failover_pair': 'remedy', 'remedy_failover_direction': 'sideways'})
        assert 'remedy_failover_direction' in rejected and errors['variables_needed_to_start'], name
        accepted, rejected, errors = awx_rules.accept_or_ignore_variables(
            BY_NAME[name], {'remedy_failover_pair': 'remedy', 'remedy_failover_direction': 'main'})
        assert (rejected, errors) == ({}, {}) and accepted['remedy_failover_direction'] == 'main'


@pytest.mark.parametrize('template', TEMPLATES + WORKFLOWS, ids=IDS + [w['name'] for w in WORKFLOWS])
def test_no_launcher_can_set_a_confirmation(template):
    """No template or workflow offers confirm_main_down / confirm_failover_down, and AWX rejects them at launch:
    an unplanned move is confirmed by the workflow, after a second person's approval."""
    assert template['ask_variables_on_launch'] is False
    assert not [e for e in template['survey_spec']['spec'] if e['variable'].startswith('confirm_')]
    for variable in CONFIRMS:
        for value in (True, False, 'yes'):
            accepted, rejected, dummy = awx_rules.accept_or_ignore_variables(template, {variable: value})
            assert variable not in accepted
            # AWX drops a launch variable equal to the template's own, else rejects it: never changed
            own = (template.get('extra_vars') or {}).get(variable, object())
            assert rejected == ({} if value == own else {variable: value})


@pytest.mark.parametrize('template', TEMPLATES, ids=IDS)
def test_only_the_survey_is_asked_and_one_job_at_a_time(template):
    assert template['allow_simultaneous'] is False
    for prompt in ('ask_variables_on_launch', 'ask_limit_on_launch', 'ask_inventory_on_launch',
                   'ask_job_type_on_launch', 'ask_credential_on_launch'):
        assert template[prompt] is False, prompt
    variables = [element['variable'] for element in template['survey_spec']['spec']]
    assert variables[0] == 'remedy_failover_pair'
    assert not [v for v in variables if v.split('_')[0] in awx_rules.JOB_VARIABLE_PREFIXES]  # AWX would override


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
    assert {'playbooks/status.yml', 'playbooks/move.yml', 'playbooks/to_failover.yml', 'playbooks/to_main.yml'} <= set(awx_playbooks)
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


def nodes_of(workflow):
    return {node['identifier']: node for node in workflow['workflow_nodes']}


def chain(workflow):
    """The workflow's nodes in order from its root, following success_nodes (one child each)."""
    nodes = nodes_of(workflow)
    children = {child['identifier'] for n in nodes.values() for kind in ('success_nodes', 'failure_nodes', 'always_nodes')
                for child in (n.get('related') or {}).get(kind, [])}
    root, = [name for name in nodes if name not in children]
    order = [root]
    while (nodes[order[-1]].get('related') or {}).get('success_nodes'):
        (child,), = [[c['identifier'] for c in nodes[order[-1]]['related']['success_nodes']]]
        order.append(child)
    return [nodes[name] for name in order]


@pytest.mark.parametrize('workflow', WORKFLOWS, ids=lambda w: w['name'])
def test_an_unplanned_move_is_dry_run_then_approval_then_move(workflow):
    nodes = nodes_of(workflow)
    assert len(nodes) == len(workflow['workflow_nodes'])  # identifiers unique in the workflow
    for node in nodes.values():
        assert node['unified_job_template']['type'] in awx_rules.WORKFLOW_NODE_TYPES
        for kind in ('success_nodes', 'failure_nodes', 'always_nodes'):
            assert {c['identifier'] for c in (node.get('related') or {}).get(kind, [])} <= set(nodes)
        assert not (node.get('related') or {}).get('failure_nodes') and not (node.get('related') or {}).get('always_nodes')
    dry_run, approval, move = chain(workflow)
    assert len(chain(workflow)) == len(nodes)
    assert (dry_run['unified_job_template']['name'], BY_NAME[DRY_RUN]['job_type']) == (DRY_RUN, 'check')
    assert (move['unified_job_template']['name'], BY_NAME[MOVE]['job_type']) == (MOVE, 'run')
    assert approval['unified_job_template']['type'] == 'workflow_approval'
    # a timeout (AWX's 0 is never): an unanswered approval fails and nothing moves
    assert isinstance(approval['unified_job_template']['timeout'], int) and approval['unified_job_template']['timeout'] > 0
    assert workflow['allow_simultaneous'] is False and workflow['ask_variables_on_launch'] is False
    assert awx_rules.survey_spec_errors(workflow['survey_spec']) == []


@pytest.mark.parametrize('workflow', WORKFLOWS, ids=lambda w: w['name'])
def test_awx_accepts_each_node_and_gives_both_jobs_the_confirmation(workflow):
    """The node's direction is an answer to its template's survey (AWX's API accepts it); the confirmation of the
    silent box is the workflow's own extra_vars, which AWX gives every node's job, over what the launcher or the
    dry run's artifacts say; the dry run's artifacts reach the move."""
    dry_run, dummy, move = chain(workflow)
    direction = dry_run['extra_data']['remedy_failover_direction']
    assert move['extra_data'] == dry_run['extra_data'] == {'remedy_failover_direction': direction}
    confirm = 'confirm_%s_down' % LEAVING[direction]
    assert workflow['extra_vars'] == {confirm: True}
    artifacts = {'remedy_failover_results': {'sunar01/sunar02': {'plan': 'takeover', 'result': 'ok'}}}
    for node, template, parents in ((dry_run, BY_NAME[DRY_RUN], {}), (move, BY_NAME[MOVE], artifacts)):
        assert awx_rules.node_extra_data_errors(template, node['extra_data']) == {}
        job_vars = awx_rules.workflow_node_extra_vars(workflow, node, template, {'remedy_failover_pair': 'remedy'}, parents)
        assert job_vars[confirm] is True and job_vars['remedy_failover_direction'] == direction
        assert job_vars['remedy_failover_pair'] == 'remedy'
        assert set(CONFIRMS) & set(job_vars) == {confirm}
        assert not [e for e in template['survey_spec']['spec'] if e['variable'] not in job_vars]
    assert job_vars['remedy_failover_results'] == artifacts['remedy_failover_results']


def test_awx_refuses_a_confirmation_in_a_node_or_from_the_launcher():
    """Why the confirmation is the workflow's extra_vars: AWX's API refuses it as a node's extra_data for a
    template that does not ask for it, and a launcher's variables never reach the workflow's nodes."""
    node_errors = awx_rules.node_extra_data_errors(BY_NAME[MOVE], {'remedy_failover_direction': 'failover',
                                                                   'confirm_main_down': True})
    assert 'confirm_main_down' in node_errors['extra_vars'][0]
    workflow = WORKFLOWS[0]
    accepted, rejected, dummy = awx_rules.accept_or_ignore_variables(workflow, {'confirm_main_down': False,
                                                                                'confirm_failover_down': True})
    assert accepted == {} and set(rejected) == set(CONFIRMS)


def test_both_directions_have_their_unplanned_workflow():
    directions = sorted(chain(w)[0]['extra_data']['remedy_failover_direction'] for w in WORKFLOWS)
    assert directions == ['failover', 'main']


def test_the_model_of_node_variables_follows_awx():
    """accept_or_ignore_variables and workflow_node_extra_vars on plain cases AWX's code decides."""
    survey = {'name': 'n', 'description': 'd', 'spec': [
        {'type': 'multiplechoice', 'question_name': 'q', 'variable': 'v', 'required': True, 'choices': ['a', 'b']}]}
    template = {'survey_enabled': True, 'survey_spec': survey, 'ask_variables_on_launch': False}
    assert awx_rules.accept_or_ignore_variables(template, {'v': 'a'}) == ({'v': 'a'}, {}, {})
    assert awx_rules.accept_or_ignore_variables(template, {'v': 'c'})[1] == {'v': 'c'}
    assert awx_rules.node_extra_data_errors(template, {}) == {}  # required: the workflow or the launch may give it
    assert awx_rules.accept_or_ignore_variables(template, {})[2]['variables_needed_to_start']
    assert awx_rules.accept_or_ignore_variables(dict(template, ask_variables_on_launch=True), {'w': 1})[0] == {'w': 1}
    assert awx_rules.accept_or_ignore_variables(dict(template, extra_vars={'w': 1}), {'v': 'a', 'w': 1})[2] == {}
    workflow = {'extra_vars': {'w': 'workflow'}, 'survey_enabled': False}
    job_vars = awx_rules.workflow_node_extra_vars(workflow, {'extra_data': {'v': 'b', 'x': 1}}, template, {},
                                                  {'w': 'artifact', 'y': 2, '_ansible_no_log': False})
    assert job_vars == {'v': 'b', 'w': 'workflow', 'y': 2}


ROLES = CONFIG['controller_roles']
TEAMS = {team['name'] for team in CONFIG['controller_teams']}


def team_roles(team, kind):
    """{object name: set of roles the team holds on it, with what they imply}, kind 'workflows' or 'job_templates'."""
    held = {}
    for role in ROLES:
        if role.get('team') == team or team in role.get('teams', []):
            for name in role.get(kind, []) + ([role[kind[:-1]]] if role.get(kind[:-1]) else []):
                implied = awx_rules.workflow_roles_implied(role['role']) if kind == 'workflows' else {role['role']}
                held.setdefault(name, set()).update(implied)
    return held


def test_roles_refer_to_what_awx_config_defines():
    workflows = {w['name'] for w in WORKFLOWS}
    for role in ROLES:
        assert {role.get('team')} - {None} | set(role.get('teams', [])) <= TEAMS, role
        assert set(role.get('workflows', [])) <= workflows and set(role.get('job_templates', [])) <= set(IDS), role
        assert role['role'] in ('execute', 'approval', 'read'), role  # no admin of anything, no organization role
        assert not {'organization', 'organizations'} & set(role), role


def test_operators_launch_and_approvers_approve_and_neither_does_both():
    operators, approvers = team_roles('Remedy operators', 'workflows'), team_roles('Remedy approvers', 'workflows')
    for workflow in WORKFLOWS:
        assert 'execute' in operators[workflow['name']] and 'approval' not in operators[workflow['name']]
        assert 'approval' in approvers[workflow['name']] and 'execute' not in approvers[workflow['name']]
    assert 'execute' in team_roles('Remedy operators', 'job_templates')[MOVE]
    assert 'execute' not in team_roles('Remedy approvers', 'job_templates').get(MOVE, set())


def test_the_role_model_follows_awx():
    assert awx_rules.workflow_roles_implied('execute') == {'execute', 'read'}
    assert awx_rules.workflow_roles_implied('admin') == {'admin', 'execute', 'read', 'approval'}
    assert awx_rules.workflow_roles_implied('approval') == {'approval', 'read'}
    assert 'approval' in awx_rules.workflow_roles_implied('organization.workflow_admin')


NOTIFICATIONS = {n['name']: n for n in CONFIG['controller_notifications']}


@pytest.mark.parametrize('template', TEMPLATES + WORKFLOWS, ids=IDS + [w['name'] for w in WORKFLOWS])
def test_every_start_success_and_failure_is_told(template):
    for when in ('started', 'success', 'error'):
        names = template['notification_templates_%s' % when]
        assert names and set(names) <= set(NOTIFICATIONS), when
        assert [n for n in names if when in NOTIFICATIONS[n]['messages']], when
    if template in WORKFLOWS:
        names = template['notification_templates_approvals']
        assert [n for n in names if 'workflow_approval' in NOTIFICATIONS[n]['messages']]


@pytest.mark.parametrize('name', sorted(NOTIFICATIONS))
def test_awx_accepts_the_notification_messages(name):
    notification = NOTIFICATIONS[name]
    assert notification['notification_type'] == 'email'
    assert set(notification['notification_configuration']) <= {
        'host', 'port', 'username', 'password', 'use_tls', 'use_ssl', 'sender', 'recipients', 'timeout'}
    assert awx_rules.notification_message_errors(notification['messages']) == []
    for secret in ('password',):
        assert notification['notification_configuration'][secret].startswith('{{ ')


def test_the_notification_model_refuses_what_awx_refuses():
    assert awx_rules.notification_message_errors({'success': {'message': 'a\nb'}})
    assert awx_rules.notification_message_errors({'success': {'message': '{{ job.no_such_field }}'}})
    assert awx_rules.notification_message_errors({'finished': {'message': 'x'}})
    assert awx_rules.notification_message_errors({'workflow_approval': {'started': {'message': 'x'}}})
    assert awx_rules.notification_message_errors({'error': {'body': '{% for %}'}})
    assert awx_rules.notification_message_errors({'error': {'message': '{{ job.status }}', 'body': '{{ url }}'}}) == []


def test_the_mails_tell_the_results_the_playbook_publishes():
    """The bodies read the job's artifacts: what play 6's set_stats publishes (remedy_failover_results)."""
    context = awx_rules.notification_context_stub()
    context['job'].update(status='failed', artifacts={'remedy_failover_results': {'sunar01/sunar02': {
        'pair': 'sunar01/sunar02', 'direction': 'failover', 'plan': 'full', 'result': 'failed',
        'reason': 'the failover box did not answer after its reboot', 'downtime_s': 912, 'check_mode': False,
        'summary': ['sunar01/sunar02: the move did not finish'], 'remaining': ['boot the main box at its console']}}})
    body = awx_rules.render_notification(NOTIFICATIONS['Remedy: job failed']['messages']['error']['body'], context)
    assert 'sunar01/sunar02: plan full, result failed: the failover box did not answer after its reboot' in body
    assert '  sunar01/sunar02: the move did not finish' in body and 'to do: boot the main box at its console' in body
    context['job']['artifacts'] = {}
    body = awx_rules.render_notification(NOTIFICATIONS['Remedy: job failed']['messages']['error']['body'], context)
    assert 'The playbook published no result' in body
    context['job'].update(status='canceled')
    body = awx_rules.render_notification(NOTIFICATIONS['Remedy: job failed']['messages']['error']['body'], context)
    assert 'The job was canceled: the move may have stopped half-way' in body and 'published no result' not in body
    context['job'].update(status='successful', artifacts={'remedy_failover_results': {'sunar01/sunar02': {
        'plan': 'full', 'result': 'ok', 'downtime_s': 95, 'check_mode': True, 'summary': ['moved'], 'remaining': []}}})
    body = awx_rules.render_notification(NOTIFICATIONS['Remedy: job succeeded']['messages']['success']['body'], context)
    assert 'sunar01/sunar02: plan full, result ok (dry run), downtime 95 s' in body and '  moved' in body


def test_the_move_entry_point_refuses_a_wrong_direction_before_anything():
    """playbooks/move.yml: the direction is checked first, with a message that says what to do; no box is
    contacted (the inventory's hosts do not appear), and the refusal is published for AWX."""
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), 'playbooks/move.yml',
         '-e', 'remedy_failover_direction=sideways'],
        cwd=ROOT, check=False, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_STDOUT_CALLBACK='ansible.builtin.json',
                 ANSIBLE_SHOW_CUSTOM_STATS='true'))
    assert result.returncode != 0
    report = json.loads(result.stdout)
    assert set(report['stats']) == {'localhost'}
    text = json.dumps(report)
    assert 'remedy_failover_direction is \\"sideways\\": it must be failover' in text
    assert 'Nothing was changed and no box was contacted' in text
    refused = report['global_custom_stats']['remedy_failover_results']['remedy']
    assert (refused['result'], refused['direction'], refused['plan']) == ('refused', 'sideways', None)


EXAMPLES = os.path.join(ROOT, 'examples', 'ci')


def example_commands():
    """The command line of each CI example's drill step (GitLab CI's script, GitHub Actions' run)."""
    commands = {}
    gitlab = awx_rules.load_yaml(os.path.join(EXAMPLES, 'gitlab-ci.yml'))
    commands['gitlab'] = ' '.join(gitlab['remedy-readiness']['script'])
    github = awx_rules.load_yaml(os.path.join(EXAMPLES, 'github-actions.yml'))
    commands['github'] = ' '.join(s['run'] for s in github['jobs']['readiness']['steps'] if 'readiness.sh' in s.get('run', ''))
    return commands


def test_both_ci_examples_run_the_drill_script_with_its_junit_report():
    """Both examples run hacking/readiness.sh (what tests/lab/test_readiness.py runs against the lab) and keep
    its JUnit reports even when it fails."""
    for name, command in example_commands().items():
        words = command.split()
        assert words[0] == 'hacking/readiness.sh', name
        assert words[words.index('-o') + 1] == 'readiness-report' and '-i' in words and '-p' in words, name
    gitlab = awx_rules.load_yaml(os.path.join(EXAMPLES, 'gitlab-ci.yml'))['remedy-readiness']
    assert gitlab['artifacts']['when'] == 'always' and gitlab['artifacts']['reports']['junit'] == 'readiness-report/*/*.xml'
    steps = awx_rules.load_yaml(os.path.join(EXAMPLES, 'github-actions.yml'))['jobs']['readiness']['steps']
    kept = [s for s in steps if s.get('uses', '').startswith('actions/upload-artifact')]
    assert kept and kept[0]['if'] == 'always()' and kept[0]['with']['path'] == 'readiness-report/'


def test_the_drill_script_sets_the_junit_callback_as_documented():
    with open(os.path.join(ROOT, 'hacking', 'readiness.sh'), encoding='utf-8') as handle:
        script = handle.read()
    for setting in ('ANSIBLE_CALLBACKS_ENABLED=ansible.builtin.junit', 'JUNIT_FAIL_ON_CHANGE=false',
                    'JUNIT_HIDE_TASK_ARGUMENTS=true', 'JUNIT_OUTPUT_DIR=', '--check --diff'):
        assert setting in script, setting
    for direction in ('failover', 'main'):
        assert direction in script
