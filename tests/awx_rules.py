"""AWX's own rules, for the tests of awx/ (templates as code) and of running the playbooks as AWX runs a job.

Each function follows the AWX source named in its docstring (github.com/ansible/awx, devel as of 2024-10,
e21dd0a), so a test can say what AWX would do without an AWX: which files a project lists as playbooks, whether
a survey is accepted, which survey defaults reach a job, the environment and arguments of a job.
"""

import codecs
import configparser
import glob
import json
import os
import re

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
AWX_CONFIG = os.path.join(ROOT, 'awx')


class _Loader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors
    """YAML as Ansible reads it: !unsafe marks a string Ansible must not template; here it is the string."""


_Loader.add_constructor('!unsafe', lambda loader, node: loader.construct_scalar(node))


def load_yaml(path):
    with open(path, encoding='utf-8') as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a SafeLoader with one more tag


def load_config():
    """Every variable of awx/*.yml, as infra.aap_configuration's configure_aap reads them (include_vars dir)."""
    config = {}
    for path in sorted(glob.glob(os.path.join(AWX_CONFIG, '*.yml'))):
        config.update(load_yaml(path) or {})
    return config


# awx/main/utils/ansible.py
VALID_PLAYBOOK_RE = re.compile(r'^\s*?-?\s*?(?:hosts|(ansible\.builtin\.)?include|(ansible\.builtin\.)?import_playbook):\s*?.*?$')


def skip_directory(relative_directory_path):
    """awx/main/utils/ansible.py skip_directory: AWX passes it the absolute directory path."""
    path_elements = relative_directory_path.split(os.sep)
    if 'roles' in path_elements or 'tasks' in path_elements:
        return True
    if any(element.startswith('.') for element in path_elements):
        return True
    return 'group_vars' in path_elements or 'host_vars' in path_elements


def could_be_playbook(project_path, dir_path, filename):
    """awx/main/utils/ansible.py could_be_playbook: a .yml/.yaml file with a line that starts with hosts:,
    include: or import_playbook: (a regular expression, not YAML), or a vaulted file."""
    if os.path.splitext(filename)[-1] not in ['.yml', '.yaml']:
        return None
    playbook_path = os.path.join(dir_path, filename)
    matched = False
    with codecs.open(playbook_path, 'r', encoding='utf-8', errors='ignore') as handle:
        for number, line in enumerate(handle):
            if VALID_PLAYBOOK_RE.match(line) or (number == 0 and line.startswith('$ANSIBLE_VAULT;')):
                matched = True
                break
    return os.path.relpath(playbook_path, project_path) if matched else None


def project_playbooks(project_path):
    """awx/main/models/projects.py ProjectOptions.playbooks: what a job template may run (saved as playbook_files
    after each project update). Symbolic links are not followed (AWX_SHOW_PLAYBOOK_LINKS = False)."""
    results = []
    for dirpath, dummy, filenames in os.walk(project_path, followlinks=False):
        if skip_directory(dirpath):
            continue
        for filename in filenames:
            playbook = could_be_playbook(project_path, dirpath, filename)
            if playbook is not None:
                results.append(playbook)
    return sorted(results, key=str.lower)


# awx/main/constants.py
SURVEY_TYPE_MAPPING = {'text': str, 'textarea': str, 'password': str, 'multiplechoice': str, 'multiselect': str,
                       'integer': int, 'float': (float, int)}
JOB_VARIABLE_PREFIXES = ['awx', 'tower']


