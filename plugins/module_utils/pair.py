# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pair's decision: pure functions, standard library only, run on the controller.

What a run concludes from what it saw lives here, and only here:

- ``pair_config``: the pair's settings (inventory group vars, the roles' own variables), validated;
- ``describe``: what one name's probe says about the box answering there;
- ``violations``: the two invariants of runbook 2.5 (Remedy runs on at most one box, no two boxes up with one name),
  written once, used by the decision, the final check and ``status.yml``;
- ``decide``: the plan (``full``, ``finish``, ``takeover``) or a named refusal, before anything changes;
- ``check_group``: the group a run moves must be a group of whole pairs;
- ``silence``: an address is silent only when proven silent.

Every refusal has a code in ``REFUSALS``, whose text is also the table "When a run stops" of the troubleshooting
guide (docs/docsite/rst/guide_troubleshooting.rst).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import posixpath
import re

try:
    from ansible_collections.remedy.failover.plugins.module_utils.ps import PsSpecError, running_services, service_spec
except ImportError:  # pragma: no cover - hacking/doc_tables.py loads this file alone, its folder on sys.path
    from ps import PsSpecError, running_services, service_spec

DIRECTIONS = ('failover', 'main')
PLANS = ('full', 'finish', 'takeover')
# names a host may carry: RFC 1123 labels (Solaris nodename), at most 63 characters (Solaris 8 keeps 256, but
# /etc/hostname.hme0 and the hosts files take a label)
_NAME_RE = re.compile(r'^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$')
_HOSTID_RE = re.compile(r'^[0-9a-f]{8}$')
_IPV4_RE = re.compile(r'^\d{1,3}(?:\.\d{1,3}){3}$')
# an interface file Solaris reads at boot: /etc/hostname.<interface>, the interface a name and a unit number
# (hme0, qfe1, ce0:1); hostname.hme0.sunar01 and backups are not read
_INTERFACE_RE = re.compile(r'^hostname\.[A-Za-z][A-Za-z0-9_]*[0-9]+(?::[0-9]+)?$')
# the runbook's section 4: the main box's processors at 400 MHz, the failover box's at 300 MHz
DEFAULT_MHZ = {'main': 400, 'failover': 300}
_TRUE = ('true', 'yes', '1', 'on')
_FALSE = ('', 'false', 'no', '0', 'off', 'none')

# The states this collection's own steps leave, in which the box at a name does not (yet) carry that name.
# Each is allowed by the identity check only in exactly that shape.
EXCEPTIONS = {
    'leaving_renamed': (
        'runbook 2.3 "Stop sunar01" / 2.4 "Rename the failover server to sunar02 ... and halt it": the leaving box, '
        'Remedy stopped, already carries the spare name in its files while it still runs (and answers) under the '
        'production name until the halt takes it down'),
    'taking_renamed': (
        'runbook 2.3 "Rename sunar02 to sunar01 ... Reboot the failover server": the box taking over, Remedy down, '
        'already carries the production name in its files while it still runs (and answers) under the spare name '
        'until its reboot'),
}

# code: (what the run says, what it means, what to do). The troubleshooting guide's table "When a run stops" is made
# from this (hacking/doc_tables.py); each message below starts with or contains its "says".
REFUSALS = {
    'group': (
        '-e remedy_failover_pair=X: X is not a group of whole pairs',
        'the run was given a host, a pattern, a list or an unknown group instead of a pair\'s group; or a variable '
        'the move sets itself at each step (setname_name, remedy_autostart_state, arconf_state, '
        'remedy_daemons_state, serco_monitoring_state)',
        'name one group: a pair\'s group or a group whose children are pairs\' groups (the message lists them); '
        'run without the step\'s variables'),
    'inventory': (
        'the group G must hold both names of each pair it moves',
        'a pair\'s group lacks one of its names, a host is in the group without its pair\'s names in its group '
        'vars, or the two names\' group vars name different pairs; or a connection variable cannot be read ("X '
        'cannot be read": an undefined vault variable, a lookup\'s missing file, a port that is no number)',
        'one group per pair, both names in it, remedy_failover_production_name / _spare_name in the pair\'s group '
        'vars; define what the connection variables use'),
    'settings': (
        'a setting of the pair is wrong: ...',
        'production and spare names equal or not host names, equal processor counts, both names at one address, '
        'ports that are not port numbers, a role variable its role\'s argument spec refuses, a setting given for '
        'one name only (host_vars: "differ between its two names"), a confirmation that is neither true/false nor '
        'production names, a timeout out of range, or a run limited with --limit',
        'fix the group vars or the -e value the message names; a pair\'s settings go in its group vars'),
    'unreachable': (
        'its SSH port answers, but Ansible cannot work there',
        'the login, the host key, su with the root password or the login shell failed on a box that is up',
        'read the cause in the message; a box that is up is never taken over'),
    'unreadable': (
        'cannot read the output of "/usr/sbin/psrinfo -v"',
        'a command on the box printed something that is not its output (psrinfo, ps, uname); never read as 0',
        'run it on the console and repair the box'),
    'not_root': (
        'the commands run as uid N (name), not root',
        'after become the commands do not run as root (no become, a wrong become user or method)',
        'log in as a user and become root with su and the root password (remedy.failover.su)'),
    'login_shell': (
        'the login\'s shell cannot read the collection\'s scripts (csh or tcsh: ...)',
        'the SSH login\'s shell is csh or tcsh, which cannot parse a multi-line Bourne shell script',
        'give the login /bin/sh or /bin/ksh as its shell, or log in as a user who has one'),
    'cpus': (
        'the box answering there has N processors at M MHz, neither the main box\'s 2 at 400 MHz nor the failover '
        'box\'s 1 at 300 MHz',
        'the box at that name is not one of the pair, or its processors changed (an off-line or faulted processor '
        'is still listed and counted)',
        'psrinfo -v on its console; fix the box, or set remedy_failover_main_processors / _failover_processors and '
        'remedy_failover_main_mhz / _failover_mhz'),
    'hostid': (
        'the box answering there has the hostid H, and not the main box\'s ... (the inventory\'s hostids)',
        'the box is neither box the inventory knows by its hostid (remedy_failover_main_hostid / _failover_hostid): '
        'another box, or a box whose NVRAM or board was replaced',
        'hostid on its console; record a replaced box\'s new hostid in the inventory, and run again'),
    'degraded': (
        'the main box at sunar01 shows 1 processor, not its 2 at 400 MHz (known by its hostid H or its clock), and '
        'the failover box does not answer at sunar02',
        'a box known by its hostid or its clock lists fewer processors than it has (a board deconfigured after a '
        'fault): it is never taken for the other box, and Remedy never moves to it; it may only leave production to '
        'the other box answering',
        'psrinfo -v and prtdiag on its console; to move Remedy off it, bring the other box up at its name'),
    'same_kind': (
        'Both sunar01 and sunar02 are answered by a box with N processors ... cannot be told apart',
        'both names answer with one kind of box',
        'check both boxes\' processors and the inventory counts'),
    'files': (
        'per-name file missing: F / start-up script missing or not executable: F / alarm configuration missing: F / '
        'both (neither) ar.conf',
        'a file of runbook section 3, an init script (also one a boot-time link points to), an alarm configuration '
        '(daemons.cfg.prod, daemons.cfg.min) or the AR configuration is missing or doubled, on either box',
        'restore it (both boxes keep every per-name file, start-up script and alarm configuration; exactly one of '
        '/etc/ar.conf and /etc/ar.conf.PROD)'),
    'name_files': (
        '/etc/inet/hosts.sunar01 maps sunar01 to A, not to its address B / /etc/nodename.sunar01 holds X, not '
        'sunar01 / the interface file /etc/hostname.qfe0 carries sunar01, which the rename would leave behind',
        'a per-name file holds another name or address than the inventory gives (ansible_host), or another '
        'interface file carries a pair name or address: the box would reboot into the wrong name or address',
        'correct the file the message names on that box, and run again'),
    'links': (
        'on the failover box, which takes over, /etc/rc2.d/S87arsystem is a plain file, not the link to '
        '/etc/init.d/arsystem (or points to X)',
        'a boot-time link name on the box taking over holds the site\'s own script or a link elsewhere, which the '
        'run never overwrites',
        'move it out of the way (or make it the link to the init script), and run again'),
    'arconf': (
        '/etc/ar.conf.PROD on the failover box at sunar02 (cksum ...) differs from the running /etc/ar.conf of the '
        'main box at sunar01',
        '(planned move) the parked AR configuration is not the one Remedy runs with: an administrator changed it '
        'since; an unplanned move cannot compare and says so in its final message and mail',
        'copy the running file over the parked one, or accept with -e remedy_failover_accept_arconf_difference=true'),
    'twice': (
        'Remedy runs on both boxes',
        'the service runs twice',
        'stop it on the box that must not run it; ask the Oracle team about the database'),
    'identity': (
        'sunar01 (ADDRESS): the box answering there runs as X and is configured as Y, not as sunar01',
        'the inventory (or DNS) gives a name the other box\'s address, or a box was renamed by hand',
        'check uname -n and /etc/nodename on each console and ansible_host of both names'),
    'remedy_at_spare': (
        'Remedy runs at the spare name sunar02',
        'Remedy was started on the box that does not carry the production name',
        'find out who started it and why; stop it there (/etc/init.d/arsystem stop) when the production name '
        'serves'),
    'same_name': (
        'Both boxes answering ... carry the name X in /etc/nodename',
        'at the next boot two boxes would come up with one name',
        '/etc/setname OTHER on the box that must not have it'),
    'state': (
        '... needs the failover box (1 processors) answering at sunar02',
        'the box taking over does not answer at the spare name (or at the production name)',
        'boot it (a rebooting box answers within minutes: wait); status.yml shows the pair. With nothing at the '
        'production name and the other box at the spare name ("Remedy serves nowhere"), never boot the halted box '
        'into multi-user mode: a cut move the other way may have named it as the spare; run the other direction\'s '
        'playbook first'),
    'confirm': (
        'Nothing answers Ansible at sunar01 ... A box that does not answer is not a box known to be down',
        'unplanned failover, not confirmed',
        'make sure the box is halted (ok prompt) or off, then rerun with -e confirm_main_down=true '
        '(confirm_failover_down for to_main; in a run of several pairs, the production names: =sunar01,sunar03)'),
    'not_silent': (
        'something still answers at sunar01\'s address (port, ICMP or ARP)',
        'a station holds the production name\'s address: the box taking over must not take it',
        'find what answers there (the message says how it answered) and shut it down; the box taking over was not '
        'rebooted'),
}

