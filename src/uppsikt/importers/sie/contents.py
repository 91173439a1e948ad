"""What an SIE file says, gathered as its records stream past.

The company and its years, the chart of accounts and the objects, balances and results, and the
transactions summed by month, account and objects, with every fault a problem with a stable code.

Each year index (0 the current year, −1 the one before) is resolved through `#RAR`. Only
`#TRANS` counts as outcome: `#RTRANS` and `#BTRANS` (a removed and an added row of a changed
voucher) are left out, as the specification asks. `#PSALDO` and `#PBUDGET` rows are kept by
their month (`YYYYMM`), each the month's own amount.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from uppsikt.domain.problems import Location, Problem, Severity
from uppsikt.importers.sie.records import CLOSE, OPEN, Record
from uppsikt.importers.sie.text import Field

_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")
_ACCOUNT = re.compile(r"^\d{1,10}$")
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_MONTH = re.compile(r"^(\d{4})(\d{2})$")

Objects = tuple[tuple[str, str], ...]  # (dimension, object) pairs, sorted
Month = tuple[int, int]  # year, month

# The stable codes of what a file can be faulted for; the message says it for people.
CODES = {
    "sie.bad-record": "a record lacks a field it needs",
    "sie.bad-amount": "an amount is not a number with a decimal point",
    "sie.bad-date": "a date is neither YYYYMMDD nor YYYY-MM-DD",
    "sie.bad-account": "an account number is not digits",
    "sie.bad-objects": "an object list does not pair dimensions with objects",
    "sie.unknown-year": "a year index has no #RAR",
    "sie.unknown-account": "a transaction's account is not in the chart (#KONTO)",
    "sie.voucher-without-date": "a voucher has no date and a transaction takes its date from it",
    "sie.voucher-imbalanced": "a voucher's transactions do not sum to zero",
    "sie.empty-voucher": "a voucher has no transactions",
    "sie.transaction-outside-voucher": "a #TRANS stands outside a voucher's braces",
    "sie.unreconciled": "an account's transactions do not give its #RES, or #UB − #IB",
    "sie.unmapped-dimension": "a dimension maps to none of the ledger's and is left out",
    "sie.outside-year": "amounts of other years than the one imported are left out",
}


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """A year of the file (`#RAR`): its index and its first and last day."""

    index: int
    start: date
    end: date


@dataclass
class SieContents:
    """An SIE file's contents, summed as they are read, and the problems found on the way."""

    file: str
    program: str = ""
    sie_type: str = ""
    company: str = ""
    org_number: str = ""
    years: dict[int, FiscalYear] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    dimensions: dict[str, str] = field(default_factory=dict)
    objects: dict[tuple[str, str], str] = field(default_factory=dict)
    opening: dict[tuple[int, str], Decimal] = field(default_factory=dict)  # #IB year, account
    closing: dict[tuple[int, str], Decimal] = field(default_factory=dict)  # #UB
    results: dict[tuple[int, str], Decimal] = field(default_factory=dict)  # #RES
    outcome: dict[tuple[Month, str, Objects], Decimal] = field(
        default_factory=lambda: defaultdict(Decimal)
    )
    balances: dict[tuple[Month, str, Objects], Decimal] = field(default_factory=dict)  # #PSALDO
    budget: dict[tuple[Month, str, Objects], Decimal] = field(default_factory=dict)  # #PBUDGET
    vouchers: int = 0
    transactions: int = 0
    problems: list[Problem] = field(default_factory=list)

    def fault(self, line: int | None, code: str, message: str, *, error: bool = False) -> None:
        """Note a problem at a line (None: the file as a whole); a warning unless `error`."""
        assert code in CODES, code
        severity = Severity.ERROR if error else Severity.WARNING
        self.problems.append(Problem(Location(self.file, line), f"{code}: {message}", severity))

    def year_of(self, day: date) -> FiscalYear | None:
        """The file's year that holds the day."""
        return next((year for year in self.years.values() if year.start <= day <= year.end), None)


@dataclass
class Voucher:
    """The voucher being read: its line and date, and its transactions summed and counted."""

    line: int
    day: date | None
    total: Decimal = Decimal(0)
    rows: int = 0


