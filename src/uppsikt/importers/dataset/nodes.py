"""Typed reading of YAML nodes that remembers where every value stands.

The parser composes YAML into nodes (never into Python objects, so numbers are read exactly
from their text) and reads them through `Record`, which reports each fault with file, line and
field path and carries on, so that one run reports every fault of a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

import yaml

from uppsikt.domain.problems import DomainError, Location, Problem
from uppsikt.importers.dataset.schema import SCHEMA

NULL_TAG = "tag:yaml.org,2002:null"
# libyaml's loader when PyYAML was built with it: the same nodes and marks, ten times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class At:
    """A node and the field path that leads to it."""

    node: yaml.Node
    path: str

    @property
    def line(self) -> int:
        """The 1-based line the node starts on."""
        return int(self.node.start_mark.line) + 1

    @property
    def is_null(self) -> bool:
        """Whether the node is an explicit YAML null."""
        return isinstance(self.node, yaml.ScalarNode) and self.node.tag == NULL_TAG

    def child(self, node: yaml.Node, name: str | int) -> At:
        """The node under this one at a key or list position."""
        suffix = f"[{name}]" if isinstance(name, int) else (f".{name}" if self.path else name)
        return At(node, f"{self.path}{suffix}")


@dataclass
class Source:
    """One file being read: its problems, the codes it defines and the codes it refers to."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    defined: dict[tuple[str, str], int] = field(default_factory=dict)
    references: list[tuple[str, str, At]] = field(default_factory=list)

    def problem(self, at: At, message: str) -> None:
        """Record a fault at a node."""
        self.problems.append(Problem(Location(self.file, at.line, at.path), message))

    def define(self, kind: str, code: str, at: At) -> None:
        """Record that `code` names an item of `kind`; a second definition is a fault."""
        first = self.defined.get((kind, code))
        if first is not None:
            self.problem(at, f"koden '{code}' finns redan (rad {first})")
        else:
            self.defined[(kind, code)] = at.line

    def refer(self, kind: str, code: str, at: At) -> None:
        """Record that `code` must name an item of `kind` defined somewhere in the file."""
        self.references.append((kind, code, at))

    def check_references(self, nouns: dict[str, str]) -> None:
        """Report each reference to a code that is not defined."""
        for kind, code, at in self.references:
            if (kind, code) not in self.defined:
                known = sorted(c for k, c in self.defined if k == kind)
                hint = f"; kända: {', '.join(known)}" if known else ""
                noun = nouns.get(kind.rpartition(":")[2], kind)
                self.problem(at, f"okänd {noun} '{code}'{hint}")


def compose(text: str, source: Source) -> yaml.Node | None:
    """Compose YAML text into nodes; a syntax error, alias or duplicate key is a fault."""
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                source.problems.append(
                    Problem(
                        Location(source.file, mark.line + 1 if mark else None),
                        "YAML-alias (*namn) används inte i datasetet; skriv ut värdet",
                    )
                )
                return None
        return yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        source.problems.append(
            Problem(Location(source.file, line), f"ogiltig YAML: {error.problem or error}")
        )
        return None


