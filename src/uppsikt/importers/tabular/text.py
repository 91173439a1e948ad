"""CSV text: the encoding told from the bytes, the delimiter sniffed, the records as rows.

The encoding is UTF-8 (with or without a byte-order mark) when the whole file decodes as such (a
single-byte Swedish text almost never does), UTF-16 when it starts with its byte-order mark,
else Windows-1252, or ISO-8859-1 when the file holds a byte Windows-1252 leaves undefined. The
file is read twice, once to decide and once to read, so that a large export streams.

The delimiter is the one of `;`, tab and `,` that splits most of the first lines into the same
number of fields (more than one), `;` before tab before `,` when they tie: a Swedish export with
decimal commas splits evenly only on its semicolons.
"""

from __future__ import annotations

import codecs
import csv
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from uppsikt.importers.tabular.table import Row, Source, TabularError

DELIMITERS = (";", "\t", ",")
_CHUNK = 1 << 20
_SAMPLE_LINES = 50
_UNDEFINED_IN_CP1252 = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def detect_encoding(path: Path) -> str:
    """The encoding of the file's bytes: utf-8-sig, utf-16, utf-8, cp1252 or latin-1."""
    with path.open("rb") as file:
        head = file.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        file.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        utf8, undefined = True, False
        for chunk in iter(lambda: file.read(_CHUNK), b""):
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            undefined = undefined or any(byte in chunk for byte in _UNDEFINED_IN_CP1252)
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        return "utf-8"
    return "latin-1" if undefined else "cp1252"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits most lines into the same number of fields, more than one."""
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [
                len(fields)
                for fields in csv.reader(lines, delimiter=delimiter)
                if any(field.strip() for field in fields)
            ]
        except csv.Error:
            continue
        if not widths:
            continue
        width, agreeing = Counter(widths).most_common(1)[0]
        score = (agreeing, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(
    path: Path, name: str, *, encoding: str | None = None, delimiter: str | None = None
) -> tuple[Source, Iterator[Row]]:
    """The file's records as rows, each with the line it starts on.

    Raises TabularError (`tabular.encoding`, `tabular.bad-csv`) when the text cannot be read,
    at the start or as the rows are read.
    """
    source = Source(name)
    chosen = encoding or detect_encoding(path)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise TabularError(
            [source.fault("tabular.encoding", f"okänd teckenkodning {chosen!r}", error=True)]
        ) from None
    if encoding is not None:
        _check_decodes(path, source, encoding)
    if delimiter is None:
        with path.open(encoding=chosen, errors="replace", newline="") as file:
            delimiter = sniff_delimiter(list(islice(file, _SAMPLE_LINES)))
    return source, _records(path, source, chosen, delimiter)


def _check_decodes(path: Path, source: Source, encoding: str) -> None:
    """Raise TabularError naming the first line that does not decode in the encoding given."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as file:
        number = 0
        for number, line in enumerate(file, start=1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError as error:
                raise TabularError(
                    [
                        source.fault(
                            "tabular.encoding",
                            f"texten går inte att läsa som {encoding} ({error.reason}); "
                            "ange rätt teckenkodning med --encoding",
                            number,
                            error=True,
                        )
                    ]
                ) from None
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise TabularError(
                [
                    source.fault(
                        "tabular.encoding",
                        f"texten slutar mitt i ett tecken ({error.reason})",
                        number or None,
                        error=True,
                    )
                ]
            ) from None


def _records(path: Path, source: Source, encoding: str, delimiter: str) -> Iterator[Row]:
    with path.open(encoding=encoding, newline="") as file:
        reader = csv.reader(file, delimiter=delimiter)
        start = 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as error:
                raise TabularError(
                    [
                        source.fault(
                            "tabular.encoding",
                            f"texten går inte att läsa som {encoding} ({error.reason}); "
                            "ange rätt teckenkodning med --encoding",
                            reader.line_num + 1,
                            error=True,
                        )
                    ]
                ) from None
            except csv.Error as error:
                raise TabularError(
                    [
                        source.fault(
                            "tabular.bad-csv",
                            f"raden går inte att dela i fält ({error})",
                            start,
                            error=True,
                        )
                    ]
                ) from None
            yield Row(start, tuple(fields))
            start = reader.line_num + 1