def read_contents(records: Iterable[Record], file: str) -> SieContents:
    """Gather an SIE file's records into its contents; nothing read is thrown away silently."""
    contents = SieContents(file)
    reader = ContentsReader(contents)
    for record in records:
        reader.read(record)
    reader.finish()
    return contents


class ContentsReader:
    """Reads one record at a time into the contents, keeping the voucher being read."""

    def __init__(self, contents: SieContents) -> None:
        self.contents = contents
        self.voucher: Voucher | None = None
        self.in_braces = False

    def read(self, record: Record) -> None:
        """Take in the file's next record."""
        label = record.label
        if label == OPEN:
            self.in_braces = self.voucher is not None
        elif label == CLOSE:
            self.close_voucher()
        elif label == "#TRANS":
            self.transaction(record)
        elif label in ("#RTRANS", "#BTRANS"):
            return
        else:
            self.close_voucher()  # a voucher without braces ends at the next record
            handler = _HEADERS.get(label)
            if handler is not None:
                handler(self, record)

    def finish(self) -> None:
        """The file has ended: close the voucher being read."""
        self.close_voucher()

    # The file's header: who wrote it, for whom, which years.
    def text(self, record: Record, index: int = 0) -> str | None:
        """A field's text, or None (a fault) when the record lacks it or it is an object list."""
        value = record.fields[index] if len(record.fields) > index else None
        if not isinstance(value, str):
            self.contents.fault(
                record.line, "sie.bad-record", f"{record.label} saknar fält {index + 1}"
            )
            return None
        return value

    def program(self, record: Record) -> None:
        """`#PROGRAM`: the program that wrote the file, and its version."""
        self.contents.program = " ".join(f for f in record.fields if isinstance(f, str))

    def sie_type(self, record: Record) -> None:
        """`#SIETYP`: the file's type, 1 to 4."""
        self.contents.sie_type = self.text(record) or ""

    # The company's name and number may be left empty: they only describe the file.
    def company(self, record: Record) -> None:
        """`#FNAMN`: the company's name."""
        self.contents.company = " ".join(f for f in record.fields if isinstance(f, str))

    def org_number(self, record: Record) -> None:
        """`#ORGNR`: the company's organisation number."""
        self.contents.org_number = next((f for f in record.fields if isinstance(f, str)), "")

    def fiscal_year(self, record: Record) -> None:
        """`#RAR`: a year's index and its first and last day."""
        index, start, end = (*record.fields, "", "", "")[:3]
        if not (index and start and end) or not all(isinstance(f, str) for f in record.fields):
            self.contents.fault(
                record.line, "sie.bad-record", "#RAR behöver årsnummer, första och sista dag"
            )
            return
        first, last = self.day(record, str(start)), self.day(record, str(end))
        if first is None or last is None:
            return
        try:
            self.contents.years[int(str(index))] = FiscalYear(int(str(index)), first, last)
        except ValueError:
            self.contents.fault(record.line, "sie.bad-record", f"årsnummer {index!r} är inget tal")

    def account(self, record: Record) -> None:
        """`#KONTO`: an account of the chart, and its name."""
        number, name = self.text(record), record.fields[1:]
        if number is not None and self.account_number(record, number):
            self.contents.accounts[number] = " ".join(f for f in name if isinstance(f, str))

    def dimension(self, record: Record) -> None:
        """`#DIM`, `#UNDERDIM`: a dimension's number and name."""
        number = self.text(record)
        if number is not None:
            name = " ".join(f for f in record.fields[1:] if isinstance(f, str))
            self.contents.dimensions[number] = name

    def object(self, record: Record) -> None:
        """`#OBJEKT`: an object of a dimension, and its name."""
        number, code = self.text(record), self.text(record, 1)
        if number is not None and code is not None:
            name = " ".join(f for f in record.fields[2:] if isinstance(f, str))
            self.contents.objects[(number, code)] = name

    def balance(self, record: Record) -> None:
        """`#IB`, `#UB`, `#RES`: an account's opening or closing balance, or its result."""
        year, account, amount = (self.text(record, position) for position in range(3))
        value = self.amount(record, amount)
        index = self.year_index(record, year)
        if index is None or account is None or value is None:
            return
        if not self.account_number(record, account):
            return
        kept = {"#IB": self.contents.opening, "#UB": self.contents.closing}.get(
            record.label, self.contents.results
        )
        kept[(index, account)] = kept.get((index, account), Decimal(0)) + value

    def period_balance(self, record: Record) -> None:
        """`#PSALDO` / `#PBUDGET year month account {objects} amount`, kept as given.

        Type 3 files carry both totals `{}` and rows per object: summing both would count twice,
        so each row is kept under its own objects.
        """
        fields = record.fields
        if len(fields) == 4 and isinstance(fields[3], str):  # written without its object list
            fields = (*fields[:3], (), fields[3])
        if len(fields) < 5:
            self.contents.fault(record.line, "sie.bad-record", f"{record.label} har för få fält")
            return
        year, month, account, objects, amount = fields[:5]
        found = _MONTH.match(month) if isinstance(month, str) else None
        value = self.amount(record, amount if isinstance(amount, str) else None)
        pairs = self.objects(record, objects)
        if self.year_index(record, year if isinstance(year, str) else None) is None:
            return
        if found is None:
            self.contents.fault(record.line, "sie.bad-date", f"månaden {month!r} är inte ÅÅÅÅMM")
            return
        if value is None or pairs is None or not isinstance(account, str):
            return
        if not self.account_number(record, account):
            return
        kept = self.contents.balances if record.label == "#PSALDO" else self.contents.budget
        key = ((int(found[1]), int(found[2])), account, pairs)
        kept[key] = kept.get(key, Decimal(0)) + value

    # Vouchers and their transactions.
    def voucher_start(self, record: Record) -> None:
        """`#VER`: a voucher begins, with its date."""
        fields = record.fields
        when = fields[2] if len(fields) > 2 and isinstance(fields[2], str) else ""
        if not _DATE.match(when) and len(fields) > 1 and _DATE.match(str(fields[1])):
            # `#VER  1 20170101`: the series left out, not written as "": the rest moves left.
            self.contents.fault(record.line, "sie.bad-record", "verifikationen saknar serie")
            when = str(fields[1])
        day = self.day(record, when) if when.strip() else None
        self.voucher = Voucher(record.line, day)
        self.contents.vouchers += 1

    def transaction(self, record: Record) -> None:
        """`#TRANS`: a transaction of the voucher being read, summed into the outcome."""
        contents = self.contents
        if self.voucher is None:
            contents.fault(record.line, "sie.transaction-outside-voucher", "#TRANS utan #VER före")
            return
        fields = record.fields
        if len(fields) < 3 or not isinstance(fields[0], str) or not isinstance(fields[2], str):
            contents.fault(record.line, "sie.bad-record", "#TRANS behöver konto, objekt och belopp")
            return
        account, objects, amount = fields[0], fields[1], fields[2]
        value = self.amount(record, amount)
        pairs = self.objects(record, objects)
        own = fields[3] if len(fields) > 3 and isinstance(fields[3], str) and fields[3] else ""
        day = self.day(record, own) if own else self.voucher.day
        if value is None or pairs is None or not self.account_number(record, account):
            return
        self.voucher.total += value
        self.voucher.rows += 1
        contents.transactions += 1
        if account not in contents.accounts and contents.accounts:
            contents.fault(
                record.line, "sie.unknown-account", f"kontot {account} finns inte i #KONTO"
            )
        if day is None:
            contents.fault(
                record.line,
                "sie.voucher-without-date",
                f"verifikationen på rad {self.voucher.line} saknar datum; raden räknas inte",
            )
            return
        contents.outcome[((day.year, day.month), account, pairs)] += value

    def close_voucher(self) -> None:
        """End the voucher being read, if any, saying when it is empty or does not balance."""
        voucher, self.voucher = self.voucher, None
        if voucher is None:
            return
        if voucher.rows == 0:
            self.contents.fault(voucher.line, "sie.empty-voucher", "verifikationen har inga rader")
        elif voucher.total != 0:
            self.contents.fault(
                voucher.line,
                "sie.voucher-imbalanced",
                f"verifikationens rader summerar till {voucher.total}, inte 0",
            )

    # Field values.
    def amount(self, record: Record, text: str | None) -> Decimal | None:
        """An amount, or None (a fault) when it is not a number with a decimal point."""
        if text is None or not _AMOUNT.match(text):
            self.contents.fault(record.line, "sie.bad-amount", f"beloppet {text!r} är inget tal")
            return None
        return Decimal(text)

    def day(self, record: Record, text: str | None) -> date | None:
        """A date, or None (a fault) when it is not one that exists."""
        found = _DATE.match(text) if text else None
        if found is None:
            self.contents.fault(record.line, "sie.bad-date", f"datumet {text!r} är inte ÅÅÅÅMMDD")
            return None
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            self.contents.fault(record.line, "sie.bad-date", f"datumet {text} finns inte")
            return None

    def account_number(self, record: Record, text: str) -> bool:
        """Whether an account number is digits; a fault when not."""
        if _ACCOUNT.match(text):
            return True
        self.contents.fault(record.line, "sie.bad-account", f"kontot {text!r} är inte siffror")
        return False

    def year_index(self, record: Record, text: str | None) -> int | None:
        """A year index, or None (a fault) when it is not a number; unknown ones are said."""
        try:
            index = int(text or "")
        except ValueError:
            self.contents.fault(record.line, "sie.bad-record", f"årsnummer {text!r} är inget tal")
            return None
        if self.contents.years and index not in self.contents.years:
            self.contents.fault(record.line, "sie.unknown-year", f"år {index} saknar #RAR")
        return index

    def objects(self, record: Record, value: Field) -> Objects | None:
        """An object list's (dimension, object) pairs, sorted; None (a fault) when they are not."""
        if isinstance(value, str):
            self.contents.fault(record.line, "sie.bad-objects", f"{value!r} är ingen objektlista")
            return None
        if len(value) % 2:
            self.contents.fault(record.line, "sie.bad-objects", "objektlistan har en udda del")
            return None
        return tuple(sorted(zip(value[::2], value[1::2], strict=True)))


