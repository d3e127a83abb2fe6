"""Build, start, reset and remove the two-box lab (test equipment, not product).

    labctl.py build   build what is missing: base root (debootstrap), box images
    labctl.py up [--pairs 2]
                      build, then (re)create the boxes in the seed's normal state: the seed's pair
                      (sunar01, sunar02), and with --pairs 2 a second pair (sunar03, sunar04)
    labctl.py down    remove every lab box and the lab network
    labctl.py status  show the boxes

The lab network is created here and is the only place lab traffic goes.
Each box's sshd speaks only what SunSSH speaks (SHA-1 key exchange, RSA keys, no root login):
Ansible logs in as LOGIN_USER and becomes root with su and the root password.
In .lab (made once, never committed): root_password (random; each image gets its hash), and in
.lab/ssh the RSA key Ansible logs in with, each box's own RSA host key (hostkeys/BOX, baked into
its image) and the known_hosts that lists, for each pair, both boxes' keys under both names and
name addresses (a rename moves a name to the other box).
Settings (environment): LAB_NET (first three octets, default 172.29.83),
LAB_SUITE (Debian suite, default bookworm), LAB_SVR4SH (Solaris' own Bourne shell for the boxes: a built
shell, the folder of ../shared/svr4sh with its build script, or its tarball; default ../shared/svr4sh beside
the checkout; "none" for the POSIX shell, kinder than Solaris), LAB_STOCK (none: the boxes run none of a site's
other software, kinder than a real box: no Java Web Console, Apache 2, Oracle tools or zones; default all).
"""

import collections
import hashlib
import os
import secrets
import string
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STATE = os.path.join(ROOT, '.lab')
NET = os.environ.get('LAB_NET', '172.29.83')
SUITE = os.environ.get('LAB_SUITE', 'bookworm')
NETWORK = 'remedy-lab'
# csh: a login whose shell is csh (Solaris ships /bin/csh), which the collection must refuse (tests/lab)
PACKAGES = 'python3,openssh-server,iproute2,procps,iputils-arping,csh'
# the base's tag names its package list, so a base made with another list is never taken for this one
BASE_IMAGE = 'remedy-lab/base:%s-%s' % (SUITE, hashlib.sha256(PACKAGES.encode()).hexdigest()[:8])
# plumbing: the container's own docker address; name_address: where its name answers once booted;
# kind: main or failover (the Dockerfile stage); pair: 1 (the seed's) or 2 (a second service, lab-seed);
# solaris: the release its psrinfo answers as (8: no -p, 8 and 9: "Status of processor N"; 10: "virtual processor")
Box = collections.namedtuple('Box', 'container plumbing name name_address kind pair solaris')
BOXES = {
    'main': Box('remedy-lab-main', NET + '.201', 'sunar01', NET + '.11', 'main', 1, '10'),
    'failover': Box('remedy-lab-failover', NET + '.202', 'sunar02', NET + '.12', 'failover', 1, '10'),
    'main-2': Box('remedy-lab-main-2', NET + '.203', 'sunar03', NET + '.13', 'main', 2, '9'),
    'failover-2': Box('remedy-lab-failover-2', NET + '.204', 'sunar04', NET + '.14', 'failover', 2, '8'),
}


def boxes(pairs=2):
    """The boxes of the first `pairs` pairs, by their key in BOXES."""
    return sorted(box for box, spec in BOXES.items() if spec.pair <= pairs)


# The login Ansible uses (a user: SunSSH refuses root), its RSA key, and the root password su asks for.
LOGIN_USER = 'remedy'
KEY = os.path.join(STATE, 'ssh', 'id_rsa')
ROOT_PASSWORD = os.path.join(STATE, 'root_password')
# Each box's own SSH host key (made once, baked into its image), and the known_hosts the lab's clients use:
# every box's key under every service name and name address, since a rename moves a name to the other box.
HOST_KEYS = os.path.join(STATE, 'ssh', 'hostkeys')
KNOWN_HOSTS = os.path.join(STATE, 'ssh', 'known_hosts')


