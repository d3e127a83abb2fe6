"""probe, remote_copy, rename_file and links, run against this machine's /bin/sh on a scratch tree.

Each action sends its scripts through the connection; here they really run,
so what is asserted is what they do to files, as on a box.
"""

import os
import stat

import pytest

import yaml

from ansible_collections.remedy.failover.plugins.action.links import ActionModule as Links
from ansible_collections.remedy.failover.plugins.action.probe import ActionModule as Probe
from ansible_collections.remedy.failover.plugins.action.remote_copy import ActionModule as RemoteCopy
from ansible_collections.remedy.failover.plugins.action.rename_file import ActionModule as Move

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))


@pytest.mark.parametrize('old,new', [('move', 'rename_file'), ('pair_group', 'pair')])
def test_an_old_module_name_leads_to_its_module(old, new):
    """remedy.failover.move was the name of remedy.failover.rename_file, and remedy.failover.pair_group is
    remedy.failover.pair with its group option: playbooks that call the old names still run them (the module and
    its action plugin, with the same arguments), without a warning."""
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        routing = yaml.safe_load(handle)['plugin_routing']
    for kind in ('modules', 'action'):
        assert routing[kind][old] == {'redirect': 'remedy.failover.' + new}
        assert os.path.exists(os.path.join(ROOT, 'plugins', kind, new + '.py'))
        assert not os.path.exists(os.path.join(ROOT, 'plugins', kind, old + '.py'))


def write(path, text, mode=0o644):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return str(path)


