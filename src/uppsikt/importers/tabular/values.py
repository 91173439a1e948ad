"""Cells read as amounts, dates, months and codes, the way Swedish exports write them.

Each function takes a cell as read (text, or an XLSX number or date) and returns the value, or
raises `ValueError` with a Swedish message saying what was found. Nothing is guessed: a number
whose grouping does not fit the decimal mark given (`1.5` with a decimal comma) is refused, never
read as something else.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from uppsikt.importers.tabular.table import Formula, Value

MINUS_SIGNS = "-−–"  # hyphen-minus, U+2212 minus, and the en dash some exports print
_SPACES = " \u00a0\u2009\u202f\u2007"  # space, no-break, thin, narrow no-break, figure space
_WHOLE_KRONOR = (":-", ",-", ".-")  # "1 234:-" is 1 234 kronor, not a negative number


def _number_pattern(decimal: str) -> re.Pattern[str]:
    thousands = _SPACES + ("." if decimal == "," else ",")
    separator = "[" + re.escape(thousands) + "]"
    mark = re.escape(decimal)
    return re.compile(
        rf"^(?:\d+(?:{mark}\d*)?|{mark}\d+|\d{{1,3}}({separator})\d{{3}}(?:\1\d{{3}})*(?:{mark}\d*)?)$"
    )


_PATTERNS = {mark: _number_pattern(mark) for mark in ",."}
_GROUPING = {  # what groups thousands, dropped once the pattern has matched
    mark: str.maketrans("", "", _SPACES + ("." if mark == "," else ",")) for mark in ",."
}


def text_of(value: Value) -> str:
    """A cell as text: text stripped, a whole number without decimals, a date in ISO form."""
    if isinstance(value, Formula):
        raise ValueError(f"formeln {value.text!r} räknas aldrig ut")
    if isinstance(value, Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value.strip()


def parse_amount(value: Value, decimal: str = ",") -> Decimal:
    """An amount: `-1 234,50`, `1.234,50`, `1 234,50-`, `(1 234,50)`, `−12`, `1 234:-`.

    `decimal` is the decimal mark of text (`,` or `.`); thousands are grouped by three with a
    space, a no-break or thin space, or the other mark. A trailing minus or parentheses make the
    amount negative. Numbers from a workbook are taken as stored.
    """
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} är inget belopp")
        return value
    if isinstance(value, date | Formula):
        raise ValueError(f"{text_of(value)!r} är inget belopp")
    text = value.strip()
    shown = text
    negative = 0
    if text.startswith("(") and text.endswith(")"):
        negative, text = 1, text[1:-1].strip()
    if text and text[0] in MINUS_SIGNS + "+":
        negative += text[0] != "+"
        text = text[1:].lstrip(_SPACES)
    for suffix in _WHOLE_KRONOR:
        if text.endswith(suffix) and text[: -len(suffix)].rstrip(_SPACES)[-1:].isdigit():
            text = text[: -len(suffix)].rstrip(_SPACES)
            break
    else:
        if text and text[-1] in MINUS_SIGNS:
            negative += 1
            text = text[:-1].rstrip(_SPACES)
    pattern = _PATTERNS.get(decimal)
    if pattern is None:
        raise ValueError(f"decimaltecknet {decimal!r} stöds inte; välj , eller .")
    if negative > 1 or not text or not pattern.match(text):
        hint = " (decimaltecknet är ',')" if decimal == "," and "." in text else ""
        raise ValueError(f"{shown!r} är inget belopp{hint}")
    digits = text.translate(_GROUPING[decimal])
    try:
        number = Decimal(digits.replace(decimal, ".").rstrip(".") or "0")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits and one mark
        raise ValueError(f"{shown!r} är inget belopp") from None
    return -number if negative else number


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DATES = (
    (_ISO, (1, 2, 3)),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), (3, 2, 1)),
)


def parse_date(value: Value) -> date:
    """A date: `2023-04-30` (a time after it is ignored), `20230430`, `2023/04/30`, `30.04.2023`."""
    if isinstance(value, date):
        return value
    text = text_of(value)
    for pattern, (year, month, day) in _DATES:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match[year]), int(match[month]), int(match[day]))
            except ValueError:
                break
    raise ValueError(f"{text!r} är inget datum; skriv t.ex. 2023-04-30")


_MONTH = re.compile(r"^(\d{4})(?:(\d{2})|[-/. ](\d{1,2}))$")


def parse_month(value: Value, year: int) -> tuple[int, int]:
    """A month as (year, month): `202304`, `2023-04`, `2023 4`, a date, or `4` (of `year`)."""
    if isinstance(value, date):
        return value.year, value.month
    text = text_of(value)
    found: tuple[int, int] | None = None
    if re.fullmatch(r"\d{1,2}", text):
        found = (year, int(text))
    elif match := _MONTH.match(text):
        found = (int(match[1]), int(match[2] or match[3]))
    else:
        try:
            day = parse_date(text)
        except ValueError:
            pass
        else:
            found = (day.year, day.month)
    if found is None or not 1 <= found[1] <= 12:
        raise ValueError(f"{text!r} är ingen månad; skriv t.ex. 202304, 2023-04 eller 4")
    return found


def parse_code(value: Value) -> str:
    """A code (account, dimension object) as text; a workbook's whole number without decimals."""
    if isinstance(value, date):
        raise ValueError(f"{value.isoformat()!r} är ett datum, ingen kod")
    return text_of(value)


def parse_count(value: Value, decimal: str = ",") -> int:
    """A whole number of 0 or more (`1 234`, or `1 234,0` from a workbook).

    `decimal` is the decimal mark of text, as for `parse_amount`: with a decimal point `1.234`
    is one and a fraction, refused, never read as 1 234.
    """
    number = parse_amount(value, decimal)
    if number < 0 or number != number.to_integral_value():
        raise ValueError(f"{text_of(value)!r} är inget helt antal")
    return int(number)


def parse_percent(value: Value, decimal: str = ",") -> Decimal:
    """A percentage from 0 to 100: `4,5`, `4,5 %`, or a workbook cell formatted as percent."""
    text = value.strip().removesuffix("%").rstrip(_SPACES) if isinstance(value, str) else value
    try:
        number = parse_amount(text, decimal)
    except ValueError:
        raise ValueError(f"{text_of(value)!r} är ingen procentsats") from None
    if not 0 <= number <= 100:
        raise ValueError(f"{text_of(value)} procent ligger inte mellan 0 och 100")
    return number
