"""The job templates of awx/ run as AWX runs a job, against the lab, through ansible-runner.

For each job this builds the private data directory AWX builds (awx/main/tasks/jobs.py, modelled in
tests/awx_rules.py): project/ is what a project update checks out (git archive HEAD: commit before running),
inventory/hosts the script printing the inventory of awx/ (pointed at the lab's addresses), env/extravars the
survey defaults and answers with the awx_* and tower_* variables and the known_hosts credential's variable,
env/cmdline the template's arguments (--check for a check job, -u, --become, su, --ask-become-pass), env/passwords
the answer to the become prompt, env/ssh_key the machine credential's key, env/envvars AWX's environment
(ANSIBLE_HOST_KEY_CHECKING=False among it, and the collections path as AWX sets it: no Galaxy credential, so
nothing in requirements_collections). The project's committed .collections link resolves remedy.failover first;
the job's home stands for the execution environment's: it holds remedy.failover built from the same checkout, as
execution-environment.yml puts it in the image, and nothing else (a collection installed in this machine's home
must not make a test pass). Then `ansible-runner run`, and
the boxes are read from their consoles.
"""

import glob
import json
import os
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import ADDRESS, LOGIN, ROOT, root_password
from lab_helpers import Prober, box_records, moved, state  # the playbook tests' readers of a box

import labctl  # noqa: E402  pylint: disable=wrong-import-order

sys.path.insert(0, os.path.join(ROOT, 'tests'))
import awx_rules  # noqa: E402  pylint: disable=wrong-import-position

CONFIG = awx_rules.load_config()
TEMPLATES = {(t['playbook'], t.get('job_type', 'run')): t for t in CONFIG['controller_templates']}
WORKFLOWS = {w['name']: w for w in CONFIG['controller_workflows']}
MOVE, DRY_RUN = TEMPLATES[('playbooks/move.yml', 'run')], TEMPLATES[('playbooks/move.yml', 'check')]
MACHINE = [c for c in CONFIG['controller_credentials'] if c['credential_type'] == 'Machine'][0]
KNOWN_HOSTS_TYPE = CONFIG['controller_credential_types'][0]
BOXES = ('main', 'failover')


def job_environment(home, **extra):
    """The execution environment's: this machine's environment without the tests' own ANSIBLE_* settings (AWX
    sets its own), its own home, and this venv's ansible-playbook (community.general in its ansible package)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('ANSIBLE_')}
    env['PATH'] = os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH']
    env['HOME'] = str(home)
    env.update(extra)
    return env


def ansible_doc(project, home, collections_path):
    """Where ansible-doc finds remedy.failover.psrinfo from the job's project folder, or None."""
    result = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-doc'), '-t', 'module', '--json',
                             'remedy.failover.psrinfo'], cwd=project, check=False, capture_output=True, text=True,
                            env=job_environment(home, ANSIBLE_COLLECTIONS_PATH=collections_path), timeout=120)
    found = json.loads(result.stdout or '{}') if result.returncode == 0 else {}
    return found['remedy.failover.psrinfo']['doc']['filename'] if 'remedy.failover.psrinfo' in found else None


