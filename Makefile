# remedy.failover: set-up, lab and tests.  Everything runs from the repo's own venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := $(CURDIR)/.venv
# galaxy-importer and ansible-builder pin attrs<24 against .venv's tools: their own venv (requirements-packaging.txt)
PKG_VENV := $(CURDIR)/.venv-packaging
# the oldest ansible-core meta/runtime.yml accepts, in a venv of its own (requirements-oldest.txt)
OLDEST_VENV := $(CURDIR)/.venv-oldest
export PATH := $(VENV)/bin:$(PATH)
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
# the scenarios stay in molecule/ (the design's layout): said here, molecule does not warn that a collection's
# scenarios should move to extensions/molecule
export MOLECULE_GLOB := molecule/*/molecule.yml
ROLES := setname remedy_autostart arconf remedy_daemons serco_monitoring
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)

.PHONY: help setup shfmt docker lab lab-down status demo lint docs-lint unit sanity lab-test molecule test build clean bench readmes \
	packaging-setup packaging ee \
	changelog changelog-lint oldest-setup oldest oldest-lab newest-setup newest newest-lab

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

# community.general (the mail notices; 11.4.2: requires_ansible >=2.16) and ansible.posix (the json callback the
# tests read runs with: ansible.builtin.json redirects there) as .venv's ansible package ships them, where
# ansible-core finds the ansible package's collections (site-packages/ansible_collections)
$(OLDEST_VENV)/.installed: requirements-oldest.txt constraints-oldest.txt $(VENV)/.installed
	rm -rf $(OLDEST_VENV)
	$(PYTHON) -m venv $(OLDEST_VENV)
	$(OLDEST_VENV)/bin/pip install -q --disable-pip-version-check -r requirements-oldest.txt -c constraints-oldest.txt
	site=$$($(OLDEST_VENV)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'); \
	mkdir -p $$site/ansible_collections/community $$site/ansible_collections/ansible && \
	cp -a $(VENV)/lib/python3*/site-packages/ansible_collections/community/general $$site/ansible_collections/community/ && \
	cp -a $(VENV)/lib/python3*/site-packages/ansible_collections/ansible/posix $$site/ansible_collections/ansible/
	touch $@

oldest-setup: setup $(OLDEST_VENV)/.installed

# the unit tests, ansible-test sanity and the playbooks' syntax check on the oldest ansible-core (not the tests of
# the tooling: molecule and ansible-navigator live in .venv only). Sanity skips the two Python 2 boilerplate checks
# (from __future__ imports, __metaclass__) that ansible-test 2.17 dropped with Python 2: the collection's Python is
# the controller's, Python 3 only (no module runs on a box); every other 2.16 test runs.
# tests/sanity/ignore-2.16.txt is a link to ignore-2.19.txt: the same entries serve both
OLDEST_SANITY_SKIP := --skip-test future-import-boilerplate --skip-test metaclass-boilerplate
oldest: oldest-setup shfmt
	PATH=$(OLDEST_VENV)/bin:$$PATH; ansible-playbook --version | sed -n 1p; \
	pytest -q tests/unit --ignore=tests/unit/test_navigator.py
	PATH=$(OLDEST_VENV)/bin:$$PATH hacking/ansible_test.sh sanity $(OLDEST_SANITY_SKIP)
	PATH=$(OLDEST_VENV)/bin:$$PATH ansible-playbook --syntax-check playbooks/to_failover.yml playbooks/to_main.yml \
	  playbooks/status.yml

# a move to the failover box and back on the lab with the oldest ansible-core: the lab tests' round trip, run by
# .venv-oldest's python (they run the ansible-playbook beside it)
oldest-lab: oldest-setup docker
	$(OLDEST_VENV)/bin/ansible-playbook --version | sed -n 1p
	$(OLDEST_VENV)/bin/python -m pytest -q tests/lab/test_playbooks.py -k test_round_trip_then_each_again_changes_nothing

# the newest ansible-core on a controller of today's kind: a Debian 13 root (Python 3.13, OpenSSH 10) made with
# debootstrap and cached in /var/cache/remedy-failover, its venv from requirements-newest.txt; commands run in it with
# chroot (hacking/newest.sh). Root only.
NEWEST := hacking/newest.sh run
newest-setup:
	hacking/newest.sh root
	$(NEWEST) sh -c 'ansible-playbook --version | sed -n 1p; python3 --version; ssh -V'

# the unit tests, ansible-test sanity and the playbooks' syntax check there (not the tests of the tooling: molecule
# and ansible-navigator live in .venv only). tests/sanity/ignore-2.20.txt and ignore-2.21.txt link to ignore-2.19.txt
newest: newest-setup
	$(NEWEST) pytest -q tests/unit --ignore=tests/unit/test_navigator.py
	$(NEWEST) hacking/ansible_test.sh sanity
	$(NEWEST) ansible-playbook --syntax-check playbooks/to_failover.yml playbooks/to_main.yml playbooks/status.yml

