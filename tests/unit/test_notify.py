"""playbooks/tasks/notify.yml for real: ansible-playbook sends through an SMTP server (aiosmtpd) on 127.0.0.1.

The playbook tests/unit/playbooks/notify.yml includes the task file once per notice (before, after, failed), as
switch.yml does, on the pair (two hosts at unreachable TEST-NET addresses: the mail goes from the controller and
nothing reaches the boxes) or on localhost. Nothing on the mail path is mocked.
"""

import datetime
import email
import email.policy
import json
import os
import socket
import ssl
import struct
import subprocess
import sys
import threading

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
PLAYBOOK = os.path.join(ROOT, 'tests', 'unit', 'playbooks', 'notify.yml')
TO = ['ops@example.org', 'Remedy users <users@example.org>']
PASSWORD = 'Relay-Pa55-7f3e9c'  # never in the output
SUBJECTS = [
    '[Remedy] Remedy service interruption: moving to the failover box now',
    '[Remedy] Remedy is back on the failover box (42 s down)',
    '[Remedy] Remedy move FAILED: operator attention needed',
]
LINES = [
    ['Planned move of Remedy from the main box (at sunar01) to the failover box (at sunar02).'],
    ['Remedy runs on the failover box at sunar01 (1 processors).',
     'Service down for 42 s (from the stop on the main box to the check from the controller).',
     'Left for the operator: the main box was halted by this run; boot it at its console (boot); it comes up '
     'as sunar02 without Remedy.'],
    ['sunar01 (172.29.83.11) answers with 2 processors, named sunar01; expected the failover box.'],
]


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class Relay:
    """What the SMTP server received: envelopes, parsed messages, logins."""

    def __init__(self):
        self.envelopes = []
        self.messages = []
        self.logins = []
        self.port = None

    async def handle_DATA(self, server, session, envelope):  # pylint: disable=invalid-name,unused-argument
        self.envelopes.append((envelope.mail_from, sorted(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return '250 Message accepted for delivery'

    def authenticate(self, server, session, envelope, mechanism, auth_data):  # pylint: disable=unused-argument
        self.logins.append((mechanism, auth_data.login.decode(), auth_data.password.decode(),
                            session.ssl is not None))
        return AuthResult(success=auth_data.password.decode() == PASSWORD)


def body(message):
    return message.get_body(preferencelist=('plain',)).get_content()


@pytest.fixture
def relay():
    received = Relay()
    received.port = free_port()
    controller = Controller(received, hostname='127.0.0.1', port=received.port)
    controller.start()
    yield received
    controller.stop()


@pytest.fixture
def tls_relay(tmp_path):
    """A relay as a site has one: STARTTLS (a self-signed certificate), AUTH only after it."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'localhost')])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    (tmp_path / 'relay.crt').write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / 'relay.key').write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                           serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(tmp_path / 'relay.crt'), str(tmp_path / 'relay.key'))
    received = Relay()
    received.port = free_port()
    controller = Controller(received, hostname='127.0.0.1', port=received.port, tls_context=context,
                            authenticator=received.authenticate, auth_require_tls=True, auth_required=True)
    controller.start()
    yield received
    controller.stop()


@pytest.fixture
def plain_relay():
    """A relay that offers AUTH on its plain connection and no TLS at all (no TLS on connect, no STARTTLS)."""
    received = Relay()
    received.port = free_port()
    controller = Controller(received, hostname='127.0.0.1', port=received.port, authenticator=received.authenticate,
                            auth_require_tls=False, auth_required=True)
    controller.start()
    yield received
    controller.stop()


class ResettingRelay:
    """A relay that resets a connection opening with a TLS handshake, and offers AUTH on a plain one.

    What a TLS port in front of a plain relay, or a firewall, can do; community.general.mail's secure: always
    then goes on in plain text and logs in there. Every byte received in plain text is kept.
    """

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(('127.0.0.1', 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.received = b''
        self.resets = 0
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn = self.server.accept()[0]
            except OSError:
                return
            threading.Thread(target=self.talk, args=(conn,), daemon=True).start()

    def talk(self, conn):
        with conn:
            conn.settimeout(0.5)
            try:
                first = conn.recv(1, socket.MSG_PEEK)
            except socket.timeout:
                first = b''
            if first == b'\x16':  # a TLS ClientHello
                self.resets += 1
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                return
            conn.settimeout(10)
            stream = conn.makefile('rwb')
            answers = {b'EHLO': b'250-relay\r\n250 AUTH PLAIN LOGIN\r\n', b'AUTH': b'235 ok\r\n', b'QUIT': b'221 bye\r\n'}
            stream.write(b'220 relay ESMTP\r\n')
            stream.flush()
            data = False
            for line in stream:
                self.received += line
                if data:
                    data = line != b'.\r\n'
                    if not data:
                        stream.write(b'250 ok\r\n')
                else:
                    verb = line[:4].upper()
                    data = verb == b'DATA'
                    stream.write(b'354 go on\r\n' if data else answers.get(verb, b'250 ok\r\n'))
                stream.flush()
                if line[:4].upper() == b'QUIT':
                    return


@pytest.fixture
def resetting_relay():
    relay_ = ResettingRelay()
    yield relay_
    relay_.server.close()


@pytest.fixture
def refused_port():
    """A port bound but not listening: every connection is refused, and nobody else can take it meanwhile."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        yield sock.getsockname()[1]


@pytest.fixture
def pair(tmp_path):
    """The pair at addresses nothing answers, and a site inventory that lists localhost as an SSH host."""
    inventory = tmp_path / 'pair.ini'
    inventory.write_text('[remedy]\nsunar01 ansible_host=192.0.2.11\nsunar02 ansible_host=192.0.2.12\n'
                         '[controller]\nlocalhost ansible_connection=ssh ansible_host=192.0.2.99 '
                         'ansible_python_interpreter=/nonexistent/python3\n')
    return ['-i', str(inventory), '-l', 'remedy']


LOCALHOST = ['-i', 'localhost,', '-c', 'local']


def run(inventory, *args, **extra_vars):
    """ansible-playbook as the checkout runs it (its ansible.cfg), with extra vars as JSON."""
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
               USER='operator-jane')
    env.pop('SUDO_USER', None)
    command = [os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), PLAYBOOK] + inventory
    if extra_vars:
        command += ['-e', json.dumps(extra_vars)]
    result = subprocess.run(command + list(args), cwd=ROOT, env=env, check=False, capture_output=True, text=True, timeout=180)
    result.output = result.stdout + result.stderr
    result.flat = ' '.join(result.output.split())  # the yaml callback folds long messages
    return result


def mail_vars(port, **more):
    settings = dict(remedy_failover_mail_host='127.0.0.1', remedy_failover_mail_port=port, remedy_failover_mail_to=TO)
    settings.update(more)
    return settings


DOWNTIME = {'__remedy_failover_test_down_at': 1800000000.0, '__remedy_failover_test_up_at': 1800000042.4}


@pytest.mark.parametrize('where', ['pair', 'localhost'])
def test_users_get_one_mail_per_notice(relay, pair, where):
    result = run(pair if where == 'pair' else LOCALHOST, **mail_vars(relay.port, **DOWNTIME))
    assert result.returncode == 0, result.output
    assert 'WARNING' not in result.output
    # one mail per notice, however many hosts the play has
    assert [m['X-Remedy-Failover-Notice'] for m in relay.messages] == ['before', 'after', 'failed']
    assert [m['Subject'] for m in relay.messages] == SUBJECTS
    for (sender, recipients), message, lines in zip(relay.envelopes, relay.messages, LINES):
        assert recipients == ['ops@example.org', 'users@example.org']
        assert message['To'] == 'ops@example.org, Remedy users <users@example.org>'
        assert sender.startswith('remedy-failover@') and len(sender) > len('remedy-failover@')
        assert message['From'] == sender
        text = body(message)
        for line in lines:
            assert '- ' + line + '\n' in text
        assert '- \n' not in text  # empty summary lines are dropped
        assert 'Pair remedy, service name sunar01.' in text
        assert 'Run by operator-jane from ' in text
    assert body(relay.messages[0]).startswith('Remedy (sunar01) is being moved to the failover box now.')
    assert body(relay.messages[1]).startswith('Remedy (sunar01) is available again, on the failover box.')
    assert body(relay.messages[2]).startswith('The move of Remedy (sunar01) to the failover box did not finish.')


def test_awx_user_sender_prefix_and_unknown_downtime(relay, pair):
    result = run(pair, **mail_vars(relay.port, remedy_failover_mail_to='users@example.org',
                                   remedy_failover_mail_from='Remedy failover <remedy@example.org>',
                                   remedy_failover_mail_subject_prefix='[PROD]', awx_user_name='awx-bob'))
    assert result.returncode == 0, result.output
    assert [m['Subject'] for m in relay.messages] == [
        '[PROD] Remedy service interruption: moving to the failover box now',
        '[PROD] Remedy is back on the failover box',  # no downtime recorded: none told
        '[PROD] Remedy move FAILED: operator attention needed',
    ]
    assert relay.envelopes[0] == ('remedy@example.org', ['users@example.org'])
    assert relay.messages[0]['From'] == 'Remedy failover <remedy@example.org>'
    assert all('Run by awx-bob from ' in body(m) for m in relay.messages)


def test_check_mode_sends_nothing(relay, pair):
    result = run(pair, '--check', **mail_vars(relay.port, **DOWNTIME))
    assert result.returncode == 0, result.output
    assert relay.messages == []
    assert result.output.count('TASK [Send the mail through the relay]') == 3
    assert 'WARNING' not in result.output


@pytest.mark.parametrize('missing', ['remedy_failover_mail_host', 'remedy_failover_mail_to'])
def test_nothing_sent_without_host_or_recipients(relay, pair, missing):
    settings = mail_vars(relay.port)
    del settings[missing]
    result = run(pair, **settings)
    assert result.returncode == 0, result.output
    assert relay.messages == []
    assert 'WARNING' not in result.output
    assert 'failed=0' in result.output


def test_relay_refusing_connections_only_warns(pair, refused_port):
    result = run(pair, **mail_vars(refused_port, **DOWNTIME))
    assert result.returncode == 0, result.output  # the play goes on, even with any_errors_fatal
    for notice in ('before', 'after', 'failed'):
        assert ('WARNING: the users were NOT told by mail (%s): sending through the relay 127.0.0.1:%d failed:'
                % (notice, refused_port)) in result.flat
    assert result.flat.count('Connection refused. The run goes on; tell the users another way.') == 3
    assert 'failed=0' in result.output


def test_password_never_in_output(tls_relay, pair):
    result = run(pair, '-vvv', **mail_vars(tls_relay.port, remedy_failover_mail_username='remedy-mailer',
                                           remedy_failover_mail_password=PASSWORD, **DOWNTIME))
    assert result.returncode == 0, result.output
    # the password was used: one login per mail, over STARTTLS
    assert [login[1:] for login in tls_relay.logins] == [('remedy-mailer', PASSWORD, True)] * 3
    assert [m['Subject'] for m in tls_relay.messages] == SUBJECTS
    assert PASSWORD not in result.output
    assert 'WARNING' not in result.output


def test_password_never_in_output_when_the_relay_refuses(pair, refused_port):
    result = run(pair, '-vvv', **mail_vars(refused_port, remedy_failover_mail_username='remedy-mailer',
                                           remedy_failover_mail_password=PASSWORD))
    assert result.returncode == 0, result.output
    assert result.flat.count('Connection refused. The run goes on; tell the users another way.') == 3
    assert PASSWORD not in result.output


NO_TLS = ('the relay offers no TLS (none on connect, no STARTTLS), and the password is never sent in clear, so nothing '
          'was sent; give the relay TLS or use one that has it (or, if it needs no login, unset '
          'remedy_failover_mail_username/_password). The run goes on; tell the users another way.')


PLAIN_AUTH = pytest.mark.filterwarnings('ignore:Requiring AUTH while not requiring TLS')  # that relay is the point


@PLAIN_AUTH
@pytest.mark.parametrize('secure', [None, 'try', 'starttls', 'always'])
def test_no_password_to_a_relay_without_tls(plain_relay, pair, secure):
    settings = mail_vars(plain_relay.port, remedy_failover_mail_username='remedy-mailer',
                         remedy_failover_mail_password=PASSWORD, **DOWNTIME)
    if secure:
        settings['remedy_failover_mail_secure'] = secure
    result = run(pair, '-vvv', **settings)
    assert result.returncode == 0, result.output  # a mail never stops a failover
    assert plain_relay.logins == []  # the relay offered AUTH in plain text: nothing was sent to it
    assert plain_relay.messages == []
    for notice in ('before', 'after', 'failed'):
        assert ('WARNING: the users were NOT told by mail (%s): sending through the relay 127.0.0.1:%d failed: %s'
                % (notice, plain_relay.port, NO_TLS)) in result.flat
    assert PASSWORD not in result.output
    assert 'failed=0' in result.output


def test_no_password_when_the_tls_handshake_is_reset(resetting_relay, pair):
    result = run(pair, '-vvv', **mail_vars(resetting_relay.port, remedy_failover_mail_username='remedy-mailer',
                                           remedy_failover_mail_password=PASSWORD, remedy_failover_mail_secure='always'))
    assert result.returncode == 0, result.output
    assert resetting_relay.resets >= 3  # each mail tried TLS first
    assert b'AUTH' not in resetting_relay.received.upper() and b'DATA' not in resetting_relay.received.upper()
    assert result.flat.count(NO_TLS) == 3
    assert PASSWORD not in result.output


@PLAIN_AUTH
def test_never_with_a_login_sends_nothing(plain_relay, pair):
    result = run(pair, **mail_vars(plain_relay.port, remedy_failover_mail_username='remedy-mailer',
                                   remedy_failover_mail_password=PASSWORD, remedy_failover_mail_secure='never'))
    assert result.returncode == 0, result.output
    assert plain_relay.logins == [] and plain_relay.messages == []
    assert result.flat.count(
        'failed: remedy_failover_mail_secure is never while a relay login is set, and the password is never sent in '
        'clear, so nothing was sent; set remedy_failover_mail_secure to starttls (or unset it), or drop '
        'remedy_failover_mail_username/_password. The run goes on; tell the users another way.') == 3
    assert PASSWORD not in result.output


def test_without_a_login_a_relay_without_tls_gets_the_mail(relay, pair):
    result = run(pair, **mail_vars(relay.port, remedy_failover_mail_secure='try'))
    assert result.returncode == 0, result.output
    assert [m['Subject'] for m in relay.messages] == [s.replace(' (42 s down)', '') for s in SUBJECTS]
    assert 'WARNING' not in result.output