def survey_spec_errors(spec):
    """awx/api/views/__init__.py JobTemplateSurveySpec._validate_spec_data: why AWX's API refuses a survey
    (empty when it accepts it). Choices are kept as a list: a string of choices would make AWX test a default
    by substring."""
    errors = []
    for field, expect_type in (('name', str), ('description', str), ('spec', list)):
        if field not in spec:
            errors.append("Field '%s' is missing from survey spec." % field)
        elif not isinstance(spec[field], expect_type):
            errors.append("Expected %s for field '%s'" % (expect_type.__name__, field))
    if errors:
        return errors
    if not spec['spec']:
        return ["'spec' doesn't contain any items."]
    variables = set()
    for idx, item in enumerate(spec['spec']):
        if not isinstance(item, dict):
            return ['Survey question %d is not a json object.' % idx]
        for field in ('type', 'question_name', 'variable', 'required'):
            if field not in item:
                return ["'%s' missing from survey question %d" % (field, idx)]
            if not isinstance(item[field], bool if field == 'required' else str):
                return ["'%s' in survey question %d has the wrong type" % (field, idx)]
        if item['variable'] in variables:
            return ["'variable' '%s' duplicated in survey question %d." % (item['variable'], idx)]
        variables.add(item['variable'])
        qtype = item['type']
        if qtype not in SURVEY_TYPE_MAPPING:
            return ["'%s' in survey question %d is not an allowed question type." % (qtype, idx)]
        if 'default' in item and item['default'] != '' and not isinstance(item['default'], SURVEY_TYPE_MAPPING[qtype]):
            return ['Default value %r in survey question %d has the wrong type.' % (item['default'], idx)]
        for key in ('min', 'max'):
            if key in item and item[key] is not None and not isinstance(item[key], int):
                return ['The %s limit in survey question %d expected to be integer.' % (key, idx)]
        if qtype in ('multiselect', 'multiplechoice'):
            if 'choices' not in item:
                return ['Survey question %d of type %s must specify choices.' % (idx, qtype)]
            if 'default' in item:
                defaults = item['default'].splitlines() if isinstance(item['default'], str) else item['default']
                if qtype == 'multiplechoice' and len(defaults) > 1:
                    return ['Multiple Choice (Single Select) can only have one default value.']
                if any(default not in item['choices'] for default in defaults):
                    return ['Default choice must be answered from the choices listed.']
    return errors


def survey_element_errors(element, data):
    """awx/main/models/mixins.py SurveyJobTemplateMixin._survey_element_validation, for text, multiplechoice and
    integer questions (the types awx/ uses): why AWX refuses an answer."""
    variable, qtype = element['variable'], element['type']
    if variable not in data:
        return ["'%s' value missing" % variable] if element['required'] else []
    value = data[variable]
    errors = []
    if qtype in ('textarea', 'text', 'password'):
        if not isinstance(value, str):
            return ["Value %s for '%s' expected to be a string." % (value, variable)]
        if element.get('min') not in ('', None) and len(value) < int(element['min']):
            errors.append("'%s' value %s is too small" % (variable, value))
        if element.get('max') not in ('', None) and len(value) > int(element['max']):
            errors.append("'%s' value %s is too large" % (variable, value))
    elif qtype == 'integer':
        if type(value) is not int:  # AWX's own test; pylint: disable=unidiomatic-typecheck
            return ["Value %s for '%s' expected to be an integer." % (value, variable)]
    elif qtype == 'multiplechoice':
        choices = element['choices']
        if isinstance(choices, str):
            choices = [choice for choice in choices.splitlines() if choice.strip()]
        if value not in choices:
            errors.append("Value %s for '%s' expected to be one of %s." % (value, variable, choices))
    else:
        errors.append('question type %s is not modelled here' % qtype)
    return errors


def survey_defaults(template):
    """awx/main/models/mixins.py _update_unified_job_kwargs: the defaults that reach a job launched without
    answers. A default that fails _survey_element_validation is dropped without a word."""
    if not template.get('survey_enabled'):
        return {}
    defaults = {}
    for element in template['survey_spec']['spec']:
        default = element.get('default')
        if default is not None and not survey_element_errors(element, {element['variable']: default}):
            defaults[element['variable']] = default
    return defaults


def meta_vars(job_id, template_id, template_name, user, inventory_id, inventory_name, revision, branch,
              launch_type='manual'):
    """awx/main/models/unified_jobs.py and jobs.py awx_meta_vars: the awx_* and tower_* variables of a job
    launched by a user (or by a workflow a user launched); they override the template's extra variables."""
    values = {
        'job_id': job_id, 'job_launch_type': launch_type,
        'user_id': 7, 'user_name': user, 'user_email': user + '@example.invalid',
        'user_first_name': '', 'user_last_name': '',
        'inventory_id': inventory_id, 'inventory_name': inventory_name,
        'project_revision': revision, 'project_scm_branch': branch,
        'job_template_id': template_id, 'job_template_name': template_name,
        'execution_node': 'awx-task',
    }
    return {'%s_%s' % (prefix, key): value for prefix in JOB_VARIABLE_PREFIXES for key, value in values.items()}


# awx/settings/defaults.py: every ANSIBLE_* setting goes into a job's environment (BaseTask.build_env)
SETTINGS_ENV = {
    'ANSIBLE_HOST_KEY_CHECKING': 'False',
    'ANSIBLE_PARAMIKO_RECORD_HOST_KEYS': 'False',
    'ANSIBLE_FORCE_COLOR': 'True',
    'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'True',
}


