#!/bin/sh
# Make sure a Docker engine and debootstrap are here (Debian packages), and dockerd runs.
set -eu
# the missing packages, as the positional parameters
set --
command -v dockerd >/dev/null 2>&1 || set -- "$@" docker.io
command -v debootstrap >/dev/null 2>&1 || set -- "$@" debootstrap
if [ $# -gt 0 ]; then
  echo "ensure-docker: installing $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
fi
if ! docker info >/dev/null 2>&1; then
  echo "ensure-docker: starting dockerd"
  nohup dockerd >/var/log/remedy-lab-dockerd.log 2>&1 &
  i=0
  until docker info >/dev/null 2>&1; do
    i=$((i + 1))
    if [ "$i" -gt 60 ]; then
      echo "ensure-docker: dockerd did not start; see /var/log/remedy-lab-dockerd.log" >&2
      exit 1
    fi
    sleep 1
  done
fi
