"""What the command lines of the tabular sources (`uppsikt import ledger`, `hr`) share."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from uppsikt.importers.tabular.layout import (
    Layout,
    columns_of,
    combined,
    decimal_of,
    delimiter_of,
    read_layout,
)


def add_layout_arguments(parser: ArgumentParser) -> None:
    """`--column`, `--config`, `--sheet`, `--delimiter`, `--decimal`, `--encoding`."""
    parser.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FÄLT=RUBRIK",
        help="fältets kolumn efter rubrik, t.ex. amount='Belopp SEK'",
    )
    parser.add_argument("--config", type=Path, help="exportens layout i en TOML-fil")
    parser.add_argument("--sheet", help="arbetsbokens blad (förval: det första)")
    parser.add_argument("--delimiter", help="; , eller tab (förval: utläses ur filen)")
    parser.add_argument("--decimal", help="decimaltecknet i text, , eller . (förval: ,)")
    parser.add_argument("--encoding", help="teckenkodning (förval: utläses ur filen)")


def layout_from(options: dict[str, Any], **more: Any) -> Layout:
    """The layout the options give: the config file's, with the command line's over it."""
    try:
        layout = read_layout(options["config"]) if options["config"] else Layout()
        return combined(
            layout,
            columns=columns_of(options["column"]),
            sheet=options["sheet"],
            delimiter=delimiter_of(options["delimiter"]) if options["delimiter"] else None,
            decimal=decimal_of(options["decimal"]) if options["decimal"] else None,
            encoding=options["encoding"],
            **more,
        )
    except ValueError as error:
        raise CommandError(str(error)) from None