def read_ansible_config(project_path, variables_of_interest):
    """awx/main/utils/ansible.py read_ansible_config: [defaults] of /etc/ansible/ansible.cfg, then the project's."""
    parser = configparser.ConfigParser()
    parser.read(['/etc/ansible/ansible.cfg', os.path.join(project_path, 'ansible.cfg')])
    if 'defaults' not in parser:
        return {}
    return {var: parser['defaults'][var] for var in variables_of_interest if var in parser['defaults']}


def collection_paths_env(private_data_dir, container_root):
    """awx/main/tasks/jobs.py RunJob.build_env: ANSIBLE_COLLECTIONS_PATH(S) and ANSIBLE_ROLES_PATH of a job: the
    project update's requirements_collections (empty without a Galaxy credential), then the project's ansible.cfg
    value as written there (a relative path is resolved by ansible-playbook against its working directory, the
    project), then the defaults."""
    path_vars = (
        ('ANSIBLE_COLLECTIONS_PATHS', 'collections_paths', 'requirements_collections',
         '~/.ansible/collections:/usr/share/ansible/collections'),
        ('ANSIBLE_ROLES_PATH', 'roles_path', 'requirements_roles',
         '~/.ansible/roles:/usr/share/ansible/roles:/etc/ansible/roles'),
        ('ANSIBLE_COLLECTIONS_PATH', 'collections_path', 'requirements_collections',
         '~/.ansible/collections:/usr/share/ansible/collections'),
    )
    config_values = read_ansible_config(os.path.join(private_data_dir, 'project'), [var[1] for var in path_vars])
    env = {}
    for env_key, config_setting, folder, default in path_vars:
        paths = default.split(':')
        if config_setting in config_values:
            for path in config_values[config_setting].split(':'):
                if path not in paths:
                    paths = [config_values[config_setting]] + paths
        paths = [os.path.join(container_root, folder)] + paths
        env[env_key] = os.pathsep.join(paths)
    return env


def inventory_script_data(config, address=None):
    """awx/main/models/inventory.py Inventory.get_script_data(hostvars=True, towervars=True) for the inventory of
    awx/: what the job's inventory script prints. address: {host: ansible_host} to point it at a lab."""
    address = address or {}
    hosts = {host['name']: dict(host.get('variables') or {}) for host in config['controller_hosts']}
    for name, value in address.items():
        hosts[name]['ansible_host'] = value
    data = {'all': {}}
    grouped = set()
    for group in config['controller_groups']:
        info = {}
        if group.get('hosts'):
            info['hosts'] = list(group['hosts'])
            grouped.update(group['hosts'])
        if group.get('children'):
            info['children'] = list(group['children'])
        if group.get('variables'):
            info['vars'] = group['variables']
        data[group['name']] = info
    data['all']['hosts'] = [name for name in sorted(hosts) if name not in grouped]
    data['all']['children'] = [group['name'] for group in config['controller_groups']]
    data['_meta'] = {'hostvars': {}}
    for number, name in enumerate(sorted(hosts), start=1):
        hostvars = dict(hosts[name])
        for prefix in ('host', 'tower'):
            hostvars['remote_%s_enabled' % prefix] = 'true'
            hostvars['remote_%s_id' % prefix] = number
        data['_meta']['hostvars'][name] = hostvars
    return data


def inventory_script(data):
    """awx/main/tasks/jobs.py BaseTask.write_inventory_file: an executable script that prints the JSON."""
    return '#! /usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(%r)\n' % json.dumps(data)


def job_args(template, credential):
    """awx/main/tasks/jobs.py RunJob.build_args: the ansible-playbook arguments AWX writes to env/cmdline."""
    args = []
    if template.get('job_type', 'run') == 'check':
        args.append('--check')
    args.extend(['-u', credential['inputs'].get('username') or 'root'])
    if template.get('become_enabled'):
        args.append('--become')
    if template.get('diff_mode'):
        args.append('--diff')
    if credential['inputs'].get('become_method'):
        args.extend(['--become-method', credential['inputs']['become_method']])
    if credential['inputs'].get('become_username'):
        args.extend(['--become-user', credential['inputs']['become_username']])
    if credential['inputs'].get('become_password'):
        args.append('--ask-become-pass')
    return args


# awx/main/tasks/jobs.py RunJob.get_password_prompts: the prompt ansible-runner answers with the become password
BECOME_PROMPT = r'BECOME password.*:\s*?$'


