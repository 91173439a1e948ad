"""Writing a `Template` as an .xlsx workbook people fill in (openpyxl).

The first sheet, "Om", says what the workbook is for and how to fill it in. Each data sheet has
a frozen header row, grey locked columns for what is only shown or is part of a row's key, white
cells for what a person fills in, statuses offered as a list from the committee year's own
vocabulary, and three hidden columns (key, version, check) that the import reads back. Text is
always written as text: nothing a person or the database wrote becomes a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from uppsikt.importers.excel.template import (
    ABOUT_SHEET,
    FOLLOW_UP_SHEETS,
    FORECAST_SHEET,
    FORMAT_VERSION,
    HIDDEN,
    INDICATOR_SHEET,
    LISTS_SHEET,
    TITLE,
    ItemKind,
    Role,
    Sheet,
    SheetRow,
    Status,
    Template,
    check_of,
    clean_text,
    editable_values,
    follow_up_row,
    forecast_row,
    indicator_row,
    key_text,
)

GREY = PatternFill("solid", start_color="FFD9D9D9")
HEADER = PatternFill("solid", start_color="FFBFBFBF")
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
OPEN = Protection(locked=False)
LISTS = {True: "Uppdragsstatus", False: "Kontrollstatus"}  # the named lists, by "assignment?"

INSTRUCTIONS = (
    "Så fyller du i mallen",
    (
        "Fyll bara i de vita cellerna: status (välj i listan), kommentar, indikatorvärden och "
        "prognoser. De grå kolumnerna är nycklar och text för läsning; ändra dem inte, och lägg "
        "inte till eller ta bort rader eller blad."
    ),
    (
        "Skriv tal som tal, t.ex. 12,5 eller −6 400. Formler räknas aldrig ut vid inläsningen: "
        "en cell med en formel ger ett fel. En tom värdecell betyder att värdet saknas."
    ),
    (
        "Prognoser skrivs i tabellens enhet och med det tecken tabellen visar kostnader med, som "
        "på tabellens sida i Uppsikt."
    ),
    (
        "Läs in filen med: uppsikt import excel FIL.xlsx --user ANVÄNDARNAMN (prova först med "
        "--dry-run). Bara rader du har ändrat skrivs. Har någon ändrat samma rad i Uppsikt "
        "efter exporten vägras inläsningen; exportera då en ny mall."
    ),
)


def write_workbook(template: Template) -> bytes:
    """The workbook of a committee's period, as the bytes of an .xlsx file."""
    book = Workbook()
    about = book.active
    assert about is not None  # a new workbook has its first sheet
    _about(about, template)
    for kind, sheet in FOLLOW_UP_SHEETS.items():
        rows = [
            follow_up_row(row, template.statuses(kind))
            for row in template.follow_ups
            if row.kind is kind
        ]
        statuses = LISTS[kind is ItemKind.ASSIGNMENT] if template.statuses(kind) else None
        _data_sheet(book.create_sheet(sheet.name), template, sheet, rows, statuses)
    indicators = [indicator_row(row) for row in template.indicators]
    _data_sheet(book.create_sheet(INDICATOR_SHEET.name), template, INDICATOR_SHEET, indicators)
    forecasts = [forecast_row(row) for row in template.forecasts]
    _data_sheet(book.create_sheet(FORECAST_SHEET.name), template, FORECAST_SHEET, forecasts)
    lists = book.create_sheet(LISTS_SHEET)  # last, hidden: the lists the status cells offer
    lists.sheet_state = "hidden"
    _status_list(book, lists, 1, LISTS[True], template.assignment_statuses)
    _status_list(book, lists, 2, LISTS[False], template.control_statuses)
    _protect(lists)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _about(sheet: Worksheet, template: Template) -> None:
    sheet.title = ABOUT_SHEET
    scope = template.scope
    sheet["A1"] = TITLE
    sheet["A1"].font = Font(bold=True, size=14)
    rows: list[tuple[str, str | int, str]] = [
        ("Mallversion", FORMAT_VERSION, ""),
        ("Kommun", scope.municipality, template.municipality_name),
        ("Nämnd", scope.committee, template.committee_name),
        ("Period", scope.period, template.period_name),
        ("Exporterad", template.exported.strftime("%Y-%m-%d %H:%M"), ""),
    ]
    for index, (label, key, name) in enumerate(rows, start=2):
        sheet.cell(index, 1, label).font = Font(bold=True)
        _put(sheet, index, 2, key).fill = GREY
        _put(sheet, index, 3, name)
    for index, line in enumerate(INSTRUCTIONS, start=len(rows) + 3):
        cell = _put(sheet, index, 1, line)
        cell.alignment = WRAPPED
        if index == len(rows) + 3:
            cell.font = Font(bold=True)
        else:
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=3)
            sheet.row_dimensions[index].height = 48
    for column, width in zip("ABC", (16, 18, 60), strict=True):
        sheet.column_dimensions[column].width = width
    _protect(sheet)


