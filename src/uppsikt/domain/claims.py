"""Figures typed into text, found and compared with the data.

Two ways: a typed text (say, the wording sent to the board) is aligned with the section's
live-figure template, so that each placeholder's typed value is known exactly; and in any text,
counts written as "N uppdrag" or "tre av åtta riskåtgärder" are recognised by their nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from uppsikt.domain.economy.money import Unit
from uppsikt.domain.formatting import NO_BREAK_SPACE
from uppsikt.domain.narratives import Figure, Placeholder, render_figure, scan

WORDS = {
    "noll": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20,
}  # fmt: skip
CONTEXT_BEFORE = 5
CONTEXT_AFTER = 3


def normalise(text: str) -> str:
    """Whitespace collapsed, typographic minus as hyphen."""
    return " ".join(text.replace(NO_BREAK_SPACE, " ").replace("\u2212", "-").split())


def read_number(text: str) -> Decimal | None:
    """A typed number: `24`, `6,4`, `- 2,8`, `9 400`, or a count in words (`tre`)."""
    cleaned = normalise(text).lower().rstrip(".")
    if cleaned in WORDS:
        return Decimal(WORDS[cleaned])
    cleaned = re.sub(r"^-\s+", "-", cleaned)
    if not re.fullmatch(r"-?\d{1,3}(?: ?\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned.replace(" ", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def _decimals(number_text: str) -> int:
    _, _, fraction = normalise(number_text).partition(",")
    return len(fraction.rstrip(".")) if fraction else 0


def agrees(figure: Figure, filters: tuple[str, ...], typed: str) -> bool:
    """Whether a typed value can be the figure, allowing for the typed rounding and the data's."""
    if figure.value is None:
        return False
    if "surplus" in filters or not isinstance(figure.value, int | Decimal):
        return normalise(render_figure(figure, filters)).lower() == normalise(typed).lower()
    number = read_number(typed)
    if number is None:
        return False
    value, error = Decimal(figure.value), figure.error
    if "abs" in filters:
        value = abs(value)
    units = [name for name in filters if name in {"kr", "tkr", "mnkr"}]
    if figure.unit is not None:
        unit = Unit(units[-1]) if units else figure.unit
        value, error = unit.from_kronor(value), unit.from_kronor(error)
    half_step = Decimal(1).scaleb(-_decimals(typed)) / 2
    return abs(number - value) <= half_step + error


@dataclass(frozen=True, slots=True)
class StatedFigure:
    """A placeholder of a template and the value typed in its place."""

    placeholder: Placeholder
    typed: str


def _words(text: str) -> list[str]:
    return normalise(text.replace("{{", "{").replace("}}", "}")).split()


def _this_sentence(words: list[str]) -> list[str]:
    """The words after the last one that ends a sentence."""
    ends = [index for index, word in enumerate(words) if word.endswith((".", "!", "?", ":"))]
    return words[ends[-1] + 1 :] if ends else words


def _to_sentence_end(words: list[str]) -> list[str]:
    """The words up to and including the first that ends a sentence."""
    ends = [index for index, word in enumerate(words) if word.endswith((".", "!", "?", ":"))]
    return words[: ends[0] + 1] if ends else words


def stated_in(template: str, typed: str) -> list[StatedFigure]:
    """For each placeholder of `template`, the value typed in its place in `typed`.

    A placeholder is found by the words around it within its sentence (up to five before and
    three after, as far as the neighbouring placeholders); one whose surroundings were reworded
    is left out rather than guessed.
    """
    placeholders, _ = scan(template)
    text = normalise(typed)
    found: list[StatedFigure] = []
    for index, item in enumerate(placeholders):
        start = placeholders[index - 1].end if index else 0
        end = placeholders[index + 1].start if index + 1 < len(placeholders) else len(template)
        before = _this_sentence(_words(template[start : item.start]))[-CONTEXT_BEFORE:]
        after = _to_sentence_end(_words(template[item.end : end]))[:CONTEXT_AFTER]
        if not before and not after:
            continue
        pattern = (
            (r"\s".join(map(re.escape, before)) + r"\s" if before else "")
            + r"(?P<value>\S+(?:\s\S+){0,3}?)"  # a value is at most four words: "- 1 234,5"
            + (r"(?=\s?" + r"\s".join(map(re.escape, after)) + ")" if after else r"(?=[\s.,;:]|$)")
        )
        match = re.search(pattern, text)
        if match and len(match["value"]) <= 30:
            found.append(StatedFigure(item, match["value"].strip()))
    return found


@dataclass(frozen=True, slots=True)
class CountClaim:
    """A noun whose typed count is a live figure, e.g. "uppdrag" → `assignments.total`."""

    noun: str  # a regular expression
    figure: str


COUNT_CLAIMS = (
    CountClaim(r"uppdrag(?:en)?", "assignments.total"),
    CountClaim(r"riskåtgärder(?:na)?", "internal_control.risk_actions.total"),
    CountClaim(
        r"(?:internkontroller|systematiska kontroller|kontroller)(?:na)?",
        "internal_control.controls.total",
    ),
    CountClaim(r"(?:särskilda )?satsningar(?:na)?", "economy.initiatives.total"),
)
_NUMBER = r"\d+|" + "|".join(WORDS)


@dataclass(frozen=True, slots=True)
class TypedCount:
    """A count typed in a text as a total of something the data counts."""

    claim: CountClaim
    typed: str
    line: int


def typed_counts(text: str) -> list[TypedCount]:
    """Totals typed as "N uppdrag" or "N av M riskåtgärder" (the M); placeholders are skipped.

    A count in words is taken only as the M of "N av M", since a lone "ett uppdrag" is an
    article, not a count.
    """
    found: list[TypedCount] = []
    placeholders, _ = scan(text)
    masked = text
    for item in reversed(placeholders):
        masked = masked[: item.start] + "#" * (item.end - item.start) + masked[item.end :]
    for claim in COUNT_CLAIMS:
        pattern = (
            rf"(?<![\w#,])(?P<n>{_NUMBER})\s+(?:av\s+(?P<m>{_NUMBER})\s+)?"
            rf"(?P<noun>{claim.noun})(?![\wåäö])"
        )
        for match in re.finditer(pattern, masked, flags=re.IGNORECASE):
            total = match["m"] or match["n"]
            if not match["m"] and not total.isdigit():
                continue
            line = masked.count("\n", 0, match.start()) + 1
            found.append(TypedCount(claim, total, line))
    return sorted(found, key=lambda item: item.line)