_HEADERS = {
    "#PROGRAM": ContentsReader.program,
    "#SIETYP": ContentsReader.sie_type,
    "#FNAMN": ContentsReader.company,
    "#ORGNR": ContentsReader.org_number,
    "#RAR": ContentsReader.fiscal_year,
    "#KONTO": ContentsReader.account,
    "#DIM": ContentsReader.dimension,
    "#UNDERDIM": ContentsReader.dimension,
    "#OBJEKT": ContentsReader.object,
    "#IB": ContentsReader.balance,
    "#UB": ContentsReader.balance,
    "#RES": ContentsReader.balance,
    "#PSALDO": ContentsReader.period_balance,
    "#PBUDGET": ContentsReader.period_balance,
    "#VER": ContentsReader.voucher_start,
}


def reconcile(contents: SieContents) -> None:
    """Check each account's transactions of each year against its `#RES`, or `#UB − #IB`.

    Only for the years whose transactions the file carries (a year with no `#TRANS` dated in
    it, and files of types 1–3, have nothing to reconcile), and only in exports: an import file
    (`.si`, type 4I) brings vouchers to add to balances it need not match.
    """
    if contents.file.lower().endswith(".si"):
        return
    sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    years: dict[Month, FiscalYear | None] = {}
    for (month, account, _), amount in contents.outcome.items():
        if month not in years:  # a year for each month, not for each of its many sums
            years[month] = contents.year_of(date(*month, 1))
        found = years[month]
        if found is not None:
            sums[(found.index, account)] += amount
    carried = {index for index, _ in sums}
    stated: dict[tuple[int, str], Decimal] = dict(contents.results)
    for key, closing in contents.closing.items():
        stated.setdefault(key, closing - contents.opening.get(key, Decimal(0)))
    for (index, account), expected in sorted(stated.items()):
        if index not in carried:
            continue
        found_sum = sums.get((index, account), Decimal(0))
        if found_sum != expected:
            contents.fault(
                None,
                "sie.unreconciled",
                f"år {index}, konto {account}: transaktionerna ger {found_sum}, filen säger {expected}",
            )
