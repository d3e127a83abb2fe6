"""execution-environment.yml: `ansible-builder create` writes a complete build context with no network at all.

The context carries the built collection and community.general, and its Containerfile installs both from the
context with --offline. The Containerfile's galaxy stage is then replayed here, also with no network, by an
ansible-galaxy that has no community.general of its own (.venv-packaging has ansible-core, not the ansible package).
"""

import glob
import hashlib
import os
import re
import shlex
import subprocess

import pytest
import yaml

from packaging_helpers import PKG_BIN, ROOT, VENV_BIN, artifact_name, galaxy_meta, user_env

EE_FILE = os.path.join(ROOT, 'execution-environment.yml')


def no_network(cmd):
    """The command in a network namespace of its own: only a loopback that is down."""
    return ['unshare', '--net', '--'] + cmd


def sha256(path):
    with open(str(path), 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


@pytest.fixture(scope='module')
def context(pkg_venv, tmp_path_factory):
    tmp = tmp_path_factory.mktemp('ee')
    env = user_env(tmp, VENV_BIN)
    # the README's step: `make build` leaves the artifact beside execution-environment.yml
    subprocess.run(['make', '-C', ROOT, 'build'], check=True, capture_output=True, env=env)
    ctx = tmp / 'context'
    proc = subprocess.run(no_network([os.path.join(PKG_BIN, 'ansible-builder'), 'create', '--file', EE_FILE,
                                      '--context', str(ctx), '--output-filename', 'Containerfile', '-v', '2']),
                          check=False, capture_output=True, text=True, env=user_env(tmp, PKG_BIN), cwd=str(tmp), timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return ctx, proc.stdout + proc.stderr, tmp


def test_definition_is_v3_and_names_this_version():
    with open(EE_FILE, encoding='utf-8') as f:
        ee = yaml.safe_load(f)
    assert ee['version'] == 3
    names = [c['name'] for c in ee['dependencies']['galaxy']['collections']]
    assert names == ['collections/' + artifact_name(), 'collections/community.general']
    assert ee['additional_build_files'][0]['src'] == artifact_name()


def test_context_written_offline_and_complete(context):
    ctx, log = context[0], context[1]
    assert 'No matches for' not in log and 'does not exist' not in log, log  # ansible-builder only warns on those
    build = ctx / '_build'
    with open(str(build / 'requirements.yml'), encoding='utf-8') as f:
        requirements = yaml.safe_load(f)
    assert requirements == {'collections': [
        {'name': 'collections/' + artifact_name(), 'type': 'file'},
        {'name': 'collections/community.general', 'type': 'dir'}]}
    # the artifact in the context is the one `make build` made
    assert sha256(build / 'collections' / artifact_name()) == sha256(os.path.join(ROOT, artifact_name()))
    with open(str(build / 'collections' / 'community.general' / 'MANIFEST.json'), encoding='utf-8') as f:
        general = yaml.safe_load(f)['collection_info']
    assert (general['namespace'], general['name']) == ('community', 'general')
    wanted = galaxy_meta()['dependencies']['community.general']
    assert wanted == '>=10.0.0' and int(general['version'].split('.')[0]) >= 10
    for script in ('assemble', 'check_galaxy', 'check_ansible', 'introspect.py', 'pip_install', 'entrypoint'):
        assert (build / 'scripts' / script).is_file(), script


def test_containerfile_installs_from_the_context(context):
    containerfile = (context[0] / 'Containerfile').read_text()
    assert 'ARG EE_BASE_IMAGE="ghcr.io/ansible-community/community-ee-base:2.19.5-1"' in containerfile
    assert 'ARG ANSIBLE_GALAXY_CLI_COLLECTION_OPTS="--offline"' in containerfile
    assert 'FROM $EE_BASE_IMAGE AS base' in containerfile
    assert 'COPY _build /build' in containerfile
    install = [line for line in containerfile.splitlines() if 'ansible-galaxy collection install' in line]
    assert install == ['RUN ANSIBLE_GALAXY_DISABLE_GPG_VERIFY=1 ansible-galaxy collection install '
                       '$ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml '
                       '--collections-path "/usr/share/ansible/collections"']
    assert 'COPY --from=galaxy /usr/share/ansible /usr/share/ansible' in containerfile
    assert not re.search(r'galaxy\.ansible\.com|--server|--api-server', containerfile)


def test_galaxy_stage_installs_both_collections_offline(context):
    """The Containerfile's collection install, run as its galaxy stage runs it (in /build, the context's _build)."""
    ctx, tmp = context[0], context[2]
    containerfile = (ctx / 'Containerfile').read_text()
    opts = re.search(r'^ARG ANSIBLE_GALAXY_CLI_COLLECTION_OPTS="(.*)"$', containerfile, re.M).group(1)
    line = next(ln for ln in containerfile.splitlines() if 'ansible-galaxy collection install' in ln)
    words = shlex.split(line[len('RUN '):].replace('$ANSIBLE_GALAXY_CLI_COLLECTION_OPTS', opts))
    env = user_env(tmp, PKG_BIN)
    while '=' in words[0]:
        key, value = words.pop(0).split('=', 1)
        env[key] = value
    dest = tmp / 'usr-share-ansible' / 'collections'
    words[words.index('--collections-path') + 1] = str(dest)
    (tmp / 'ansible.cfg').write_text('[defaults]\n')
    env['ANSIBLE_CONFIG'] = str(tmp / 'ansible.cfg')
    # this ansible-galaxy has no community.general to fall back on: only the context's copy can satisfy the dependency
    assert not glob.glob(os.path.join(os.path.dirname(PKG_BIN), 'lib', 'python*', 'site-packages', 'ansible_collections'))
    proc = subprocess.run(no_network([os.path.join(PKG_BIN, words[0])] + words[1:]), cwd=str(ctx / '_build'),
                          env=env, check=False, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    meta = galaxy_meta()
    assert "remedy.failover:%s was installed successfully" % meta['version'] in out
    assert re.search(r"community\.general:\d+\.\d+\.\d+ was installed successfully", out), out
    env['ANSIBLE_COLLECTIONS_PATH'] = str(dest)
    for plugin in ('remedy.failover.psrinfo', 'community.general.mail'):
        doc = subprocess.run([os.path.join(PKG_BIN, 'ansible-doc'), plugin], env=env, cwd=str(tmp),
                             check=False, capture_output=True, text=True)
        assert doc.returncode == 0, doc.stderr
        assert doc.stdout.splitlines()[0].startswith('> MODULE %s (%s/' % (plugin, dest)), doc.stdout[:300]


def test_the_image_lets_sunssh_sha1_through(context):
    """The image's last stage sets the LEGACY crypto policy where the base has crypto policies: DEFAULT refuses the
    SHA-1 signatures and key exchanges SunSSH speaks, whatever ssh's -o options say."""
    containerfile = (context[0] / 'Containerfile').read_text()
    final = containerfile.split('\nFROM ')[-1]
    assert 'RUN if [ -d /etc/crypto-policies ]; then update-crypto-policies --set LEGACY; fi' in final.splitlines()
    assert final.index('update-crypto-policies') > final.index('COPY --from=galaxy /usr/share/ansible /usr/share/ansible')


def core_of(requirements):
    with open(os.path.join(ROOT, requirements), encoding='utf-8') as f:
        return next(tuple(int(p) for p in line.split('==')[1].split('.')[:2])
                    for line in f if line.startswith('ansible-core=='))


def test_base_image_is_the_newest_ansible_core_or_the_definition_says_why_not():
    """The default base's ansible-core (its community-ee-base tag) is one requires_ansible accepts; when it is not
    the newest tested (requirements-newest.txt), the definition says why, beside the image."""
    with open(EE_FILE, encoding='utf-8') as f:
        text = f.read()
    name = yaml.safe_load(text)['images']['base_image']['name']
    base = tuple(int(p) for p in name.rsplit(':', 1)[1].split('-')[0].split('.')[:2])
    with open(os.path.join(ROOT, 'meta', 'runtime.yml'), encoding='utf-8') as f:
        accepted = yaml.safe_load(f)['requires_ansible']
    low, high = (tuple(int(p) for p in bound.lstrip('<>=').split('.')[:2]) for bound in accepted.split(','))
    assert low <= base < high, (name, accepted)
    newest = core_of('requirements-newest.txt')
    if base != newest:
        assert '# Not ansible-core %d.%d, the newest tested (requirements-newest.txt)' % newest in text