# what stops a run after play 1 (or outside the decision), for the same table
FAILURES = {
    'locked': (
        'another run is moving sunar01: USER (pid N on HOST) since T',
        'a run of this pair is in flight (the lock is named after the pair\'s production name, in a folder every '
        'operator of the controller shares)',
        'wait for it; a killed run\'s lock is taken over by the next run, which says that the earlier run did not '
        'finish'),
    'lock_file': (
        'the lock file ... cannot be read: it is empty / holds no lock record (or: cannot create the lock directory, '
        'cannot write the lock file ... owned by X)',
        'a run was killed between creating and writing its lock, the disk is full, or the lock folder cannot be used',
        'check that no run of the pair is going on, then remove the file the message names (or fix the folder\'s '
        'mode: 1777 or the operators\' group), and run again'),
    'arrived': (
        'sunar01 (ADDRESS) answers with N processors, named X (configured as Y), running ...; expected the failover '
        'box',
        '(play 4) after the reboot the wrong box, name or a started Remedy answers',
        'look at both consoles; rerun once the pair is right'),
    'not_back': (
        'Remedy is not fully back: port 8080 does not answer (or a daemon, or the web front)',
        '(play 4) the service did not come back in remedy_daemons_timeout',
        'look at that daemon\'s log; rerun: every step done is kept'),
    'step': (
        'the steps of the main box of sunar01/sunar02 did not finish (see above), so this box was not renamed',
        '(play 3 or 4) the pair\'s earlier step failed or its box stopped answering; the next step was not taken',
        'put right the first message of that pair; rerun'),
    'not_finished': (
        'The move to the failover box did NOT finish: ...',
        '(play 6) after the first change, a step failed, a box stopped answering or an invariant broke: the '
        'message says where and why and how the pair stands now; the audit trail, the users (mail) and the lock '
        'were told',
        'look at both boxes (status.yml), put right what it says, and run the same playbook again: it continues '
        'from where the pair is'),
}


class PairError(ValueError):
    """A setting that cannot be used; its text is the message for the operator."""


def _words(value):
    """A confirmation as a list of words: a list stays, a string is split at commas."""
    if value is None:
        return []
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [w.strip() for w in str(value).split(',') if w.strip()]


def valid_name(name):
    return isinstance(name, str) and bool(_NAME_RE.match(name))