@pytest.fixture(scope='module')
def checkout(tmp_path_factory):
    """What a project update leaves in the project folder: the committed tree, symbolic links kept."""
    folder = tmp_path_factory.mktemp('checkout')
    archive = subprocess.run(['git', 'archive', 'HEAD'], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(['tar', '-x', '-C', str(folder)], input=archive.stdout, check=True)
    revision = subprocess.run(['git', 'rev-parse', 'HEAD'], cwd=ROOT, check=True, capture_output=True, text=True)
    return str(folder), revision.stdout.strip()


@pytest.fixture(scope='module')
def ee_home(tmp_path_factory, checkout):
    """The execution environment's home: remedy.failover built from the checkout and installed in
    ~/.ansible/collections, one of the paths AWX gives every job (the image's /usr/share/ansible/collections is
    another)."""
    home = tmp_path_factory.mktemp('ee-home')
    galaxy = os.path.join(os.path.dirname(sys.executable), 'ansible-galaxy')
    built = tmp_path_factory.mktemp('built')
    # run in the new home: in the checkout, its ansible.cfg would show the checkout as installed ('Nothing to do')
    subprocess.run([galaxy, 'collection', 'build', '--output-path', str(built), checkout[0]], check=True,
                   capture_output=True, cwd=str(home), env=job_environment(home))
    artifact, = glob.glob(os.path.join(str(built), 'remedy-failover-*.tar.gz'))
    subprocess.run([galaxy, 'collection', 'install', '--offline', '--no-deps', '-p',
                    os.path.join(str(home), '.ansible', 'collections'), artifact], check=True, capture_output=True,
                   cwd=str(home), env=job_environment(home))
    assert os.path.isfile(os.path.join(str(home), '.ansible', 'collections', 'ansible_collections', 'remedy',
                                       'failover', 'MANIFEST.json'))
    return str(home)


class Job:
    """One AWX job: its private data directory, ansible-runner's result and events."""

    number = 100

    def __init__(self, base, checkout, home, template, answers=None, known_hosts=None, node_vars=None):
        Job.number += 1
        self.home = home
        self.template, self.ident = template, str(Job.number)
        self.dir = os.path.join(str(base), 'job_%s' % self.ident)
        project, self.revision = checkout
        shutil.copytree(project, os.path.join(self.dir, 'project'), symlinks=True)  # RunProjectUpdate.make_local_copy
        for sub in ('env', 'inventory', 'cp'):
            os.makedirs(os.path.join(self.dir, sub), mode=0o700)
        self.root_password = root_password()  # the become password: the lab's root password (su), never logged
        self.write('inventory/hosts', awx_rules.inventory_script(
            awx_rules.inventory_script_data(CONFIG, {name: ADDRESS[name] for name in ('sunar01', 'sunar02')})), 0o700)
        # the known_hosts credential: AWX writes its file in the private data dir and passes its name
        known_hosts_file = os.path.join(self.dir, 'env', 'tmp_known_hosts_%s' % self.ident)
        with open(labctl.KNOWN_HOSTS, encoding='utf-8') as handle:
            self.write(known_hosts_file, handle.read() if known_hosts is None else known_hosts, 0o600)
        (variable, dummy), = KNOWN_HOSTS_TYPE['injectors']['extra_vars'].items()
        if node_vars is None:  # launched by a user: the survey's defaults and answers, checked as the API does
            extravars = dict(awx_rules.survey_defaults(template))
            extravars.update(answers or {})
            for element in template['survey_spec']['spec']:  # what the API would refuse at launch
                assert awx_rules.survey_element_errors(element, extravars) == [], element
        else:  # started by a workflow node: what awx_rules.workflow_node_extra_vars gives it
            extravars = dict(node_vars)
        extravars.update(awx_rules.meta_vars(
            int(self.ident), 12, template['name'], 'awx-operator', 3, template['inventory'], self.revision, 'main',
            launch_type='manual' if node_vars is None else 'workflow'))
        extravars[variable] = known_hosts_file
        self.write('env/extravars', json.dumps(extravars), 0o600)
        # the login (SunSSH refuses root), then remedy.failover.su to root with the root password
        credential = {'inputs': dict(MACHINE['inputs'], username=LOGIN, become_password=self.root_password)}
        self.write('env/cmdline', ' '.join(shlex.quote(a) for a in awx_rules.job_args(template, credential)), 0o600)
        self.write('env/passwords', json.dumps({awx_rules.BECOME_PROMPT: self.root_password}), 0o600)
        with open(labctl.KEY, encoding='utf-8') as handle:
            self.write('env/ssh_key', handle.read(), 0o600)
        envvars = dict(awx_rules.SETTINGS_ENV)
        envvars.update({
            'JOB_ID': self.ident, 'INVENTORY_ID': '3', 'PROJECT_REVISION': self.revision,
            'ANSIBLE_RETRY_FILES_ENABLED': 'False', 'MAX_EVENT_RES': '700000', 'AWX_HOST': 'https://awx.example.invalid',
            'ANSIBLE_SSH_CONTROL_PATH_DIR': os.path.join(self.dir, 'cp'),
        })
        envvars.update(awx_rules.collection_paths_env(self.dir, self.dir))
        self.envvars = envvars
        self.write('env/envvars', json.dumps(envvars), 0o600)
        self.write('env/settings', json.dumps({'job_timeout': 900, 'suppress_ansible_output': True}), 0o600)
        self.rc, self.status, self.events = None, None, []

    def write(self, name, text, mode):
        path = os.path.join(self.dir, name)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(text)
        os.chmod(path, mode)

    def run(self):
        """ansible-runner, from this venv (its ansible-playbook on the PATH, as in an execution environment)."""
        runner = os.path.join(os.path.dirname(sys.executable), 'ansible-runner')
        result = subprocess.run([runner, 'run', self.dir, '-p', self.template['playbook'], '--ident', self.ident],
                                env=job_environment(self.home), check=False, capture_output=True, text=True, timeout=900)
        artifacts = os.path.join(self.dir, 'artifacts', self.ident)
        with open(os.path.join(artifacts, 'rc'), encoding='utf-8') as handle:
            self.rc = int(handle.read().strip())
        with open(os.path.join(artifacts, 'status'), encoding='utf-8') as handle:
            self.status = handle.read().strip()
        for path in glob.glob(os.path.join(artifacts, 'job_events', '*.json')):
            with open(path, encoding='utf-8') as handle:
                self.events.append(json.load(handle))
        self.events.sort(key=lambda event: event['counter'])
        self.stdout = ''.join(event.get('stdout', '') + '\n' for event in self.events)
        assert self.root_password not in self.stdout + result.stdout + result.stderr
        return self

    def artifacts(self):
        """The job's artifacts as AWX keeps them: the set_stats data ansible-runner's callback puts in the
        playbook_on_stats event (artifacts/IDENT/job_events/*.json)."""
        return awx_rules.job_artifacts(self.events)

    def stats(self):
        return [e for e in self.events if e['event'] == 'playbook_on_stats'][0]['event_data']

    def changed(self):
        return sum(self.stats().get('changed', {}).values())

    def messages(self):
        found = []
        for event in self.events:
            res = event.get('event_data', {}).get('res') or {}
            msg = res.get('msg') if isinstance(res, dict) else None
            found.extend(msg if isinstance(msg, list) else [msg] if msg else [])
        return ' | '.join(str(m) for m in found)

    def explain(self):
        head = 'job %s %s rc=%s' % (self.template['name'], self.status, self.rc)
        return '%s: %s\n%s' % (head, self.messages()[-3000:], self.stdout[-3000:])


@pytest.fixture
def awx(lab, tmp_path, checkout, ee_home):
    """Launch a template as AWX would; the lab in its normal state before (booted to the end), and left so after."""
    lab.reset()
    assert all(lab.wait_runlevel(box, '3') for box in BOXES)

    def launch(playbook, job_type='run', **kwargs):
        template = kwargs.pop('template', None) or TEMPLATES[(playbook, job_type)]
        return Job(tmp_path, checkout, ee_home, template, **kwargs).run()
    yield launch
    lab.reset()


@pytest.mark.usefixtures('lab')  # the lab's known_hosts, which the job's credential carries
def test_a_job_finds_the_collection_in_its_own_project(checkout, tmp_path):
    """No Galaxy credential: AWX installs nothing in requirements_collections; on an execution environment that has
    no remedy.failover at all, the project's ansible.cfg and its committed .collections link find it in the project."""
    job = Job(tmp_path, checkout, str(tmp_path), TEMPLATES[('playbooks/status.yml', 'run')])
    paths = job.envvars['ANSIBLE_COLLECTIONS_PATH'].split(':')
    assert paths[:3] == [os.path.join(job.dir, 'requirements_collections'), './.collections', '~/.ansible/collections']
    assert not os.path.exists(paths[0])
    bare_home = tmp_path / 'bare-home'
    bare_home.mkdir()
    project = os.path.join(job.dir, 'project')
    found = ansible_doc(project, str(bare_home), job.envvars['ANSIBLE_COLLECTIONS_PATH'])
    assert found is not None and os.path.realpath(found).startswith(os.path.realpath(project) + os.sep), found


@pytest.mark.usefixtures('lab')  # the lab's known_hosts, which the job's credential carries
def test_without_it_only_a_committed_link_would_find_the_collection(checkout, tmp_path):
    """On a stock execution environment the project's ansible.cfg (./.collections, resolved in the job's project
    folder) is the only way to the checkout, and it leads there only when the link is in the commit: make, which
    makes it on a developer's machine, never runs in AWX."""
    job = Job(tmp_path, checkout, str(tmp_path), TEMPLATES[('playbooks/status.yml', 'run')])
    project = os.path.join(job.dir, 'project')
    committed = os.path.islink(os.path.join(project, '.collections', 'ansible_collections', 'remedy', 'failover'))
    bare_home = tmp_path / 'bare-home'
    bare_home.mkdir()
    found = ansible_doc(project, str(bare_home), job.envvars['ANSIBLE_COLLECTIONS_PATH'])
    assert (found is not None) == committed, found


def test_a_wrong_known_hosts_credential_stops_the_job(awx, lab):
    """AWX turns host key checking off for every job; the pair's group turns it back on."""
    before = {box: state(lab, box) for box in BOXES}
    job = awx('playbooks/move.yml', answers={'remedy_failover_direction': 'failover'}, known_hosts='')
    assert job.status == 'failed' and job.rc != 0
    assert 'Host key verification failed' in job.stdout, job.explain()
    assert {box: state(lab, box) for box in BOXES} == before


def result_of(job, pair='sunar01/sunar02'):
    """The pair's record in the job's artifacts (play 6's set_stats)."""
    results = job.artifacts().get('remedy_failover_results') or {}
    assert pair in results, job.explain()
    return results[pair]


def test_every_template_as_an_awx_job(awx, lab):
    """The dry runs change nothing, each move moves Remedy, status reports; the operator boots the halted box.
    The direction is the survey's answer; every job leaves its result in its artifacts."""
    prober = Prober(lab)
    prober.start()
    before = {box: state(lab, box) for box in BOXES}
    job = awx('playbooks/move.yml', 'check', answers={'remedy_failover_direction': 'failover'})
    assert job.status == 'successful', job.explain()
    assert job.changed() > 0  # the plan
    assert {box: state(lab, box) for box in BOXES} == before
    result = result_of(job)
    assert (result['direction'], result['plan'], result['result'], result['check_mode']) == ('failover', 'full', 'ok', True)

    job = awx('playbooks/move.yml', answers={'remedy_failover_direction': 'failover'})
    assert job.status == 'successful', job.explain()
    moved(lab, 'failover', 'main', 'sunar01', 'sunar02', '1')
    result = result_of(job)
    assert (result['direction'], result['plan'], result['result'], result['check_mode']) == ('failover', 'full', 'ok', False)
    assert float(result['downtime_s']) > 0 and result['summary'] and result['remaining']
    # the audit trail on the boxes names the AWX user and job: the main box's ends where the move halted it, the
    # failover box's with the move done and the pair's lock given back
    for box, events in (('main', ['leaving']), ('failover', ['done', 'released'])):
        records = box_records(lab, box)[-len(events):]
        assert [(r['event'], r['who'], r['job']) for r in records] == [
            (event, 'awx-operator', int(job.ident)) for event in events], records
    lab.console('main', 'boot')  # the operator's step, at the main box's console
    assert lab.wait_ssh('sunar02', timeout=60)

    job = awx('playbooks/status.yml')
    assert job.status == 'successful' and job.changed() == 0, job.explain()
    assert 'sunar01 (%s): the FAILOVER box' % ADDRESS['sunar01'] in job.messages()
    assert 'sunar02 (%s): the MAIN box' % ADDRESS['sunar02'] in job.messages()
    assert 'The pair is consistent.' in job.messages()

    before = {box: state(lab, box) for box in BOXES}
    job = awx('playbooks/move.yml', 'check', answers={'remedy_failover_direction': 'main'})
    assert job.status == 'successful' and job.changed() > 0, job.explain()
    assert {box: state(lab, box) for box in BOXES} == before

    job = awx('playbooks/move.yml', answers={'remedy_failover_direction': 'main'})
    assert job.status == 'successful', job.explain()
    moved(lab, 'main', 'failover', 'sunar01', 'sunar02', '2')
    assert result_of(job)['direction'] == 'main' and result_of(job)['result'] == 'ok'
    lab.console('failover', 'boot')
    assert lab.wait_ssh('sunar02', timeout=60)
    assert prober.stop() == []


def node(workflow, identifier):
    return [n for n in workflow['workflow_nodes'] if n['identifier'] == identifier][0]


def test_the_unplanned_workflow_as_awx_runs_its_nodes(awx, lab):
    """The main box is halted. Launched by hand, the move is refused (no launcher can confirm); the workflow's
    dry run shows the takeover plan and changes nothing; after the approval, its move node takes over with the
    confirmation the workflow sets, the dry run's artifacts among its variables."""
    workflow = WORKFLOWS['Remedy: unplanned move to the failover box']
    lab.console('main', 'init', '0')  # at its console, as root
    assert lab.wait_runlevel('main', 'ok')
    before = {box: state(lab, box) for box in BOXES}

    job = awx('playbooks/move.yml', answers={'remedy_failover_direction': 'failover'})
    assert job.status == 'failed' and 'Nothing answers Ansible at sunar01' in job.messages(), job.explain()
    result = result_of(job)
    assert (result['result'], result['plan']) == ('refused', None), result
    assert 'Nothing answers Ansible at sunar01' in result['reason']
    assert {box: state(lab, box) for box in BOXES} == before

    answers = {'remedy_failover_pair': 'remedy'}  # the workflow's survey
    dry_vars = awx_rules.workflow_node_extra_vars(workflow, node(workflow, 'dry-run'), DRY_RUN, answers, {})
    assert dry_vars['confirm_main_down'] is True and dry_vars['remedy_failover_direction'] == 'failover'
    dry_run = awx(None, template=DRY_RUN, node_vars=dry_vars)
    assert dry_run.status == 'successful', dry_run.explain()
    assert 'Unplanned move: the main box is confirmed down' in dry_run.messages()
    artifacts = dry_run.artifacts()
    assert (result_of(dry_run)['plan'], result_of(dry_run)['check_mode']) == ('takeover', True)
    assert {box: state(lab, box) for box in BOXES} == before

    # the approval node: a member of the approvers' team approves (awx/controller_roles.yml; tests/unit)
    move_vars = awx_rules.workflow_node_extra_vars(workflow, node(workflow, 'move'), MOVE, answers, artifacts)
    assert move_vars['remedy_failover_results'] == artifacts['remedy_failover_results']
    job = awx(None, template=MOVE, node_vars=move_vars)
    assert job.status == 'successful', job.explain()
    result = result_of(job)
    assert (result['plan'], result['result'], result['check_mode']) == ('takeover', 'ok', False), result
    assert [line for line in result['remaining'] if 'sunar02' in line], result  # the main box's own steps
    assert lab.wait_ssh('sunar01', timeout=60)
    assert lab.console('failover', 'cat', '/etc/nodename').stdout.strip() == 'sunar01'
