"""Builders for the pair's decision tests: probe results shaped as remedy.failover.probe returns them.

A box is described by a ``Box`` (its processors, running and configured names, Remedy, ar.conf, files, links,
alarms); ``probe(box)`` turns it into what the probe of its name gives the controller (``files`` keyed by path with
``exists``/``type``/``executable``/``checksum``, ``nodename``, ``names``, ``psrinfo``), and ``seen(name, box)``
into what ``describe`` makes of it at that name. ``None`` for a box: nothing answers at the name.
"""

import zlib
from collections import namedtuple

from ansible_collections.remedy.failover.plugins.module_utils.pair import describe, pair_config, paths

# the roles' defaults (roles/*/defaults/main.yml) with the seed's names and processors
SETTINGS = {
    'production': 'sunar01',
    'spare': 'sunar02',
    'main_processors': 2,
    'failover_processors': 1,
    'setname_files': ['/etc/nodename', '/etc/hostname.hme0', '/etc/inet/hosts',
                      '/distribution/oracle/home/admin/network/listener.ora', '/etc/ar'],
    'remedy_daemons_init_dir': '/etc/init.d',
    'remedy_daemons_ports': [2020, 80, 8080],
    'remedy_daemons_services': [
        {'script': 'arsystem', 'process': 'arserverd'}, {'script': 'arapplications', 'process': 'arplugin'},
        {'script': 'arweb', 'process': 'arwebd'}, {'script': 'appserv_C', 'process': 'appservd'},
        {'script': 'armaild', 'process': 'armaild'}, {'script': 'arflashboards', 'process': 'arflashd'},
        {'script': 'apache', 'process': 'httpd'}, {'script': 'jsp', 'process': 'java'}],
    'remedy_autostart_rc_dir': '/etc/rc2.d',
    'remedy_autostart_init_dir': '/etc/init.d',
    'remedy_autostart_links': [
        {'link': 'S87arsystem', 'script': 'arsystem'}, {'link': 'S89arweb', 'script': 'arweb'},
        {'link': 'S90armaild', 'script': 'armaild'}, {'link': 'S91arflashboards', 'script': 'arflashboards'},
        {'link': 'S97apache', 'script': 'apache'}, {'link': 'S98jsp', 'script': 'jsp'}],
    'arconf_path': '/etc/ar.conf',
    'arconf_parked_path': '/etc/ar.conf.PROD',
    'serco_monitoring_dir': '/usr/cute/sercoadm/etc',
    'serco_monitoring_config': 'daemons.cfg',
    'serco_monitoring_sources': {'prod': 'daemons.cfg.prod', 'min': 'daemons.cfg.min'},
}
CFG = pair_config(SETTINGS)
PROD, SPARE = CFG['prod'], CFG['spare']
ADDRESS = {PROD: '192.0.2.11', SPARE: '192.0.2.12'}
# a second pair, for runs of several pairs
CFG3 = pair_config(dict(SETTINGS, production='sunar03', spare='sunar04'))
OTHER = 'sunar09'
CPUS = {'main': 2, 'failover': 1, 'odd': 4}

# kind: main, failover or odd (a processor count of neither); running: uname -n; configured: the name whose
# per-name files /etc/nodename etc. hold (or OTHER); remedy: the daemons run; arconf: active, parked, both, neither;
# missing: per-name files (path.name) or start-up scripts absent; autostart: on, off, partial; alarms: prod or min
Box = namedtuple('Box', 'kind running configured remedy arconf missing autostart alarms')


def box(kind='main', running=PROD, configured=None, remedy=False, arconf=None, missing=(), autostart=None,
        alarms=None):
    """A Box; by default configured as it runs, and ar.conf, autostart and alarms as Remedy running needs."""
    return Box(kind, running, running if configured is None else configured, remedy,
               arconf or ('active' if remedy else 'parked'), tuple(missing),
               autostart or ('on' if remedy else 'off'), alarms or ('prod' if remedy else 'min'))


def serving(kind, name=PROD):
    """A box running Remedy as ``name``, as in production."""
    return box(kind, name, remedy=True)