def tree(root):
    """Every entry under root: link target, or content and mode."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            if os.path.islink(full):
                found[rel] = 'link ' + os.readlink(full)
            elif os.path.isfile(full):
                with open(full) as handle:
                    found[rel] = '%o %s' % (stat.S_IMODE(os.lstat(full).st_mode), handle.read())
    return found


class TestProbe:
    def test_files_names_in_one_round_trip(self, run_local, tmp_path):
        conf = write(tmp_path / 'ar.conf', 'Server-Name: sunar01\n')
        script = write(tmp_path / 'init.d' / 'arsystem', '#!/bin/sh\n', 0o755)
        link = str(tmp_path / 'S87arsystem')
        os.symlink('init.d/arsystem', link)
        gone = str(tmp_path / 'ar.conf.PROD')
        result, commands = run_local(Probe, {'paths': [conf, script, link, gone], 'nodename': True,
                                             'processes': True})
        assert not result.get('failed'), result
        assert len(commands) == 1 and result['changed'] is False
        files = result['files']
        assert files[conf]['type'] == 'file' and files[conf]['mode'] == '0644'
        assert files[conf]['checksum'].endswith(' 21')
        assert files[script]['executable'] is True
        assert files[link]['type'] == 'link' and files[link]['target'] == 'init.d/arsystem'
        assert files[link]['checksum'] is None
        assert files[gone]['exists'] is False
        assert result['nodename'] == os.uname().nodename
        assert {'sh', 'ps'} <= set(result['names'])  # the script's own shell and ps

    def test_follow_reads_through_a_link(self, run_local, tmp_path):
        write(tmp_path / 'real', 'x\n', 0o755)
        link = str(tmp_path / 'alias')
        os.symlink('real', link)
        result, dummy = run_local(Probe, {'paths': [link], 'follow': True})
        assert result['files'][link]['type'] == 'file' and result['files'][link]['executable']

    def test_same_content_same_checksum(self, run_local, tmp_path):
        a = write(tmp_path / 'a', 'same\n')
        b = write(tmp_path / 'b', 'same\n', 0o600)
        c = write(tmp_path / 'c', 'other\n')
        files = run_local(Probe, {'paths': [a, b, c]})[0]['files']
        assert files[a]['checksum'] == files[b]['checksum'] != files[c]['checksum']

    def test_psrinfo_read_and_unreadable_psrinfo_fails(self, run_local, tmp_path):
        fake = write(tmp_path / 'psrinfo', '#!/bin/sh\ncase "$1" in -p) echo 2;; -v) printf "%s\\n" '
                     '"Status of virtual processor 0 as of: 11/25/2026 20:00:00" "  on-line since 11/25/2026 19:00:00." '
                     '"  The sparcv9 processor operates at 400 MHz," "Status of virtual processor 1 as of: x" '
                     '"  on-line since 11/25/2026 19:00:00." "  The sparcv9 processor operates at 400 MHz,";; esac\n',
                     0o755)
        result, dummy = run_local(Probe, {'psrinfo': True, 'psrinfo_path': fake})
        assert result['psrinfo']['online_count'] == 2 and result['psrinfo']['physical_count'] == 2
        broken = write(tmp_path / 'broken', '#!/bin/sh\necho Segmentation Fault\n', 0o755)
        result, dummy = run_local(Probe, {'psrinfo': True, 'psrinfo_path': broken})
        assert result['failed'] and 'cannot read the output of' in result['msg'] and 'psrinfo' not in result

    def test_links_as_they_are_contents_and_hostid_in_the_same_round_trip(self, run_local, tmp_path):
        """Issue 20: the link names read unfollowed, the small files' text (a pattern too), the hostid."""
        write(tmp_path / 'init.d' / 'arsystem', '#!/bin/sh\n', 0o755)
        link, plain, free = (str(tmp_path / n) for n in ('S87arsystem', 'S89arweb', 'S90armaild'))
        os.symlink('init.d/arsystem', link)
        write(tmp_path / 'S89arweb', '#!/bin/sh\n# the site\'s own\n', 0o755)
        write(tmp_path / 'hostname.hme0', 'sunar01\n')
        write(tmp_path / 'hostname.qfe0', '192.0.2.11 netmask + up')
        write(tmp_path / 'hosts.sunar01', '127.0.0.1 localhost\n192.0.2.11 sunar01 loghost\n')
        result, commands = run_local(Probe, {'paths': [link], 'follow': True, 'links': [link, plain, free],
                                             'hostid': True,
                                             'contents': [str(tmp_path / 'hostname.*'), str(tmp_path / 'hosts.sunar01'),
                                                          str(tmp_path / 'hosts.sunar02')]})
        assert not result.get('failed'), result
        assert len(commands) == 1
        assert result['files'][link]['type'] == 'file'
        links = result['links']
        assert links[link]['type'] == 'link' and links[link]['target'] == 'init.d/arsystem'
        assert links[plain]['type'] == 'file' and links[free]['exists'] is False
        assert result['contents'] == {str(tmp_path / 'hostname.hme0'): 'sunar01',
                                      str(tmp_path / 'hostname.qfe0'): '192.0.2.11 netmask + up',
                                      str(tmp_path / 'hosts.sunar01'): '127.0.0.1 localhost\n192.0.2.11 sunar01 loghost'}
        assert result['hostid'] is None or len(result['hostid']) == 8

    def test_missing_psrinfo_fails_naming_the_box(self, run_local, tmp_path):
        result, dummy = run_local(Probe, {'psrinfo': True, 'psrinfo_path': str(tmp_path / 'nope')})
        assert result['failed'] and result['msg'].startswith('sunar01 (172.29.83.11): ')
        assert 'Is psrinfo at' in result['msg']


