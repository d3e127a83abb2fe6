"""The ps action: which of the asked names run, read-only."""

from ansible_collections.remedy.failover.plugins.action.ps import ActionModule
from ansible_collections.remedy.failover.plugins.module_utils.ps import PS_COMMAND


def test_running_and_missing(run_action):
    out = '    1 /sbin/init\n  412 /usr/lib/ssh/sshd\n 1201 /export/ar/bin/arserverd\n'
    result, commands = run_action(ActionModule, {'names': ['arserverd', 'httpd']}, {PS_COMMAND: (0, out, '')},
                                  check_mode=True)
    assert commands == [PS_COMMAND]
    assert result['changed'] is False
    assert result['running'] == ['arserverd'] and result['missing'] == ['httpd']
    assert result['names'] == ['arserverd', 'init', 'sshd']


def test_ps_failure_names_the_box(run_action):
    result, dummy = run_action(ActionModule, {}, {PS_COMMAND: (1, '', 'ps: bad option')})
    assert result['failed'] is True
    assert result['msg'] == 'sunar01 (172.29.83.11): "%s" failed (rc=1): ps: bad option' % PS_COMMAND


def test_services_by_path_and_args_on_a_stock_solaris_10_box(run_action):
    """Issue 20, case 2: the Java Web Console and Apache 2 are not the JSP engine and Remedy's Apache."""
    out = ('zones=column\n global    1 /sbin/init\n global  611 /usr/java/bin/java -server -Xmx128m -XX:+UseParallelGC\n'
           ' global  702 /usr/apache2/bin/httpd -k start\n global 1201 /usr/ar/bin/arserverd -i /usr/ar\n'
           ' appzone 2001 java org.apache.jserv.JServ\n')
    services = [{'script': 'arsystem', 'process': 'arserverd', 'path': '/usr/ar/bin/arserverd'},
                {'script': 'apache', 'process': 'httpd', 'path': '/usr/apache/bin/httpd'},
                {'script': 'jsp', 'process': 'java', 'args': r'^(\S*/)?java .*[Jj][Ss]erv'}]
    result, dummy = run_action(ActionModule, {'services': services}, {PS_COMMAND: (0, out, '')}, check_mode=True)
    assert result['running'] == ['arserverd'] and result['missing'] == ['httpd', 'java']


def test_a_service_without_process_is_refused_before_ps(run_action):
    result, commands = run_action(ActionModule, {'services': [{'script': 'arsystem', 'process': ''}]},
                                  {PS_COMMAND: (0, '1 init\n', '')})
    assert result['failed'] and 'the service arsystem has no process' in result['msg'] and commands == []
