"""Secret lines are masked before any output shows a file: Oracle's PASSWORDS_* always, the site's patterns too."""

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.secret import (
    MASK,
    SecretPatternError,
    compile_patterns,
    mask,
    masked_diff,
)

SECRET = '64F4692D9E6443F'


@pytest.mark.parametrize('site, text, masked, count', [
    pytest.param([], 'PASSWORDS_LISTENER = %s' % SECRET, 'PASSWORDS_LISTENER = ' + MASK, 1, id='oracle-one-line'),
    pytest.param([], 'passwords_listener=(%s, old)' % SECRET, 'passwords_listener= ' + MASK, 1, id='oracle-lower-case'),
    pytest.param([], 'PASSWORDS_LSNR_AR =\n  (%s)\nSID_LIST_LSNR_AR =' % SECRET,
                 'PASSWORDS_LSNR_AR = %s\n  %s\nSID_LIST_LSNR_AR =' % (MASK, MASK), 2, id='oracle-continued'),
    pytest.param([], 'PASSWORDS_L = (a,\n\tb\n)\nLISTENER =', 'PASSWORDS_L = %s\n\t%s\n%s\nLISTENER =' % (MASK, MASK, MASK),
                 3, id='oracle-parenthesis-lines'),
    pytest.param([], 'LISTENER =\n  (ADDRESS = (HOST = sunar01))', 'LISTENER =\n  (ADDRESS = (HOST = sunar01))', 0,
                 id='nothing-secret'),
    pytest.param([], 'LISTENER =\n  (ADDRESS = (HOST = sunar01))\n', 'LISTENER =\n  (ADDRESS = (HOST = sunar01))\n', 0,
                 id='indented-lines-after-no-secret'),
    pytest.param(['^ADMIN_PW'], 'ADMIN_PW = hunter2\nname = x', 'ADMIN_PW = %s\nname = x' % MASK, 1, id='site-pattern'),
    pytest.param([r'secret\s*:'], 'db secret: hunter2', MASK, 1, id='site-pattern-no-name'),
    pytest.param(['Password'], 'password=x', 'password= ' + MASK, 1, id='site-pattern-any-case'),
])
def test_mask(site, text, masked, count):
    assert mask(text, compile_patterns(site)) == (masked, count)


@pytest.mark.parametrize('site', [['('], [3]])
def test_a_bad_site_pattern_is_named(site):
    with pytest.raises(SecretPatternError, match='remedy_failover_secret_patterns'):
        compile_patterns(site)


@pytest.mark.parametrize('before, after, note', [
    ('PASSWORDS_LISTENER = a\nHOST = x', 'PASSWORDS_LISTENER = b\nHOST = y', ' (1 secret line(s) masked; the secret lines differ)'),
    ('PASSWORDS_LISTENER = a\nHOST = x', 'PASSWORDS_LISTENER = a\nHOST = y', ' (1 secret line(s) masked)'),
    ('HOST = x', 'HOST = y', ''),
])
def test_masked_diff_says_what_it_hid_never_how(before, after, note):
    masked_before, masked_after, said = masked_diff(before, after, compile_patterns())
    assert said == note
    assert 'PASSWORDS_LISTENER = a' not in masked_before + masked_after
    assert 'PASSWORDS_LISTENER = b' not in masked_before + masked_after