def _count(value):
    """A whole number of 1 or more as an inventory gives it (an int, or its digits as a string), else None: a bool,
    a float, 0 or words are no count."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    if isinstance(value, bool) or str(value).strip() != str(number) or number < 1:
        return None
    return number


def pair_config(settings):
    """The pair's settings, checked: a dict for ``paths``, ``describe`` and ``decide``.

    ``settings`` holds the inventory values (``production``, ``spare``, ``main_processors``,
    ``failover_processors``) and the roles' own variables (``setname_files``, ``remedy_daemons_services``,
    ``remedy_daemons_init_dir``, ``remedy_autostart_links``, ``remedy_autostart_rc_dir``,
    ``remedy_autostart_init_dir``, ``arconf_path``, ``arconf_parked_path``, ``serco_monitoring_dir``,
    ``serco_monitoring_config``, ``serco_monitoring_sources``). PairError names what is wrong.
    """
    prod, spare = settings.get('production'), settings.get('spare')
    problems = []
    for label, name in (('remedy_failover_production_name', prod), ('remedy_failover_spare_name', spare)):
        if not valid_name(name):
            problems.append('%s is %r, not a host name (letters, digits and -, at most 63)' % (label, name))
    if prod is not None and prod == spare:
        problems.append('remedy_failover_production_name and remedy_failover_spare_name are both %s: the two '
                        'boxes need two names' % prod)
    cpus = {}
    for key in ('main_processors', 'failover_processors'):
        value = settings.get(key)
        number = _count(value)
        if number is not None:
            cpus[key] = number
        else:
            problems.append('remedy_failover_%s is %r, not a whole number of processors (1 or more)' % (key, value))
    if len(cpus) == 2 and cpus['main_processors'] == cpus['failover_processors']:
        problems.append('remedy_failover_main_processors and remedy_failover_failover_processors are both %d: the '
                        'boxes are told apart by their processors, so the counts must differ'
                        % cpus['main_processors'])
    mhz, hostids = {}, {}
    for kind in ('main', 'failover'):
        value = settings.get('%s_mhz' % kind)
        value = DEFAULT_MHZ[kind] if value is None or value == '' else value
        mhz[kind] = _count(value)
        if mhz[kind] is None:
            problems.append('remedy_failover_%s_mhz is %r, not a whole number of MHz (psrinfo -v: "operates at N '
                            'MHz")' % (kind, value))
        value = settings.get('%s_hostid' % kind)
        if value is None or value == '':
            hostids[kind] = None
        elif not isinstance(value, str) or not _HOSTID_RE.match(value.strip().lower()):
            problems.append('remedy_failover_%s_hostid is %r, not 8 hex digits as /usr/bin/hostid prints them '
                            '(quote it in YAML: \'80f1c2a3\')' % (kind, value))
        else:
            hostids[kind] = value.strip().lower()
    if hostids.get('main') and hostids.get('main') == hostids.get('failover'):
        problems.append('remedy_failover_main_hostid and remedy_failover_failover_hostid are both %s: each box has '
                        'its own' % hostids['main'])
    services = settings.get('remedy_daemons_services') or []
    links = settings.get('remedy_autostart_links') or []
    sources = settings.get('serco_monitoring_sources') or {}
    for what, value in (('remedy_daemons_services', services), ('remedy_autostart_links', links)):
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            problems.append('%s must be a non-empty list of dicts' % what)
    specs = []
    if isinstance(services, list) and all(isinstance(v, dict) for v in services):
        for service in services:
            try:
                specs.append(service_spec(service))
            except PsSpecError as exc:
                problems.append('remedy_daemons_services: %s' % exc)
            if not service.get('script'):
                problems.append('remedy_daemons_services: a service has no script (%r)' % (service,))
    if not isinstance(sources, dict) or set(sources) != {'prod', 'min'}:
        problems.append('serco_monitoring_sources must have the keys prod and min')
    if not settings.get('setname_files'):
        problems.append('setname_files must list the per-name files')
    addresses = settings.get('addresses') or {}
    if prod != spare and addresses.get(prod) is not None and str(addresses.get(prod)) == str(addresses.get(spare)):
        problems.append('%s and %s are both at %s (their ansible_host): each name has its own address, or the two '
                        'boxes cannot be told apart' % (prod, spare, addresses[prod]))
    ports = _ports(settings.get('remedy_daemons_ports'), problems)
    if problems:
        raise PairError('; '.join(problems))
    init_dir = settings.get('remedy_daemons_init_dir', '/etc/init.d').rstrip('/')
    auto_init = settings.get('remedy_autostart_init_dir', '/etc/init.d').rstrip('/')
    rc_dir = settings.get('remedy_autostart_rc_dir', '/etc/rc2.d').rstrip('/')
    alarm_dir = settings.get('serco_monitoring_dir', '/usr/cute/sercoadm/etc').rstrip('/')
    config = settings.get('serco_monitoring_config', 'daemons.cfg')
    name_files = list(settings['setname_files'])
    return {
        'prod': prod,
        'spare': spare,
        'main_cpus': cpus['main_processors'],
        'failover_cpus': cpus['failover_processors'],
        'main_mhz': mhz['main'],
        'failover_mhz': mhz['failover'],
        'main_hostid': hostids['main'],
        'failover_hostid': hostids['failover'],
        # ansible_host of each name where it is an IPv4 address: what its hosts file must map it to
        'addresses': dict((name, addresses.get(name) if _IPV4_RE.match(str(addresses.get(name) or '')) else None)
                          for name in (prod, spare)),
        'accept_arconf_difference': _flag(settings.get('accept_arconf_difference')),
        'name_files': name_files,
        # the per-name files whose text is checked, and every interface file (/etc/hostname.*)
        'contents': ['/etc/hostname.*'] + ['%s.%s' % (path, name) for name in (prod, spare) for path in name_files
                                           if _content_kind(path)],
        'scripts': ['%s/%s' % (init_dir, s['script']) for s in services],
        # the AR server first: where it runs, Remedy runs
        'processes': [s['process'] for s in specs],
        # how each daemon is recognised (module_utils/ps.py service_spec): its path or its arguments
        'services': specs,
        'links': ['%s/%s' % (rc_dir, link['link']) for link in links],
        'link_targets': ['%s/%s' % (auto_init, link['script']) for link in links],
        # where Remedy answers users (the AR server, the web front): an address is silent only when none answers
        'ports': ports,
        'arconf': settings.get('arconf_path', '/etc/ar.conf'),
        'arconf_parked': settings.get('arconf_parked_path', '/etc/ar.conf.PROD'),
        'alarm_files': ['%s/%s' % (alarm_dir, config), '%s/%s' % (alarm_dir, sources['prod']),
                        '%s/%s' % (alarm_dir, sources['min'])],
        'nodename': '/etc/nodename',
    }


def _ports(value, problems):
    """remedy_daemons_ports as the role reads it (a list, or a comma-separated string as Ansible splits one):
    TCP port numbers; what is not one is added to problems, naming the value."""
    items = [v.strip() for v in value.split(',')] if isinstance(value, str) else value
    if items is None:
        return []
    if not isinstance(items, (list, tuple)):
        problems.append('remedy_daemons_ports is %r, not a list of TCP port numbers' % (value,))
        return []
    ports = [_count(item) for item in items]
    wrong = [item for item, port in zip(items, ports) if port is None or port > 65535]
    if wrong:
        problems.append('remedy_daemons_ports is %r: %s %s not a TCP port number (1 to 65535)'
                        % (value, ', '.join(repr(w) for w in wrong), 'is' if len(wrong) == 1 else 'are'))
        return []
    return ports


def differing(host, other, mine, theirs):
    """The pair's settings as two names' variables give them: ``None`` when they agree, else the refusal naming
    each variable set otherwise for one name than for the other (a host_vars file, a variable on one host line).
    A move reads its settings from both names (the production name's decide, the spare's rename and silence)."""
    wrong = sorted(var for var in set(mine) | set(theirs) if mine.get(var) != theirs.get(var))
    if not wrong:
        return None
    shown = dict((name, dict((var, 'unset' if values.get(var) is None else repr(values[var])) for var in wrong))
                 for name, values in ((host, mine), (other, theirs)))
    told = '; '.join('%s is %s for %s but %s for %s' % (var, shown[host][var], host, shown[other][var], other)
                     for var in wrong)
    return ('%s: the pair\'s settings differ between its two names: %s. Nothing was changed. Set each of them once '
            'for the pair, in its group vars (not in one host\'s variables), and run again.' % (host, told))


def _flag(value):
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else '').strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise PairError('remedy_failover_accept_arconf_difference is %r, neither true nor false' % (value,))


def _content_kind(path):
    """Which per-name file's text is checked: ``nodename``, ``hostname`` (an interface file) or ``hosts``."""
    base = posixpath.basename(path)
    if base == 'nodename':
        return 'nodename'
    if base.startswith('hostname.'):
        return 'hostname'
    if base == 'hosts':
        return 'hosts'
    return None


def per_name_files(cfg):
    return ['%s.%s' % (path, name) for name in (cfg['prod'], cfg['spare']) for path in cfg['name_files']]


def paths(cfg):
    """Every path the probe of a box reads, in a fixed order."""
    found = [cfg['nodename'], cfg['arconf'], cfg['arconf_parked']] + per_name_files(cfg) + cfg['scripts'] \
        + cfg['alarm_files'] + cfg['links'] + cfg['link_targets']
    unique = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique


def kinds(direction):
    """(taking kind, leaving kind) for a direction."""
    if direction not in DIRECTIONS:
        raise PairError('the direction is %r, not one of %s' % (direction, ', '.join(DIRECTIONS)))
    return direction, ('main' if direction == 'failover' else 'failover')


def cpus_of(cfg, kind):
    return cfg['main_cpus'] if kind == 'main' else cfg['failover_cpus']


def mhz_of(cfg, kind):
    return cfg.get('%s_mhz' % kind) or DEFAULT_MHZ[kind]


def _plural(number, word):
    return '%s %s%s' % (number, word, '' if number == 1 else 's')


def _expected(cfg, kind):
    return '%s at %s MHz' % (cpus_of(cfg, kind), mhz_of(cfg, kind))


def _shows(box):
    clocks = '/'.join('%s MHz' % c for c in box['mhz'])
    return '%s at %s' % (_plural(box['cpus'], 'processor'), clocks or 'an unknown clock')


def identify(cfg, count, clocks, hostid):
    """Which box the hardware says this is: ``(kind, how, degraded)``.

    ``kind``: ``main``, ``failover`` or ``unknown``; ``how``: ``hostid``, ``hardware`` (processor count and clock)
    or ``clock`` (the clock of one box only, with fewer processors than it has: a box that lost processors);
    ``degraded``: for a box known by its hostid or its clock whose processors are not those of its kind, what it
    shows, else None. A box whose hostid the inventory gives is known by it alone; a box whose hostid is not one the
    inventory gives is never taken for a box whose hostid it gives. A processor off-line or faulted is still listed
    and counted: it never makes the main box look like the failover box.
    """
    known = dict((k, cfg.get('%s_hostid' % k)) for k in ('main', 'failover') if cfg.get('%s_hostid' % k))

    def fits(kind):
        return count == cpus_of(cfg, kind) and clocks == [mhz_of(cfg, kind)]

    def shows():
        return '%s at %s' % (_plural(count, 'processor'), '/'.join('%s MHz' % c for c in clocks) or 'an unknown clock')

    for kind, value in known.items():
        if hostid == value:
            return kind, 'hostid', None if fits(kind) else shows()
    # the box's hostid is not one of the inventory's: it is not that box (a box with no hostid command: not known)
    excluded = set(known) if hostid else set()
    by_hardware = [k for k in ('main', 'failover') if k not in excluded and fits(k)]
    if len(by_hardware) == 1:
        return by_hardware[0], 'hardware', None
    by_clock = [k for k in ('main', 'failover')
                if k not in excluded and clocks == [mhz_of(cfg, k)] and count is not None and count < cpus_of(cfg, k)]
    if len(by_clock) == 1 and mhz_of(cfg, 'main') != mhz_of(cfg, 'failover'):
        return by_clock[0], 'clock', shows()
    return 'unknown', None, None


def _first_words(text):
    """The words of a file's first line that is neither empty nor a comment."""
    for line in (text or '').split('\n'):
        words = line.split('#', 1)[0].split()
        if words:
            return words
    return []


def _hosts_map(text):
    """``{name: set(addresses)}`` of a hosts file."""
    found = {}
    for line in (text or '').split('\n'):
        words = line.split('#', 1)[0].split()
        for name in words[1:]:
            found.setdefault(name, set()).add(words[0])
    return found