class TestRemoteCopy:
    def test_check_then_copy_keeps_dest_owner_mode_then_no_change(self, run_local, tmp_path):
        src = write(tmp_path / 'nodename.sunar02', 'sunar02\n', 0o600)
        dest = write(tmp_path / 'nodename', 'sunar01\n', 0o644)
        same_src = write(tmp_path / 'ar.sunar02', 'same\n')
        same_dest = write(tmp_path / 'ar', 'same\n')
        files = [{'src': src, 'dest': dest}, {'src': same_src, 'dest': same_dest}]
        before = tree(tmp_path)

        checked, commands = run_local(RemoteCopy, {'files': files}, check_mode=True, diff=True)
        assert not checked.get('failed'), checked
        assert checked['changed'] is True and len(commands) == 1
        assert checked['diff'] == [{'before_header': dest, 'after_header': src,
                                    'before': 'sunar01\n', 'after': 'sunar02\n'}]
        assert tree(tmp_path) == before

        applied, commands = run_local(RemoteCopy, {'files': files})
        assert applied['changed'] is True and not applied.get('failed') and len(commands) == 1
        assert [f['state'] for f in applied['files']] == ['differ', 'same']
        assert tree(tmp_path)['nodename'] == '644 sunar02\n'  # content of src, mode of dest
        assert not any(name.endswith('.tmp') for name in tree(tmp_path))

        again, dummy = run_local(RemoteCopy, {'files': files})
        assert again['changed'] is False and not again.get('failed')

    def test_new_dest_takes_the_source_mode(self, run_local, tmp_path):
        src = write(tmp_path / 'x.sunar01', 'x\n', 0o640)
        dest = str(tmp_path / 'x')
        result, dummy = run_local(RemoteCopy, {'files': [{'src': src, 'dest': dest}]})
        assert result['changed'] and tree(tmp_path)['x'] == '640 x\n'

    def test_backup_keeps_what_was_replaced(self, run_local, tmp_path):
        src = write(tmp_path / 'daemons.cfg.prod', 'ALARM arserverd\n')
        dest = write(tmp_path / 'daemons.cfg', 'ALARM sshd\n')
        result, dummy = run_local(RemoteCopy, {'files': [{'src': src, 'dest': dest}], 'backup': True})
        backup = result['files'][0]['backup_file']
        assert backup.startswith(dest + '.') and '@' in backup and backup.endswith('~')
        with open(backup) as handle:
            assert handle.read() == 'ALARM sshd\n'

    @pytest.mark.parametrize('layout,message', [
        ('nosrc', 'is missing or not a regular file, so it cannot be copied over'),
        ('destlink', 'is a symbolic link; it will not be replaced'),
        ('destdir', 'exists and is not a regular file'),
    ])
    def test_refuses_every_pair_when_one_cannot_be_copied(self, run_local, tmp_path, layout, message):
        good_src = write(tmp_path / 'a.new', 'new\n')
        good_dest = write(tmp_path / 'a', 'old\n')
        bad_src, bad_dest = str(tmp_path / 'b.new'), str(tmp_path / 'b')
        if layout != 'nosrc':
            write(tmp_path / 'b.new', 'b\n')
        if layout == 'destlink':
            os.symlink('a', bad_dest)
        if layout == 'destdir':
            os.mkdir(bad_dest)
        before = tree(tmp_path)
        result, dummy = run_local(RemoteCopy, {'files': [{'src': good_src, 'dest': good_dest},
                                                         {'src': bad_src, 'dest': bad_dest}]})
        assert result['failed'] and message in result['msg'] and 'Nothing was changed' in result['msg']
        assert result['msg'].startswith('sunar01 (172.29.83.11): ')
        assert tree(tmp_path) == before

    def test_odd_paths_are_quoted(self, run_local, tmp_path):
        src = write(tmp_path / "it's a $file" / 'src', 'new\n')
        dest = write(tmp_path / "it's a $file" / 'dest `x`', 'old\n')
        result, dummy = run_local(RemoteCopy, {'files': [{'src': src, 'dest': dest}]})
        assert result['changed'] and open(dest).read() == 'new\n'