# C0 control characters but tab, line feed and carriage return, DEL and the C1 controls: no
# report format can hold them (XML refuses them), and no one means to write them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def reject_control_characters(at: At, source: Source) -> None:
    """Report every text that holds a control character, naming its field."""
    node = at.node
    if isinstance(node, yaml.ScalarNode):
        found = _CONTROL.search(str(node.value))
        if found:
            code = f"U+{ord(found.group()):04X}"
            source.problem(at, f"texten innehåller styrtecknet {code}; ta bort det")
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            reject_control_characters(At(key, at.path), source)
            reject_control_characters(at.child(value, str(key.value)), source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            reject_control_characters(at.child(item, index), source)


def scalar_text(at: At) -> str | None:
    """The text of a scalar node, None for a mapping or list."""
    return str(at.node.value) if isinstance(at.node, yaml.ScalarNode) else None


class Record:
    """A mapping node read as one record of the schema, collecting faults as it goes."""

    def __init__(self, source: Source, at: At, kind: str) -> None:
        self.source = source
        self.at = at
        self.kind = kind
        self.fields = SCHEMA[kind]
        self.failed = False
        self.values: dict[str, At] = {}
        if not isinstance(at.node, yaml.MappingNode):
            self._fail(at, f"väntade en post ({kind}) med fälten {', '.join(self.fields)}")
            return
        for key_node, value_node in at.node.value:
            key = str(key_node.value)
            value_at = at.child(value_node, key)
            if key not in self.fields:
                self._fail(
                    at.child(key_node, key),
                    f"okänt fält '{key}' i {kind}; tillåtna: {', '.join(self.fields)}",
                )
            elif key in self.values:
                self._fail(value_at, f"fältet '{key}' står två gånger")
            else:
                self.values[key] = value_at
        for name, required in self.fields.items():
            if required and (name not in self.values or self.values[name].is_null):
                self._fail(at, f"fältet '{name}' saknas i {kind}")

    def _fail(self, at: At, message: str) -> None:
        self.failed = True
        self.source.problem(at, message)

    def fail(self, key: str, message: str) -> None:
        """Record a fault in the value of `key` (or the record itself if it lacks the key)."""
        self._fail(self.values.get(key, self.at), message)

    def get(self, key: str) -> At | None:
        """The value node of `key`, None when absent or null."""
        assert key in self.fields, f"{key} is not a field of {self.kind}"
        found = self.values.get(key)
        return None if found is None or found.is_null else found

    def _scalar(self, key: str) -> str | None:
        found = self.get(key)
        if found is None:
            return None
        text = scalar_text(found)
        if text is None:
            self._fail(found, "väntade ett enkelt värde, inte en lista eller post")
        return text

    def text(self, key: str) -> str:
        """A text field, surrounding whitespace removed; empty when absent."""
        value = self._scalar(key)
        return value.strip() if value is not None else ""

    def optional_text(self, key: str) -> str | None:
        """A text field, None when absent."""
        value = self._scalar(key)
        return value.strip() if value is not None else None

    def integer(self, key: str, default: int = 0) -> int:
        """A whole number."""
        value = self.optional_integer(key)
        return default if value is None else value

    def optional_integer(self, key: str) -> int | None:
        """A whole number, None when absent."""
        value = self._scalar(key)
        if value is None:
            return None
        try:
            return int(value.strip().replace("_", ""))
        except ValueError:
            self.fail(key, f"'{value}' är inget heltal")
            return None

    def decimal(self, key: str) -> Decimal:
        """An exact decimal number (decimal point or quoted decimal comma)."""
        value = self.optional_decimal(key)
        return Decimal(0) if value is None else value

    def optional_decimal(self, key: str) -> Decimal | None:
        """An exact decimal number, None when absent."""
        found = self.get(key)
        if found is None:
            return None
        result = read_decimal(found, self.source)
        if result is None:
            self.failed = True
        return result

    def date(self, key: str) -> dt.date:
        """An ISO date."""
        return self.optional_date(key) or dt.date.min

    def optional_date(self, key: str) -> dt.date | None:
        """An ISO date, None when absent."""
        value = self._scalar(key)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            self.fail(key, f"'{value}' är inget datum; skriv ÅÅÅÅ-MM-DD")
            return None

    def month(self, key: str) -> dt.date:
        """A month written `YYYY-MM`, as its first day."""
        value = self._scalar(key)
        if value is None:
            return dt.date.min
        try:
            return dt.date.fromisoformat(f"{value.strip()}-01")
        except ValueError:
            self.fail(key, f"'{value}' är ingen månad; skriv ÅÅÅÅ-MM")
            return dt.date.min

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E:
        """One of an enumeration's values."""
        value = self._scalar(key)
        if value is None:
            assert default is not None or self.fields[key], f"{key} needs a default"
            return default if default is not None else next(iter(enum))
        try:
            return enum(value.strip())
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.fail(key, f"'{value}' är inte tillåtet; välj bland {allowed}")
            return default if default is not None else next(iter(enum))

    def parsed(self, key: str, parse: Callable[[str], T]) -> T | None:
        """A value read by a domain parser; its DomainError becomes a fault."""
        value = self._scalar(key)
        if value is None:
            return None
        try:
            return parse(value.strip())
        except DomainError as error:
            self.fail(key, str(error))
            return None

    def items(self, key: str) -> list[At]:
        """The elements of a list field; empty when absent."""
        found = self.get(key)
        if found is None:
            return []
        if not isinstance(found.node, yaml.SequenceNode):
            self._fail(found, "väntade en lista (rader som börjar med '- ')")
            return []
        return [found.child(node, index) for index, node in enumerate(found.node.value)]

    def entries(self, key: str) -> list[tuple[str, At, At]]:
        """The entries of a mapping field as (key text, key node, value node)."""
        found = self.get(key)
        if found is None:
            return []
        return mapping_entries(found, self.source)

    def strings(self, key: str) -> list[str]:
        """A list of texts."""
        texts = []
        for item in self.items(key):
            text = scalar_text(item)
            if text is None or item.is_null:
                self._fail(item, "väntade en text")
            else:
                texts.append(text.strip())
        return texts


def mapping_entries(at: At, source: Source) -> list[tuple[str, At, At]]:
    """The entries of a mapping node; a repeated key is a fault."""
    if not isinstance(at.node, yaml.MappingNode):
        source.problem(at, "väntade en post med nycklar (nyckel: värde)")
        return []
    entries: list[tuple[str, At, At]] = []
    seen: set[str] = set()
    for key_node, value_node in at.node.value:
        key = str(key_node.value).strip()
        if key in seen:
            source.problem(at.child(key_node, key), f"nyckeln '{key}' står två gånger")
            continue
        seen.add(key)
        entries.append((key, at.child(key_node, key), at.child(value_node, key)))
    return entries


def read_decimal(at: At, source: Source) -> Decimal | None:
    """An exact decimal from a scalar node; a fault (and None) if it is not a finite number."""
    text = scalar_text(at)
    if text is None:
        source.problem(at, "väntade ett tal")
        return None
    cleaned = text.strip().replace(",", ".").replace("\u2212", "-")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or cleaned.count(".") > 1:
        source.problem(at, f"'{text}' är inget tal")
        return None
    return number