# the lab round trip (both directions, a --check run), a refusal in play 1 (swapped addresses) and OpenSSH 10's in
# play 0 (ssh-dss asked of a client without DSA) from there, on the same lab boxes: the images are built here (the
# root runs this machine's docker client against its daemon: the lab tests' console)
NEWEST_LAB_TESTS := test_round_trip_then_each_again_changes_nothing or test_swapped_addresses_are_refused \
	or test_dsa_on_a_client_without_dsa
newest-lab: setup docker newest-setup
	python3 lab/labctl.py build
	$(NEWEST) python3 -m pytest -q tests/lab/test_playbooks.py tests/lab/test_refusals.py -k '$(NEWEST_LAB_TESTS)'

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

# the collection's docs as antsibull-docs builds them: the guides (docs/docsite/extra-docs.yml, links.yml, rst/), the
# generated tables in them (hacking/doc_tables.py), and every module's, plugin's and role's documentation
docs-lint: setup
	python3 hacking/doc_tables.py --check
	antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs .

unit: setup shfmt
	pytest -q tests/unit

# ansible-test sanity and units, run from a copy of the checkout laid out as ansible_collections/remedy/failover
sanity: setup shfmt
	hacking/ansible_test.sh sanity
	hacking/ansible_test.sh units

lab-test: setup docker
	pytest -q --durations=15 tests/lab

molecule: setup docker
	python3 lab/labctl.py build
	set -e; for scenario in $(ROLES) default; do \
	  if [ -f molecule/$$scenario/molecule.yml ]; then molecule test -s $$scenario; fi; \
	done

# the built collection: galaxy-importer, the install guide's steps, the execution environment's build context
packaging: setup packaging-setup
	pytest -q tests/packaging

# oldest: about a minute (its lab round trip is make oldest-lab); newest: about 2 min with its root cached, 3 min from
# scratch (debootstrap ~30 s, the venv ~35 s, sanity venvs ~70 s); newest-lab ~2 min (the round trip, two refusals: make
# newest-lab)
test: lint changelog-lint docs-lint unit sanity oldest newest packaging lab-test oldest-lab newest-lab molecule

# changelogs/changelog.yaml and CHANGELOG.md from the fragments (keep_fragments: true): the release of galaxy.yml's
# version gets every fragment not in it yet, and every fragment's current text (--refresh-fragments). Its date is
# the day it was first written; on the day it is published: antsibull-changelog release --update-existing --date DAY
# Twice: the first run adds the fragments new to the release (antsibull-changelog 0.36 leaves their trivial notes out
# then), the second refreshes every fragment's text, trivial included; a third would change nothing.
CHANGELOG_RELEASE = antsibull-changelog release --version $(VERSION) --refresh-fragments without-archives --reload-plugins \
	&& antsibull-changelog release --version $(VERSION) --refresh-fragments without-archives --reload-plugins

changelog: setup
	$(CHANGELOG_RELEASE)

# the fragments and changelog.yaml are well formed, and `make changelog` would change nothing
changelog-lint: setup
	antsibull-changelog lint
	antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
	@saved=$$(mktemp -d); cp changelogs/changelog.yaml CHANGELOG.md "$$saved"/; \
	$(CHANGELOG_RELEASE) >"$$saved"/log 2>&1 || { cat "$$saved"/log; rm -rf "$$saved"; exit 1; }; \
	current=yes; cmp -s "$$saved"/changelog.yaml changelogs/changelog.yaml && cmp -s "$$saved"/CHANGELOG.md CHANGELOG.md \
	  || current=no; \
	cp "$$saved"/changelog.yaml changelogs/; cp "$$saved"/CHANGELOG.md .; rm -rf "$$saved"; \
	if [ $$current = no ]; then \
	  echo "changelogs/changelog.yaml or CHANGELOG.md does not hold every fragment as written: run 'make changelog'" \
	    "and commit both" >&2; exit 1; fi

build: setup
	ansible-galaxy collection build --force

# the execution environment's build context in ee-context/ (Containerfile and everything it installs; no network)
ee: build packaging-setup
	rm -rf ee-context
	$(PKG_VENV)/bin/ansible-builder create --file execution-environment.yml --context ee-context --output-filename Containerfile

clean: lab-down
	rm -rf $(VENV) $(PKG_VENV) $(OLDEST_VENV) .lab ee-context remedy-failover-*.tar.gz

readmes: setup
	python3 hacking/role_readmes.py

bench: lab
	python3 benchmarks/roles.py
