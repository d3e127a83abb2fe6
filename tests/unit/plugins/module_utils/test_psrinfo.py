# -*- coding: utf-8 -*-
"""Unit tests of parse_psrinfo on literal psrinfo output, every form it meets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.remedy.failover.plugins.module_utils.psrinfo import (
    PsrinfoParseError,
    merge_psrinfo,
    parse_id_list,
    parse_psrinfo,
)

# ---- psrinfo ---------------------------------------------------------------

PLAIN_SOL8_E450 = (
    "0\ton-line   since 12/13/01 09:42:01\n"
    "1\ton-line   since 12/13/01 09:42:05\n"
)
PLAIN_SOL11_SPACES = (
    "0       on-line   since 03/12/2019 10:41:06\n"
    "1       off-line  since 03/14/2019 16:02:55\n"
    "2       no-intr   since 03/12/2019 10:41:07\n"
    "3       faulted   since 03/13/2019 01:15:00\n"
    "4       spare     since 03/12/2019 10:41:07\n"
    "5       powered-off since 03/12/2019 10:41:07\n"
    "\n"
)
PLAIN_FAILOVER_CRLF = "0\ton-line   since 11/02/2001 14:03:22\r\n\r\n"

# ---- psrinfo -v ------------------------------------------------------------

VERBOSE_OLD_SOL8 = """Status of processor 0 as of: 12/13/01 10:15:21
  Processor has been on-line since 12/13/01 09:42:01.
  The sparcv9 processor operates at 400 MHz,
        and has a sparcv9 floating point processor.
Status of processor 2 as of: 12/13/01 10:15:21
  Processor has been off-line since 12/13/01 09:50:12.
  The sparcv9 processor operates at 400 MHz,
        and has a sparcv9 floating point processor.
"""
VERBOSE_NEW_SOL10_SPARC = """Status of virtual processor 0 as of: 10/28/2016 09:00:00
  on-line since 10/28/2016 08:13:49.
  The sparcv9 processor operates at 300 MHz,
        and has a sparcv9 floating point processor.
"""
VERBOSE_NEW_X86_TABS = (
    "Status of virtual processor 0 as of: 01/15/2020 10:22:31\r\n"
    "  on-line since 01/10/2020 14:03:12.\r\n"
    "  The i386 processor operates at 2394 MHz,\r\n"
    "\tand has an i387 compatible floating point processor.\r\n"
    "Status of virtual processor 1 as of: 01/15/2020 10:22:31\r\n"
    "  faulted since 01/12/2020 03:00:01.\r\n"
    "  The i386 processor operates at 2394 MHz,\r\n"
    "\tand has an i387 compatible floating point processor.\r\n"
    "Status of virtual processor 2 as of: 01/15/2020 10:22:31\r\n"
    "  no-intr since 01/10/2020 14:03:12.\r\n"
    "  The i386 processor operates at 2394 MHz,\r\n"
    "\tand has an i387 compatible floating point processor.\r\n"
)

# ---- psrinfo -pv -----------------------------------------------------------

PV_E450_NO_CORES = """The physical processor has 1 virtual processor (0)
  UltraSPARC-II (portid 0 impl 0x11 ver 0xa0 clock 400 MHz)
The physical processor has 1 virtual processor (1)
  UltraSPARC-II (portid 1 impl 0x11 ver 0xa0 clock 400 MHz)
"""
PV_US_IV_COMMA_LIST = """The UltraSPARC-IV physical processor has 2 virtual processors (0, 512)
  UltraSPARC-IV (portid 0 impl 0x18 ver 0x31 clock 1200 MHz)
The UltraSPARC-IV physical processor has 2 virtual processors (1 513)
  UltraSPARC-IV (portid 1 impl 0x18 ver 0x31 clock 1200 MHz)
"""
PV_SPARC64_CORES = """The physical processor has 4 cores and 8 virtual processors (0-7)
  The core has 2 virtual processors (0 1)
  The core has 2 virtual processors (2 3)
  The core has 2 virtual processors (4 5)
  The core has 2 virtual processors (6 7)
    SPARC64-VII (portid 1024 impl 0x7 ver 0x91 clock 2400 MHz)
"""
PV_T4_CHIPNAME = """The SPARC-T4 physical processor has 2 cores and 16 virtual processors (0-15)
  The core has 8 virtual processors (0-7)
  The core has 8 virtual processors (8-15)
    SPARC-T4 (chipid 0, clock 2848 MHz)
The SPARC-T4 physical processor has 1 core and 4 virtual processors (56-59)
  The core has 4 virtual processors (56-59)
    SPARC-T4 (chipid 1, clock 2848 MHz)