def name_file_problems(cfg, contents):
    """What is wrong with the text of the per-name files and the interface files (``{path: text}``, as
    remedy.failover.probe reads them): a list of lines, each naming the file."""
    prod, spare = cfg['prod'], cfg['spare']
    addresses = cfg.get('addresses') or {}
    problems = []
    for name, other in ((prod, spare), (spare, prod)):
        for live in cfg['name_files']:
            kind, path = _content_kind(live), '%s.%s' % (live, name)
            if kind is None or path not in contents:
                continue  # a missing file is told by the files check
            text = contents[path]
            if kind == 'nodename':
                words = _first_words(text)
                if words != [name]:
                    problems.append('%s holds %s, not %s' % (path, ' '.join(words) or 'nothing', name))
            elif kind == 'hostname':
                words = _first_words(text)
                first = words[0] if words else None
                address = addresses.get(name)
                good = first == name or (first == address if address else bool(first and _IPV4_RE.match(first)))
                if not good:
                    also = ' or its address %s' % address if address else ''
                    problems.append('%s names %s, not %s%s' % (path, first or 'nothing', name, also))
            else:
                table = _hosts_map(text)
                for who in (name, other):
                    where = sorted(table.get(who, ()))
                    address = addresses.get(who)
                    if not where:
                        problems.append('%s does not map %s to an address' % (path, who))
                    elif address and where != [address]:
                        problems.append('%s maps %s to %s, not to its address %s'
                                        % (path, who, ', '.join(where), address))
                    elif not address and len(where) > 1:
                        problems.append('%s maps %s to several addresses (%s)' % (path, who, ', '.join(where)))
    # any other interface file read at boot that carries a pair name or address: the rename would leave it behind
    live_files = set(cfg['name_files'])
    marks = set([prod, spare] + [a for a in addresses.values() if a])
    for path in sorted(contents):
        base = posixpath.basename(path)
        if posixpath.dirname(path) != '/etc' or not _INTERFACE_RE.match(base) or path in live_files:
            continue
        words = set(w for line in contents[path].split('\n') for w in line.split('#', 1)[0].split())
        carried = sorted(words & marks)
        if carried:
            problems.append('the interface file %s carries %s, which the rename would leave behind'
                            % (path, ', '.join(carried)))
    return problems


def link_problems(cfg, links):
    """The boot-time link names on a box (``{path: info}``, read unfollowed) that a rename to the production name
    would have to overwrite: each must be free or already the right link."""
    from_probe = []
    for path, target in zip(cfg['links'], cfg['link_targets']):
        info = links.get(path)
        if not info or not info.get('exists'):
            continue
        if info.get('type') != 'link':
            from_probe.append('%s is a %s, not the link to %s' % (path, 'plain file' if info.get('type') == 'file'
                                                                  else info.get('type') or 'thing', target))
        elif not _points_to(info, target):
            from_probe.append('%s points to %s, not to %s' % (path, info.get('target'), target))
    return from_probe


def _points_to(info, target):
    written = info.get('target') or ''
    if not written.startswith('/'):
        written = posixpath.join(posixpath.dirname(info['path']), written)
    return posixpath.normpath(written) == posixpath.normpath(target)


def describe(cfg, host, address, answered, probe):
    """What the probe of one name says about the box answering there (or that nothing answers).

    ``answered``: the SSH port of the name's address answered from the controller. ``probe``: the result of
    remedy.failover.probe there (files, nodename, processes, psrinfo, hostid, links, contents), or a failed or
    unreachable result, or None.
    """
    box = {'host': host, 'address': address or host, 'answered': bool(answered), 'up': False, 'error': None,
           'kind': None, 'cpus': None, 'online': None, 'running_name': None, 'configured': None, 'remedy': [],
           'arconf': None, 'autostart': None, 'alarms': None, 'problems': [], 'hostid': None, 'mhz': [],
           'identified_by': None, 'degraded': None, 'processor_states': [], 'name_problems': [],
           'link_problems': [], 'arconf_checksum': None}
    if not answered:
        return box
    probe = probe or {}
    if probe.get('unreachable') or probe.get('connection_failed') or probe.get('skipped'):
        box['error'] = ('unreachable', probe.get('msg') or 'the connection failed')
        return box
    if probe.get('failed') or 'psrinfo' not in probe or 'files' not in probe:
        detail = probe.get('msg') or 'the probe gave no answer'
        # csh and tcsh cannot parse a multi-line quoted script: what they say instead of the answer
        csh = any(word in detail for word in ('Unmatched \'', 'Unmatched "', 'Event not found',
                                              'Illegal variable name'))
        box['error'] = ('login_shell' if csh else 'unreadable', detail)
        return box
    if 'uid' in probe and probe['uid'] != 0:
        box['error'] = ('not_root', 'the commands run as uid %s%s, not root' % (
            probe['uid'], ' (%s)' % probe['user'] if probe.get('user') else ''))
        return box
    box['up'] = True
    files = probe.get('files') or {}
    psrinfo = probe['psrinfo']
    count = psrinfo.get('count')
    processors = psrinfo.get('processors') or []
    box['cpus'] = count
    box['online'] = psrinfo.get('online_count')
    box['mhz'] = sorted(set(p['clock_mhz'] for p in processors if p.get('clock_mhz')))
    box['processor_states'] = ['processor %s %s' % (p.get('id'), p.get('state')) for p in processors
                               if p.get('state') and p.get('state') not in ('on-line', 'no-intr')]
    box['hostid'] = probe.get('hostid')
    box['kind'], box['identified_by'], box['degraded'] = identify(cfg, count, box['mhz'], box['hostid'])
    box['running_name'] = probe.get('nodename')
    if 'processes' in probe and all('args' in p or 'comm' in p for p in probe['processes'] or []):
        box['remedy'] = running_services(cfg['services'], probe['processes'] or [])
    else:
        names = probe.get('names') or []
        box['remedy'] = [p for p in cfg['processes'] if p in names]

    def info(path):
        return files.get(path) or {'exists': False, 'type': None, 'checksum': None, 'executable': False}

    node = info(cfg['nodename']).get('checksum')
    by_name = {name: info('%s.%s' % (cfg['nodename'], name)).get('checksum') for name in (cfg['prod'], cfg['spare'])}
    if node is None:
        box['configured'] = 'unreadable'
    elif node == by_name[cfg['prod']]:
        box['configured'] = cfg['prod']
    elif node == by_name[cfg['spare']]:
        box['configured'] = cfg['spare']
    else:
        box['configured'] = 'another name'
    active, parked = info(cfg['arconf']).get('exists'), info(cfg['arconf_parked']).get('exists')
    box['arconf'] = {(True, False): 'active', (False, True): 'parked', (True, True): 'both'}.get(
        (bool(active), bool(parked)), 'missing')
    box['arconf_checksum'] = info(cfg['arconf'] if active else cfg['arconf_parked']).get('checksum')
    present = [link for link in cfg['links'] if info(link).get('exists')]
    box['autostart'] = 'on' if len(present) == len(cfg['links']) else 'off' if not present else 'partial'
    sums = [info(path).get('checksum') for path in cfg['alarm_files']]
    box['alarms'] = 'prod' if sums[0] and sums[0] == sums[1] else 'min' if sums[0] and sums[0] == sums[2] else 'other'
    problems = box['problems']
    for path in per_name_files(cfg):
        if info(path).get('type') != 'file':
            problems.append('per-name file missing: %s' % path)
    if by_name[cfg['prod']] and by_name[cfg['prod']] == by_name[cfg['spare']]:
        problems.append('%s.%s and %s.%s are the same: the names cannot be told apart'
                        % (cfg['nodename'], cfg['prod'], cfg['nodename'], cfg['spare']))
    scripts = list(cfg['scripts']) + [t for t in cfg.get('link_targets', []) if t not in cfg['scripts']]
    for path in scripts:
        script = info(path)
        if script.get('type') != 'file' or not script.get('executable'):
            problems.append('start-up script missing or not executable: %s' % path)
    for path in cfg['alarm_files'][1:]:
        if path in files and info(path).get('type') != 'file':
            problems.append('alarm configuration missing: %s' % path)
    if box['arconf'] == 'both':
        problems.append('both %s and %s exist' % (cfg['arconf'], cfg['arconf_parked']))
    elif box['arconf'] == 'missing':
        problems.append('neither %s nor %s exists' % (cfg['arconf'], cfg['arconf_parked']))
    if 'contents' in probe:
        box['name_problems'] = name_file_problems(cfg, probe['contents'] or {})
    if 'links' in probe:
        box['link_problems'] = link_problems(cfg, probe['links'] or {})
    return box


