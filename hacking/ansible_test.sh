#!/usr/bin/env bash
# Run ansible-test on this checkout, which is not laid out as ansible-test needs it.
#
#   hacking/ansible_test.sh sanity [ansible-test options]   # e.g. --test pylint
#   hacking/ansible_test.sh units  [ansible-test options]
#
# ansible-test must run from .../ansible_collections/remedy/failover: the files git knows (tracked, and untracked
# ones not ignored, as they are in the work tree now) are copied into a scratch tree of that shape, which is
# removed afterwards. Only the venv's own Python is used (this machine's 3.11; the newest controller's 3.13), no
# container. ansible-test makes a virtual
# environment per sanity test and installs its pinned requirements from PyPI; it bootstraps pip in each with a
# script it downloads from ci-files.testing.ansible.com, which is not reachable here, so that script's cache file is
# written first as a stand-in that installs the same pip from PyPI's own wheel (make_get_pip below).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [ $# -lt 1 ]; then
  echo "usage: $0 sanity|units [ansible-test options]" >&2
  exit 2
fi

# ansible-test comes with ansible-core in the venv; it is found on the PATH the Makefile sets.
ANSIBLE_TEST=$(command -v ansible-test) || { echo "ansible-test not found: run 'make setup' first" >&2; exit 1; }
PYTHON=$(dirname "$ANSIBLE_TEST")/python
PYTHON_VERSION=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')

make_get_pip() {
  # The pip version ansible-test bootstraps, and the cache file it looks for before downloading.
  local version cache wheel_dir
  version=$("$PYTHON" -c 'from ansible_test._internal.python_requirements import get_venv_packages
from ansible_test._internal.host_configs import NativePythonConfig
print(get_venv_packages(NativePythonConfig(version="'"$PYTHON_VERSION"'"))["pip"])')
  cache=$HOME/.ansible/test/cache/get_pip_${version//./_}.py
  wheel_dir=$HOME/.ansible/test/cache/pip-wheels
  if [ -f "$cache" ] && grep -q 'remedy.failover stand-in' "$cache" && ls "$wheel_dir"/pip-"$version"-*.whl >/dev/null 2>&1; then
    return
  fi
  mkdir -p "$wheel_dir"
  "$PYTHON" -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: -d "$wheel_dir" "pip==$version"
  local wheel
  wheel=$(ls "$wheel_dir"/pip-"$version"-*.whl)
  cat > "$cache.tmp" <<EOF
"""remedy.failover stand-in for ansible-test's get-pip $version bootstrap script (written by hacking/ansible_test.sh).

ansible-test runs this in a new virtual environment that has no pip, with pip's install options as arguments
(the packages, --no-setuptools, --no-wheel), as it runs get-pip.py. The real script carries pip inside itself; this
one runs pip from pip's own wheel, downloaded from PyPI, and installs what it is asked to.
"""
import sys

WHEEL = '$wheel'

sys.path.insert(0, WHEEL)
from pip._internal.cli.main import main  # noqa: E402  pylint: disable=wrong-import-position

args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
sys.exit(main(['install', '--no-cache-dir'] + args))
EOF
  mv "$cache.tmp" "$cache"
}

make_get_pip

# The shellcheck sanity test is skipped with a warning when shellcheck is missing: install it from Debian, as
# lab/ensure-docker.sh does for Docker.
if [ "$1" = sanity ] && ! command -v shellcheck >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ansible_test.sh: installing shellcheck"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
  else
    echo "ansible_test.sh: shellcheck is not installed (apt-get install shellcheck): its sanity test is skipped" >&2
  fi
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/remedy-failover-ansible-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
tree=$scratch/ansible_collections/remedy/failover
mkdir -p "$tree"
# Every file git knows that exists in the work tree (a deleted tracked file is left out).
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi; done \
  | tar --null -T - -cf -) | tar -xf - -C "$tree"

# The .collections link back to the checkout serves the checkout itself (ansible.cfg's collections_path, an AWX
# project); it is not part of the collection (galaxy.yml's build_ignore), so the collection ansible-test checks,
# as the one built and published, has no such link.
rm -rf "$tree/.collections"

cd "$tree"
# A git clone of it, as a checkout is: ansible-test then lists the files as git does and checks what a clone holds
# (a committed symbolic link to a directory, say), and tests that read HEAD (git archive) find it.
git init -q
git add -A
git -c user.name=ansible-test -c user.email=ansible-test@localhost commit -q --no-verify -m 'work tree of the checkout'
command=$1
shift
# This venv's own Python: sanity makes its venvs from it, and units runs the tests with it (and its pinned pytest
# plugins, ansible and ansible-galaxy, which the tests of the built collection and of the mail notices run).
ansible-test "$command" --python "$PYTHON_VERSION" --python-interpreter "$PYTHON" --color no "$@"