class TestMove:
    @pytest.mark.parametrize('check', [True, False])
    def test_moves_the_file_itself(self, run_local, tmp_path, check):
        src = write(tmp_path / 'ar.conf', 'conf\n')
        dest = str(tmp_path / 'ar.conf.PROD')
        inode = os.stat(src).st_ino
        result, commands = run_local(Move, {'src': src, 'dest': dest}, check_mode=check)
        assert result['changed'] is True and result['state'] == 'pending' and len(commands) == 1
        if check:
            assert os.path.exists(src) and not os.path.exists(dest)
        else:
            assert not os.path.exists(src) and os.stat(dest).st_ino == inode
            again, dummy = run_local(Move, {'src': src, 'dest': dest})
            assert again['changed'] is False and again['state'] == 'done' and not again.get('failed')

    @pytest.mark.parametrize('both', [True, False])
    def test_refuses_both_and_neither(self, run_local, tmp_path, both):
        src, dest = str(tmp_path / 'ar.conf'), str(tmp_path / 'ar.conf.PROD')
        if both:
            write(tmp_path / 'ar.conf', 'a\n')
            write(tmp_path / 'ar.conf.PROD', 'b\n')
        before = tree(tmp_path)
        result, dummy = run_local(Move, {'src': src, 'dest': dest})
        assert result['failed'] and 'Nothing was changed' in result['msg']
        assert ('both %s and %s exist' % (src, dest) if both else 'neither %s nor %s exists' % (src, dest)) in result['msg']
        assert tree(tmp_path) == before


class TestLinks:
    LINKS = [('S87arsystem', 'arsystem'), ('S98jsp', 'jsp')]

    def setup_tree(self, tmp_path):
        for dummy, script in self.LINKS:
            write(tmp_path / 'init.d' / script, '#!/bin/sh\n', 0o755)
        (tmp_path / 'rc2.d').mkdir()
        return [{'path': str(tmp_path / 'rc2.d' / link), 'target': str(tmp_path / 'init.d' / script)}
                for link, script in self.LINKS]

    def test_present_check_real_again_then_absent(self, run_local, tmp_path):
        links = self.setup_tree(tmp_path)
        before = tree(tmp_path)
        checked, commands = run_local(Links, {'links': links, 'state': 'present'}, check_mode=True)
        assert checked['changed'] and len(commands) == 1 and tree(tmp_path) == before
        applied, commands = run_local(Links, {'links': links, 'state': 'present'})
        assert applied['changed'] and not applied.get('failed') and len(commands) == 2
        assert tree(tmp_path)['rc2.d/S87arsystem'] == 'link ' + links[0]['target']
        again, commands = run_local(Links, {'links': links, 'state': 'present'})
        assert not again['changed'] and len(commands) == 1
        removed, dummy = run_local(Links, {'links': links, 'state': 'absent'})
        assert removed['changed'] and not os.listdir(tmp_path / 'rc2.d')
        assert tree(tmp_path)['init.d/arsystem'] == '755 #!/bin/sh\n'

    def test_relative_link_and_hard_link_are_ours(self, run_local, tmp_path):
        links = self.setup_tree(tmp_path)
        os.symlink('../init.d/arsystem', links[0]['path'])
        os.link(links[1]['target'], links[1]['path'])
        result, dummy = run_local(Links, {'links': links, 'state': 'present'})
        assert [entry['found'] for entry in result['links']] == ['symlink', 'hardlink']
        assert tree(tmp_path)['rc2.d/S98jsp'] == 'link ' + links[1]['target']  # hard link made symbolic
        assert tree(tmp_path)['init.d/jsp'] == '755 #!/bin/sh\n'

    @pytest.mark.parametrize('state', ['present', 'absent'])
    def test_refuses_a_file_of_its_own(self, run_local, tmp_path, state):
        links = self.setup_tree(tmp_path)
        write(tmp_path / 'rc2.d' / 'S98jsp', 'site tweak\n')
        before = tree(tmp_path)
        result, dummy = run_local(Links, {'links': links, 'state': state})
        assert result['failed'] and '%s is not a link to %s' % (links[1]['path'], links[1]['target']) in result['msg']
        assert 'Nothing was changed' in result['msg'] and tree(tmp_path) == before

    def test_refuses_to_link_to_a_missing_or_plain_script(self, run_local, tmp_path):
        links = self.setup_tree(tmp_path)
        os.chmod(links[1]['target'], 0o644)
        result, dummy = run_local(Links, {'links': links, 'state': 'present'})
        assert result['failed'] and '%s is missing or not executable' % links[1]['target'] in result['msg']
        assert not os.listdir(tmp_path / 'rc2.d')

    def test_names_relative_to_their_directories_as_the_role_gives_them(self, run_local, tmp_path):
        self.setup_tree(tmp_path)
        result, dummy = run_local(Links, {'links': [{'link': 'S87arsystem', 'script': 'arsystem'}],
                                          'link_dir': str(tmp_path / 'rc2.d'), 'target_dir': str(tmp_path / 'init.d'),
                                          'state': 'present'})
        assert result['changed'] and tree(tmp_path)['rc2.d/S87arsystem'] == 'link %s/init.d/arsystem' % tmp_path

    def test_relative_name_without_its_directory_is_refused(self, run_local, tmp_path):
        result, commands = run_local(Links, {'links': [{'path': 'S87arsystem', 'target': '/etc/init.d/arsystem'}],
                                             'state': 'present'})
        assert result['failed'] and 'link_dir' in result['msg'] and commands == []


