#!/usr/bin/env bash
# The newest controller: a Debian 13 (trixie) root made with debootstrap (as the lab's base is, from this machine's
# apt mirror), with Python 3.13, OpenSSH 10 and a venv holding the newest ansible-core, the ansible package and the
# test tools (requirements-newest.txt, constraints-newest.txt). Commands run in it with chroot: no container; the
# root shares this machine's network, so it reaches the lab boxes and PyPI as this machine does.
#
#   hacking/newest.sh root            # make the root when missing (cached), print its path
#   hacking/newest.sh run CMD [ARG]   # run CMD in the root, in the checkout, with the root's venv first on the PATH
#
# Cached in /var/cache/remedy-failover: the debootstrap root in newest-base-HASH (HASH: the suite and the package
# list), and a copy of it with the venv in newest-HASH (HASH: that and the requirements and constraints): a changed
# pin makes a new venv root from the same base in a minute (and the older roots are removed). The checkout is
# bind-mounted at its own path in a mount namespace of the command's own (unshare), with the lab's state (.lab,
# which may be a link out of the checkout) and Docker's socket and client, so the lab tests' console works.
# Root only (debootstrap, chroot, mounts).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SELF=$ROOT/hacking/newest.sh
SUITE=trixie
# python3-venv: the venv; git: ansible-test lists the collection's files with it; shellcheck for ansible-test
# sanity; shfmt: the Bourne shell gate (tests/bourne.py); openssh-client: the connection to the boxes
PACKAGES=python3,python3-venv,openssh-client,git,ca-certificates,shellcheck,shfmt,procps
VENV=/opt/remedy-newest
CACHE=/var/cache/remedy-failover
BASE_KEY=$(echo "$SUITE $PACKAGES" | sha256sum | cut -c1-12)
BASE=$CACHE/newest-base-$BASE_KEY
KEY=$(cat "$ROOT/requirements-newest.txt" "$ROOT/constraints-newest.txt" | { echo "$BASE_KEY $VENV"; cat; } \
  | sha256sum | cut -c1-12)
CHROOT=$CACHE/newest-$KEY

if [ "$(id -u)" != 0 ]; then
  echo "newest.sh: run as root (debootstrap, chroot and bind mounts need it)" >&2
  exit 1
fi

# the mirror this machine's apt uses, as lab/labctl.py's debian_mirror() finds it
mirror() {
  python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import labctl; print(labctl.debian_mirror())' "$ROOT/lab"
}

