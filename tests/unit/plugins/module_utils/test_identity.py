"""Unit tests: who the commands run as, from Solaris /usr/bin/id."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.identity import (
    ID_COMMAND,
    IdParseError,
    parse_id,
)


@pytest.mark.parametrize('text, expected', [
    ('uid=0(root) gid=0(root)\n', (0, 'root')),
    ('uid=0(root) gid=1(other)\r\n', (0, 'root')),  # through su on a terminal (ssh -tt)
    ('uid=100(remedy) gid=10(staff)\n', (100, 'remedy')),
    ('uid=1234 gid=10(staff)\n', (1234, None)),  # a uid with no name
    ('Password:\r\nuid=0(root) gid=0(root)\r\n', (0, 'root')),
    (b'uid=60001(nobody) gid=60001(nobody)\n', (60001, 'nobody')),
    ('uid=0(root) gid=0(root) groups=0(root),1(other)', (0, 'root')),  # /usr/bin/id -a, no newline
])
def test_parse_id_reads_the_uid_and_its_name(text, expected):
    assert parse_id(text) == expected


@pytest.mark.parametrize('text', ['', 'id: illegal option -- u\nUsage: id [-ap] [user]\n', 'gid=0(root)\n',
                                  'uid=root\n', 'xuid=0(root)\n', 'uid=0x(root)'])
def test_parse_id_refuses_what_is_not_id_output(text):
    with pytest.raises(IdParseError):
        parse_id(text)


def test_the_command_is_solaris_id_without_flags():
    assert ID_COMMAND.split()[-1] == '/usr/bin/id'
    assert '-u' not in ID_COMMAND.split()
