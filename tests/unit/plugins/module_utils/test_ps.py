"""Unit tests of parse_ps on literal ps output (Solaris and Linux), and of the one matcher that tells a service's
process by its path or its arguments (issue 20, case 2)."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.ps import (
    PsParseError,
    PsSpecError,
    matches,
    parse_ps,
    running_names,
    running_services,
    service_spec,
)

SOLARIS = """    0 sched
    1 /sbin/init
  412 /usr/lib/ssh/sshd
 1201 /export/ar/bin/arserverd
 1207 /usr/apache/bin/httpd
 1208 /usr/apache/bin/httpd
"""
LINUX_CRLF = "      1 lab-init\r\n     23 arserverd\r\n     99 ps\r\n"

# a stock Solaris 10 box (11/06 on) running Remedy, as `ps -e -o zone= -o pid= -o args=` prints it (args cut at 80),
# with a non-global zone running an Apache 2 and a java of its own
SOLARIS10 = """zones=column
  global     0 sched
  global     1 /sbin/init
  global   611 /usr/java/bin/java -server -Xmx128m -XX:+UseParallelGC -XX:ParallelGCThreads=4 -Djava.s
  global   702 /usr/apache2/bin/httpd -k start
  global   877 ora_pmon_ARS
  global   912 /distribution/oracle/home/jdk/bin/java -Doracle.home=/distribution/oracle/home -classp
  global  1201 /usr/ar/bin/arserverd -i /usr/ar -m
  global  1207 /usr/apache/bin/httpd
  global  1300 java -Xms64m -classpath /usr/ar/jserv/lib/ApacheJServ.jar org.apache.jserv.JServ /usr/
 appzone  2001 /usr/apache/bin/httpd
 appzone  2002 /usr/ar/bin/arserverd -i /usr/ar
"""
# the seed's services as roles/remedy_daemons/defaults/main.yml describes them
SEED = [
    {'script': 'arsystem', 'process': 'arserverd', 'path': '/usr/ar/bin/arserverd'},
    {'script': 'apache', 'process': 'httpd', 'path': '/usr/apache/bin/httpd'},
    {'script': 'jsp', 'process': 'java', 'args': r'^(\S*/)?java .*[Jj][Ss]erv'},
]


def test_solaris_paths_become_names():
    procs = parse_ps(SOLARIS)
    assert procs[2] == {'pid': 412, 'args': '/usr/lib/ssh/sshd', 'comm': '/usr/lib/ssh/sshd', 'name': 'sshd'}
    assert running_names(procs) == ['arserverd', 'httpd', 'init', 'sched', 'sshd']


def test_linux_crlf():
    assert [p['name'] for p in parse_ps(LINUX_CRLF)] == ['lab-init', 'arserverd', 'ps']


def test_args_are_kept_whole_and_comm_is_their_first_word():
    proc = parse_ps('  7 java -server -Xmx128m\n')[0]
    assert (proc['args'], proc['comm'], proc['name']) == ('java -server -Xmx128m', 'java', 'java')


def test_only_the_global_zones_processes_count():
    procs = parse_ps(SOLARIS10)
    assert procs[0]['name'] == 'sched' and len(procs) == 9
    assert 2002 not in [p['pid'] for p in procs]
    assert parse_ps('zones=none\n    1 /sbin/init\n')[0]['pid'] == 1


@pytest.mark.parametrize('text,message', [
    ('', 'no process'),
    (None, 'no process'),
    ('zones=column\n', 'no process'),
    ('  PID COMMAND\n    1 init\n', 'not a "pid args" line'),
    ('ps: illegal option -- o\n', 'not a "pid args" line'),
    ('    1 init\nzones=none\n', 'not a "pid args" line'),
    ('zones=column\n    1 /sbin/init\n', 'not a "zone pid args" line'),
    ('zones=column\n appzone 1 /sbin/init\n', 'no process'),
])
def test_not_ps_output(text, message):
    with pytest.raises(PsParseError, match=message):
        parse_ps(text)


def test_the_seed_services_on_a_stock_solaris_10_box():
    """Java Web Console, Apache 2 and Oracle's java are not Remedy; the AR server, its Apache and JServ are."""
    specs = [service_spec(s) for s in SEED]
    assert running_services(specs, parse_ps(SOLARIS10)) == ['arserverd', 'httpd', 'java']


@pytest.mark.parametrize('line', [
    '611 /usr/java/bin/java -server -Xmx128m -XX:+UseParallelGC',
    '702 /usr/apache2/bin/httpd -k start',
    '912 /distribution/oracle/home/jdk/bin/java -Doracle.home=/distribution/oracle/home',
    '950 /opt/other/bin/arserverd',
    '951 /usr/ar/bin/arserverd.old',
    '952 arserverd',
], ids=['Java Web Console', 'Apache 2', "Oracle's java", 'another arserverd', 'a longer name', 'a bare name'])
def test_other_software_is_not_remedy(line):
    specs = [service_spec(s) for s in SEED]
    assert running_services(specs, parse_ps(line + '\n')) == []


def test_a_name_only_service_matches_argv0s_last_component():
    spec = service_spec({'script': 'armaild', 'process': 'armaild'})
    assert matches(spec, parse_ps('5 /usr/ar/bin/armaild -x\n')[0])
    assert not matches(spec, parse_ps('5 /usr/ar/bin/armaild2\n')[0])


def test_path_and_args_must_both_hold():
    spec = service_spec({'process': 'java', 'path': '/usr/ar/jre/bin/java', 'args': 'JServ'})
    assert matches(spec, parse_ps('5 /usr/ar/jre/bin/java org.apache.jserv.JServ\n')[0])
    assert not matches(spec, parse_ps('5 /usr/ar/jre/bin/java -server\n')[0])
    assert not matches(spec, parse_ps('5 java org.apache.jserv.JServ\n')[0])


@pytest.mark.parametrize('service,words', [
    ({'script': 'arsystem', 'process': ''}, 'the service arsystem has no process'),
    ({'script': 'arsystem'}, 'the service arsystem has no process'),
    ({'script': 'arsystem', 'process': '  '}, 'has no process'),
    ({'script': 'arsystem', 'process': None}, 'has no process'),
    ({'script': 'jsp', 'process': 'java', 'args': '(['}, 'is not a regular expression'),
    ({'script': 'arsystem', 'process': 'arserverd', 'path': 'arserverd'}, 'is not an absolute path'),
    ('arserverd', 'is not a dict'),
], ids=['empty process', 'no process', 'blank process', 'null process', 'bad pattern', 'relative path', 'a string'])
def test_a_service_that_could_hide_its_daemon_is_refused(service, words):
    with pytest.raises(PsSpecError, match=words.replace('(', r'\(')):
        service_spec(service)


def test_empty_path_and_args_mean_by_name():
    assert service_spec({'process': 'armaild', 'path': '', 'args': ''}) == {'process': 'armaild', 'path': None,
                                                                            'args': None}
