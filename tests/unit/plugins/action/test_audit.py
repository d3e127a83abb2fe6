"""remedy.failover.audit: one JSON line per record, on the controller or on the box; never a change, never a failure."""

import json
import multiprocessing
import os

from ansible_collections.remedy.failover.plugins.action.audit import ActionModule as Audit
from ansible_collections.remedy.failover.plugins.action.audit import append_here, line_of


def lines(path):
    with open(path) as handle:
        return [json.loads(line) for line in handle]


def test_controller_record_is_one_json_line_with_when_who_and_what(run_local, tmp_path):
    log = tmp_path / 'audit' / 'audit.log'
    record = {'who': 'jane', 'direction': 'failover', 'pair': 'sunar01/sunar02', 'result': "it's done"}
    result, commands = run_local(Audit, {'event': 'done', 'record': record, 'path': str(log)})
    assert commands == []  # nothing sent to the host
    assert result['changed'] is False and not result.get('failed') and 'warnings' not in result
    entries = lines(log)
    assert len(entries) == 1
    entry = entries[0]
    assert entry['event'] == 'done' and entry['check_mode'] is False
    assert {key: entry[key] for key in record} == record
    assert entry['time'].endswith('Z') and entry['pid'] == os.getppid() and entry['controller']
    # a second record is appended, not written over the first
    run_local(Audit, {'event': 'started', 'record': {}, 'path': str(log)}, check_mode=True)
    assert [(e['event'], e['check_mode']) for e in lines(log)] == [('done', False), ('started', True)]


def append_many(path, worker):
    for number in range(50):
        append_here(path, line_of('started', {'worker': worker, 'n': number, 'pad': 'x' * 3000}, False, 'controller'))


def test_concurrent_writers_never_interleave(tmp_path):
    log = str(tmp_path / 'audit.log')
    workers = [multiprocessing.Process(target=append_many, args=(log, worker)) for worker in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    entries = lines(log)  # every line is whole JSON
    assert len(entries) == 300
    assert sorted((e['worker'], e['n']) for e in entries) == [(w, n) for w in range(6) for n in range(50)]


def test_a_record_that_cannot_be_written_warns_and_does_not_fail(run_local, tmp_path):
    blocker = tmp_path / 'file'
    blocker.write_text('')
    result, dummy = run_local(Audit, {'event': 'done', 'path': str(blocker / 'audit.log')})
    assert not result.get('failed') and result['changed'] is False
    assert 'could not be written' in result['warnings'][0]
    result, dummy = run_local(Audit, {'event': 'done', 'where': 'box', 'path': str(blocker / 'audit.log')})
    assert not result.get('failed') and result['changed'] is False
    assert 'could not be appended' in result['warnings'][0] and 'sunar01 (172.29.83.11)' in result['warnings'][0]


def test_box_record_is_appended_by_the_shell_and_skipped_in_check_mode(run_local, tmp_path):
    log = tmp_path / "remedy's.log"
    record = {'who': "o'brien", 'steps': 'stopped; renamed sunar02 `halt` $HOME'}
    result, commands = run_local(Audit, {'event': 'left', 'where': 'box', 'record': record, 'path': str(log)},
                                 check_mode=True)
    assert result['changed'] is False and commands == [] and not log.exists()
    for dummy in range(2):
        result, commands = run_local(Audit, {'event': 'left', 'where': 'box', 'record': record, 'path': str(log)})
        assert result['changed'] is False and 'warnings' not in result and len(commands) == 1
    entries = lines(log)
    assert len(entries) == 2
    assert all(e['event'] == 'left' and e['who'] == "o'brien" and e['steps'] == record['steps'] for e in entries)
    assert 'check_mode' not in entries[0]
    assert oct(os.stat(log).st_mode & 0o777) == '0o644'


def _blocked(tmp_path):
    blocker = tmp_path / 'file'
    blocker.write_text('')
    return str(blocker / 'audit.log')


def test_a_required_controller_record_that_cannot_be_written_refuses_with_path_and_reason(run_local, tmp_path):
    path = _blocked(tmp_path)
    result, dummy = run_local(Audit, {'event': 'started', 'path': path, 'required': True})
    assert result['failed'] and result['changed'] is False
    assert result['msg'].startswith('The audit log %s cannot be written on the controller: ' % path)
    assert '%s: File exists' % (tmp_path / 'file') in result['msg'] and 'nothing was changed' in result['msg']
    assert '-e remedy_failover_audit_log=PATH' in result['msg']


def test_a_required_controller_record_in_a_read_only_directory(run_local, tmp_path):
    folder = tmp_path / 'ro'
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(str(folder), os.W_OK):
            return  # root writes anywhere: nothing to prove here
        result, dummy = run_local(Audit, {'event': 'started', 'path': str(folder / 'audit.log'), 'required': True})
        assert result['failed'] and 'Permission denied' in result['msg']
    finally:
        folder.chmod(0o700)


def test_a_required_box_record_that_cannot_be_written_refuses_naming_the_box(run_local, tmp_path):
    path = _blocked(tmp_path)
    result, dummy = run_local(Audit, {'event': 'started', 'where': 'box', 'path': path, 'required': True})
    assert result['failed'] and result['changed'] is False
    assert result['msg'].startswith('sunar01 (172.29.83.11): the audit log %s cannot be written on the box: ' % path)
    assert 'nothing was changed' in result['msg'] and 'remedy_failover_box_audit_log' in result['msg']


def test_a_required_box_record_in_check_mode_checks_and_writes_nothing(run_local, tmp_path):
    path = _blocked(tmp_path)
    result, commands = run_local(Audit, {'event': 'started', 'where': 'box', 'path': path, 'required': True},
                                 check_mode=True)
    assert result['failed'] and 'cannot create a file in' in result['msg'] and '>>' not in commands[0]
    good = str(tmp_path / 'audit.log')
    result, commands = run_local(Audit, {'event': 'started', 'where': 'box', 'path': good, 'required': True},
                                 check_mode=True)
    assert not result.get('failed') and 'could be written' in result['msg'] and not os.path.exists(good)
    result, commands = run_local(Audit, {'event': 'started', 'where': 'box', 'path': str(tmp_path), 'required': True},
                                 check_mode=True)
    assert result['failed'] and 'it is a directory' in result['msg']


def test_a_required_box_record_is_written(run_local, tmp_path):
    good = str(tmp_path / 'audit.log')
    result, dummy = run_local(Audit, {'event': 'started', 'where': 'box', 'path': good, 'required': True})
    assert not result.get('failed') and lines(good)[0]['event'] == 'started'