def label(box):
    return '%s (%s)' % (box['host'], box['address']) if box['address'] != box['host'] else box['host']


def violations(cfg, boxes):
    """The invariants of runbook 2.5 over the boxes that are up: a list of (code, text), empty when they hold.

    ``twice``: Remedy runs on more than one box; ``same_name``: two boxes run with one name.
    """
    up = [b for b in boxes if b['up']]
    found = []
    serving = [b for b in up if b['remedy']]
    if len(serving) > 1:
        found.append(('twice', 'Remedy runs at %s: it must run on one box only'
                      % ' and '.join(b['host'] for b in serving)))
    running = [b['running_name'] for b in up]
    for name in sorted(set(n for n in running if running.count(n) > 1)):
        found.append(('same_name', 'two boxes answer with the name %s (uname -n), at %s'
                      % (name, ' and '.join(b['host'] for b in up if b['running_name'] == name))))
    return found


def _identity_exception(cfg, box, at, taking_kind, leaving_kind):
    """The name of the EXCEPTIONS entry that lets ``box`` answer at name ``at`` without carrying it, or None."""
    if box['remedy']:
        return None
    if at == cfg['prod'] and box['kind'] == leaving_kind and box['running_name'] == cfg['prod'] \
            and box['configured'] == cfg['spare']:
        return 'leaving_renamed'
    if at == cfg['spare'] and box['kind'] == taking_kind and box['running_name'] == cfg['spare'] \
            and box['configured'] == cfg['prod']:
        return 'taking_renamed'
    return None


def _refusal(code, msg):
    return {'plan': None, 'refusal': code, 'msg': msg}


def confirmed(cfg, confirm, several):
    """The operator's confirmation that the silent leaving box is down: a bare true in a run of one pair, else the
    production names it lists. PairError for a value that is neither."""
    words = _words(confirm)
    if not words or (len(words) == 1 and words[0].lower() in _FALSE):
        return False
    if len(words) == 1 and words[0].lower() in _TRUE:
        return not several
    bad = [w for w in words if not valid_name(w)]
    if bad:
        raise PairError('the confirmation %r is neither true/false nor a list of production names' % (confirm,))
    return cfg['prod'] in words


# the run's own numbers: (variable, smallest value)
RUN_NUMBERS = (('remedy_failover_halt_timeout', 1), ('remedy_failover_reboot_timeout', 1),
               ('remedy_failover_probe_timeout', 0.1), ('remedy_failover_mail_port', 1),
               ('remedy_failover_mail_timeout', 1))


def check_run(cfg, values):
    """The run's own settings (``{variable: value}`` of those set): the confirmations and the numbers' ranges.
    PairError names what is wrong."""
    problems = []
    for var in ('confirm_main_down', 'confirm_failover_down'):
        if var in values:
            try:
                confirmed(cfg, values[var], False)
            except PairError as exc:
                problems.append('%s: %s' % (var, exc))
    for var, least in RUN_NUMBERS:
        if values.get(var) is None:
            continue
        try:
            number = float(values[var])
        except (TypeError, ValueError):
            problems.append('%s is %r, not a number' % (var, values[var]))
            continue
        if number < least:
            problems.append('%s is %s: it must be at least %s' % (var, values[var], least))
    if problems:
        raise PairError('; '.join(problems))