def accept_or_ignore_variables(template, data, exclude_errors=()):
    """awx/main/models/mixins.py SurveyJobTemplateMixin._accept_or_ignore_variables: the variables a template
    accepts at launch or from a workflow node (answers to its survey, or anything when it asks for variables on
    launch), those it rejects, and AWX's errors. Returns (accepted, rejected, errors)."""
    extra_vars = dict(data)
    accepted, rejected, errors = {}, {}, {}
    spec = template.get('survey_spec') or {}
    if template.get('survey_enabled') and spec:
        survey_errors = []
        for element in spec.get('spec', []):
            key = element.get('variable')
            element_errors = survey_element_errors(element, data)
            if 'required' in exclude_errors:
                element_errors = [e for e in element_errors if not e.endswith('value missing')]
            if element_errors:
                survey_errors += element_errors
                if key in extra_vars:
                    rejected[key] = extra_vars.pop(key)
            elif key in extra_vars:
                accepted[key] = extra_vars.pop(key)
        if survey_errors:
            errors['variables_needed_to_start'] = survey_errors
    if template.get('ask_variables_on_launch'):
        accepted.update(extra_vars)
        extra_vars = {}
    for key, value in (template.get('extra_vars') or {}).items():  # identical to the template's own: pruned
        if key in extra_vars and extra_vars[key] == value:
            extra_vars.pop(key)
    if extra_vars:
        rejected.update(extra_vars)
        if 'prompts' not in exclude_errors:
            errors['extra_vars'] = ['Variables %s are not allowed on launch. Check the Prompt on Launch setting on the '
                                    'Job Template to include Extra Variables.' % ', '.join(str(k) for k in extra_vars)]
    return accepted, rejected, errors


def node_extra_data_errors(template, extra_data):
    """awx/api/serializers.py WorkflowJobTemplateNodeSerializer (LaunchConfigurationBaseSerializer.validate,
    exclude_errors = ('required',): "required variables may be provided by WFJT or on launch"): why AWX's API
    refuses a workflow node's extra_data for its template (empty when it accepts it)."""
    dummy, dummy, errors = accept_or_ignore_variables(template, extra_data, exclude_errors=('required',))
    return errors


def launch_extra_vars(template, answers):
    """awx/main/models/mixins.py _update_unified_job_kwargs: a job's (or a workflow job's) extra variables: the
    template's extra_vars, then its survey defaults, then the launch's variables."""
    extra_vars = dict(template.get('extra_vars') or {})
    extra_vars.update(survey_defaults(template))
    extra_vars.update(answers)
    return extra_vars


def workflow_node_extra_vars(workflow, node, template, workflow_answers, ancestor_artifacts):
    """awx/main/models/workflow.py WorkflowJobNode.get_job_kwargs, then the node template's
    _update_unified_job_kwargs: the extra variables of the job a workflow node starts. The node's extra_data is
    filtered by the template's prompts (accept_or_ignore_variables); the parents' artifacts (their set_stats) are
    added; the workflow job's extra_vars (the workflow's own extra_vars, its survey defaults and answers) come last
    and bypass the template's prompts ("WFJT extra_vars ignored JobTemplate.ask_variables_on_launch")."""
    accepted, dummy, dummy = accept_or_ignore_variables(template, node.get('extra_data') or {})
    extra_vars = dict(accepted)
    extra_vars.update({k: v for k, v in ancestor_artifacts.items() if k != '_ansible_no_log'})
    extra_vars.update(launch_extra_vars(workflow, workflow_answers))
    return launch_extra_vars(template, extra_vars)


def job_artifacts(events):
    """awx/main/tasks/callback.py RunnerCallback.event_handler: a job's artifacts are the artifact_data of its
    playbook_on_stats event (ansible-runner's awx_display callback puts the set_stats data there,
    stats.custom['_run']); {} when the playbook published none."""
    for event in events:
        if event.get('event') == 'playbook_on_stats' and event.get('event_data', {}).get('artifact_data'):
            return event['event_data']['artifact_data']
    return {}


# awx/main/models/workflow.py WorkflowApprovalTemplate.timeout: seconds, 0 = never times out
WORKFLOW_NODE_TYPES = ('job_template', 'project', 'inventory_source', 'system_job_template', 'workflow_approval',
                       'workflow_job_template')

# awx/main/models/workflow.py WorkflowJobTemplate: the roles a role implies (parent_role: a holder of the parent
# holds the child); organization roles left out but workflow_admin, which is the workflow's admin
WORKFLOW_ROLE_PARENTS = {
    'admin': ['organization.workflow_admin'],
    'execute': ['admin', 'organization.execute'],
    'read': ['execute', 'admin', 'approval'],
    'approval': ['organization.approval', 'admin'],
}


def workflow_roles_implied(role):
    """The roles of a workflow that holding `role` on it gives (itself included): AWX's implicit role tree."""
    held = {role}
    changed = True
    while changed:
        changed = False
        for child, parents in WORKFLOW_ROLE_PARENTS.items():
            if child not in held and held & set(parents):
                held.add(child)
                changed = True
    return held