def _status_list(
    book: Workbook, lists: Worksheet, column: int, name: str, statuses: tuple[Status, ...]
) -> None:
    """Write the labels in a column of the list sheet, named for the status cells' lists."""
    lists.cell(1, column, name).font = Font(bold=True)
    for index, status in enumerate(statuses, start=2):
        _put(lists, index, column, status.label)
    if statuses:
        letter = get_column_letter(column)
        reference = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(statuses) + 1}"
        book.defined_names[name] = DefinedName(name, attr_text=reference)


def _data_sheet(
    sheet: Worksheet,
    template: Template,
    spec: Sheet,
    rows: Iterable[SheetRow],
    statuses: str | None = None,
) -> None:
    headers = [column.header for column in spec.columns] + list(HIDDEN)
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(1, index, header)
        cell.font = Font(bold=True)
        cell.fill = HEADER
    count = 0
    for number, row in enumerate(rows, start=2):
        count += 1
        for index, (column, value) in enumerate(zip(spec.columns, row.cells, strict=True), 1):
            cell = _put(sheet, number, index, value)
            cell.alignment = WRAPPED if column.role in {Role.SHOWN, Role.TEXT} else TOP
            if column.editable:
                cell.protection = OPEN
            else:
                cell.fill = GREY
        key = key_text(template.scope, spec, row.key)
        check = check_of(key, row.version, editable_values(spec, row.cells))
        hidden: tuple[str | int, ...] = (key, row.version, check)
        for index, kept in enumerate(hidden, start=len(spec.columns) + 1):
            _put(sheet, number, index, kept)
    for index, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for index in range(len(spec.columns) + 1, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(index)].hidden = True
    sheet.freeze_panes = "B2"
    if count:
        _validations(sheet, spec, count, statuses)
    _protect(sheet)


def _validations(sheet: Worksheet, spec: Sheet, count: int, statuses: str | None) -> None:
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{count + 1}"
        if column.role is Role.STATUS and statuses is not None:
            rule = DataValidation(
                type="list",
                formula1=statuses,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Okänd status",
                error="Välj en status ur listan (eller lämna cellen tom).",
            )
        elif column.role is Role.NUMBER:
            rule = DataValidation(
                type="decimal",
                operator="between",
                formula1="-1E+15",
                formula2="1E+15",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Inget tal",
                error="Skriv ett tal, t.ex. 12,5 eller -6400, eller lämna cellen tom.",
            )
        else:
            continue
        rule.add(cells)
        sheet.add_data_validation(rule)


def _protect(sheet: Worksheet) -> None:
    """Lock the sheet without a password; white cells stay open, columns can be widened."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False


def _put(sheet: Worksheet, row: int, column: int, value: str | int | Decimal | None) -> Cell:
    """Set a cell: text always as text (never a formula), numbers as numbers when exact."""
    cell = sheet.cell(row, column)
    assert isinstance(cell, Cell)  # merged cells are never written to
    if value is None:
        return cell
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"  # a text starting with "=" stays text
    elif isinstance(value, Decimal):
        cell.value = _number(value)
        if isinstance(cell.value, str):
            cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _number(value: Decimal) -> int | float | str:
    """A number as Excel can hold it exactly; text (decimal comma) when a double cannot."""
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return format(value, "f").replace(".", ",")