def decide(cfg, direction, at_prod, at_spare, confirm=None, several=False, confirm_var=None, own_halt=None):
    """The plan for a pair, from what answers at its two names (``describe`` dicts), or a refusal.

    Returns ``{'plan', 'refusal', 'msg', 'roles', 'taken', 'exceptions', 'text'}``: ``plan`` is one of PLANS
    (None when refused), ``refusal`` a code of REFUSALS, ``msg`` the operator's message, ``roles`` the part each
    name's host plays (``leaving``, ``taking`` or None), ``taken`` whether the box taking over already answers at the
    production name. ``own_halt``: the journal's ``halted`` record when it proves this collection halted the
    leaving box (module_utils.journal.own_halt): a silent production name then needs no confirmation.
    """
    taking_kind, leaving_kind = kinds(direction)
    prod, spare = cfg['prod'], cfg['spare']
    boxes = (at_prod, at_spare)
    nothing = ' Nothing was changed.'
    confirm_var = confirm_var or 'confirm_%s_down' % leaving_kind
    for box in boxes:
        if box['error']:
            kind, detail = box['error']
            for prefix in (label(box) + ': ', box['host'] + ': '):
                if detail.startswith(prefix):  # the probe's own message names the box already
                    detail = detail[len(prefix):]
            if kind == 'unreachable':
                return _refusal('unreachable', (
                    '%s: its SSH port answers, but Ansible cannot work there: %s.%s A box that is up is never taken '
                    'over: put right the login (user, key, su with the root password, a Bourne-compatible login '
                    'shell) or the host key (known_hosts lists both boxes\' keys under both names), and run again.'
                    % (label(box), detail.rstrip('.'), nothing)))
            if kind == 'not_root':
                return _refusal('not_root', (
                    '%s: %s, so a change would fail half done.%s SunSSH refuses root logins: log in as a user and '
                    'become root with su (ansible_become: true, ansible_become_method: remedy.failover.su, '
                    'ansible_become_password: the root password from a vault, or AWX\'s machine credential with '
                    'privilege escalation su to root), and run again.' % (label(box), detail, nothing)))
            if kind == 'login_shell':
                return _refusal('login_shell', (
                    '%s: the login\'s shell cannot read the collection\'s scripts (csh or tcsh: %s).%s Give the login '
                    'user /bin/sh or /bin/ksh as its shell (passwd -e on the box), or log in as a user who has one, '
                    'and run again.' % (label(box), detail.rstrip('.'), nothing)))
            return _refusal('unreadable', '%s: %s%s Run the command named here on the box\'s console, repair the box, '
                            'and run again.' % (label(box), detail.rstrip('.') + '.',
                                                '' if 'Nothing was changed' in detail else nothing))
    up = [b for b in boxes if b['up']]
    for box in up:
        if box['kind'] == 'unknown':
            known = dict((k, cfg.get('%s_hostid' % k)) for k in ('main', 'failover') if cfg.get('%s_hostid' % k))
            if box['hostid'] and known:
                theirs = ' and not '.join('the %s box\'s %s' % (k, v) for k, v in sorted(known.items()))
                others = ' nor the '.join('%s box\'s %s' % (k, _expected(cfg, k))
                                          for k in ('main', 'failover') if k not in known) or 'other box\'s'
                return _refusal('hostid', (
                    '%s: the box answering there has the hostid %s, %s, and %s, which is not the %s.%s Find out which '
                    'box this is (hostid and psrinfo -v on its console); if a box\'s NVRAM or board was replaced, '
                    'record its new hostid in remedy_failover_%s_hostid; run again.'
                    % (label(box), box['hostid'], theirs, _shows(box), others, nothing, '/'.join(sorted(known)))))
            return _refusal('cpus', (
                '%s: the box answering there has %s, neither the main box\'s %s nor the failover box\'s %s.%s Find out '
                'which box this is (psrinfo -v on its console); if its processors changed, set '
                'remedy_failover_main_processors / remedy_failover_failover_processors (and _mhz); run again.'
                % (label(box), _shows(box), _expected(cfg, 'main'), _expected(cfg, 'failover'), nothing)))
    for box, other, other_at in ((at_prod, at_spare, spare), (at_spare, at_prod, prod)):
        if not box['up'] or not box['degraded']:
            continue
        # a box that lost processors may leave production, to the other box answering identified; nothing else
        if box['kind'] == leaving_kind and other['up'] and other['kind'] == taking_kind and not other['degraded']:
            continue
        other_kind = 'failover' if box['kind'] == 'main' else 'main'
        if not other['answered']:
            there = 'and the %s box does not answer at %s' % (other_kind, other_at)
        elif not other['up']:
            there = 'and what answers at %s cannot be read' % other_at
        else:
            there = 'and at %s answers the %s box' % (other_at, other['kind'])
        return _refusal('degraded', (
            '%s: the %s box at %s shows %s, not its %s (known by its %s), %s. A box whose processors are not its '
            'own is never taken for the other box, and Remedy never moves to it.%s Look at its console (psrinfo -v, '
            'prtdiag: a processor board deconfigured after a fault?); to move Remedy off it, bring the %s box up at '
            '%s; once it is repaired (or its count set anew in the inventory), run again.'
            % (label(box), box['kind'], box['host'], _plural(box['cpus'], 'processor'), _expected(cfg, box['kind']),
               'hostid %s' % box['hostid'] if box['identified_by'] == 'hostid' else
               'processors\' clock, %s MHz' % mhz_of(cfg, box['kind']), there, nothing, other_kind, other_at)))
    if len(up) == 2 and at_prod['kind'] == at_spare['kind']:
        return _refusal('same_kind', (
            'Both %s and %s are answered by a box with %s processors, the %s box\'s count: the two boxes cannot be '
            'told apart.%s Check each box\'s processors (psrinfo -v on its console) and the inventory\'s '
            'remedy_failover_main_processors / remedy_failover_failover_processors, and run again.'
            % (prod, spare, at_prod['cpus'], at_prod['kind'], nothing)))
    for box in up:
        if box['problems']:
            return _refusal('files', (
                '%s: %s.%s Restore what is missing (both boxes keep every per-name file and start-up script, '
                'runbook section 3; keep exactly one of %s and %s) and run again.'
                % (label(box), '; '.join(box['problems']), nothing, cfg['arconf'], cfg['arconf_parked'])))
    broken = dict(violations(cfg, up))
    if 'twice' in broken:
        return _refusal('twice', (
            'Remedy runs on both boxes, at %s.%s This must never happen: stop it on the box that should not run it '
            '(/etc/init.d/arsystem stop ...), check the database with the Oracle team, and run again.'
            % (' and '.join(b['host'] for b in up if b['remedy']), nothing)))
    exceptions = {}
    for at, box in ((prod, at_prod), (spare, at_spare)):
        if not box['up'] or (box['running_name'] == at and box['configured'] == at):
            continue
        allowed = _identity_exception(cfg, box, at, taking_kind, leaving_kind)
        if allowed:
            exceptions[at] = allowed
            continue
        return _refusal('identity', (
            '%s: the box answering there runs as %s and is configured as %s, not as %s (the %s box, %s processors).'
            '%s The inventory (or DNS) may give %s the address of another name, or the box was renamed by hand: '
            'check uname -n and /etc/nodename on each console and ansible_host of %s and %s, and run again.'
            % (label(box), box['running_name'], box['configured'], at, box['kind'], box['cpus'], nothing, at,
               prod, spare)))
    # the per-name files are judged against the inventory's addresses: once the boxes are known to be at their names
    for box in up:
        if box['name_problems']:
            return _refusal('name_files', (
                '%s: %s.%s A rename copies these files over the live ones: put each per-name file right (nodename.NAME '
                'holds NAME; hostname.hme0.NAME names NAME or its address; hosts.NAME maps each name to its address, '
                'as the inventory\'s ansible_host gives them), take the pair\'s names and addresses out of any other '
                'interface file, and run again.' % (label(box), '; '.join(box['name_problems']), nothing)))
    if at_spare['up'] and at_spare['remedy']:
        return _refusal('remedy_at_spare', (
            '%s: Remedy runs at the spare name %s (%s), on the %s box: it may run only at %s.%s Find out who '
            'started it and why; stop it there (/etc/init.d/arsystem stop ...) when %s serves, and run again.'
            % (label(at_spare), spare, ', '.join(at_spare['remedy']), at_spare['kind'], prod, nothing, prod)))
    if len(up) == 2 and at_prod['configured'] == at_spare['configured'] \
            and exceptions.get(prod) != 'leaving_renamed':
        return _refusal('same_name', (
            'Both boxes answering (%s, %s) carry the name %s in /etc/nodename: at their next boot two boxes would '
            'come up with one name.%s On the box that must not have it, run /etc/setname with the other name, and '
            'run again.' % (prod, spare, at_prod['configured'], nothing)))

    def role(box):
        if not box['up']:
            return 'silent'
        return 'taking' if box['kind'] == taking_kind else 'leaving'

    shape = (role(at_prod), role(at_spare))
    plan = {('leaving', 'taking'): 'full', ('taking', 'silent'): 'finish', ('taking', 'leaving'): 'finish',
            ('silent', 'taking'): 'takeover'}.get(shape)
    if plan is None:
        what = {'silent': 'nothing (no answer)', 'taking': 'the %s box' % taking_kind,
                'leaving': 'the %s box' % leaving_kind}
        if shape == ('silent', 'leaving'):
            # the box taking over is rebooting into the production name, or a move the other way was cut after its
            # box left: then that box may be configured as the spare name, which the box answering holds
            return _refusal('state', (
                '%s is answered by nothing and %s by the %s box: Remedy serves nowhere.%s If the %s box is rebooting '
                'into %s, wait for it (a box that is rebooting answers within minutes: wait for it) and run again. '
                'If it is down, do not boot it into multi-user mode: a move the other way may have renamed it %s, '
                'which the %s box holds, and two boxes would carry one name. Bring the service back with '
                'ansible-playbook playbooks/to_%s.yml (Remedy on the %s box that answers); boot the %s box only '
                'after, with boot -s, and check its /etc/nodename before multi-user.'
                % (prod, spare, leaving_kind, nothing, taking_kind, prod, spare, leaving_kind, leaving_kind,
                   leaving_kind, taking_kind)))
        return _refusal('state', (
            '%s is answered by %s and %s by %s. Moving Remedy to the %s box needs the %s box (%d processors) '
            'answering at %s (or already at %s).%s Bring the %s box up as %s (ansible-playbook playbooks/status.yml '
            'shows the pair; a box that is rebooting answers within minutes: wait for it) and run again.'
            % (prod, what[shape[0]], spare, what[shape[1]], taking_kind, taking_kind, cpus_of(cfg, taking_kind),
               spare, prod, nothing, taking_kind, spare)))
    taking = at_prod if shape[0] == 'taking' else at_spare
    if taking['link_problems']:
        return _refusal('links', (
            '%s: on the %s box, which takes over, %s: the boot-time start of Remedy would have to overwrite it.%s '
            'Move the site\'s own file or link out of the way (or make it the link to the init script), and run '
            'again.' % (label(taking), taking_kind, '; '.join(taking['link_problems']), nothing)))
    warnings = []
    if plan == 'full':
        leaving = at_prod
        left, kept = leaving['arconf_checksum'], taking['arconf_checksum']
        if left and kept and left != kept:
            differ = ('%s on the %s box at %s (cksum %s) differs from the running %s of the %s box at %s (cksum %s)'
                      % (cfg['arconf_parked'] if taking['arconf'] == 'parked' else cfg['arconf'], taking_kind, spare,
                         kept, cfg['arconf'] if leaving['arconf'] == 'active' else cfg['arconf_parked'], leaving_kind,
                         prod, left))
            if not cfg.get('accept_arconf_difference'):
                return _refusal('arconf', (
                    '%s: %s: Remedy would start there with other settings than it runs with now.%s Copy the running '
                    'file over it (after checking which is right), or accept the difference with -e '
                    'remedy_failover_accept_arconf_difference=true, and run again.'
                    % (label(taking), differ, nothing)))
            warnings.append('%s; accepted by remedy_failover_accept_arconf_difference: Remedy starts with the '
                            'settings of the %s box.' % (differ, taking_kind))
    elif plan == 'takeover':
        warnings.append('%s on the %s box could not be compared with the running %s of the %s box, which does not '
                        'answer: if its settings changed since it was parked (the AR System admin tool writes it), '
                        'Remedy runs with the old ones; compare them once the %s box answers.'
                        % (cfg['arconf_parked'], taking_kind, cfg['arconf'], leaving_kind, leaving_kind))
    for box in up:
        if box['processor_states']:
            warnings.append('%s: %s (psrinfo -v): still counted as the %s box\'s; look at its console.'
                            % (label(box), ', '.join(box['processor_states']), box['kind']))
        if box['degraded']:
            warnings.append('%s: the %s box shows %s, not its %s.' % (
                label(box), box['kind'], _plural(box['cpus'], 'processor'), _expected(cfg, box['kind'])))
    if plan == 'takeover':
        if not confirmed(cfg, confirm, several) and not own_halt:
            word = prod if several else 'true'
            return _refusal('confirm', (
                'Nothing answers Ansible at %s (%s). A box that does not answer is not a box known to be down.%s '
                'Make sure the %s box is halted (its console shows the ok prompt) or powered off, then run again '
                'with -e %s=%s%s.' % (prod, at_prod['address'], nothing, leaving_kind, confirm_var, word,
                                      ' (this run moves several pairs: name the production names of the pairs whose '
                                      'box is confirmed down, comma-separated)' if several else '')))
    label_pair = '%s/%s' % (prod, spare)
    texts = {
        'full': 'Planned move of Remedy from the %s box (at %s) to the %s box (at %s).'
                % (leaving_kind, prod, taking_kind, spare),
        'finish': 'The %s box already answers at %s: finishing and verifying its steps%s; steps already done change '
                  'nothing.' % (taking_kind, prod, ' and those of the %s box at %s' % (leaving_kind, spare)
                                if shape[1] == 'leaving' else ''),
        'takeover': 'Unplanned move: the %s box is confirmed down; the %s box (at %s) takes over %s. The %s box\'s '
                    'own steps are left for its console.' % (leaving_kind, taking_kind, spare, prod, leaving_kind),
    }
    if plan == 'takeover' and own_halt and not confirmed(cfg, confirm, several):
        texts['takeover'] = ('Finishing a move: the %s box was halted by this collection (run %s, %s; the journal '
                             'says so) and nothing answers at %s; the %s box (at %s) takes over %s.'
                             % (leaving_kind, own_halt.get('run', '?'), own_halt.get('time', '?'), prod, taking_kind,
                                spare, prod))
    roles = {prod: shape[0] if shape[0] != 'silent' else None, spare: shape[1] if shape[1] != 'silent' else None}
    hosts = dict((part, name) for name, part in roles.items() if part)
    return {'plan': plan, 'refusal': None, 'msg': None, 'roles': roles, 'taken': shape[0] == 'taking',
            'leaving_host': hosts.get('leaving'), 'taking_host': hosts.get('taking'), 'warnings': warnings,
            'exceptions': exceptions,
            'text': '%s: %s%s' % (label_pair, texts[plan], ''.join(' NOTE: %s' % w for w in warnings)),
            'leaving_kind': leaving_kind, 'taking_kind': taking_kind}


