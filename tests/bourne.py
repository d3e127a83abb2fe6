"""The Bourne shell gate: does a script run under Solaris 8-10's SVR4 /bin/sh with Solaris' own commands?

A script is parsed by a real shell parser (Debian's shfmt, ``shfmt -ln bash --to-json``: the bash grammar, so
every bash extension is seen and named), then its syntax tree is walked:

* constructs the SVR4 Bourne shell (``usr/src/cmd/sh``) lacks are rejected: ``$(...)``, ``$((...))``, ``((...))``,
  ``${#v}``, ``${v%..}`` ``${v%%..}`` ``${v#..}`` ``${v##..}`` ``${v/..}`` ``${v:o:l}`` ``${v^..}`` ``${!v}``,
  arrays, ``${10}``, ``!`` before a pipeline, ``[[ ]]``, ``function``, ``local``/``declare``/``typeset``,
  ``export NAME=value``, ``~``, ``$'..'``, ``<<<``, ``&>``, ``>|``, ``|&``, ``;&``, ``for ((..))``, ``select``,
  ``let``, ``time``, ``coproc``, ``<(..)``, extended globs, ``+=``;
* every command must be in COMMANDS (Solaris 8-10 commands, each with its manual page) and use only the options
  listed there (``grep -q``, ``sed -i``, ``date +%s``, ``id -u``, ``test -e`` are refused);
* a script the collection sends must start with ``LC_ALL=C; export LC_ALL``.

``check(text, name)`` returns the violations (strings naming the script, the line and the construct);
``assert_bourne(text, name)`` raises GateError listing them all.
"""

import json
import os
import re
import shutil
import subprocess

PROLOGUE = 'LC_ALL=C; export LC_ALL; '
# Solaris 10 Reference Manual Collection: man pages section 1 (User Commands, 816-5165) and 1M (System
# Administration Commands, 816-5166); every option below is also in the Solaris 8 and 9 pages unless noted.
S1 = 'Solaris 8-10 man pages section 1'
S1M = 'Solaris 8-10 man pages section 1M'
SH = 'sh(1), %s (SVR4 Bourne shell builtins)' % S1


class GateError(AssertionError):
    """A script does not pass the Bourne shell gate."""


def spec(man, flags='', with_arg='', operands=None, options_anywhere=False):
    """A command: its manual page, its one-letter flags, the flags that take a value, an operand checker."""
    return {'man': man, 'flags': flags, 'with_arg': with_arg, 'operands': operands,
            'options_anywhere': options_anywhere}


def _no_options(name):
    return spec('%s, %s' % (name, SH))


# date(1): the conversion specifications of Solaris 8's date; no %s (seconds since the epoch), %N, %z, %P, %-d ...
DATE_FORMATS = set('%aAbBcCdDehHIjmMnprRStTuUVwWxXyYZ')


def _date(args):
    for arg in args:
        if arg is None or not arg.startswith('+'):
            continue
        for conv in re.findall(r'%(.)', arg.replace('%%', '')):
            if conv not in DATE_FORMATS:
                yield 'date +...%%%s (Solaris date(1) has no %%%s conversion)' % (conv, conv)


# ps(1): -o formats of Solaris 8-10
PS_FORMATS = {'user', 'ruser', 'group', 'rgroup', 'uid', 'ruid', 'gid', 'rgid', 'pid', 'ppid', 'pgid', 'sid',
              'pri', 'opri', 'pcpu', 'pmem', 'vsz', 'rss', 'osz', 'nice', 'class', 'time', 'etime', 'stime', 'f',
              's', 'c', 'lwp', 'nlwp', 'psr', 'tty', 'addr', 'wchan', 'fname', 'comm', 'args'}


def _ps(args, values):
    for flag, value in values:
        if flag == 'o' and value is not None:
            for field in re.split(r'[ ,]+', value):
                name = field.split('=', 1)[0]
                if name and name not in PS_FORMATS:
                    yield 'ps -o %s (not a Solaris ps format)' % name
    return


