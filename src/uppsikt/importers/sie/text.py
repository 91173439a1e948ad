r"""SIE text: the encoding told from the bytes, and each line split into its label and fields.

The specification says CP437 (`#FORMAT PC8`), but real files are often UTF-8 or ISO-8859-15
while still saying PC8, so the encoding is decided from the bytes themselves, at the first line
that is not plain ASCII, and kept for the rest of the file (a file is read as a stream).

A line is a label (`#TRANS`) and fields separated by spaces or tabs. A field is quoted when it
holds a space (`"Kassa och bank"`); inside quotes `\"` is a quote and every other backslash is
itself. An object list is braced: `{1 "0123" 6 "P1"}`, `{}` or `{ }` when empty. Unquoted names
with spaces occur in the wild: they arrive as several fields, and the record's reader decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from uppsikt.domain.problems import Location, Problem

# Swedish letters as each candidate single-byte encoding writes them (å ä ö Å Ä Ö é É ü).
_CP437_LETTERS = frozenset(b"\x86\x84\x94\x8f\x8e\x99\x82\x90\x81")
_LATIN_LETTERS = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xc9\xfc")

Field = str | tuple[str, ...]  # a value, or an object list's values


class SieSyntaxError(ValueError):
    """A line that cannot be split into fields; carries the problem with its place."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def guess_encoding(line: bytes) -> str:
    """The encoding of a file whose first line beyond ASCII is `line`.

    UTF-8 when the line decodes as such (a single-byte text almost never does); else CP437 or
    ISO-8859-15, whichever writes more of the line's high bytes as Swedish letters (CP437 on a
    tie, as the specification says).
    """
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        high = [byte for byte in line if byte >= 0x80]
        latin = sum(byte in _LATIN_LETTERS for byte in high)
        cp437 = sum(byte in _CP437_LETTERS for byte in high)
        return "iso8859_15" if latin > cp437 else "cp437"
    return "utf-8"


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text with its 1-based number."""

    number: int
    text: str


class Decoder:
    """Decodes a file's lines in turn, the encoding decided at the first line beyond ASCII.

    A line that does not decode in the encoding decided is read as CP437 (which decodes every
    byte), so that no line is lost; its letters may then be wrong, never missing.
    """

    def __init__(self) -> None:
        self.encoding = ""  # undecided while every line so far was ASCII

    def see(self, raw: bytes) -> None:
        """Let a line that is not decoded decide the encoding all the same, if it is the first."""
        if not self.encoding and not raw.isascii():
            self.encoding = guess_encoding(raw.rstrip(b"\r\n"))

    def decode(self, raw: bytes) -> str:
        """The line's text, without its line break."""
        data = raw.rstrip(b"\r\n")
        if not self.encoding and not data.isascii():
            self.encoding = guess_encoding(data)
        try:
            return data.decode(self.encoding or "ascii")
        except UnicodeDecodeError:
            return data.decode("cp437")


def decode_lines(lines: Iterable[bytes]) -> Iterator[Line]:
    """The file's lines as text, the encoding decided at the first line beyond ASCII."""
    decoder = Decoder()
    for number, raw in enumerate(lines, start=1):
        yield Line(number, decoder.decode(raw))


# A quoted value (`\"` inside is a quote), a brace, a quote that is never closed, or a bare value.
_TOKEN = re.compile(r'"((?:\\"|[^"])*)"|([{}])|(")|([^\s{}"]+)')


def split_fields(text: str, location: Location) -> list[Field]:
    """A line's label and fields, in order; raises SieSyntaxError for a broken quote or brace."""
    fields: list[Field] = []
    in_list: list[str] | None = None
    # findall scans in C; a broken line is scanned again to find where it breaks (`_fault`).
    for quoted, brace, unclosed, bare in _TOKEN.findall(text):
        if bare:
            (fields if in_list is None else in_list).append(bare)
        elif brace == "{":
            if in_list is not None:
                raise _fault(text, location)
            in_list = []
        elif brace == "}":
            if in_list is None:
                raise _fault(text, location)
            fields.append(tuple(in_list))
            in_list = None
        elif unclosed:
            raise _fault(text, location)
        else:
            value = quoted.replace('\\"', '"') if "\\" in quoted else quoted
            (fields if in_list is None else in_list).append(value)
    if in_list is not None:
        raise _broken(location, len(text), "objektlistan avslutas inte med '}'")
    return fields


def _fault(text: str, location: Location) -> SieSyntaxError:
    """Where and how a line that `split_fields` could not split breaks."""
    in_list = False
    for match in _TOKEN.finditer(text):
        brace, unclosed = match.group(2), match.group(3)
        if unclosed:
            return _broken(location, match.start(), "citattecknet avslutas inte")
        if brace == "{":
            if in_list:
                return _broken(location, match.start(), "en objektlista inne i en objektlista")
            in_list = True
        elif brace == "}":
            if not in_list:
                return _broken(location, match.start(), "'}' utan '{' före")
            in_list = False
    return _broken(location, len(text), "objektlistan avslutas inte med '}'")


def _broken(location: Location, position: int, fault: str) -> SieSyntaxError:
    return SieSyntaxError(Problem(location, f"tecken {position + 1}: {fault}"))
