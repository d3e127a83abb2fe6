# remedy.failover: set-up, lab and tests.  Everything runs from the repo's own venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
# galaxy-importer and ansible-builder pin attrs<24 against .venv's tools: their own venv (requirements-packaging.txt)
PKG_VENV := $(CURDIR)/.venv-packaging
export PATH := $(VENV)/bin:$(PATH)
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
ROLES := setname remedy_autostart arconf remedy_daemons serco_monitoring

.PHONY: help setup shfmt docker lab lab-down status demo lint unit sanity lab-test molecule test build clean bench readmes \
	packaging-setup packaging ee

help:
	@echo "make demo      set everything up, start the lab, move Remedy to the failover box, show the status"
	@echo "make test      set everything up and run every test (lint, unit, lab, molecule)"
	@echo "make lab       build what is missing and (re)start the two lab boxes in the normal state"
	@echo "make lab-down  remove the lab"

$(VENV)/.installed: requirements-test.txt constraints-test.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-test.txt -c constraints-test.txt
	touch $@

# remedy.failover.* resolves from the checkout itself: ansible.cfg's collections_path is ./.collections, where this
# committed link leads back here (so a clone, and an AWX project, resolve it with no make). Remade here if a
# checkout lost it. It is not part of the collection: the build leaves it out, and so does hacking/ansible_test.sh.
COLLECTION_LINK := .collections/ansible_collections/remedy/failover

$(COLLECTION_LINK):
	mkdir -p $(@D)
	ln -sfn ../../.. $@

setup: $(VENV)/.installed $(COLLECTION_LINK)

$(PKG_VENV)/.installed: requirements-packaging.txt constraints-packaging.txt
	$(PYTHON) -m venv $(PKG_VENV)
	$(PKG_VENV)/bin/pip install -q --disable-pip-version-check -r requirements-packaging.txt -c constraints-packaging.txt
	touch $@

packaging-setup: $(PKG_VENV)/.installed

docker:
	lab/ensure-docker.sh

lab: setup docker
	python3 lab/labctl.py up

lab-down:
	python3 lab/labctl.py down

status:
	python3 lab/labctl.py status

demo: lab
	ansible-playbook playbooks/to_failover.yml
	ansible-playbook playbooks/status.yml

lint: setup
	yamllint -s .
	ansible-lint

# The Bourne shell gate (tests/bourne.py) parses every script with Debian's shfmt: installed from Debian when missing,
# as hacking/ansible_test.sh installs shellcheck
shfmt:
	@if ! command -v shfmt >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing shfmt (the Bourne shell gate's parser)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shfmt >/dev/null; \
	  else \
	    echo "shfmt is not installed (apt-get install shfmt): the Bourne shell gate needs it" >&2; exit 1; \
	  fi; \
	fi

unit: setup shfmt
	pytest -q tests/unit

# ansible-test sanity and units, run from a copy of the checkout laid out as ansible_collections/remedy/failover
sanity: setup shfmt
	hacking/ansible_test.sh sanity
	hacking/ansible_test.sh units

lab-test: setup docker
	pytest -q tests/lab

molecule: setup docker
	python3 lab/labctl.py build
	set -e; for role in $(ROLES); do \
	  if [ -f molecule/$$role/molecule.yml ]; then molecule test -s $$role; fi; \
	done

# the built collection: galaxy-importer, the README's install steps, the execution environment's build context
packaging: setup packaging-setup
	pytest -q tests/packaging

test: lint unit sanity packaging lab-test molecule

build: setup
	ansible-galaxy collection build --force

# the execution environment's build context in ee-context/ (Containerfile and everything it installs; no network)
ee: build packaging-setup
	rm -rf ee-context
	$(PKG_VENV)/bin/ansible-builder create --file execution-environment.yml --context ee-context --output-filename Containerfile

clean: lab-down
	rm -rf $(VENV) $(PKG_VENV) .lab ee-context remedy-failover-*.tar.gz

readmes: setup
	python3 hacking/role_readmes.py

bench: lab
	python3 benchmarks/roles.py