def sh(*cmd, **kwargs):
    print('+ ' + ' '.join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kwargs)


def quiet(*cmd):
    return subprocess.run(cmd, check=False, capture_output=True, text=True)


def image_exists(image):
    return quiet('docker', 'image', 'inspect', image).returncode == 0


def debian_mirror():
    """The mirror this machine's apt uses (deb822 or one-line sources)."""
    for path in ('/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'):
        try:
            with open(path) as handle:
                for line in handle:
                    words = line.split()
                    if words[:1] == ['URIs:']:
                        return words[1]
                    if words[:1] == ['deb'] and 'security' not in line:
                        return [w for w in words[1:] if not w.startswith('[')][0]
        except (OSError, IndexError):
            continue
    return 'http://deb.debian.org/debian'


def build_base():
    if image_exists(BASE_IMAGE):
        return
    if not shutil.which('debootstrap'):
        sys.exit('labctl: debootstrap is not installed: apt-get install debootstrap')
    work = tempfile.mkdtemp(prefix='remedy-lab-root-')
    try:
        sh('debootstrap', '--variant=minbase', '--include=' + PACKAGES, SUITE, work, debian_mirror(),
           stdout=subprocess.DEVNULL)
        for junk in ('var/cache/apt/archives', 'var/lib/apt/lists'):
            path = os.path.join(work, junk)
            for entry in os.listdir(path):
                full = os.path.join(path, entry)
                if os.path.isfile(full):
                    os.unlink(full)
        tar = subprocess.Popen(['tar', '-C', work, '-c', '.'], stdout=subprocess.PIPE)
        sh('docker', 'import', '-', BASE_IMAGE, stdin=tar.stdout)
        tar.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


# Solaris' own Bourne shell (the OpenSolaris /sbin/sh, Heirloom port: third-party test equipment that lives in
# ../shared/svr4sh, built from there, never copied into the project). Built once into .lab/svr4sh/sh.
SVR4SH = os.path.join(STATE, 'svr4sh', 'sh')
SVR4SH_DEFAULT = os.path.join(os.path.dirname(ROOT), 'shared', 'svr4sh')


def svr4sh():
    """The path of Solaris' Bourne shell for the boxes, built when needed; None (with a word why) when it cannot be
    had: the lab then runs Debian's POSIX shell, kinder than Solaris'."""
    given = os.environ.get('LAB_SVR4SH', SVR4SH_DEFAULT)
    if given in ('', 'none'):
        return None
    given = os.path.abspath(given)
    if os.path.isfile(given) and not given.endswith('.tar.gz'):
        return given  # a built shell
    folder = os.path.dirname(given) if given.endswith('.tar.gz') else given
    script, tarball = os.path.join(folder, 'build'), os.path.join(folder, 'heirloom-sh.tar.gz')
    if not (os.path.isfile(script) and os.path.isfile(tarball)):
        print('labctl: no SVR4 shell at %s (LAB_SVR4SH): the lab runs a POSIX shell, kinder than Solaris' % given)
        return None
    stamp = SVR4SH + '.source'
    with open(tarball, 'rb') as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    if os.path.exists(SVR4SH) and os.path.exists(stamp):
        with open(stamp) as handle:
            if handle.read().strip() == digest:
                return SVR4SH
    os.makedirs(os.path.dirname(SVR4SH), exist_ok=True)
    if not (shutil.which('cc') and shutil.which('make')) and shutil.which('apt-get') and os.geteuid() == 0:
        print('labctl: installing a C compiler and make (to build the SVR4 shell)', flush=True)
        quiet('apt-get', 'update', '-qq')
        subprocess.run(['apt-get', 'install', '-y', '-qq', 'gcc', 'make', 'libc6-dev'], check=False,
                       env=dict(os.environ, DEBIAN_FRONTEND='noninteractive'), capture_output=True)
    made = subprocess.run(['sh', script, SVR4SH], capture_output=True, text=True)
    if made.returncode != 0 or not os.path.exists(SVR4SH):
        print('labctl: the SVR4 shell did not build (%s): the lab runs a POSIX shell, kinder than Solaris'
              % (made.stderr.strip() or made.stdout.strip() or 'no output'))
        return None
    with open(stamp, 'w') as handle:
        handle.write(digest + '\n')
    return SVR4SH