class TestPort:
    """remedy.failover.port against real sockets on loopback."""

    def test_open_closed_and_waiting(self, run_local):
        import socket
        from ansible_collections.remedy.failover.plugins.action.port import ActionModule as Port
        server = socket.socket()
        server.bind(('127.0.0.1', 0))
        server.listen(64)  # never accepted: each attempt waits in the backlog
        port = server.getsockname()[1]
        try:
            result, commands = run_local(Port, {'host': '127.0.0.1', 'port': port}, check_mode=True)
            assert result['open'] is True and not result.get('failed') and commands == []
            result, dummy = run_local(Port, {'host': '127.0.0.1', 'port': port, 'state': 'closed', 'timeout': 0.5})
            assert result['failed'] and 'still open' in result['msg']
        finally:
            server.close()
        result, dummy = run_local(Port, {'host': '127.0.0.1', 'port': port, 'state': 'closed'})
        assert result['open'] is False and not result.get('failed') and result['elapsed'] < 2


class TestLock:
    """remedy.failover.lock: one live run at a time; a dead run's lock never blocks."""

    def run(self, run_local, tmp_path, **args):
        from ansible_collections.remedy.failover.plugins.action.lock import ActionModule as Lock
        check = args.pop('check', False)
        return run_local(Lock, dict({'name': 'remedy', 'dir': str(tmp_path), 'holder': 'alice'}, **args),
                         check_mode=check)[0]

    def test_acquire_is_reentrant_for_the_same_run_and_released(self, run_local, tmp_path):
        first = self.run(run_local, tmp_path)
        assert not first.get('failed') and first['changed'] is False and os.path.exists(first['path'])
        assert not self.run(run_local, tmp_path).get('failed')
        released = self.run(run_local, tmp_path, state='released')
        assert released['msg'] == 'released' and not os.path.exists(first['path'])

    def test_a_live_other_run_is_named_and_refused(self, run_local, tmp_path):
        import json
        import socket
        import subprocess as sp
        other = sp.Popen(['sleep', '30'])
        try:
            with open(tmp_path / 'remedy.lock', 'w') as handle:
                json.dump({'pid': other.pid, 'host': socket.gethostname(), 'holder': 'bob', 'since': 'noon'}, handle)
            # sleep is not ansible: a pid that is not a run does not hold the lock
            assert not self.run(run_local, tmp_path).get('failed')
        finally:
            other.kill()
        import sys
        run = sp.Popen([sys.executable, '-c', 'import time; time.sleep(30)', 'ansible-playbook', 'to_failover.yml'])
        import time
        deadline = time.time() + 10  # until the child has exec'd: before, its command line is still pytest's
        while b'ansible-playbook' not in open('/proc/%d/cmdline' % run.pid, 'rb').read() and time.time() < deadline:
            time.sleep(0.01)
        try:
            with open(tmp_path / 'remedy.lock', 'w') as handle:
                json.dump({'pid': run.pid, 'host': socket.gethostname(), 'holder': 'bob', 'since': 'noon'}, handle)
            for check in (False, True):
                refused = self.run(run_local, tmp_path, check=check)
                assert refused['failed'] and 'bob' in refused['msg'] and 'since noon' in refused['msg']
        finally:
            run.kill()

    def test_a_dead_runs_lock_is_taken_over(self, run_local, tmp_path):
        import json
        import socket
        with open(tmp_path / 'remedy.lock', 'w') as handle:
            json.dump({'pid': 2 ** 22 + 7, 'host': socket.gethostname(), 'holder': 'bob', 'since': 'noon'}, handle)
        taken = self.run(run_local, tmp_path)
        assert not taken.get('failed') and taken['stale']['holder'] == 'bob'
        with open(taken['path']) as handle:
            assert json.load(handle)['holder'] == 'alice'


