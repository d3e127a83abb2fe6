"""The pure readers of the one-round-trip scripts, on literal Solaris and POSIX output."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.probe import (
    MARK,
    ProbeError,
    by_tag,
    contents_section,
    link_points_to,
    mode_of,
    parse_file_section,
    parse_hostid,
    parse_ls,
    read_contents,
    split_sections,
)

# ls -ldin on Solaris 8 and 10 (numeric owners), and on GNU coreutils
SOLARIS_FILE = '    12345 -rw-r--r--   1 0        3            118 Dec 13  2001 /etc/ar.conf'
SOLARIS_ACL = '    12346 -rwxr-xr-x+  2 0        3           2210 Dec 13 09:42 /etc/init.d/arsystem'
SOLARIS_LINK = '    23456 lrwxrwxrwx   1 0        0             19 Dec 13  2001 /etc/rc2.d/S87arsystem -> ../init.d/arsystem'
SOLARIS_DIR = '      214 drwxr-xr-x   2 0        3            512 Dec 13  2001 /etc/rc2.d'
GNU_LINK = '131 lrwxrwxrwx 1 0 0 19 Nov 25 20:01 /etc/rc2.d/S98jsp -> /etc/init.d/jsp'
SPACED_LINK = '77 lrwxrwxrwx 1 0 0 9 Nov 25 20:01 /tmp/a b -> /tmp/c -> d'


def test_regular_file_on_solaris():
    info = parse_ls(SOLARIS_FILE, '/etc/ar.conf')
    assert info == {'path': '/etc/ar.conf', 'exists': True, 'type': 'file', 'mode': '0644', 'inode': 12345,
                    'nlink': 1, 'uid': '0', 'gid': '3', 'size': 118, 'executable': False, 'target': None}


def test_acl_mark_and_hard_link_count():
    info = parse_ls(SOLARIS_ACL, '/etc/init.d/arsystem')
    assert info['mode'] == '0755' and info['executable'] and info['nlink'] == 2


@pytest.mark.parametrize('line,path,target', [
    (SOLARIS_LINK, '/etc/rc2.d/S87arsystem', '../init.d/arsystem'),
    (GNU_LINK, '/etc/rc2.d/S98jsp', '/etc/init.d/jsp'),
    (SPACED_LINK, '/tmp/a b', '/tmp/c -> d'),
])
def test_link_target_as_written(line, path, target):
    info = parse_ls(line, path)
    assert info['type'] == 'link' and info['target'] == target


def test_directory():
    assert parse_ls(SOLARIS_DIR, '/etc/rc2.d')['type'] == 'directory'


@pytest.mark.parametrize('perms,mode', [
    ('rw-r--r--', '0644'), ('rwxr-xr-x', '0755'), ('rwsr-xr-x', '4755'), ('rwxr-sr-x', '2755'),
    ('rw-r-lr--', '2644'), ('rwxrwxrwt', '1777'), ('rwSr--r--', '4644'), ('---------', '0000'),
])
def test_modes(perms, mode):
    assert mode_of(perms) == mode


@pytest.mark.parametrize('bad', ['rw-r--r-', 'rw-r--r--x', 'rq-r--r--'])
def test_bad_modes_raise(bad):
    with pytest.raises(ProbeError):
        mode_of(bad)


@pytest.mark.parametrize('line', ['ls: /etc/ar.conf: No such file or directory', 'total 0', ''])
def test_not_an_ls_line_raises(line):
    with pytest.raises(ProbeError):
        parse_ls(line, '/etc/ar.conf')


def test_file_section_with_checksum_and_missing():
    info = parse_file_section([SOLARIS_FILE, '3015617425 118', ''], '/etc/ar.conf')
    assert info['checksum'] == '3015617425 118' and info['exists']
    gone = parse_file_section([''], '/etc/ar.conf.PROD')
    assert gone['exists'] is False and gone['checksum'] is None and gone['type'] is None


def test_file_section_with_garbage_after_ls_raises():
    with pytest.raises(ProbeError):
        parse_file_section([SOLARIS_FILE, 'cksum: cannot open'], '/etc/ar.conf')


def test_sections_in_order_with_status_and_a_cut_one():
    text = '\n'.join(['%s nodename' % MARK, 'sunar01', '%s rc 0' % MARK,
                      '%s ps' % MARK, 'ps: not found', '%s rc 127' % MARK,
                      '%s file:0' % MARK, SOLARIS_FILE]) + '\n'
    found = split_sections(text)
    assert [(tag, rc) for tag, dummy, rc in found] == [('nodename', 0), ('ps', 127), ('file:0', None)]
    assert found[0][1] == ['sunar01']


def test_output_before_the_first_marker_is_ignored_and_crlf_read():
    found = split_sections('motd line\r\n%s x\r\nyes\r\n%s rc 1\r\n' % (MARK, MARK))
    assert found == [('x', ['yes'], 1)]


@pytest.mark.parametrize('bad', ['%s rc 0\n' % MARK, '%s a\n%s rc zero\n' % (MARK, MARK)])
def test_bad_status_lines_raise(bad):
    with pytest.raises(ProbeError):
        split_sections(bad)


@pytest.mark.parametrize('target,expected', [
    ('/etc/init.d/arsystem', True), ('../init.d/arsystem', True), ('../init.d/./arsystem', True),
    ('/etc/init.d/arsystem.old', False), ('arsystem', False),
])
def test_link_points_to_absolute_or_relative(target, expected):
    info = {'path': '/etc/rc2.d/S87arsystem', 'exists': True, 'type': 'link', 'target': target}
    assert link_points_to(info, '/etc/init.d/arsystem') is expected


def test_a_file_is_not_a_link_to_anything():
    assert not link_points_to(parse_ls(SOLARIS_FILE, '/etc/ar.conf'), '/etc/ar.conf')


# --- issue 20: the hostid and the text of small files, in the same one-round-trip script

@pytest.mark.parametrize('text,hostid', [('80f1c2a3\n', '80f1c2a3'), ('nohostid\n', None), ('  0badcafe  ', '0badcafe')])
def test_hostid_read(text, hostid):
    assert parse_hostid(text) == hostid


@pytest.mark.parametrize('text', ['', '80F1C2A3', '80f1c2a', 'hostid: not found', '80f1c2a3 80f1c2a4'])
def test_hostid_garbage_is_never_no_hostid(text):
    with pytest.raises(ProbeError, match='not the output of "/usr/bin/hostid"'):
        parse_hostid(text)


def test_contents_of_a_pattern_each_in_its_section():
    script = contents_section(0, '/etc/hostname.*')
    assert script.startswith('for f in /etc/hostname.*; do if [ -f "$f" ]; then')
    reply = ('@@remedy.failover@@ cat:0:/etc/hostname.hme0\nsunar01\n\n@@remedy.failover@@ rc 0\n'
             '@@remedy.failover@@ cat:0:/etc/hostname.qfe0\n192.0.2.11 up\n@@remedy.failover@@ rc 0\n')
    expected = {'/etc/hostname.hme0': 'sunar01', '/etc/hostname.qfe0': '192.0.2.11 up'}
    assert read_contents(by_tag(split_sections(reply))) == expected


def test_a_cut_content_is_never_read_as_empty():
    with pytest.raises(ProbeError, match='no complete answer for the content of /etc/inet/hosts.sunar01'):
        read_contents(by_tag(split_sections('@@remedy.failover@@ cat:1:/etc/inet/hosts.sunar01\n127.0.0.1 localhost\n')))


@pytest.mark.parametrize('pattern', ['etc/hostname.*', '/etc/a b', '/etc/$(x)', '/etc/`x`', "/etc/x';"])
def test_a_pattern_the_shell_would_misread_is_refused(pattern):
    with pytest.raises(ProbeError, match='is not a path or pattern the probe reads'):
        contents_section(0, pattern)
