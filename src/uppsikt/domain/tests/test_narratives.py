from datetime import date
from decimal import Decimal

import pytest

from uppsikt.domain.formatting import MINUS
from uppsikt.domain.narratives import Figure, UnresolvedError, check, resolve, scan

FIGURES = {
    "assignments.total": Figure(24, "antal uppdrag"),
    "assignments.not_done_this_year": Figure(1, "ej klara i år"),
    "personnel.sick_leave.change": Figure(Decimal("-0.1"), "förändring", decimals=1),
    "period.closing_date": Figure(date(2023, 4, 30), "slutdatum"),
    "personnel.headcount.current": Figure(None, "antal anställda"),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Av de {assignments.total} uppdragen", "Av de 24 uppdragen"),
        ("beräknas {assignments.not_done_this_year|words} inte", "beräknas en inte"),
        ("{assignments.not_done_this_year|words|capitalize} uppdrag", "En uppdrag"),
        ("minskning med {personnel.sick_leave.change|abs}", "minskning med 0,1"),
        ("förändring {personnel.sick_leave.change}", f"förändring {MINUS}0,1"),
        ("per {period.closing_date}", "per 30 april 2023"),
        ("{ assignments.total | words }", "24"),
        ("mängden {{x}} och {{", "mängden {x} och {"),
        ("saknas: {personnel.headcount.current}", "saknas: –"),
        ("ingen platshållare", "ingen platshållare"),
    ],
)
def test_live_figures_are_resolved_in_swedish(text: str, expected: str) -> None:
    assert resolve(text, FIGURES) == expected


def test_an_unknown_placeholder_is_an_error_that_names_it_and_its_line() -> None:
    text = "Rad ett.\nAv de {assignments.totl} uppdragen."
    with pytest.raises(UnresolvedError) as caught:
        resolve(text, FIGURES)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "okänd levande siffra {assignments.totl}")
    ]
    assert "assignments.totl" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ett { ensamt", "ensam klammer '{'"),
        ("ett } ensamt", "ensam klammer '}'"),
        ("{Assignments.Total}", "ingen giltig platshållare"),
        ("{}", "ingen giltig platshållare"),
        ("{assignments.total|shout}", "okänt filter 'shout'"),
    ],
)
def test_malformed_placeholders_are_reported(text: str, message: str) -> None:
    problems = check(text, FIGURES)
    assert len(problems) == 1
    assert message in problems[0].message


def test_scan_finds_every_placeholder_with_its_line() -> None:
    found, problems = scan("{a.b}\n\n{c|words}")
    assert [(item.name, item.filters, item.line) for item in found] == [
        ("a.b", (), 1),
        ("c", ("words",), 3),
    ]
    assert problems == []
