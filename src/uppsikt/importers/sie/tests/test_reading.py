"""The fast way through a file (`read_sie`) gives what the full way gives, line for line: the
same contents, the same faults at the same lines, the same checksum, for plain and odd lines."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.sie.contents import SieContents, read_contents
from uppsikt.importers.sie.reading import _PLAIN_TRANS, TICK, _objects, read_sie
from uppsikt.importers.sie.records import Checksum, checked, read_records
from uppsikt.importers.sie.tests.test_corpus import CORPUS, FILES, needs_corpus
from uppsikt.importers.sie.text import split_fields

HEADER = """#FLAGGA 0
#SIETYP 4
#RAR 0 20230101 20231231
#KONTO 1930 "Bank"
#KONTO 5010 "Lokalhyra"
#KONTO 3010 "Försäljning"
"""

Read = tuple[SieContents, list[Problem], Checksum]
HERE = Location("bok.se", 1)


def full_way(lines: list[bytes], name: str = "bok.se") -> Read:
    problems: list[Problem] = []
    checksum = Checksum()
    contents = read_contents(checked(read_records(lines, name, problems), checksum, name), name)
    return contents, problems, checksum


def fast_way(lines: list[bytes], name: str = "bok.se") -> Read:
    problems: list[Problem] = []
    checksum = Checksum()
    return read_sie(lines, name, problems, checksum), problems, checksum


def lines_of(text: str, encoding: str = "cp437") -> list[bytes]:
    return text.encode(encoding, errors="replace").splitlines(keepends=True)


@needs_corpus
@pytest.mark.parametrize("row", FILES, ids=[row["path"] for row in FILES])
def test_every_corpus_file_reads_the_same_either_way(row: dict[str, str]) -> None:
    lines = (CORPUS / row["path"]).read_bytes().splitlines(keepends=True)
    assert fast_way(lines, row["path"]) == full_way(lines, row["path"])


# Plain and odd ways of writing a transaction, each read the same either way.
TRANSACTIONS = [
    '   #TRANS 5010 {1 "1100" 20 "210"} 600.00',
    "\t#TRANS 5010 {} -600.00 20230131",
    '#TRANS 5010 { 1 1100 } 1 "20230131" "Hyra januari" 2 x',
    '#TRANS 5010 {1 "1100"} 1.5 "" "Hyra"',
    "#TRANS 5010 {1} 10",  # objects that do not pair up
    "#TRANS 5010 {1 1100} 10,50",  # a decimal comma
    "#TRANS 5010 {} 10 20230230",  # no such day
    "#TRANS 5010 {} 10 2023-01-31",  # a date with dashes
    "#TRANS 9999 {} 10",  # an account not in the chart
    "#TRANS 50x0 {} 10",
    '#TRANS 5010 {1 "11\\"00"} 10',  # an escaped quote
    '#TRANS 5010 {1 "Sjöstaden"} 10',  # an object beyond ASCII
    "#TRANS 5010 {} 10 Hyra",  # a text where the date goes
    '#TRANS 5010 {} 10 20230131 "Hyra',  # a quote never closed
    "#TRANS 5010 {1 {2}} 10",
    "#trans 5010 {} 10",
    "#TRANS 5010 10",
    "#TRANS 5010 {}\u00a010",
    '#TRANS 5010 {} 10 20230131 "Hyra" {1 2}',
]


@pytest.mark.parametrize("line", TRANSACTIONS)
def test_a_transaction_reads_the_same_either_way(line: str) -> None:
    lines = lines_of(f'{HEADER}#VER A 1 20230105 "Hyra"\n{{\n{line}\n}}\n')
    assert fast_way(lines) == full_way(lines)


def test_a_file_without_a_chart_of_accounts_or_vouchers_reads_the_same_either_way() -> None:
    text = '#FLAGGA 0\n#TRANS 5010 {} 10\n#VER A 1 20230105\n#TRANS 5010 {} 10\n#VER "" "" ""\n'
    text += "#TRANS 5010 {} 10\n{\n#TRANS 3010 {} -10\n}\n#VER A 2 20231301\n{\n#TRANS 1 {} 1\n}\n"
    assert fast_way(lines_of(text)) == full_way(lines_of(text))


def test_lines_between_the_two_ksumma_are_counted_in_the_checksum_either_way() -> None:
    body = '#VER A 1 20230105 "Hyra"\n{\n#TRANS 5010 {} 600.00\n#TRANS 1930 {} -600.00\n}\n'
    lines = lines_of(f"#FLAGGA 0\n#KSUMMA\n{HEADER}{body}#KSUMMA 0\n{body}")
    fast, full = fast_way(lines), full_way(lines)
    assert fast == full
    assert fast[2].crc != 0
    assert fast[0].transactions == 4


def test_the_encoding_is_decided_at_the_same_line_either_way() -> None:
    # The first line beyond ASCII is a plain transaction's text: it must still decide the
    # encoding, or the account name after it would be read in another one.
    text = '#VER A 1 20230105 "Hyra"\n{\n#TRANS 5010 {} 1 20230105 "Lokalhyra för januari"\n}\n'
    text += '#KONTO 5011 "Lokalhyra, förråd"\n'
    for encoding in ("cp437", "utf-8", "iso8859_15"):
        fast, full = fast_way(lines_of(text, encoding)), full_way(lines_of(text, encoding))
        assert fast == full
        assert fast[0].accounts == {"5011": "Lokalhyra, förråd"}


def test_tick_is_called_as_the_lines_are_read_and_at_the_end() -> None:
    voucher = '#VER A 1 20230105 "Hyra"\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n}\n'
    lines = lines_of(voucher * (2 * TICK // 5 + 1))
    ticks: list[int] = []
    read_sie(lines, "bok.se", [], Checksum(), ticks.append)
    assert ticks == [TICK, 2 * TICK, len(lines)]


# Generated transactions: plain ones, and every way of writing their fields that the
# specification and the files in the wild allow, or get wrong.
separators = st.sampled_from([" ", "\t", "  ", " \t"])
bare = st.text(alphabet="0123456789AZaz_-.:/åÖ\\", min_size=1, max_size=6)
quoted = st.text(alphabet='0123456789 AZaz_-.åÖ\\"', max_size=6).map(lambda text: f'"{text}"')
value = st.one_of(bare, quoted)
account = st.one_of(st.sampled_from(["5010", "3010", "1930", "4010", "0"]), bare)
objects = st.lists(value, max_size=6).map(lambda values: "{" + " ".join(values) + "}")
amount = st.one_of(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(str),
    st.sampled_from(["10", "-0.5", "10,50", "1e3", "", "-", "1.", ".5"]),
)
when = st.one_of(
    st.dates().map(lambda day: day.strftime("%Y%m%d")),
    st.sampled_from(['""', '"20230131"', "20230230", "2023-01-31", "2023013", "Hyra"]),
)
rest = st.lists(st.one_of(value, objects), max_size=3)


@st.composite
def transactions(draw: st.DrawFn) -> str:
    fields = [draw(account), draw(objects), draw(amount)]
    if draw(st.booleans()):
        fields.append(draw(when))
        fields += draw(rest)
    sep = draw(separators)
    return draw(st.sampled_from(["", " ", "\t"])) + "#TRANS" + sep + sep.join(fields)


@settings(max_examples=300, deadline=None)
@given(st.lists(transactions(), min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"]))
@example(['#TRANS 5010 {1 "1100"} 10 20230131 "Hyra"'], "\r\n")
def test_generated_transactions_read_the_same_either_way(lines: list[str], end: str) -> None:
    text = f'{HEADER}#VER A 1 20230105 "Hyra"\n{{\n' + "\n".join(lines) + "\n}\n"
    data = lines_of(text.replace("\n", end), "utf-8")
    assert fast_way(data) == full_way(data)


@settings(max_examples=300, deadline=None)
@given(transactions())
@example('\t#TRANS 5010 {1 "1100" 20 "210"} 600.00 20230131 "Hyra" 2')
def test_a_line_the_fast_path_takes_splits_into_the_same_fields(line: str) -> None:
    found = _PLAIN_TRANS(line.encode().decode("latin-1"))
    if found is None or _objects(found[3]) is None:  # the full way reads it
        return
    label, account, objects, amount, *more = split_fields(line, HERE)
    plain_account, listed, plain_amount, when = found.group(2, 3, 4, 6)
    assert (label, account, amount) == ("#TRANS", plain_account, plain_amount)
    assert [objects] == split_fields("{" + listed + "}", HERE)
    assert (more[0] if more else "") == (when or "")


@pytest.mark.parametrize("line", TRANSACTIONS[:4])
def test_a_plain_transaction_takes_the_fast_path(line: str) -> None:
    assert _PLAIN_TRANS(line) is not None


fragments = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(
        [
            b"{\n",
            b"  {\t\r\n",
            b"}\x0b\n",
            b"}\r\n",
            b"{",
            b'#VER A 1 20230105 "Hyra"\n',
            b'#VER "A" "2" "20230231"\n',
            b"#KSUMMA\n",
            b"#KSUMMA 123\n",
            b"#KONTO 5010 Hyra\n",
            b"#TRANS 5010 {} 1\n",
            b"#TRANS 5010 {1 2} -1.25 20230301\r\n",
            '#TRANS 5010 {} 1 20230101 "Hyra för år"\n'.encode("cp437"),
            '#TRANS 5010 {} 1 20230101 "Hyra för år"\n'.encode(),
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(fragments, max_size=20))
def test_any_lines_read_the_same_either_way(lines: list[bytes]) -> None:
    assert fast_way(lines) == full_way(lines)