"""
PV_X86_BRAND = (
    "The physical processor has 2 cores and 4 virtual processors (0 2-4)\n"
    "  The core has 2 virtual processors (0 3)\n"
    "  The core has 2 virtual processors (2 4)\n"
    "    x86 (GenuineIntel 306A9 family 6 model 58 step 9 clock 3400 MHz)\n"
    "\t  Intel(r) Core(tm) i7-3770 CPU @ 3.40GHz\n"
    "\n"
)
PV_MIXED_RANGES = (
    "The physical processor has 24 virtual processors (0-15,56-63)\n"
    "  SPARC-T3 (chipid 0, clock 1649 MHz)\r\n"
)


def ids(parsed):
    return [p['id'] for p in parsed['processors']]


class TestPlain:
    def test_e450_two_processors_tab_two_digit_year(self):
        parsed = parse_psrinfo(PLAIN_SOL8_E450)
        assert parsed['form'] == 'plain'
        assert ids(parsed) == [0, 1]
        assert parsed['count'] == 2
        assert parsed['online_count'] == 2
        assert parsed['physical_count'] is None
        assert parsed['processors'][0] == {
            'id': 0, 'state': 'on-line', 'since': '12/13/01 09:42:01', 'type': None, 'clock_mhz': None}

    def test_every_state_spaces_four_digit_year(self):
        parsed = parse_psrinfo(PLAIN_SOL11_SPACES)
        assert [p['state'] for p in parsed['processors']] == [
            'on-line', 'off-line', 'no-intr', 'faulted', 'spare', 'powered-off']
        assert parsed['count'] == 6
        # on-line and no-intr processors run threads; the others do not
        assert parsed['online_count'] == 2
        assert parsed['processors'][1]['since'] == '03/14/2019 16:02:55'

    def test_crlf_and_trailing_blank_line(self):
        parsed = parse_psrinfo(PLAIN_FAILOVER_CRLF)
        assert parsed['count'] == 1
        assert parsed['processors'][0]['since'] == '11/02/2001 14:03:22'

    def test_bytes_are_accepted(self):
        assert parse_psrinfo(PLAIN_SOL8_E450.encode())['count'] == 2


class TestVerbose:
    def test_old_wording_solaris8(self):
        parsed = parse_psrinfo(VERBOSE_OLD_SOL8)
        assert parsed['form'] == 'verbose'
        assert ids(parsed) == [0, 2]
        assert parsed['processors'][1] == {
            'id': 2, 'state': 'off-line', 'since': '12/13/01 09:50:12', 'type': 'sparcv9', 'clock_mhz': 400}
        assert parsed['count'] == 2
        assert parsed['online_count'] == 1

    def test_new_wording_single_failover_cpu(self):
        parsed = parse_psrinfo(VERBOSE_NEW_SOL10_SPARC)
        assert parsed['count'] == 1
        assert parsed['online_count'] == 1
        assert parsed['processors'][0]['clock_mhz'] == 300
        assert parsed['processors'][0]['since'] == '10/28/2016 08:13:49'

    def test_x86_tab_crlf_faulted_no_intr(self):
        parsed = parse_psrinfo(VERBOSE_NEW_X86_TABS)
        assert [p['state'] for p in parsed['processors']] == ['on-line', 'faulted', 'no-intr']
        assert {p['type'] for p in parsed['processors']} == {'i386'}
        assert {p['clock_mhz'] for p in parsed['processors']} == {2394}
        assert parsed['online_count'] == 2


class TestPhysical:
    @pytest.mark.parametrize('text,count', [('2\n', 2), ('1', 1), ('  16\r\n\r\n', 16)])
    def test_p_is_a_number(self, text, count):
        parsed = parse_psrinfo(text)
        assert parsed['form'] == 'physical'
        assert parsed['physical_count'] == count
        assert parsed['count'] is None
        assert parsed['online_count'] is None
        assert parsed['processors'] == []

    def test_p_zero_is_not_a_box(self):
        with pytest.raises(PsrinfoParseError, match='0 physical'):
            parse_psrinfo('0\n')


class TestPhysicalVerbose:
    def test_e450_without_cores(self):
        parsed = parse_psrinfo(PV_E450_NO_CORES)
        assert parsed['form'] == 'physical_verbose'
        assert parsed['physical_count'] == 2
        assert parsed['count'] == 2
        assert parsed['online_count'] is None
        assert [p['clock_mhz'] for p in parsed['processors']] == [400, 400]
        assert parsed['physical_processors'][0]['name'] == 'UltraSPARC-II'
        assert parsed['physical_processors'][0]['cores'] is None

    def test_chip_name_before_and_comma_or_space_lists(self):
        parsed = parse_psrinfo(PV_US_IV_COMMA_LIST)
        assert ids(parsed) == [0, 512, 1, 513]
        assert parsed['physical_count'] == 2
        assert parsed['count'] == 4
        assert parsed['processors'][0]['clock_mhz'] == 1200

    def test_cores_and_sparc_portid_line(self):
        parsed = parse_psrinfo(PV_SPARC64_CORES)
        assert ids(parsed) == list(range(8))
        chip = parsed['physical_processors'][0]
        assert chip['cores'] == 4
        assert chip['name'] == 'SPARC64-VII'
        assert chip['clock_mhz'] == 2400

    def test_chip_name_before_physical_and_singular_core(self):
        parsed = parse_psrinfo(PV_T4_CHIPNAME)
        assert parsed['physical_count'] == 2
        assert parsed['count'] == 20
        assert [c['cores'] for c in parsed['physical_processors']] == [2, 1]
        assert ids(parsed)[-4:] == [56, 57, 58, 59]
        assert parsed['physical_processors'][1]['clock_mhz'] == 2848

    def test_x86_brand_after_tab(self):
        parsed = parse_psrinfo(PV_X86_BRAND)
        chip = parsed['physical_processors'][0]
        assert chip['brand'] == 'Intel(r) Core(tm) i7-3770 CPU @ 3.40GHz'
        assert chip['name'] == 'x86'
        assert chip['clock_mhz'] == 3400
        assert ids(parsed) == [0, 2, 3, 4]

    def test_comma_separated_ranges_crlf(self):
        parsed = parse_psrinfo(PV_MIXED_RANGES)
        assert ids(parsed) == list(range(16)) + list(range(56, 64))
        assert parsed['count'] == 24

    def test_listed_count_must_match_claimed_count(self):
        with pytest.raises(PsrinfoParseError, match='claims 4 virtual processors but lists 3'):
            parse_psrinfo('The physical processor has 4 virtual processors (0-2)\n'
                          '  SPARC-T3 (chipid 0, clock 1649 MHz)\n')


class TestIdList:
    @pytest.mark.parametrize('text,expected', [
        ('0', [0]),
        ('0 512', [0, 512]),
        ('0 2-4', [0, 2, 3, 4]),
        ('0-15,56-63', list(range(16)) + list(range(56, 64))),
        ('0, 1, 2', [0, 1, 2]),
    ])
    def test_forms(self, text, expected):
        assert parse_id_list(text) == expected

    @pytest.mark.parametrize('text', ['', '4-2', 'a', '1,,x'])
    def test_bad(self, text):
        with pytest.raises(PsrinfoParseError):
            parse_id_list(text)


class TestNotPsrinfo:
    @pytest.mark.parametrize('text,message', [
        (None, 'printed nothing'),
        ('', 'printed nothing'),
        ('\r\n  \n', 'printed nothing'),
        ('usage: psrinfo [-v] [-p] [processor_id ...]\n', 'usage message'),
        ('psrinfo: illegal option -- x\nusage: psrinfo [-v] [-p] [processor_id ...]', 'usage message'),
        ('ksh: psrinfo: not found\n', 'not psrinfo output'),
        ('Linux box 6.1.0 x86_64\n', 'not psrinfo output'),
        ('0       on-line   since 03/12/2019 10:41:06\nsegmentation fault\n', 'not a psrinfo processor line'),
        ('0       running   since 03/12/2019 10:41:06\n', 'not psrinfo output'),
        ('0\ton-line   since 12/13/01 09:42:01\n0\ton-line   since 12/13/01 09:42:01\n', 'listed twice'),
        ('Status of processor 0 as of: 12/13/01 10:15:21\n  The sparcv9 processor operates at 400 MHz,\n',
         'no state line'),
        ('Status of processor 0 as of: 12/13/01 10:15:21\n  on-line since 12/13/01 09:42:01.\n  kaboom\n',
         'unexpected line'),
        ('The physical processor has 1 virtual processor (0)\n  UltraSPARC-II (clock 400 MHz)\n  junk\n  more\n',
         'unexpected line'),
    ])
    def test_raises_clear_error(self, text, message):
        with pytest.raises(PsrinfoParseError, match=message):
            parse_psrinfo(text)

    def test_error_is_a_value_error(self):
        assert issubclass(PsrinfoParseError, ValueError)


class TestMerge:
    def test_verbose_and_physical(self):
        merged = merge_psrinfo(parse_psrinfo('2\n'), parse_psrinfo(VERBOSE_OLD_SOL8))
        assert merged['form'] == 'verbose+physical'
        assert merged['count'] == 2
        assert merged['online_count'] == 1
        assert merged['physical_count'] == 2
        assert merged['processors'][0]['clock_mhz'] == 400

    def test_plain_and_physical_verbose(self):
        merged = merge_psrinfo(parse_psrinfo(PV_E450_NO_CORES), parse_psrinfo(PLAIN_SOL8_E450))
        assert merged['form'] == 'plain+physical_verbose'
        assert merged['online_count'] == 2
        assert merged['physical_count'] == 2
        assert merged['physical_processors'][0]['name'] == 'UltraSPARC-II'


class TestSolaris8:
    """Solaris 8 (the lab's sunar04 too): psrinfo -v in the old wording; -p is no option of its psrinfo."""

    def test_verbose_old_wording_two_processors(self, psrinfo_answer):
        parsed = parse_psrinfo(psrinfo_answer('solaris8-v.txt'))
        assert parsed['form'] == 'verbose'
        assert parsed['count'] == 2 and parsed['online_count'] == 2
        assert [p['clock_mhz'] for p in parsed['processors']] == [360, 360]

    def test_the_p_usage_error_is_never_a_count(self, psrinfo_answer):
        with pytest.raises(PsrinfoParseError):
            parse_psrinfo(psrinfo_answer('solaris8-p.txt'))
