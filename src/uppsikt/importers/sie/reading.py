r"""An SIE file read into its contents in one pass, its plain lines on a fast path.

Reading a file the full way is `read_records` → `checked` → `read_contents`: each line decoded,
split into fields by the tokenizer (`text.split_fields`) and made into a `Record`. A large file
is almost all vouchers, their lines written the same plain way:

    #VER A 4711 20230105 "Faktura 4711" 20230110
    {
       #TRANS 5010 {1 "1100" 20 "210"} 600.00 20230105 "Faktura 4711"
    }

`read_sie` gives exactly what that chain gives, faster. A `#TRANS` line inside a voucher that
one regular expression matches whole (digits for the account, an object list of plain values, an
amount `-?\d+(\.\d+)?`, an optional date `YYYYMMDD`, then any well-formed fields), whose account
is in the chart, date exists and object list pairs up, is summed straight into the voucher and
the outcome, with no `Record`, `Location` or `Problem` made; so is a `#VER` line with a plain
series, number and date, and a line holding only a brace. Every other line, and every line while
`#KSUMMA` counts, takes the full way, so that every fault is found and named at its line exactly
as there (`tests/test_reading.py` holds the two ways to each other).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from itertools import islice

from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.sie.contents import ContentsReader, Month, Objects, SieContents, Voucher
from uppsikt.importers.sie.records import CLOSE, OPEN, Checksum, record_of
from uppsikt.importers.sie.text import Decoder, SieSyntaxError, split_fields

# Plain lines, matched against their bytes read as Latin-1 (one character a byte). What counts
# (the account, the object list, the amount, the dates) must be printable ASCII, which every
# encoding a file may have reads alike; only the fields after the date may hold other bytes, and
# they are never used. Fields are separated by spaces or tabs; a quoted value holds no backslash
# (no escape to undo). An object list is taken whole, and split by the tokenizer once per list.
_VALUE = r'(?:[!#-\[\]-z|~]+|"[ !#-\[\]-~]*")'  # bare or quoted, printable ASCII, no escape
_REST = r'(?:[ \t][^{}"\r\n]*+(?:"[^"\\\r\n]*+"[^{}"\r\n]*+)*+)?[ \t\r]*\n?'  # more, never used
# A transaction's place, its account and object list as written, is what its amount is summed by.
_PLACE = r"((\d{1,10})[ \t]+\{([ \t!-\[\]-z|~]*)\})"  # objects: printable ASCII, no brace
_PLAIN_TRANS = re.compile(
    rf"[ \t]*#TRANS[ \t]+{_PLACE}"  # the place: 1, its account: 2, its object list: 3
    r"[ \t]+(-?\d+(?:\.\d+)?)"  # the amount: 4
    rf'(?:[ \t]+(?:(")?(\d{{8}})(?(5)")|""){_REST}|[ \t\r]*\n?)',  # a date: 6, or "" (the voucher's)
    re.ASCII,
).fullmatch
_SPLIT_PLACE = re.compile(_PLACE, re.ASCII).fullmatch
_PLAIN_VOUCHER = re.compile(
    rf'[ \t]*#VER[ \t]+{_VALUE}[ \t]+{_VALUE}[ \t]+(")?(\d{{8}})(?(1)"){_REST}', re.ASCII
).fullmatch
_BRACES = {b"{": OPEN, b"}": CLOSE}  # a line holding only a brace, once stripped
_KEPT = 100_000  # object lists and dates remembered at most, so that memory stays bounded
TICK = 1 << 14  # lines between two calls of `tick`
_ZERO = Decimal(0)
Sums = defaultdict[str, Decimal]  # a month's sums on the fast path, by place


# One loop kept whole (PLR0912, PLR0915): on the fast path a call per line costs more than the work.
def read_sie(  # noqa: PLR0912, PLR0915
    lines: Iterable[bytes],
    file: str,
    problems: list[Problem],
    checksum: Checksum,
    tick: Callable[[int], None] | None = None,
) -> SieContents:
    """The file's contents, as `read_contents(checked(read_records(…)))` gives them.

    Unreadable lines go to `problems`, `#KSUMMA` to `checksum`, the rest to the contents' own
    problems. `tick`, when given, is called with the number of lines read after every `TICK`
    lines and at the end.
    """
    contents = SieContents(file)
    reader = ContentsReader(contents)
    decoder = Decoder()
    accounts = contents.accounts
    # The fast path's sums, for each month by place; the dates seen that exist, each with its
    # month's sums; the places seen whose account is in the chart and whose objects pair up.
    sums: dict[Month, Sums] = {}
    months: dict[str, Sums] = {}
    places: dict[str, tuple[str, Objects]] = {}
    days: dict[str, date] = {}
    # The voucher being read, its month's sums, and its transactions on the fast path not yet
    # added to it.
    voucher: Voucher | None = None
    voucher_sums: Sums | None = None
    total, rows = _ZERO, 0
    fast = True  # False while `#KSUMMA` counts: every record then needs its fields
    undecided = True  # the encoding, while every line so far was ASCII
    number = 0
    numbered = enumerate(lines, start=1)
    while chunk := list(islice(numbered, TICK)):
        for number, raw in chunk:
            if fast:
                if len(raw) < 8 and (brace := _BRACES.get(raw.strip())) is not None:
                    if brace is OPEN:
                        reader.in_braces = voucher is not None
                        continue
                    if rows:  # closing reads the voucher
                        _add(total, rows, voucher, contents)
                        total, rows = _ZERO, 0
                    reader.close_voucher()
                    voucher = None
                    continue
                text = raw.decode("latin-1")
                found = _PLAIN_TRANS(text) if voucher is not None else None
                if found is not None:
                    place, amount, when = found.group(1, 4, 6)
                    if when is None:
                        month_sums = voucher_sums
                    else:
                        month_sums = months.get(when) or _month_sums(when, months, sums)
                    if month_sums is not None and (
                        place in places or _plain_place(found, places, accounts)
                    ):
                        value = Decimal(amount)
                        total += value
                        rows += 1
                        month_sums[place] += value
                        if undecided:
                            decoder.see(raw)
                            undecided = not decoder.encoding
                        continue
            if rows:  # what follows may read the voucher
                _add(total, rows, voucher, contents)
                total, rows = _ZERO, 0
            if fast:
                found = _PLAIN_VOUCHER(text)
                day = (days.get(found[2]) or _day(found[2], days)) if found else None
                if day is not None:
                    reader.close_voucher()
                    voucher = reader.voucher = Voucher(number, day)
                    voucher_sums = _sums_of((day.year, day.month), sums)
                    contents.vouchers += 1
                    if undecided:
                        decoder.see(raw)
                        undecided = not decoder.encoding
                    continue
            record = record_of(number, decoder.decode(raw), file, problems)
            undecided = not decoder.encoding
            if record is not None:
                checksum.see(record, file)
                reader.read(record)
                fast = not checksum.counting
                if reader.voucher is not voucher:
                    voucher = reader.voucher
                    day = None if voucher is None else voucher.day
                    voucher_sums = None if day is None else _sums_of((day.year, day.month), sums)
        if tick is not None:
            tick(number)
    if rows:
        _add(total, rows, voucher, contents)
    checksum.finish(file)
    reader.finish()
    outcome = contents.outcome
    for month, placed in sums.items():
        for place, amount in placed.items():
            account, pairs = places.get(place) or _split(place)
            outcome[month, account, pairs] += amount
    return contents


def _add(total: Decimal, rows: int, voucher: Voucher | None, contents: SieContents) -> None:
    """Add the transactions summed on the fast path to their voucher and the file's count."""
    assert voucher is not None
    voucher.total += total
    voucher.rows += rows
    contents.transactions += rows