# pip reaches PyPI in the root as it does here: this machine's pip configuration, its CA bundle, its PIP_* and
# proxy settings (passed through by `run`)
copy_host_config() {
  local root=$1 f
  for f in /etc/resolv.conf /etc/hosts /etc/pip.conf /etc/xdg/pip/pip.conf /etc/xdg/pip/constraints.txt \
           /etc/ssl/certs/ca-certificates.crt; do
    if [ -f "$f" ]; then
      mkdir -p "$root$(dirname "$f")"
      cp -L "$f" "$root$f"
    fi
  done
  # the local package folders pip's settings name (find-links, file:// indexes): empty in the root when not
  # there, so pip does not warn about each (the root's packages come from PyPI)
  for f in $(cat /etc/pip.conf /etc/xdg/pip/pip.conf 2>/dev/null; printenv | sed -n 's/^PIP_[A-Z_]*=//p'); do
    case "$f" in
      file:///*) f=${f#file://} ;;
      /*) ;;
      *) continue ;;
    esac
    if [ -d "$f" ] && [ ! -e "$root$f" ]; then mkdir -p "$root$f"; fi
  done
}

# in a mount namespace of its own (this script again, as `mounted`): the root's /proc, /dev, a /tmp of its own, the
# checkout, the lab's state and Docker's client and socket; then chroot, the command in the checkout with only the
# environment given (in_root ROOT [NAME=VALUE...] COMMAND [ARG...])
in_root() {
  local root=$1 lab_state docker_cli git_dir
  shift
  lab_state=$(readlink -f "$ROOT/.lab" 2>/dev/null || true)
  docker_cli=$(command -v docker || true)
  # a git worktree's repository lies outside it (git archive HEAD, ansible-test's file list need it)
  git_dir=$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || git_dir=
  unshare --mount --propagation private -- "$SELF" mounted "$root" "$lab_state" "$docker_cli" "$git_dir" "$@"
}

mounted() {
  local root=$1 lab_state=$2 docker_cli=$3 git_dir=$4 outside
  shift 4
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs tmpfs "$root/tmp"
  mkdir -p "$root$ROOT"
  mount --bind "$ROOT" "$root$ROOT"
  for outside in "$lab_state" "$git_dir"; do
    case "$outside" in
      "" | "$ROOT"/*) ;;
      *) if [ -d "$outside" ]; then mkdir -p "$root$outside" && mount --bind "$outside" "$root$outside"; fi ;;
    esac
  done
  if [ -n "$docker_cli" ] && [ -S /var/run/docker.sock ]; then
    touch "$root/usr/local/bin/docker" "$root/run/docker.sock"
    mount --bind "$docker_cli" "$root/usr/local/bin/docker"
    mount --bind /var/run/docker.sock "$root/run/docker.sock"
  fi
  exec chroot "$root" /usr/bin/env -i -C "$ROOT" "$@"
}

# the environment a command sees in the root (the array ROOT_ENV): this one's PIP_*, proxy and ANSIBLE_*/LAB_*
# settings, the venv first on the PATH
ROOT_ENV=(HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb
          "PATH=$VENV/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
for name in $(compgen -e); do
  case "$name" in
    PIP_*|http_proxy|https_proxy|no_proxy|HTTP_PROXY|HTTPS_PROXY|NO_PROXY|ANSIBLE_*|LAB_*|PYTEST_*)
      ROOT_ENV+=("$name=${!name}") ;;
  esac
done

make_base() {
  [ -x "$BASE/usr/bin/python3" ] && return
  command -v debootstrap >/dev/null 2>&1 || {
    echo "newest.sh: installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  local work=$BASE.building
  rm -rf "$work"
  echo "newest.sh: debootstrap $SUITE from $(mirror) into $BASE" >&2
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$work" "$(mirror)" >"$BASE.log" 2>&1 \
    || { tail -20 "$BASE.log" >&2; exit 1; }
  rm -f "$work"/var/cache/apt/archives/*.deb "$work"/var/lib/apt/lists/*_Packages
  find "$CACHE" -maxdepth 1 -name 'newest-base-*' ! -name "newest-base-$BASE_KEY*" -exec rm -rf {} +
  mv "$work" "$BASE"
}

make_root() {
  [ -x "$CHROOT$VENV/bin/ansible-playbook" ] && return
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.newest.lock"
  flock 9
  [ -x "$CHROOT$VENV/bin/ansible-playbook" ] && return
  make_base
  local work=$CHROOT.building
  rm -rf "$work"
  cp -a "$BASE" "$work"
  copy_host_config "$work"
  echo "newest.sh: the venv $VENV in $CHROOT: requirements-newest.txt, constraints-newest.txt" >&2
  in_root "$work" "${ROOT_ENV[@]}" python3 -m venv "$VENV"
  in_root "$work" "${ROOT_ENV[@]}" "$VENV/bin/pip" install -q --disable-pip-version-check \
    -r requirements-newest.txt -c constraints-newest.txt
  # one venv root at a time: the older ones go
  find "$CACHE" -maxdepth 1 -name 'newest-*' ! -name 'newest-base-*' ! -name "newest-$KEY*" -exec rm -rf {} +
  mv "$work" "$CHROOT"
}

case "${1:-}" in
  root)
    make_root
    echo "$CHROOT"
    ;;
  run)
    shift
    make_root
    copy_host_config "$CHROOT"
    in_root "$CHROOT" "${ROOT_ENV[@]}" ANSIBLE_CONFIG="$ROOT/ansible.cfg" "$@"
    ;;
  mounted)
    shift
    mounted "$@"
    ;;
  *)
    echo "usage: $0 root | run COMMAND [ARG...]" >&2
    exit 2
    ;;
esac