TEST_OPERATORS = {'-b', '-c', '-d', '-f', '-g', '-h', '-k', '-L', '-n', '-p', '-r', '-s', '-t', '-u', '-w', '-x',
                  '-z', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-a', '-o'}


def _test(args):
    for arg in args:
        if arg is None:
            continue
        if re.match(r'^-[A-Za-z]+$', arg) and arg not in TEST_OPERATORS:
            yield 'test %s (the Bourne shell test(1) has no %s%s)' % (
                arg, arg, ': use -f, -d or -h, or ls' if arg == '-e' else '')
        elif arg in ('==', '=~', '<', '>'):
            yield 'test %s (not a Bourne shell test operator)' % arg


def _bracket(args):
    if not args or args[-1] != ']':
        yield '[ without a closing ]'
    yield from _test(args[:-1])


def _echo(args):
    if args and args[0] is not None and args[0] in ('-n', '-e', '-E'):
        yield 'echo %s (the Bourne shell echo has no options)' % args[0]
    for arg in args:
        if arg is not None and '\\' in arg:
            yield 'echo with a backslash (Solaris echo interprets it): use /usr/bin/printf'


def _digits(what):
    def check(args):
        for arg in args:
            if arg is not None and not re.match(r'^\d+$', arg):
                yield '%s %s (%s)' % (what, arg, 'a whole number expected')
    return check


def _trap(args):
    for arg in args[1:]:
        if arg is not None and not re.match(r'^\d+$', arg):
            yield 'trap ... %s (the Bourne shell trap takes signal numbers)' % arg


def _shutdown(args, values):
    for flag, value in values:
        if flag == 'i' and value not in ('S', 's', '0', '1', '5', '6', None):
            yield 'shutdown -i %s (Solaris shutdown takes -i S, s, 0, 1, 5 or 6)' % value
        if flag == 'g' and value is not None and not value.isdigit():
            yield 'shutdown -g %s (seconds expected)' % value
    return


def _init(args):
    if len(args) != 1 or (args[0] is not None and args[0] not in list('0123456sSqQ')):
        yield 'init %s (Solaris init takes one of 0-6, s, S, q, Q)' % ' '.join(a or '?' for a in args)


def _ping(args):
    if len(args) == 2 and args[1] is not None and not args[1].isdigit():
        yield 'ping HOST %s (the timeout is whole seconds)' % args[1]
    if len(args) > 2:
        yield 'ping with %d operands (ping HOST [TIMEOUT])' % len(args)


def _set(args):
    for arg in args:
        if arg is not None and arg.startswith('-o'):
            yield 'set -o (not in the Bourne shell)'


def _export(args):
    return ()


COMMANDS = {
    # the Bourne shell's own (sh(1))
    ':': _no_options(':'), '.': _no_options('.'), 'break': _no_options('break'), 'continue': _no_options('continue'),
    'cd': _no_options('cd'), 'echo': spec('echo(1), ' + SH, operands=_echo),
    'exit': spec('exit, ' + SH, operands=_digits('exit')), 'return': spec('return, ' + SH, operands=_digits('return')),
    'getopts': _no_options('getopts'),
    'shift': spec('shift, ' + SH, operands=_digits('shift')), 'pwd': _no_options('pwd'), 'read': _no_options('read'),
    'set': spec('set, ' + SH, flags='aefhkntuvx', operands=_set), 'trap': spec('trap, ' + SH, operands=_trap),
    'umask': spec('umask, ' + SH, operands=_digits('umask')), 'unset': _no_options('unset'),
    'wait': spec('wait, ' + SH, operands=_digits('wait')), 'type': _no_options('type'), 'hash': spec('hash, ' + SH, 'r'),
    'times': _no_options('times'), 'ulimit': spec('ulimit, ' + SH, 'Sfnt'),
    'test': spec('test(1), ' + SH, operands=_test), '[': spec('test(1), ' + SH, operands=_bracket),
    'true': spec('true(1), ' + S1), 'false': spec('false(1), ' + S1),
    # section 1
    'ls': spec('ls(1), ' + S1, 'aAbcCdfFgilLmnopqrRstux1'),
    'cat': spec('cat(1), ' + S1, 'bnsuvet'),
    'cp': spec('cp(1), ' + S1, 'fipRr'),
    'mv': spec('mv(1), ' + S1, 'fi'),
    'rm': spec('rm(1), ' + S1, 'fiRr'),
    'ln': spec('ln(1), ' + S1 + ' (/usr/bin/ln)', 'fns'),
    'cmp': spec('cmp(1), ' + S1, 'ls'),
    'cksum': spec('cksum(1), ' + S1),
    'grep': spec('grep(1), ' + S1 + ' (/usr/bin/grep: no -q, -E, -F, -e)', 'bchilnsvwy'),
    'sed': spec('sed(1), ' + S1 + ' (/usr/bin/sed: no -i, -E, -r)', 'n', 'ef'),
    'awk': spec('awk(1), ' + S1 + ' (old awk)', '', 'fF'),
    'nawk': spec('nawk(1), ' + S1, '', 'fFv'),
    'cut': spec('cut(1), ' + S1, 'ns', 'bcdf'),
    'uname': spec('uname(1), ' + S1, 'aimnprsvX'),
    'hostname': spec('hostname(1), ' + S1),
    'date': spec('date(1), ' + S1 + ' (no %s)', 'u', 'a', operands=_date),
    'id': spec('id(1), ' + S1 + ' (/usr/bin/id: no -u, parse uid=0(root))', 'ap'),
    'ps': spec('ps(1), ' + S1, 'aAcdefjlLPy', 'gGnopstuU', operands=_ps),
    'sleep': spec('sleep(1), ' + S1 + ' (whole seconds)', operands=_digits('sleep')),
    'kill': spec('kill(1), ' + S1, 'l', 's'),
    'printf': spec('printf(1), ' + S1 + ' (/usr/bin/printf: the Bourne shell has no builtin printf)'),
    'mkdir': spec('mkdir(1), ' + S1, 'p', 'm'),
    'chmod': spec('chmod(1), ' + S1, 'fR'),
    'chown': spec('chown(1), ' + S1, 'fhR'),
    'touch': spec('touch(1), ' + S1, 'acm', 'rt'),
    'head': spec('head(1), ' + S1, '', 'n'),
    'wc': spec('wc(1), ' + S1, 'cClmw'),
    'sort': spec('sort(1), ' + S1, 'bcdfimMnru', 'kotTyz'),
    'tr': spec('tr(1), ' + S1, 'cds'),
    'expr': spec('expr(1), ' + S1),
    'basename': spec('basename(1), ' + S1),
    'dirname': spec('dirname(1), ' + S1),
    'nohup': spec('nohup(1), ' + S1 + ' (Solaris 8: no options)'),
    # section 1M
    'psrinfo': spec('psrinfo(1M), ' + S1M + ' (-p from Solaris 9 on: the collection reads a failing -p as unknown)',
                    'vps'),
    'shutdown': spec('shutdown(1M), ' + S1M + ' (uid 0 only)', 'y', 'gi', operands=_shutdown),
    'init': spec('init(1M), ' + S1M, operands=_init),
    'halt': spec('halt(1M), ' + S1M, 'dlnqy'),
    'reboot': spec('reboot(1M), ' + S1M, 'dlnq'),
    'poweroff': spec('poweroff(1M) (halt(1M)), ' + S1M, 'lnqy'),
    'ping': spec('ping(1M), ' + S1M + ' (ping HOST [TIMEOUT]: "HOST is alive" or "no answer from HOST")', 'dlLnrRsv',
                 'iIPt', operands=_ping),
    'arp': spec('arp(1M), ' + S1M + ' (arp HOST | -a | -d HOST | -s HOST ETHER | -f FILE)', 'a', 'dfs'),
}
COMMAND_DIRS = ('/usr/bin', '/bin', '/usr/sbin', '/sbin')
# the site's own scripts the collection runs (the runbook's): any arguments
SITE_SCRIPTS = (r'^/etc/init\.d/[A-Za-z0-9_.-]+$', r'^/etc/rc[0-6S]\.d/[A-Za-z0-9_.-]+$', r'^/etc/setname$',
                r'^/etc/remedy_auto_startup$')
# the lab's own machinery, called by its stand-ins (test equipment, not on a Sun)
LAB_MACHINERY = (r'^/opt/lab/(bin|libexec|gnu)/[A-Za-z0-9_.-]+$', r'^/usr/ar/bin/[A-Za-z0-9_.-]+$')

_REDIRECTS = {63: '<<< (a here-string)', 64: '&> (use >f 2>&1)', 65: '&>> (use >>f 2>&1)', 60: '>| (noclobber)'}
_PARAM_OPS = {76: '${v%...}', 77: '${v%%...}', 78: '${v#...}', 79: '${v##...}'}
_ALLOWED_PARAM_OPS = set(range(68, 76))  # + :+ - :- ? :? = :=
_DECL = {'local': 'local', 'declare': 'declare', 'typeset': 'typeset', 'nameref': 'nameref'}


def shfmt():
    path = shutil.which('shfmt')
    if not path:
        raise GateError('shfmt is not installed: the Bourne shell gate needs it (apt-get install shfmt; '
                        'make unit installs it)')
    return path


def parse(text):
    """The syntax tree of ``text`` (shfmt's JSON), or raise GateError when it does not parse."""
    done = subprocess.run([shfmt(), '-ln', 'bash', '--to-json'], input=text, capture_output=True, text=True,
                          check=False, timeout=60)
    if done.returncode != 0:
        raise GateError('does not parse: %s' % done.stderr.strip())
    return json.loads(done.stdout)


def _line(node):
    return (node.get('Pos') or {}).get('Line', '?')


def literal(word):
    """The value of a word made only of literal text and quotes (no expansion), else None."""
    if not isinstance(word, dict):
        return None
    out = []
    for part in word.get('Parts') or []:
        kind = part.get('Type')
        if kind == 'Lit':
            out.append(re.sub(r'\\(.)', r'\1', part.get('Value', '')))
        elif kind == 'SglQuoted' and not part.get('Dollar'):
            out.append(part.get('Value', ''))
        elif kind == 'DblQuoted' and not part.get('Dollar'):
            inner = literal({'Parts': part.get('Parts') or []})
            if inner is None:
                return None
            out.append(inner)
        else:
            return None
    return ''.join(out)


class _Walker:
    def __init__(self, lab=False):
        self.problems = []
        self.functions = set()
        self.lab = lab

    def add(self, node, what):
        self.problems.append('line %s: %s' % (_line(node) if isinstance(node, dict) else node, what))

    def walk(self, node):
        if isinstance(node, list):
            for item in node:
                self.walk(item)
            return
        if not isinstance(node, dict):
            return
        self.visit(node)
        for key, value in node.items():
            if key not in ('Pos', 'End') and isinstance(value, (dict, list)):
                self.walk(value)

    def visit(self, node):  # noqa: C901  (one place for every construct)
        kind = node.get('Type')
        if node.get('Negated'):
            self.add(node, '! before a pipeline (not in the Bourne shell: use if ...; then :; else ...; fi)')
        if node.get('Coprocess'):
            self.add(node, '|& / coproc (not in the Bourne shell)')
        for redirect in node.get('Redirs') or []:
            if redirect.get('Op') in _REDIRECTS:
                self.add(redirect, _REDIRECTS[redirect['Op']] + ' (not in the Bourne shell)')
        if 'Parts' in node and kind != 'DblQuoted':
            parts = node.get('Parts') or []
            if parts and parts[0].get('Type') == 'Lit' and parts[0].get('Value', '').startswith('~'):
                self.add(parts[0], '~ (no tilde expansion in the Bourne shell: write the path)')
        if kind == 'CmdSubst':
            if not node.get('Backquotes'):
                self.add(node, '$(...) (the Bourne shell has backquotes only)')
        elif kind in ('ArithmExp', 'ArithmCmd'):
            self.add(node, '$((...)) / ((...)) arithmetic (not in the Bourne shell: use expr)')
        elif kind == 'TestClause':
            self.add(node, '[[ ... ]] (not in the Bourne shell: use [ ... ])')
        elif kind == 'FuncDecl':
            if node.get('RsrvWord'):
                self.add(node, 'function NAME (the Bourne shell has NAME() { ...; } only)')
        elif kind == 'DeclClause':
            variant = (node.get('Variant') or {}).get('Value')
            if variant in _DECL:
                self.add(node, '%s (not in the Bourne shell)' % variant)
            else:
                for arg in node.get('Args') or []:
                    if not arg.get('Naked') or arg.get('Value') is not None:
                        self.add(node, '%s NAME=value (the Bourne shell %s takes names only: NAME=value; %s NAME)'
                                 % (variant, variant, variant))
        elif kind in ('LetClause', 'TimeClause', 'CoprocClause', 'TestDecl'):
            names = {'LetClause': 'let', 'TimeClause': 'time', 'CoprocClause': 'coproc', 'TestDecl': '@test'}
            self.add(node, '%s (not in the Bourne shell)' % names[kind])
        elif kind in ('ProcSubst', 'ExtGlob', 'BraceExp'):
            self.add(node, '%s (not in the Bourne shell)' % {'ProcSubst': '<(...) / >(...)',
                                                             'ExtGlob': 'an extended glob', 'BraceExp': '{a,b}'}[kind])
        elif kind == 'ForClause':
            if node.get('Select'):
                self.add(node, 'select (not in the Bourne shell)')
            if (node.get('Loop') or {}).get('Type') == 'CStyleLoop':
                self.add(node, 'for ((...)) (not in the Bourne shell)')
        elif kind == 'BinaryCmd' and node.get('Op') == 13:
            self.add(node, '|& (not in the Bourne shell)')
        elif kind == 'SglQuoted' and node.get('Dollar'):
            self.add(node, "$'...' (not in the Bourne shell)")
        elif kind == 'DblQuoted' and node.get('Dollar'):
            self.add(node, '$"..." (not in the Bourne shell)')
        elif kind == 'ParamExp':
            self.param(node)
        elif kind == 'CallExpr':
            self.call(node)
        if 'Items' in node:
            for item in node.get('Items') or []:
                if item.get('Op') in (31, 32):
                    self.add(item, ';& / ;;& in case (the Bourne shell has ;; only)')

    def param(self, node):
        name = (node.get('Param') or {}).get('Value', '')
        if node.get('Length'):
            self.add(node, '${#%s} (not in the Bourne shell: use expr)' % name)
        if node.get('Excl'):
            self.add(node, '${!%s} (not in the Bourne shell)' % name)
        if node.get('Slice'):
            self.add(node, '${%s:offset:length} (not in the Bourne shell)' % name)
        if node.get('Repl'):
            self.add(node, '${%s/.../...} (not in the Bourne shell: use sed)' % name)
        if node.get('Index') or node.get('Names'):
            self.add(node, '${%s[...]} arrays (not in the Bourne shell)' % name)
        op = (node.get('Exp') or {}).get('Op')
        if op is not None and op not in _ALLOWED_PARAM_OPS:
            self.add(node, '%s (not in the Bourne shell: use expr or sed)'
                     % _PARAM_OPS.get(op, '${%s<operator %s>}' % (name, op)).replace('v', name, 1))
        if re.match(r'^\d\d+$', name):
            self.add(node, '${%s} (the Bourne shell has $0-$9 only: shift)' % name)

    def call(self, node):
        for assign in node.get('Assigns') or []:
            if assign.get('Append'):
                self.add(assign, '+= (not in the Bourne shell)')
            if assign.get('Array') or assign.get('Index'):
                self.add(assign, 'an array assignment (not in the Bourne shell)')
        args = node.get('Args') or []
        if args:
            self.command(node, [literal(a) for a in args])

    def command(self, node, words):
        name = words[0]
        if name is None:
            self.add(node, 'a command whose name is an expansion: the gate cannot check it (write the command)')
            return
        if name in self.functions:
            return
        if name in ('exec', 'nohup') and len(words) > 1:
            if name == 'nohup' or not words[1].startswith('-'):
                return self.command(node, words[1:])
        if name == 'eval':
            self.add(node, 'eval (the gate cannot check what it runs)')
            return
        if any(re.match(p, name) for p in SITE_SCRIPTS):
            return
        if self.lab and any(re.match(p, name) for p in LAB_MACHINERY):
            return
        base = name
        if '/' in name:
            directory, base = name.rsplit('/', 1)
            if directory not in COMMAND_DIRS or base not in COMMANDS:
                self.add(node, 'command %s (not a Solaris 8-10 command this gate knows, nor a site script: add it '
                               'to tests/bourne.py COMMANDS with its manual page if Solaris 8 has it)' % name)
                return
        entry = COMMANDS.get(base)
        if entry is None:
            self.add(node, 'command %s (not a Solaris 8-10 command this gate knows: add it to tests/bourne.py '
                           'COMMANDS with its manual page if Solaris 8 has it)' % name)
            return
        self.options(node, name, entry, words[1:])

    def options(self, node, name, entry, args):
        flags, with_arg = entry['flags'], entry['with_arg']
        operands, values, index = [], [], 0
        takes_options = bool(flags or with_arg)
        while index < len(args):
            arg = args[index]
            index += 1
            if (not takes_options or arg is None or not arg.startswith('-') or arg == '-' or operands
                    or re.match(r'^-\d+$', arg) and name.rsplit('/', 1)[-1] in ('head', 'kill')):
                operands.append(arg)
                continue
            if arg == '--':
                operands.extend(args[index:])
                break
            letters = arg[1:]
            for pos, letter in enumerate(letters):
                if letter in with_arg:
                    value = letters[pos + 1:] or (args[index] if index < len(args) else None)
                    if not letters[pos + 1:]:
                        index += 1
                    values.append((letter, value))
                    break
                if letter not in flags:
                    if name.rsplit('/', 1)[-1] == 'kill' and letters.isupper():
                        break  # kill -HUP
                    self.add(node, '%s -%s (Solaris %s has no -%s; see %s)'
                             % (name, letter, name.rsplit('/', 1)[-1], letter, entry['man']))
                    break
                values.append((letter, None))
        check = entry['operands']
        if check is not None:
            try:
                problems = check(operands, values)
            except TypeError:
                problems = check(operands)
            for problem in problems or ():
                self.add(node, problem)


def _functions(tree):
    names = set()

    def find(node):
        if isinstance(node, list):
            for item in node:
                find(item)
        elif isinstance(node, dict):
            if node.get('Type') == 'FuncDecl':
                names.add((node.get('Name') or {}).get('Value'))
            for key, value in node.items():
                if isinstance(value, (dict, list)):
                    find(value)
    find(tree)
    return names


_SVR4 = []


def svr4_shell():
    """Solaris' own Bourne shell (the OpenSolaris /sbin/sh, built from ../shared/svr4sh by lab/labctl.py, the shell
    the lab's boxes run), or None where it cannot be had (no ../shared/svr4sh, no C compiler)."""
    if not _SVR4:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        shell = None
        if os.path.isfile(os.path.join(root, 'lab', 'labctl.py')):
            import sys  # pylint: disable=import-outside-toplevel
            sys.path.insert(0, os.path.join(root, 'lab'))
            try:
                import labctl  # pylint: disable=import-outside-toplevel
                shell = labctl.svr4sh()
            finally:
                sys.path.pop(0)
        _SVR4.append(shell)
    return _SVR4[0]


def svr4_parse(text):
    """What Solaris' Bourne shell says of ``text`` read with ``sh -n`` (parsed, never run): '' when it parses or
    when the shell cannot be had."""
    shell = svr4_shell()
    if not shell:
        return ''
    done = subprocess.run([shell, '-n'], input=text, capture_output=True, text=True, timeout=30, check=False)
    if done.returncode == 0:
        return ''
    return (done.stderr or done.stdout).strip().replace(shell, 'sh') or 'exit status %d' % done.returncode


def check(text, name, prologue=True, lab=False):
    """The gate's violations for the script ``text`` called ``name``: a list of strings, empty when it passes.

    prologue: the script must start with LC_ALL=C; export LC_ALL (every script the collection sends).
    lab: the lab's stand-ins may call the lab's own machinery under /opt/lab.
    The script is parsed twice: by shfmt (every bash extension named), and by Solaris' own Bourne shell (sh -n).
    """
    try:
        tree = parse(text)
    except GateError as exc:
        return ['%s: %s' % (name, exc)]
    said = svr4_parse(text)
    walker = _Walker(lab=lab)
    walker.functions = _functions(tree)
    walker.walk(tree)
    problems = ['%s: %s' % (name, p) for p in walker.problems]
    if said:
        problems.append('%s: Solaris\' Bourne shell (sh -n) cannot parse it: %s' % (name, said))
    if prologue and not text.startswith(PROLOGUE):
        problems.append('%s: does not start with "%s" (Solaris localises psrinfo, ls, su and date)'
                        % (name, PROLOGUE.strip()))
    return problems


def assert_bourne(text, name, prologue=True, lab=False):
    problems = check(text, name, prologue=prologue, lab=lab)
    if problems:
        raise GateError('the Bourne shell gate refuses %s:\n  %s\n--- script ---\n%s'
                        % (name, '\n  '.join(problems), text[:2000]))


def script_files(root):
    """The shell scripts under ``root`` (a #!/bin/sh first line), sorted."""
    found = []
    for directory, dummy, files in os.walk(root):
        for entry in files:
            path = os.path.join(directory, entry)
            if os.path.islink(path):
                continue
            try:
                with open(path) as handle:
                    first = handle.readline()
            except (OSError, UnicodeDecodeError):
                continue
            if re.match(r'^#!\s*/bin/sh\b', first):
                found.append(path)
    return sorted(found)