def _sums_of(month: Month, sums: dict[Month, Sums]) -> Sums:
    """The month's sums, new when the month is."""
    if month not in sums:
        sums[month] = defaultdict(Decimal)
    return sums[month]


def _month_sums(text: str, months: dict[str, Sums], sums: dict[Month, Sums]) -> Sums | None:
    """The sums of the month of a date `YYYYMMDD`, remembered; None when there is no such day."""
    day = _date(text)
    if day is None:
        return None
    if len(months) >= _KEPT:
        months.clear()
    found = months[text] = _sums_of((day.year, day.month), sums)
    return found


def _plain_place(
    found: re.Match[str], places: dict[str, tuple[str, Objects]], accounts: dict[str, str]
) -> bool:
    """Whether a transaction's account is in the chart and its objects pair up; kept if so.

    A file without a chart has every account in it (nothing is kept: a chart may come later).
    """
    place, account, listed = found.group(1, 2, 3)
    if accounts and account not in accounts:
        return False
    pairs = _objects(listed)
    if pairs is None:
        return False
    if accounts:  # an account in the chart stays there
        if len(places) >= _KEPT:
            places.clear()
        places[place] = (account, pairs)
    return True


def _split(place: str) -> tuple[str, Objects]:
    """A place's account and its object list's pairs (a place that was summed pairs up)."""
    found = _SPLIT_PLACE(place)
    assert found is not None
    return found[2], _objects(found[3]) or ()


def _day(text: str, days: dict[str, date]) -> date | None:
    """The day of a date `YYYYMMDD`, remembered in `days`; None when there is no such day."""
    day = _date(text)
    if day is not None:
        if len(days) >= _KEPT:
            days.clear()
        days[text] = day
    return day


def _date(text: str) -> date | None:
    """The day of a date `YYYYMMDD`, or None when there is no such day."""
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _objects(listed: str) -> Objects | None:
    """An object list's (dimension, object) pairs, sorted; None when they do not pair up."""
    try:
        (values,) = split_fields("{" + listed + "}", Location(""))
    except SieSyntaxError:  # a quote not closed: the full way names it
        return None
    if len(values) % 2 or isinstance(values, str):
        return None
    return tuple(sorted(zip(values[::2], values[1::2], strict=True)))
