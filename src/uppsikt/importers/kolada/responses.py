"""The values in saved Kolada responses: one page, a list of pages, or a folder of them.

A page is Kolada's envelope `{"count": N, "values": [...], "next_url": ...}`, or one saved
with its fetch time (see `saved.py`). Each item of `values` is a KPI's values for one
municipality (or org unit, `ou`) and year, one per gender: `{"kpi": "N15428", "municipality":
"0126", "period": 2023, "values": [{"count": 1, "gender": "T", "status": "", "value": 74.1}]}`.
A `null` value stays missing, never 0; ids are kept exactly as written.

Every fault names the file and the JSON path (`kolada-001.json: response.values[3].period: …`)
with a stable code (`CODES`). A file that cannot be read as pages is an error; an item or a
value that cannot be read is a warning and left out.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from uppsikt.domain.indicators import Gender
from uppsikt.domain.problems import Location, Problem, Severity
from uppsikt.importers.kolada.saved import WRAPPER_KEYS

CODES = {
    "kolada.bad-json": "the file is not JSON (UTF-8)",
    "kolada.bad-page": "the file is neither a page, a saved page, nor a list of them",
    "kolada.no-fetch-date": "a page does not say when it was fetched and no date is given",
    "kolada.bad-item": "an item lacks its KPI, municipality or org unit, year or values",
    "kolada.bad-value": "a gender's value is not a number or null, or its gender is not T, K or M",
    "kolada.conflict": "the same KPI, area, year and gender has two different values",
}
AREA_KEYS = ("municipality", "ou")


@dataclass(frozen=True, slots=True)
class KoladaValue:
    """A KPI's value for one municipality or org unit, year and gender; None when missing."""

    kpi: str
    area: str  # the municipality's or org unit's Kolada id, e.g. 0126
    year: int
    gender: Gender
    value: Decimal | None
    status: str  # Kolada's note, e.g. "" or "Missing"
    fetched: date | None
    place: Location

    @property
    def key(self) -> tuple[str, str, int, Gender]:
        """What a value is of: KPI, area, year and gender."""
        return (self.kpi, self.area, self.year, self.gender)


@dataclass
class Responses:
    """What the files held: their values and pages, and every fault with its place."""

    values: list[KoladaValue] = field(default_factory=list)
    files: int = 0
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)


def read_responses(path: Path, fetched: date | None = None) -> Responses:
    """The values of a saved page, a list of pages, or every `*.json` file of a folder.

    `fetched` is the fetch date of every value; without it each page's saved time gives it.
    """
    found = Responses()
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        found.problems.append(
            _problem(str(path), "", "kolada.bad-page", "mappen har inga .json-filer")
        )
    for file in files:
        found.files += 1
        _read_file(file, fetched, found)
    return found