def check_group(name, groups, pair_of):
    """The group a run moves, checked before anything connects: ``(pairs, None)`` or ``(None, message)``.

    ``groups``: the inventory's ``{group: [hosts]}``; ``pair_of``: ``{host: (production, spare)}`` from each
    host's vars. The group must be a group of whole pairs (both names of every pair of its hosts, each host one of
    its own pair's names), and no two of its pairs may share a name.
    """
    def whole(group):
        hosts = groups.get(group) or []
        if not hosts:
            return None
        pairs = set(pair_of.get(h) for h in hosts)
        if any(h not in pair_of.get(h, ()) for h in hosts):
            return None
        if any(not set(p) <= set(hosts) for p in pairs):
            return None
        return sorted(pairs)

    def shares(pairs):
        names = [n for p in pairs for n in p]
        return sorted(set(n for n in names if names.count(n) > 1))

    usable = sorted(g for g in groups if g not in ('all', 'ungrouped') and whole(g) and not shares(whole(g)))
    hint = ('The groups of whole pairs in this inventory: %s.' % ', '.join(usable)) if usable else \
        'This inventory has no group holding both names of a pair.'
    text = str(name) if name is not None else ''
    if not text or re.search(r'[,:&!*?\[\]~ ]', text) or text not in groups or text in ('all', 'ungrouped'):
        what = 'a host, not a group' if any(text in hosts for hosts in groups.values()) and text not in groups else \
            'a pattern or a list' if re.search(r'[,:&!*?\[\]~ ]', text) else 'not a group of the inventory'
        return None, ('-e remedy_failover_pair=%s: %s is %s. The run moves one group: a pair\'s group, or a group '
                      'whose children are pairs\' groups. %s Nothing was changed and no box was contacted.'
                      % (text, text or 'the empty name', what, hint))
    doubled = sorted(set(pair_of.get(h) for h in groups[text] if len(set(pair_of.get(h, ('', '')))) == 1))
    if doubled:
        return None, ('the group %s has a pair whose production and spare names are both %s: the two boxes need '
                      'two names. Nothing was changed and no box was contacted. Set remedy_failover_production_name '
                      'and remedy_failover_spare_name to two names in the pair\'s group vars (or the -e value).'
                      % (text, ', '.join(p[0] for p in doubled)))
    pairs = whole(text)
    if pairs is None:
        held = set(groups[text])
        bad = sorted(h for h in held if not (h in pair_of.get(h, ()) and set(pair_of[h]) <= held))
        missing = sorted(set(n for h in held if h in pair_of.get(h, ()) for n in pair_of[h] if n not in held))
        strays = [h for h in bad if h not in pair_of.get(h, ())]
        said = []
        if missing:
            halves = sorted(set(pair_of[h] for h in held if h in pair_of.get(h, ()) and not set(pair_of[h]) <= held))
            said.append('it lacks %s, the other name of %s' % (', '.join(missing), '; '.join(
                'the pair %s' % '/'.join(pair) for pair in halves)))
        if strays:
            said.append('%s %s not one of %s pair\'s names (%s)' % (
                ', '.join(strays), 'is' if len(strays) == 1 else 'are', 'its' if len(strays) == 1 else 'their',
                ', '.join('%s: pair %s' % (h, '/'.join(pair_of.get(h, ('?',)))) for h in strays)))
        return None, ('%s: the group %s must hold both names of each pair it moves, each host one of its pair\'s '
                      'names (remedy_failover_production_name, remedy_failover_spare_name in the pair\'s group vars): '
                      '%s. %s Nothing was changed and no box was contacted.'
                      % (', '.join(bad) or text, text, '; '.join(said), hint))
    shared = shares(pairs)
    if shared:
        return None, ('the group %s holds pairs that share the name %s (%s): one box could be renamed by two '
                      'pairs. Nothing was changed and no box was contacted. Give each pair its own names.'
                      % (text, ', '.join(shared), '; '.join('/'.join(p) for p in pairs)))
    return pairs, None


def silence(prod, address, ports=None, ping=None, arp=None):
    """An address is silent only when proven silent: ``None``, or the refusal message naming what answered.

    ``ports``: ``{port: answer}`` seen from the controller, the answer False (nothing: silent), True (it answers) or
    how it answered (``accepts connections``, ``resets connections``: a reset is a station too); ``ping`` / ``arp``:
    ``(answered, detail)`` as seen from the box taking over (same segment), or None when not looked at.
    """
    heard = ['port %s %s from the controller' % (port, 'answers' if answer is True else answer)
             for port, answer in sorted((ports or {}).items()) if answer]
    for how, seen in (('ICMP echo', ping), ('ARP', arp)):
        if seen and seen[0]:
            heard.append('%s answers from the box taking over (%s)' % (how, seen[1]))
    if not heard:
        return None
    return ('something still answers at %s\'s address %s (%s), so no box may take it: two stations would carry one '
            'address. Nothing was changed beyond what this run already reported: the box taking over was not '
            'rebooted. Find what answers there (a '
            'box still halting, a stray host), shut it down or free the address, and run again.'
            % (prod, address, '; '.join(heard)))


def status_flags(cfg, boxes):
    """The operator's warnings about a pair (status.yml): a list of lines, empty when the pair is consistent."""
    up = [b for b in boxes if b['up']]
    flags = ['WARNING: %s' % text for dummy, text in violations(cfg, up)]
    if up and not [b for b in up if b['remedy']]:
        flags.append('WARNING: Remedy runs nowhere')
    configured = [b['configured'] for b in up]
    if len(configured) == 2 and configured[0] == configured[1]:
        flags.append('WARNING: both boxes are configured as %s (/etc/nodename): they would come up with one name'
                     % configured[0])
    for box, at in zip(boxes, (cfg['prod'], cfg['spare'])):
        if box.get('error'):
            flags.append('WARNING: %s answers SSH but cannot be read: %s' % (box['host'], box['error'][1]))
        elif not box['up']:
            flags.append('NOTE: nothing answers at %s' % box['host'])
        elif box['kind'] == 'unknown':
            flags.append('WARNING: a processor count of neither box at %s' % box['host'])
        elif box['running_name'] != at or box['configured'] != at:
            flags.append('WARNING: the box at %s runs as %s and is configured as %s' % (
                box['host'], box['running_name'], box['configured']))
        if box['up'] and box['remedy'] and at == cfg['spare']:
            flags.append('WARNING: Remedy runs at the spare name %s' % at)
        if box['up'] and box['problems']:
            flags.append('WARNING: %s: %s' % (box['host'], '; '.join(box['problems'])))
        if box['up'] and box.get('name_problems'):
            flags.append('WARNING: %s: %s' % (box['host'], '; '.join(box['name_problems'])))
        if box['up'] and box.get('degraded'):
            flags.append('WARNING: %s: the %s box shows %s' % (box['host'], box['kind'], box['degraded']))
        if box['up'] and box.get('processor_states'):
            flags.append('WARNING: %s: %s (psrinfo -v)' % (box['host'], ', '.join(box['processor_states'])))
    return flags


