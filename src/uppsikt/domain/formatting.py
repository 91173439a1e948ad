"""Swedish presentation of numbers, dates and small counts in words.

Numbers are rounded half away from zero (as Excel and most Swedish financial reports do),
grouped in thousands by a no-break space, with a decimal comma and the minus sign U+2212.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from uppsikt.domain.problems import DomainError

NO_BREAK_SPACE = "\u00a0"
MINUS = "\u2212"

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

_WORDS = (
    "noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
    "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton",
    "tjugo",
)  # fmt: skip


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round to `decimals` places, halves away from zero."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int, decimals: int = 0, *, minus: str = MINUS) -> str:
    """Format as Swedish text: `−1 234,5` with a no-break space between thousands."""
    rounded = round_half_up(Decimal(value), decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never print "−0"
    sign = minus if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = NO_BREAK_SPACE.join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def parse_number(text: str) -> Decimal:
    """A number as a person writes it in Swedish: `−6 400`, `6400,5`, `-12 345`.

    Spaces (also no-break and thin ones) group thousands, and nothing else does: a comma or a
    point is always the decimal mark, so `1.234` is one and 234 thousandths. A number with
    both marks (`1.234,5`) or more than one (`1.234.567`) is refused rather than guessed. The
    minus sign may be U+2212 or a hyphen. Raises DomainError for anything else.
    """
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text).replace(MINUS, "-")
    if "," in cleaned and "." in cleaned:
        raise DomainError(
            f"'{text.strip()}' har både punkt och komma; skriv tusental med mellanslag och "
            "decimaler med komma eller punkt, t.ex. 1 234,5"
        )
    if cleaned.count(",") + cleaned.count(".") > 1:
        raise DomainError(
            f"'{text.strip()}' har flera decimaltecken; skriv tusental med mellanslag, "
            "t.ex. 1 234 567"
        )
    cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise DomainError(f"'{text.strip()}' är inget tal; skriv t.ex. −6 400 eller 12,5")
    return Decimal(cleaned)


# What the database keeps of a value: 24 digits, 6 of them after the decimal point.
STORED_DECIMALS = 6
STORED_INTEGER_DIGITS = 18


def storage_fault(value: Decimal) -> str | None:
    """Why the value, as written, cannot be kept exactly (too many decimals or digits), or None."""
    if not value.is_finite():
        return "värdet är inget ändligt tal"
    decimals = decimals_of(value)
    if decimals > STORED_DECIMALS:
        return f"högst {STORED_DECIMALS} decimaler (värdet har {decimals})"
    if abs(value) >= Decimal(10) ** STORED_INTEGER_DIGITS:
        return f"högst {STORED_INTEGER_DIGITS} siffror före decimaltecknet"
    return None


def decimals_of(value: Decimal) -> int:
    """How many decimals a value was written with (`40.70` has 2, `975` has 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def format_plain(value: Decimal) -> str:
    """Format with the decimals the value carries, trailing zeros removed (`73,5`, `1`)."""
    normal = value.normalize()
    return format_number(normal, decimals_of(normal))


def number_in_words(value: int) -> str:
    """A count in Swedish words up to twenty (`tre`), digits beyond that."""
    if 0 <= value < len(_WORDS):
        return _WORDS[value]
    return format_number(value)


def format_date(day: date) -> str:
    """A date in Swedish: `30 april 2023`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_month(day: date) -> str:
    """A month in Swedish: `mars 2023`."""
    return f"{MONTHS[day.month - 1]} {day.year}"
