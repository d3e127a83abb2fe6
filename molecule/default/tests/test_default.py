"""default: the five roles compose into a move to the failover box, each box ending as the runbook says (2.3)."""

import os
import urllib.request

import yaml

from conftest import name_of

PROCESSES = ['arserverd', 'arplugin', 'arwebd', 'appservd', 'armaild', 'arflashd', 'httpd', 'java']
# as Solaris' ps -o comm shows them: argv[0] as started, of which the last component is the name
LINKS = ['S87arsystem', 'S89arweb', 'S90armaild', 'S91arflashboards', 'S97apache', 'S98jsp']
ETC = '/usr/cute/sercoadm/etc'
# the name each box carries after the move, its ar.conf path, its alarms and whether Remedy runs there
AFTER = {
    'default-main': ('sunar02', '/etc/ar.conf.PROD', 'min', False),
    'default-failover': ('sunar01', '/etc/ar.conf', 'prod', True),
}


def address_of(host):
    with open(os.path.join(os.environ['MOLECULE_SCENARIO_DIRECTORY'], 'molecule.yml')) as handle:
        platforms = yaml.safe_load(handle)['platforms']
    return [p for p in platforms if p['name'] == name_of(host)][0]['networks'][0]['ipv4_address']


def http_status(host):
    try:
        with urllib.request.urlopen('http://%s/' % address_of(host), timeout=3) as response:
            return response.status
    except OSError:
        return None


def test_each_box_ends_as_the_runbook_says(host):
    name, conf, alarms, serves = AFTER[name_of(host)]
    assert host.file('/etc/nodename').content_string == name + '\n'
    assert host.file(conf).is_file
    assert not host.file({'/etc/ar.conf': '/etc/ar.conf.PROD'}.get(conf, '/etc/ar.conf')).exists
    assert host.file(ETC + '/daemons.cfg').content_string == host.file(ETC + '/daemons.cfg.' + alarms).content_string
    links = [link for link in LINKS if host.file('/etc/rc2.d/' + link).is_symlink]
    running = set(os.path.basename(c) for c in host.run('ps -e -o comm=').stdout.split())
    if serves:
        assert links == LINKS
        assert [p for p in PROCESSES if p in running] == PROCESSES
        assert http_status(host) == 200  # from the controller, as users reach it
    else:
        assert links == []
        assert [p for p in PROCESSES if p in running] == []
        assert http_status(host) is None
