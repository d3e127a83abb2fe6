# -*- coding: utf-8 -*-
# Copyright: (c) 2026, remedy.failover contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Whether the controller's ssh client can do what the inventory's ssh arguments ask: DSA (ssh-dss).

OpenSSH 10 (Debian 13's) has no DSA at all: ``ssh -Q key`` lists no ssh-dss, and an ``-o HostKeyAlgorithms=+ssh-dss``
(or PubkeyAcceptedAlgorithms...) makes ssh stop with "Bad key types" before it connects; a Solaris 9 box whose only
host key is DSA cannot be reached from it. Play 0 refuses such an inventory before any box is contacted
(remedy.failover.ssh_client); these pure functions decide.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shlex

DSA = 'ssh-dss'
# the ssh options whose value is a list of key or signature types (ssh_config(5)), lower case
KEY_TYPE_OPTIONS = frozenset((
    'hostkeyalgorithms', 'pubkeyacceptedalgorithms', 'pubkeyacceptedkeytypes', 'hostbasedacceptedalgorithms',
    'hostbasedkeytypes', 'casignaturealgorithms',
))
# the refusal's row in the troubleshooting guide (hacking/doc_tables.py): code: (the run says, it means, what to do)
REFUSALS = {
    'ssh_dsa': (
        'The inventory asks for DSA keys (ssh-dss) for H (setting: option), but this controller\'s ssh client has no '
        'DSA',
        'the hosts\' ssh arguments name ssh-dss (HostKeyAlgorithms, PubkeyAcceptedAlgorithms...) and the controller\'s '
        'OpenSSH is 10 or later (ssh -Q key lists no ssh-dss): ssh would stop before connecting',
        'give the box an RSA host key and the login an RSA key and write ssh-rsa for ssh-dss, or run from an '
        'OpenSSH 9 controller (the inventory guide, OpenSSH 10 on the controller)'),
}


def client_key_types(ssh_q_key):
    """The key types the client knows, from ``ssh -Q key``'s output (one a line); None when there is none to read
    (the client could not be asked: then nothing is refused on its account)."""
    types = frozenset(line.strip() for line in (ssh_q_key or '').splitlines() if line.strip())
    return types or None


def ssh_options(args):
    """The ``-o`` options of an ssh argument string, as (name, value) pairs in order: ``-o Name=value``,
    ``-oName=value``, ``-o 'Name value'``. An argument string that does not split (an unbalanced quote) has none
    (ssh would refuse it itself)."""
    try:
        words = shlex.split(args or '')
    except ValueError:
        return []
    options = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word == '-o' and index < len(words):
            option = words[index]
            index += 1
        elif word.startswith('-o') and len(word) > 2:
            option = word[2:]
        else:
            continue
        option = option.strip()
        name, sep, value = option.partition('=')
        if not sep:
            name, dummy, value = option.partition(' ')
        options.append((name.strip(), value.strip()))
    return options


def dsa_requests(args):
    """The options of an ssh argument string that ask for DSA: a key type list option (``KEY_TYPE_OPTIONS``) whose
    value lists ssh-dss (or its certificate type) to use or add (``+``, ``^`` or a plain list; ``-`` removes it, and
    that asks for nothing). Each as ``Name=value``, as written."""
    found = []
    for name, value in ssh_options(args):
        if name.lower() not in KEY_TYPE_OPTIONS or value.startswith('-'):
            continue
        types = [t.strip() for t in value.lstrip('+^').split(',')]
        if any(t == DSA or t.startswith(DSA + '-cert') for t in types):
            found.append('%s=%s' % (name, value))
    return found


def dsa_refusal(host_args, key_types):
    """The refusal for hosts whose ssh arguments ask for DSA when the client has none, else None.

    host_args: {host: {setting: ssh argument string}}, the settings as a user writes them (ansible_ssh_args,
    ansible_ssh_common_args, ansible_ssh_extra_args). key_types: client_key_types() (None: the client's types are
    unknown, nothing is refused).
    """
    if key_types is None or DSA in key_types:
        return None
    asking = []
    for host in sorted(host_args):
        for setting in sorted(host_args[host]):
            requests = dsa_requests(host_args[host][setting])
            if requests:
                asking.append('%s (%s: %s)' % (host, setting, ', '.join(requests)))
    if not asking:
        return None
    return ('The inventory asks for DSA keys (ssh-dss) for %s, but this controller\'s ssh client has no DSA '
            '(`ssh -Q key` lists no ssh-dss: OpenSSH 10 and later dropped it), so ssh would stop before connecting. '
            'Give each such box an RSA host key (ssh-keygen -t rsa -N \'\' -f /etc/ssh/ssh_host_rsa_key, a HostKey '
            'line for it in /etc/ssh/sshd_config, sshd restarted; its line in known_hosts), use an RSA login key, and '
            'write ssh-rsa for ssh-dss in those arguments; or run from a controller whose OpenSSH still has DSA '
            '(9.x). Nothing was changed and no box was contacted.'
            % '; '.join(asking))