def ssh_key():
    """The login's RSA key (SunSSH takes RSA user keys; OpenSSH dropped DSA), made once; returns the public line."""
    if not os.path.exists(KEY):
        os.makedirs(os.path.dirname(KEY), exist_ok=True)
        sh('ssh-keygen', '-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'remedy-lab', '-f', KEY)
    with open(KEY + '.pub') as handle:
        return handle.read()


def root_password():
    """The lab's root password (random, made once in .lab/root_password, mode 0600) and its crypt(3) hash.

    The hash is made in the base image (perl's crypt is the box's own libcrypt), the password on its stdin,
    never in a command line; only the hash goes into the images.
    """
    if not os.path.exists(ROOT_PASSWORD):
        os.makedirs(STATE, exist_ok=True)
        alphabet = string.ascii_letters + string.digits
        descriptor = os.open(ROOT_PASSWORD, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, 'w') as handle:
            handle.write(''.join(secrets.choice(alphabet) for dummy in range(20)) + '\n')
    with open(ROOT_PASSWORD) as handle:
        password = handle.read().strip()
    hashed = ROOT_PASSWORD + '.hash'
    if not os.path.exists(hashed) or os.path.getmtime(hashed) < os.path.getmtime(ROOT_PASSWORD):
        salt = ''.join(secrets.choice(string.ascii_letters + string.digits + './') for dummy in range(16))
        made = subprocess.run(['docker', 'run', '--rm', '-i', '--network', 'none', BASE_IMAGE, 'perl', '-e',
                               'my $p = <STDIN>; chomp $p; print crypt($p, "\\$6\\$" . $ARGV[0] . "\\$")', salt],
                              input=password + '\n', check=True, capture_output=True, text=True)
        if not made.stdout.startswith('$6$' + salt + '$'):
            sys.exit('labctl: could not hash the root password in %s: %s' % (BASE_IMAGE, made.stderr))
        descriptor = os.open(hashed, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, 'w') as handle:
            handle.write(made.stdout.strip() + '\n')
    with open(hashed) as handle:
        return password, handle.read().strip()


def host_key(box):
    """The box's own RSA host key (SunSSH's kind), made once in .lab/ssh/hostkeys/BOX; returns the public line."""
    path = os.path.join(HOST_KEYS, box, 'ssh_host_rsa_key')
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        sh('ssh-keygen', '-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'remedy-lab-' + box, '-f', path)
    with open(path + '.pub') as handle:
        return handle.read().strip()


def known_hosts():
    """Per pair, both boxes' keys under both names and name addresses: ssh accepts a host when any line matches."""
    lines = ['# remedy lab (labctl.py build): each box has its own host key; a rename moves a name\'s',
             '# address to the other box of its pair, so each box\'s key is listed under both names of its pair.']
    for pair in sorted({spec.pair for spec in BOXES.values()}):
        members = [spec for spec in BOXES.values() if spec.pair == pair]
        hosts = ','.join(sorted(b.name for b in members) + sorted(b.name_address for b in members))
        lines += ['%s %s' % (hosts, host_key(box)) for box in sorted(BOXES) if BOXES[box].pair == pair]
    with open(KNOWN_HOSTS, 'w') as handle:
        handle.write('\n'.join(lines) + '\n')


def build(pairs=1):
    build_base()
    known_hosts()
    context = tempfile.mkdtemp(prefix='remedy-lab-ctx-')
    try:
        shutil.copytree(os.path.join(HERE, 'rootfs'), os.path.join(context, 'rootfs'), symlinks=True)
        shutil.copy(os.path.join(HERE, 'Dockerfile'), context)
        # the boxes' /bin/sh: Solaris' own Bourne shell when it can be had (svr4/sh), else Debian's dash stays
        os.makedirs(os.path.join(context, 'svr4'))
        shell = svr4sh()
        if shell:
            shutil.copy(shell, os.path.join(context, 'svr4', 'sh'))
            print('labctl: the boxes\' /bin/sh is Solaris\' Bourne shell (%s)' % shell)
        for box in boxes(pairs):  # the RSA host key only (a lab made before SunSSH's sshd also left ed25519 keys)
            os.makedirs(os.path.join(context, 'hostkeys', box))
            for name in ('ssh_host_rsa_key', 'ssh_host_rsa_key.pub'):
                shutil.copy(os.path.join(HOST_KEYS, box, name), os.path.join(context, 'hostkeys', box, name))
        with open(os.path.join(context, 'authorized_keys'), 'w') as handle:
            handle.write(ssh_key())
        with open(os.path.join(context, 'root.hash'), 'w') as handle:
            handle.write(root_password()[1] + '\n')
        for box in boxes(pairs):
            spec = BOXES[box]
            sh('docker', 'build', '-q', '--target', spec.kind, '--build-arg', 'BASE=' + BASE_IMAGE,
               '--build-arg', 'NET=' + NET, '--build-arg', 'PAIR=%d' % spec.pair, '--build-arg', 'KEYS=' + box,
               '-t', 'remedy-lab/box:' + box, context, stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(context, ignore_errors=True)


def network():
    if quiet('docker', 'network', 'inspect', NETWORK).returncode != 0:
        sh('docker', 'network', 'create', '--subnet', NET + '.0/24', NETWORK, stdout=subprocess.DEVNULL)


def wait_port(address, port, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection((address, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def up(pairs=1):
    build(pairs)
    down(keep_network=True)
    network()
    for box in boxes(pairs):
        spec = BOXES[box]
        sh('docker', 'run', '-d', '--name', spec.container, '--network', NETWORK, '--ip', spec.plumbing,
           '--cap-add', 'NET_ADMIN', '--cap-add', 'SYS_ADMIN', '--restart', 'always', '-e', 'LAB_SOLARIS=' + spec.solaris,
           '--label', 'remedy-lab=box', '-e', 'LAB_STOCK=' + os.environ.get('LAB_STOCK', 'none'),
           'remedy-lab/box:' + box, stdout=subprocess.DEVNULL)
    for box in boxes(pairs):
        spec = BOXES[box]
        if not wait_port(spec.name_address, 22, 60):
            sys.exit('labctl: %s (%s) did not come up at %s:22; see docker logs %s'
                     % (spec.name, box, spec.name_address, spec.container))
        print('%s box is up as %s at %s' % (box, spec.name, spec.name_address))


def down(keep_network=False):
    for spec in BOXES.values():
        quiet('docker', 'rm', '-f', spec.container)
    if not keep_network:
        quiet('docker', 'network', 'rm', NETWORK)


def status():
    sh('docker', 'ps', '-a', '--filter', 'label=remedy-lab=box',
       '--format', 'table {{.Names}}\t{{.Status}}\t{{.Image}}')


def main(argv):
    usage = 'usage: labctl.py build|up [--pairs 1|2] | down | status'
    commands = {'build': build, 'up': up, 'down': down, 'status': status}
    if not argv or argv[0] not in commands:
        sys.exit(usage)
    if argv[1:] == []:
        commands[argv[0]]()
    elif argv[0] in ('build', 'up') and len(argv) == 3 and argv[1] == '--pairs' and argv[2] in ('1', '2'):
        commands[argv[0]](int(argv[2]))
    else:
        sys.exit(usage)


if __name__ == '__main__':
    main(sys.argv[1:])