def _problem(
    file: str, path: str, code: str, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    return Problem(Location(file, None, path), f"{code}: {message}", severity)


def _read_file(file: Path, fetched: date | None, found: Responses) -> None:
    name = str(file)
    try:
        data = json.loads(file.read_bytes().decode("utf-8"), parse_float=Decimal)
    except UnicodeDecodeError as error:
        found.problems.append(_problem(name, "", "kolada.bad-json", f"inte UTF-8 ({error.reason})"))
        return
    except json.JSONDecodeError as error:
        found.problems.append(
            Problem(
                Location(name, error.lineno),
                f"kolada.bad-json: ogiltig JSON: {error.msg} (kolumn {error.colno})",
            )
        )
        return
    except OSError as error:
        found.problems.append(_problem(name, "", "kolada.bad-json", f"kan inte läsas: {error}"))
        return
    pages = list(enumerate(data)) if isinstance(data, list) else [(None, data)]
    if isinstance(data, list) and not data:
        found.problems.append(_problem(name, "", "kolada.bad-page", "listan har inga sidor"))
    for index, item in pages:
        prefix = "" if index is None else f"[{index}]"
        _read_page(name, prefix, item, fetched, found)


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _read_page(name: str, at: str, data: Any, fetched: date | None, found: Responses) -> None:
    saved: date | None = None
    if isinstance(data, dict) and "response" in data and set(data) <= WRAPPER_KEYS:
        saved = _saved_date(name, at, data.get("fetched"), found)
        data, at = data["response"], _join(at, "response")
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        found.problems.append(
            _problem(
                name,
                at,
                "kolada.bad-page",
                "väntade en Kolada-sida (ett objekt med en lista values), en sparad sida "
                "eller en lista av sidor",
            )
        )
        return
    count = data.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
        found.problems.append(
            _problem(name, _join(at, "count"), "kolada.bad-page", "väntade ett heltal")
        )
        return
    day = fetched or saved
    if day is None:
        found.problems.append(
            _problem(
                name,
                at,
                "kolada.no-fetch-date",
                "sidan säger inte när den hämtades; ange hämtningsdatum (--fetched ÅÅÅÅ-MM-DD)",
            )
        )
        return
    found.pages += 1
    for index, item in enumerate(data["values"]):
        found.values += _read_item(name, f"{_join(at, 'values')}[{index}]", item, day, found)


def _saved_date(name: str, at: str, text: object, found: Responses) -> date | None:
    if text is None:
        return None
    try:
        if not isinstance(text, str):
            raise ValueError(text)
        return datetime.fromisoformat(text).date()
    except ValueError:
        found.problems.append(
            _problem(
                name,
                _join(at, "fetched"),
                "kolada.bad-page",
                f"{text!r} är ingen tidpunkt; skriv t.ex. 2026-11-20T09:14:03+01:00",
            )
        )
        return None


def _warn(found: Responses, name: str, at: str, code: str, message: str) -> None:
    found.problems.append(_problem(name, at, code, message, Severity.WARNING))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _read_item(name: str, at: str, item: Any, day: date, found: Responses) -> list[KoladaValue]:
    if not isinstance(item, dict):
        _warn(found, name, at, "kolada.bad-item", "väntade ett objekt; det lämnas utan avseende")
        return []
    faults = []
    kpi = _text(item.get("kpi"))
    if kpi is None:
        faults.append(("kpi", "nyckeltalets id saknas"))
    area_key = next((key for key in AREA_KEYS if key in item), None)
    area = _text(item.get(area_key)) if area_key else None
    if area is None:
        faults.append((area_key or "municipality", "kommunens eller enhetens id saknas"))
    year = _year(item.get("period"))
    if year is None:
        faults.append(("period", f"{item.get('period')!r} är inget årtal"))
    entries = item.get("values")
    if not isinstance(entries, list):
        faults.append(("values", "väntade en lista av värden per kön"))
    for key, message in faults:
        _warn(
            found,
            name,
            _join(at, key),
            "kolada.bad-item",
            f"{message}; posten lämnas utan avseende",
        )
    if faults or kpi is None or area is None or year is None or not isinstance(entries, list):
        return []
    values = []
    for index, entry in enumerate(entries):
        place = f"{at}.values[{index}]"
        read = _read_value(name, place, entry, found)
        if read is not None:
            gender, value, status = read
            values.append(
                KoladaValue(
                    kpi, area, year, gender, value, status, day, Location(name, None, place)
                )
            )
    return values


def _year(period: object) -> int | None:
    if isinstance(period, bool):
        return None
    if isinstance(period, int):
        return period if 1900 <= period <= 2999 else None
    if isinstance(period, str) and len(period) == 4 and period.isdigit():
        return int(period)
    return None


def _read_value(
    name: str, at: str, entry: Any, found: Responses
) -> tuple[Gender, Decimal | None, str] | None:
    if not isinstance(entry, dict):
        _warn(
            found, name, at, "kolada.bad-value", "väntade ett objekt; värdet lämnas utan avseende"
        )
        return None
    try:
        gender = Gender(str(entry.get("gender")))
    except ValueError:
        _warn(
            found,
            name,
            _join(at, "gender"),
            "kolada.bad-value",
            f"{entry.get('gender')!r} är inget kön; väntade T, K eller M",
        )
        return None
    value = entry.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | Decimal)):
        _warn(
            found,
            name,
            _join(at, "value"),
            "kolada.bad-value",
            f"{value!r} är varken ett tal eller null; värdet lämnas utan avseende",
        )
        return None
    status = entry.get("status")
    return (
        gender,
        None if value is None else Decimal(value),
        status if isinstance(status, str) else "",
    )


@dataclass
class Selection:
    """The values for one area and the KPIs asked for, and what was left out."""

    chosen: dict[tuple[str, int, Gender], KoladaValue] = field(default_factory=dict)
    other_kpis: Counter[str] = field(default_factory=Counter)  # values of KPIs not asked for
    other_areas: Counter[str] = field(default_factory=Counter)  # values of other areas
    problems: list[Problem] = field(default_factory=list)

    def missing(self, kpis: Iterable[str]) -> list[str]:
        """The KPIs asked for that have no value for the area, in order."""
        present = {kpi for kpi, _, _ in self.chosen}
        return [kpi for kpi in dict.fromkeys(kpis) if kpi not in present]


def select(values: Iterable[KoladaValue], area: str, kpis: Collection[str]) -> Selection:
    """The area's values of the KPIs, one per KPI, year and gender.

    The same value read twice (from pages fetched twice, say) is one value, the later fetch
    date kept; two different values of the same thing are a `kolada.conflict` warning, and the
    one fetched later (or read later) is kept.
    """
    found = Selection()
    for item in values:
        if item.area != area:
            found.other_areas[item.area] += 1
            continue
        if item.kpi not in kpis:
            found.other_kpis[item.kpi] += 1
            continue
        key = (item.kpi, item.year, item.gender)
        before = found.chosen.get(key)
        if before is not None and before.value != item.value:
            kept, other = (before, item) if _later(before, item) else (item, before)
            found.problems.append(
                Problem(
                    item.place,
                    f"kolada.conflict: {item.kpi} {item.year} {item.gender.value} är "
                    f"{_shown(item.value)} här men {_shown(before.value)} i {before.place}; "
                    f"värdet {_shown(kept.value)} (hämtat {kept.fetched}) behålls, "
                    f"inte {_shown(other.value)}",
                    Severity.WARNING,
                )
            )
        found.chosen[key] = before if before is not None and _later(before, item) else item
    return found


def _later(before: KoladaValue, item: KoladaValue) -> bool:
    """Whether the value read first was fetched later than the one read now."""
    return (before.fetched or date.min) > (item.fetched or date.min)


def _shown(value: Decimal | None) -> str:
    return "null" if value is None else str(value)
