"""default: the five roles compose into a move to the failover box, each box ending as the runbook says (2.3)."""

from conftest import exists, http_status, name_of, remedy_names

PROCESSES = ['arserverd', 'arplugin', 'arwebd', 'appservd', 'armaild', 'arflashd', 'httpd', 'java']
# as Solaris' ps -o comm shows them: argv[0] as started, of which the last component is the name
LINKS = ['S87arsystem', 'S89arweb', 'S90armaild', 'S91arflashboards', 'S97apache', 'S98jsp']
ETC = '/usr/cute/sercoadm/etc'
# the name each box carries after the move, its ar.conf path, its alarms and whether Remedy runs there
AFTER = {
    'default-main': ('sunar02', '/etc/ar.conf.PROD', 'min', False),
    'default-failover': ('sunar01', '/etc/ar.conf', 'prod', True),
}


def test_each_box_ends_as_the_runbook_says(host):
    name, conf, alarms, serves = AFTER[name_of(host)]
    assert host.file('/etc/nodename').content_string == name + '\n'
    assert host.file(conf).is_file
    assert not exists(host, {'/etc/ar.conf': '/etc/ar.conf.PROD'}.get(conf, '/etc/ar.conf'))
    assert host.file(ETC + '/daemons.cfg').content_string == host.file(ETC + '/daemons.cfg.' + alarms).content_string
    links = [link for link in LINKS if host.file('/etc/rc2.d/' + link).is_symlink]
    running = remedy_names(host)
    if serves:
        assert links == LINKS
        assert [p for p in PROCESSES if p in running] == PROCESSES
        assert http_status(host) == 200  # from the controller, as users reach it
    else:
        assert links == []
        assert [p for p in PROCESSES if p in running] == []
        assert http_status(host) is None