def idle(kind, name=SPARE):
    """A box up as ``name``, Remedy down, ar.conf parked, no boot-time start, alarms min: the spare."""
    return box(kind, name)


def checksum(text):
    """What cksum prints for a file whose content is ``text``: CRC and length."""
    return '%d %d' % (zlib.crc32(text.encode()), len(text) + 10)


def _file(exists, content=None, executable=False):
    if not exists:
        return {'exists': False, 'type': None, 'executable': False, 'checksum': None}
    return {'exists': True, 'type': 'file', 'executable': executable,
            'checksum': checksum(content) if content is not None else None}


def probe(b, cfg=None):
    """What remedy.failover.probe (psrinfo, nodename, processes, follow, paths: ``paths(cfg)``) returns for the box
    ``b``: the files the playbook asks for, and only those."""
    cfg = cfg or CFG
    files = {}
    names = (cfg['prod'], cfg['spare'])
    for live in cfg['name_files']:
        for name in names:
            path = '%s.%s' % (live, name)
            files[path] = _file(path not in b.missing, '%s for %s' % (live, name))
        files[live] = _file(True, '%s for %s' % (live, b.configured))
    files[cfg['arconf']] = _file(b.arconf in ('active', 'both'), 'ar.conf')
    files[cfg['arconf_parked']] = _file(b.arconf in ('parked', 'both'), 'ar.conf')
    for path in cfg['scripts']:
        files[path] = _file(path not in b.missing, 'init script %s' % path, executable=True)
    config, prod, minimum = cfg['alarm_files']
    files[prod] = _file(True, 'alarms prod')
    files[minimum] = _file(True, 'alarms min')
    files[config] = _file(True, 'alarms %s' % b.alarms)
    # links followed (ls -ldinL): the target script
    for number, path in enumerate(cfg['links']):
        present = b.autostart == 'on' or (b.autostart == 'partial' and number == 0)
        files[path] = _file(present, 'init script %s' % cfg['link_targets'][number], executable=True)
    files = dict((path, files[path]) for path in paths(cfg))
    running = ['sched', 'init', 'sshd', 'oracle']
    if b.remedy:
        running += cfg['processes']
    count = CPUS[b.kind]
    return {'changed': False, 'files': files, 'nodename': b.running, 'names': running,
            'processes': [{'pid': 100 + i, 'ppid': 1, 'user': 'root', 'args': n} for i, n in enumerate(running)],
            'psrinfo': {'count': count, 'online_count': count, 'processors': []}}


UNREACHABLE = 'unreachable'
UNREADABLE = 'unreadable'
NOT_ROOT = 'not root'
CSH = 'a csh login'


def seen(name, b, cfg=None, address=None):
    """``describe`` of what answers at ``name``: a Box, None (nothing answers), UNREACHABLE (the port answers,
    Ansible cannot log in) or UNREADABLE (the probe failed)."""
    cfg = cfg or CFG
    address = address or ADDRESS.get(name, name)
    if b is None:
        return describe(cfg, name, address, False, None)
    if b == UNREACHABLE:
        return describe(cfg, name, address, True, {'unreachable': True, 'msg': 'Failed to connect to the host via ssh: '
                                                   'Permission denied (publickey,password)'})
    if b == UNREADABLE:
        return describe(cfg, name, address, True, {'failed': True, 'msg': '%s: cannot read the output of '
                                                   '"/usr/sbin/psrinfo -v": \'ksh: psrinfo: not found\'. Nothing '
                                                   'was changed.' % name})
    if b == NOT_ROOT:
        answer = probe(box('main', name), cfg)
        answer.update(uid=100, user='remedy')
        return describe(cfg, name, address, True, answer)
    if b == CSH:
        # as remedy.failover.probe fails there (the lab's csh login, recorded: tests/unit/plugins/action)
        return describe(cfg, name, address, True, {'failed': True, 'msg': '%s: the script gave none of its answers '
                                                   '(rc=1); the box said "Unmatched \'. Unmatched ".". Nothing was '
                                                   'changed.' % name})
    return describe(cfg, name, address, True, probe(b, cfg))
