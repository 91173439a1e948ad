"""A municipality's export layout, kept in a TOML file (`--config FILE`).

```toml
delimiter = ";"        # ; , or tab; sniffed when left out
decimal = ","          # the decimal mark of amounts written as text
encoding = "cp1252"    # told from the bytes when left out
sheet = "Huvudbok"     # an XLSX sheet; the first when left out
kind = "budget"        # ledger only: utfall (outcome) or budget, for rows without a kind

[columns]              # field = the header of its column
account = "Kontonr"
amount = "Belopp SEK"
```

Options on the command line win over the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from uppsikt.importers.tabular.reading import ReadOptions

KEYS = frozenset({"delimiter", "decimal", "encoding", "sheet", "kind", "columns"})
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semikolon": ";", "komma": ","}


@dataclass(frozen=True)
class Layout:
    """How to read an export: the reading options, the fields' columns, the default kind."""

    read: ReadOptions = field(default_factory=ReadOptions)
    columns: dict[str, str] = field(default_factory=dict)
    kind: str | None = None


def delimiter_of(text: str) -> str:
    """A delimiter as given (`;`, `,`, `tab`); ValueError for anything else."""
    found = _DELIMITER_NAMES.get(text.strip().casefold(), text if text == "\t" else text.strip())
    if found not in {";", ",", "\t", "|"}:
        raise ValueError(f"avgränsaren {text!r} stöds inte; välj ; , | eller tab")
    return found


def decimal_of(text: str) -> str:
    """A decimal mark as given (`,` or `.`); ValueError for anything else."""
    if text.strip() not in {",", "."}:
        raise ValueError(f"decimaltecknet {text!r} stöds inte; välj , eller .")
    return text.strip()


def columns_of(pairs: list[str]) -> dict[str, str]:
    """`FIELD=HEADER` pairs as a mapping; ValueError for a pair without both."""
    found = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        if not sep or not name.strip() or not header.strip():
            raise ValueError(f"--column {pair!r}: skriv t.ex. amount=Belopp")
        found[name.strip()] = header.strip()
    return found


def read_layout(path: Path) -> Layout:
    """The layout a TOML file gives; ValueError naming the file and the fault."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: {error}") from None
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ValueError(
            f"{path}: okända nycklar {', '.join(unknown)}; välj bland {', '.join(sorted(KEYS))}"
        )
    try:
        columns = _columns(data.get("columns", {}))
        read = ReadOptions(
            encoding=_text(data, "encoding"),
            delimiter=delimiter_of(text) if (text := _text(data, "delimiter")) else None,
            sheet=_text(data, "sheet"),
            decimal=decimal_of(_text(data, "decimal") or ","),
        )
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
    return Layout(read, columns, _text(data, "kind"))


def combined(layout: Layout, **given: Any) -> Layout:
    """The layout with what the command line gives (not None) put over it; columns merged."""
    columns = {**layout.columns, **(given.pop("columns", None) or {})}
    kind = given.pop("kind", None) or layout.kind
    read = replace(layout.read, **{key: value for key, value in given.items() if value is not None})
    return Layout(read, columns, kind)


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'{key} ska vara text, t.ex. {key} = "…"')
    return value


def _columns(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(header, str) for header in value.values()):
        raise ValueError('[columns] ska para fält med rubriker, t.ex. amount = "Belopp"')
    return {str(name): header for name, header in value.items()}