def test_nothing_asked_sends_nothing(run_local):
    probed, commands = run_local(Probe, {})
    assert probed['files'] == {} and not probed.get('failed') and commands == []
    copied, commands = run_local(RemoteCopy, {'files': []})
    assert copied['changed'] is False and not copied.get('failed') and commands == []


class TestRemoteCopySecrets:
    """A planted PASSWORDS_LISTENER (and a site's secret) never reaches --diff, so never AWX's job events."""

    LISTENER = ('LISTENER =\n  (ADDRESS = (PROTOCOL = TCP)(HOST = {name})(PORT = 1521))\n'
                'PASSWORDS_LISTENER =\n  (S3cr3tListenerPw{name})\nADMIN_RESTRICTIONS_LISTENER = ON\n'
                'SITE_TOKEN = t0ken{name}\n')

    def _files(self, tmp_path):
        src = write(tmp_path / 'listener.ora.sunar02', self.LISTENER.format(name='sunar02'), 0o640)
        dest = write(tmp_path / 'listener.ora', self.LISTENER.format(name='sunar01'), 0o640)
        return [{'src': src, 'dest': dest}]

    @pytest.mark.parametrize('check_mode', [True, False])
    def test_diff_masks_the_listener_password(self, run_local, tmp_path, check_mode):
        result, dummy = run_local(RemoteCopy, {'files': self._files(tmp_path)}, check_mode=check_mode, diff=True)
        assert not result.get('failed'), result
        shown = repr(result)
        assert 'S3cr3tListenerPw' not in shown
        assert 'HOST = sunar02' in shown and 'HOST = sunar01' in shown  # the rest of the diff is still there
        assert '2 secret line(s) masked; the secret lines differ' in result['diff'][0]['before_header']
        assert 't0ken' in shown  # not secret until the site says so

    def test_site_patterns_from_the_variable(self, run_local, tmp_path):
        result, dummy = run_local(RemoteCopy, {'files': self._files(tmp_path)}, check_mode=True, diff=True,
                                  task_vars={'remedy_failover_secret_patterns': ['^SITE_TOKEN']})
        shown = repr(result)
        assert 'S3cr3tListenerPw' not in shown and 't0ken' not in shown

    def test_site_patterns_as_the_option(self, run_local, tmp_path):
        result, dummy = run_local(RemoteCopy, {'files': self._files(tmp_path), 'secret_patterns': ['token']},
                                  check_mode=True, diff=True)
        assert 't0ken' not in repr(result) and 'S3cr3tListenerPw' not in repr(result)

    def test_a_bad_pattern_refuses_before_any_copy(self, run_local, tmp_path):
        files = self._files(tmp_path)
        before = tree(tmp_path)
        result, commands = run_local(RemoteCopy, {'files': files}, diff=True,
                                     task_vars={'remedy_failover_secret_patterns': ['(']})
        assert result['failed'] and 'Nothing was changed' in result['msg'] and "'('" in result['msg']
        assert commands == [] and tree(tmp_path) == before

    def test_without_diff_no_content_is_read(self, run_local, tmp_path):
        result, commands = run_local(RemoteCopy, {'files': self._files(tmp_path)}, check_mode=True)
        assert 'diff' not in result and not any('cat ' in c for c in commands)