def arrived(cfg, direction, box, taken):
    """After the reboot under the production name: None when the box answering there is the box taking over, named
    so, with Remedy not started (runbook 2.3: "check it is named sunar01 and Remedy is not started"; a rerun that
    finds it already serving, ``taken``, may find Remedy up); else the message."""
    taking_kind = kinds(direction)[0]
    prod = cfg['prod']
    if box.get('error'):
        return ('%s: the box answering there cannot be read: %s. Nothing more was changed. Look at its console '
                '(ansible-playbook playbooks/status.yml shows the pair), put it right, and run again.'
                % (label(box), box['error'][1].rstrip('.')))
    good = box['up'] and box['kind'] == taking_kind and not box.get('degraded') and box['running_name'] == prod \
        and box['configured'] == prod and (taken or not box['remedy'])
    if good:
        return None
    return ('%s answers with %s processors, named %s (configured as %s), running %s; expected the %s box (%d '
            'processors) named %s with Remedy not started. Nothing more was changed. Look at both consoles '
            '(ansible-playbook playbooks/status.yml), put the pair right, and run again.'
            % (label(box), box['cpus'], box['running_name'], box['configured'],
               ', '.join(box['remedy']) or 'no Remedy daemon', taking_kind, cpus_of(cfg, taking_kind), prod))


def status_line(box):
    """One line for status.yml: which box answers at this name, and in which state."""
    if box.get('error'):
        return '%s: its SSH port answers, but it cannot be read: %s' % (label(box), box['error'][1])
    if not box['up']:
        return '%s: nothing answers at its address (the box is down, halted at the PROM, or in single-user mode)' \
            % label(box)
    hardware = '%s%s%s%s' % (
        '; processors at %s MHz' % '/'.join(str(m) for m in box.get('mhz') or []) if box.get('mhz') else '',
        '; hostid %s' % box['hostid'] if box.get('hostid') else '',
        ''.join('; %s' % state for state in box.get('processor_states') or []),
        '; it shows %s, not the %s box\'s processors' % (box['degraded'], box['kind']) if box.get('degraded') else '')
    return ('%s: the %s box (%s processors, %s on-line), running as %s, configured as %s; Remedy %s; ar.conf %s; '
            'boot-time start %s; alarms %s%s' % (
                label(box), box['kind'].upper(), box['cpus'], box['online'], box['running_name'], box['configured'],
                'RUNNING (%s)' % ', '.join(box['remedy']) if box['remedy'] else 'down', box['arconf'],
                box['autostart'].upper() if box['autostart'] == 'partial' else box['autostart'], box['alarms'],
                hardware))


# what each plan must have done, by the host's part, for the run to have finished: the facts plays 2-4 set
_DONE = {
    'full': (('leaving', 'left'), ('taking', 'renamed'), ('prod', 'up')),
    'finish': (('taking', 'renamed'), ('prod', 'up')),
    'takeover': (('taking', 'renamed'), ('prod', 'up')),
}
_STEP = {'left': 'take the leaving box out of production (play 2)',
         'renamed': 'rename and reboot the box taking over (play 3)',
         'up': 'bring Remedy up at the production name (play 4)'}


def _left_box_steps(leaving_kind, spare, own_halt):
    """What the operator does with the box that left production and does not answer: renamed and halted by this
    collection (its journal's ``halted`` record), a boot; else the runbook's console steps, before any boot."""
    if own_halt:
        return ('the %s box was renamed %s and halted by run %s of this collection: boot it at its console (boot); '
                'it comes up as %s without Remedy. Then run this playbook again: it verifies both boxes and finishes '
                'the steps of that box.' % (leaving_kind, spare, own_halt.get('run') or '?', spare))
    return ('at the console of the %s box once it can be used: boot -s; /etc/setname %s; /etc/remedy_auto_startup '
            'remove; mv /etc/ar.conf /etc/ar.conf.PROD (if there); boot. Never boot it in multi-user mode before it '
            'is renamed: it may still carry the production name. Then run this playbook again: it finishes the steps '
            'of that box (alarms off).' % (leaving_kind, spare))


def outcome(cfg, direction, decision, hosts, check_mode=False):
    """How the run ended for a pair: ``{'result': 'ok'|'failed', 'reason', 'lines', 'remaining', 'downtime'}``.

    ``decision``: play 1's (plan, roles). ``hosts``: per name, what plays 2-5 left: ``failure`` (where and why a
    step failed, or None), ``left``, ``renamed``, ``up`` (the step finished), ``down_at``/``up_at`` (epoch seconds,
    the production name's), ``end`` (the name's ``describe`` at the end, None when the host was not read at the end:
    it stopped answering Ansible during the run).
    """
    taking_kind, leaving_kind = kinds(direction)
    prod, spare = cfg['prod'], cfg['spare']
    plan = decision.get('plan')
    roles = decision.get('roles') or {}
    by_role = dict((part, name) for name, part in roles.items() if part)
    by_role['prod'] = prod
    reasons = []
    failures = sorted((h.get('failure') for h in hosts.values() if h.get('failure')),
                      key=lambda f: f.get('play', 9))
    for failure in failures:
        reasons.append('%s failed at "%s" on %s: %s' % (
            failure.get('step', 'a step'), failure.get('task', '?'), failure.get('at', '?'),
            failure.get('reason', 'a task failed')))
    if not failures and not check_mode:
        for part, flag in _DONE.get(plan, ()):
            name = by_role.get(part)
            if name and not hosts.get(name, {}).get(flag):
                reasons.append('the run could not %s: %s stopped answering Ansible there' % (_STEP[flag], name))
                break
    ends = [hosts.get(name, {}).get('end') for name in (prod, spare)]
    read = [b for b in ends if b]
    # the box that left production answers at the spare name (it was renamed and booted): else it may still carry
    # the production name on its disk
    spare_up = bool(ends[1] and ends[1].get('up'))
    broken = [text for dummy, text in violations(cfg, read)]
    if broken:
        reasons.append('after the run, %s: look at both consoles now' % '; '.join(broken))
    down, up = hosts.get(prod, {}).get('down_at'), hosts.get(prod, {}).get('up_at')
    downtime = round(float(up) - float(down), 1) if down and up else None
    lines = ['Pair %s/%s:' % (prod, spare)]
    if check_mode:
        lines.append('Check mode: nothing was changed; the tasks reported changed are what a real run does.')
    remaining = []
    if not reasons:
        lines.append('Remedy %s on the %s box at %s (%d processors).' % (
            'would run' if check_mode else 'runs', taking_kind, prod, cpus_of(cfg, taking_kind)))
        if downtime is not None:
            lines.append('Service down for %.0f s (from the stop on the %s box to the check from the controller).'
                         % (downtime, leaving_kind))
        if plan == 'full' and not check_mode:
            remaining.append('the %s box was halted by this run; boot it at its console (boot); it comes up as %s '
                             'without Remedy. Then run this playbook again: it verifies both boxes and finishes the '
                             'steps of that box.' % (leaving_kind, spare))
        if plan == 'takeover' or (plan == 'finish' and not check_mode and not spare_up):
            remaining.append(_left_box_steps(leaving_kind, spare, decision.get('own_halt')))
    else:
        lines.append('The move to the %s box did NOT finish: %s.' % (taking_kind, '; '.join(reasons)))
        for name, box in zip((prod, spare), ends):
            lines.append('Now: %s' % (status_line(box) if box else
                                      '%s: not read at the end of the run (it stopped answering Ansible)' % name))
        remaining.append('look at both boxes (ansible-playbook playbooks/status.yml), put right what the message '
                         'says, and run the same playbook again: it continues from where the pair is.')
        if plan in ('takeover', 'finish') and not spare_up:
            remaining.append(_left_box_steps(leaving_kind, spare, decision.get('own_halt')))
    lines.extend('Note: %s' % warning for warning in decision.get('warnings') or [])
    lines.extend('Left for the operator: %s' % step for step in remaining)
    first = failures[0] if failures else {}
    return {'result': 'failed' if reasons else 'ok', 'reason': '; '.join(reasons) or None, 'lines': lines,
            'at': first.get('at'), 'task': first.get('task'),
            'remaining': remaining, 'downtime': downtime, 'plan': plan}
