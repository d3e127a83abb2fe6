"""Every module and every role entry point says in which release it came (version_added), a release of this
collection that is not newer than galaxy.yml's version: the changelog's New Modules and New Roles are built from it."""

import ast
import glob
import os

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
MODULES = sorted(glob.glob(os.path.join(ROOT, 'plugins', 'modules', '*.py')))
SPECS = sorted(glob.glob(os.path.join(ROOT, 'roles', '*', 'meta', 'argument_specs.yml')))


def version(text):
    parts = str(text).split('.')
    assert len(parts) == 3 and all(p.isdigit() for p in parts), 'version_added %r is not X.Y.Z' % text
    return tuple(int(p) for p in parts)


def galaxy_version():
    with open(os.path.join(ROOT, 'galaxy.yml')) as handle:
        return version(yaml.safe_load(handle)['version'])


def documentation(path):
    with open(path) as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ['DOCUMENTATION']:
            return yaml.safe_load(node.value.value)
    raise AssertionError('%s has no DOCUMENTATION' % path)


def test_there_are_modules_and_roles():
    assert len(MODULES) >= 10 and len(SPECS) == 5


@pytest.mark.parametrize('path', MODULES, ids=os.path.basename)
def test_module_version_added(path):
    doc = documentation(path)
    assert 'version_added' in doc, '%s: DOCUMENTATION has no version_added' % path
    assert version(doc['version_added']) <= galaxy_version()


@pytest.mark.parametrize('path', SPECS, ids=lambda p: p.split(os.sep)[-3])
def test_role_entry_point_version_added(path):
    with open(path) as handle:
        entry_points = yaml.safe_load(handle)['argument_specs']
    for name, spec in entry_points.items():
        assert 'version_added' in spec, '%s: entry point %s has no version_added' % (path, name)
        assert version(spec['version_added']) <= galaxy_version()
