"""galaxy-importer, the check Galaxy runs on every uploaded collection, accepts the built artifact without a remark.

It runs from .venv-packaging with tests/packaging/galaxy-importer.cfg: ansible-lint (production profile), flake8,
ansible-doc, the role READMEs, the changelog, the required tags; only ansible-test is left to hacking/ansible_test.sh.
Galaxy shows every WARNING line of the import log on the collection's page, so any WARNING or ERROR fails here.
"""

import json
import os
import re
import shutil
import subprocess
import tarfile

import pytest
import yaml

from packaging_helpers import PKG_BIN, ROOT, galaxy_meta, user_env

CONFIG = os.path.join(ROOT, 'tests', 'packaging', 'galaxy-importer.cfg')


def run_importer(tarball, workdir):
    """galaxy-importer on one artifact: (exit code, log lines, importer_result.json or None)."""
    env = user_env(workdir, PKG_BIN)  # its ansible-lint, flake8, ansible-doc first; no earlier install in ~ counts
    env['GALAXY_IMPORTER_CONFIG'] = CONFIG
    for key in [k for k in env if k.startswith('GALAXY_IMPORTER_') and k != 'GALAXY_IMPORTER_CONFIG']:
        del env[key]  # a setting from the environment would override the file
    # with no network at all (a namespace of its own): CI and this site reach no Galaxy, and the import needs none
    proc = subprocess.run(['unshare', '--net', '--', os.path.join(PKG_BIN, 'python'), '-m', 'galaxy_importer.main',
                           str(tarball)], cwd=str(workdir), env=env, check=False, capture_output=True, text=True, timeout=600)
    result_file = os.path.join(str(workdir), 'importer_result.json')
    result = None
    if proc.returncode == 0 and os.path.exists(result_file):
        with open(result_file, encoding='utf-8') as f:
            result = json.load(f)
    return proc.returncode, (proc.stdout + proc.stderr).splitlines(), result


def remarks(lines):
    return [line for line in lines if line.startswith(('WARNING:', 'ERROR:', 'CRITICAL:', 'Traceback'))]


@pytest.fixture(scope='module')
def imported(pkg_venv, artifact, tmp_path_factory):
    return run_importer(artifact, tmp_path_factory.mktemp('import'))


def test_import_succeeds_without_a_warning(imported):
    rc, lines, result = imported
    log = '\n'.join(lines)
    assert rc == 0, log
    assert remarks(lines) == [], log
    assert 'Importer processing completed successfully' in lines, log
    assert result is not None


def test_every_check_but_ansible_test_ran(imported):
    lines = imported[1]
    assert any(line.startswith('Linting collection via ansible-lint') for line in lines)
    assert '...ansible-lint run complete' in lines
    assert 'Getting doc strings via ansible-doc' in lines
    assert 'Linting module psrinfo via flake8...' in lines
    assert not [line for line in lines if 'ansible-test' in line]


def test_result_describes_the_collection(imported):
    result = imported[2]
    meta = galaxy_meta()
    for key in ('namespace', 'name', 'version', 'dependencies', 'tags'):
        assert result['metadata'][key] == meta[key], key
    with open(os.path.join(ROOT, 'meta', 'runtime.yml'), encoding='utf-8') as f:
        assert result['requires_ansible'] == yaml.safe_load(f)['requires_ansible']


def test_every_module_role_and_playbook_found_and_documented(imported, artifact):
    docs = {(c['content_type'], c['content_name']): c for c in imported[2]['docs_blob']['contents']}
    with tarfile.open(str(artifact)) as tar:
        names = tar.getnames()
    modules = [n.split('/')[2][:-3] for n in names if re.match(r'plugins/modules/[^/_][^/]*\.py$', n)]
    roles = sorted({n.split('/')[1] for n in names if re.match(r'roles/[^/]+/tasks/main\.yml$', n)})
    playbooks = [n.split('/')[1] for n in names if re.match(r'playbooks/[^/]+\.yml$', n)]
    assert 'psrinfo' in modules and 'arconf' in roles and 'to_failover.yml' in playbooks
    for name in modules:
        doc = docs[('module', name)]['doc_strings']
        assert doc['doc']['module'] == name and doc['doc']['short_description'], name
        assert doc['examples'] and doc['return'] is not None, name
    for name in roles:  # Galaxy refuses a role without a README; it shows the HTML made from it
        role = docs[('role', name)]
        assert role['readme_file'] == 'README.md', name
        assert '<table>' in role['readme_html'], name  # the variables table of hacking/role_readmes.py
    for name in playbooks:
        assert ('playbook', name) in docs, name
    assert '<h1>remedy.failover</h1>' in imported[2]['docs_blob']['collection_readme']['html']


def test_a_role_without_readme_is_refused(pkg_venv, tmp_path):
    """The same run fails on what Galaxy refuses: the role README check is really on, and its error is seen."""
    src = tmp_path / 'src'
    files = subprocess.run(['git', 'ls-files', '-z', 'galaxy.yml', 'README.md', 'meta', 'roles/arconf'], cwd=ROOT,
                           check=True, capture_output=True, text=True).stdout.split('\0')
    for name in filter(None, files):
        if os.path.exists(os.path.join(ROOT, name)):
            os.makedirs(os.path.dirname(str(src / name)), exist_ok=True)
            shutil.copy(os.path.join(ROOT, name), str(src / name))
    (src / 'roles' / 'arconf' / 'README.md').unlink()
    env = user_env(tmp_path, PKG_BIN)
    subprocess.run([os.path.join(PKG_BIN, 'ansible-galaxy'), 'collection', 'build', '--output-path', str(tmp_path),
                    str(src)], check=True, capture_output=True, env=env, cwd=str(tmp_path))
    tarball = [p for p in tmp_path.iterdir() if p.name.endswith('.tar.gz')]
    assert len(tarball) == 1
    rc, lines, result = run_importer(tarball[0], tmp_path)
    assert rc != 0 and result is None
    assert [line for line in remarks(lines) if 'No role readme found' in line], '\n'.join(lines)
