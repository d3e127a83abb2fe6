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


def meta_vars(job_id, template_id, template_name, user, inventory_id, inventory_name, revision, branch):
    """awx/main/models/unified_jobs.py and jobs.py awx_meta_vars: the awx_* and tower_* variables of a job
    launched by a user; they override the template's extra variables."""
    values = {
        'job_id': job_id, 'job_launch_type': 'manual',
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