# awx/api/serializers.py NotificationTemplateSerializer.validate_messages
NOTIFICATION_EVENTS = ('started', 'success', 'error', 'workflow_approval')
APPROVAL_EVENTS = ('running', 'approved', 'timed_out', 'denied')


def notification_context_stub():
    """awx/main/models/notifications.py JobNotificationMixin.context_stub, the parts a message may use (what AWX
    renders every custom message against before it saves it); datetimes as strings."""
    return {
        'job': {
            'allow_simultaneous': False, 'artifacts': {}, 'controller_node': 'foo_controller',
            'created': '2018-11-13T06:04:00Z', 'description': 'Sample job description', 'diff_mode': False,
            'elapsed': 0.403018, 'execution_node': 'awx', 'failed': False, 'finished': False, 'forks': 0,
            'host_status_counts': {'skipped': 1, 'ok': 5, 'changed': 3, 'failures': 0, 'dark': 0, 'failed': False,
                                   'processed': 0, 'rescued': 0},
            'id': 42, 'job_explanation': 'Sample job explanation', 'job_type': 'run', 'launch_type': 'workflow',
            'limit': 'bar_limit', 'name': 'Stub JobTemplate', 'playbook': 'ping.yml', 'scm_branch': '',
            'scm_revision': '', 'started': '2019-07-29T17:38:14.137461Z', 'status': 'running',
            'summary_fields': {
                'created_by': {'first_name': '', 'id': 1, 'last_name': '', 'username': 'admin'},
                'inventory': {'id': 17, 'name': 'Stub Inventory', 'total_hosts': 1},
                'job_template': {'description': 'Sample job template description', 'id': 39, 'name': 'Stub JobTemplate'},
                'project': {'id': 38, 'name': 'Stub project', 'scm_type': 'git', 'status': 'successful'},
            },
            'timeout': 0, 'type': 'job', 'url': '/api/v2/jobs/13/', 'verbosity': 0,
        },
        'job_friendly_name': 'Job', 'url': 'https://platformhost/#/jobs/playbook/1010',
        'approval_status': 'approved', 'approval_node_name': 'Approve Me',
        'workflow_url': 'https://platformhost/#/jobs/workflow/1010', 'job_metadata': '{}',
    }


def notification_message_errors(messages, context=None):
    """awx/api/serializers.py NotificationTemplateSerializer.validate_messages: why AWX refuses a notification
    template's custom messages: the events and their keys, no newline in a subject ('message'), and each text
    rendered in AWX's sandbox with undefined names an error (AWX renders them against context_stub)."""
    from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError  # pylint: disable=import-outside-toplevel
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError  # pylint: disable=import-outside-toplevel
    errors, texts = [], []

    def check(event, pair):
        for kind, text in pair.items():
            if kind not in ('message', 'body'):
                errors.append("Message type '%s' invalid, must be either 'message' or 'body'" % kind)
            elif not isinstance(text, str):
                errors.append("Expected string for '%s'" % kind)
            elif kind == 'message' and '\n' in text:
                errors.append('Messages cannot contain newlines (found newline in %s event)' % event)
            else:
                texts.append(text)
    if not isinstance(messages, dict):
        return ["Expected dict for 'messages' field"]
    for event, value in messages.items():
        if event not in NOTIFICATION_EVENTS:
            errors.append("Event '%s' invalid" % event)
        elif event == 'workflow_approval':
            for sub, pair in value.items():
                if sub not in APPROVAL_EVENTS:
                    errors.append("Workflow Approval event '%s' invalid" % sub)
                else:
                    check(event, pair)
        else:
            check(event, value)
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for text in texts:
        try:
            env.from_string(text).render(context or notification_context_stub())
        except TemplateSyntaxError as exc:
            errors.append("Unable to render message '%s': %s" % (text, exc.message))
        except UndefinedError as exc:
            errors.append("Field '%s' unavailable" % exc.message)
        except SecurityError as exc:
            errors.append("Security error due to field '%s'" % exc)
    return errors


def render_notification(text, context):
    """awx/main/models/notifications.py build_notification_message: a message as sent (undefined is empty)."""
    from jinja2 import ChainableUndefined  # pylint: disable=import-outside-toplevel
    from jinja2.sandbox import ImmutableSandboxedEnvironment  # pylint: disable=import-outside-toplevel
    return ImmutableSandboxedEnvironment(undefined=ChainableUndefined).from_string(text).render(context)
