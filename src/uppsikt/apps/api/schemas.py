"""What the API reads and writes, as typed schemas (the OpenAPI document is made from them).

Numbers are given as strings (`"40.5"`), exactly as kept, so that no decimal is lost on the
way; they are written as a JSON number or such a string.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator

COMMENT_LENGTH = 5000


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError("texten får inte innehålla NUL-tecken")
    return text


Text = Annotated[str, AfterValidator(_no_nul)]
Version = Annotated[int | None, Field(default=None, ge=0, le=2_000_000_000)]


class PeriodOut(Schema):
    """A period of a committee's year and the committee's state for it."""

    key: str
    name: str
    closing_date: date
    state: str
    url: str


class YearOut(Schema):
    """A committee's year and its periods."""

    year: int
    periods: list[PeriodOut]


class CommitteeOut(Schema):
    """A committee the person may see, with its years and periods."""

    municipality: str
    municipality_name: str
    code: str
    name: str
    years: list[YearOut]


class PeriodDetail(Schema):
    """A committee's period: its state and where its parts are read."""

    committee: str
    committee_name: str
    period: PeriodOut
    may_control: bool
    links: dict[str, str]


class StatusOut(Schema):
    """A status of a follow-up: its code, word, symbol and what it means."""

    code: str
    label: str
    symbol: str
    outcome: str


class FollowUpOut(Schema):
    """An item's status and comment for a period; version 0 when none is written yet."""

    period: str
    status: StatusOut | None
    comment: str
    version: int


class FollowUpIn(Schema):
    """A new status (by its code, or null) and comment, based on a version."""

    status: Text | None = Field(default=None, max_length=40)
    comment: Text = Field(default="", max_length=COMMENT_LENGTH)
    version: Version


class AssignmentOut(Schema):
    """An assignment, its follow-up for the period and for every period so far."""

    code: str
    text: str
    origin: str
    goal: str | None
    unit: str | None
    unit_name: str
    may_report: bool
    follow_up: FollowUpOut
    follow_ups: list[FollowUpOut]


class ControlItemOut(Schema):
    """A risk action, an action on an audit finding or a control, and its follow-ups."""

    kind: str
    kind_name: str
    code: str
    text: str
    facts: dict[str, str]
    follow_up: FollowUpOut
    follow_ups: list[FollowUpOut]


class TargetOut(Schema):
    """A target of an indicator: comparator, value, year and note."""

    comparator: str
    value: str | None
    year: int | None
    note: str


class ValueOut(Schema):
    """An indicator's value for a year and gender, where it came from and when."""

    indicator: str
    year: int
    gender: str
    value: str | None
    source: str
    fetched: date | None
    version: int


class ValueIn(Schema):
    """A value (null: published as missing), where it came from and when, based on a version."""

    value: Decimal | None = None
    source: Text = Field(default="", max_length=100)
    fetched: date | None = None
    version: Version


class IndicatorOut(Schema):
    """An indicator with its targets and every value."""

    code: str
    name: str
    goal: str
    unit: str
    decimals: int
    polarity: str
    source_kind: str
    source_reference: str
    milestone: TargetOut | None
    long_term: TargetOut | None
    values: list[ValueOut]


class AssessmentOut(Schema):
    """A goal's assessment for the period; version 0 when none is written yet."""

    goal: str
    period: str
    level: str | None
    label: str | None
    comment: str
    suggested: str | None
    version: int


class AssessmentIn(Schema):
    """A level of the committee's scale (by its code, or null) and comment, based on a version."""

    level: Text | None = Field(default=None, max_length=40)
    comment: Text = Field(default="", max_length=COMMENT_LENGTH)
    version: Version


class GoalOut(Schema):
    """A committee goal, where it sits, its assessment for the period and its indicators."""

    code: str
    name: str
    perspective: str
    council_goal: str
    council_goal_name: str
    assessment: AssessmentOut
    indicators: list[IndicatorOut]


class BulkResult(Schema):
    """What a batch of value lines did."""

    lines: int
    written: int
    unchanged: int


class TableSummary(Schema):
    """A financial table of the committee's year."""

    key: str
    title: str
    unit: str
    url: str


class ColumnOut(Schema):
    """A column of a table; `entered` when it holds forecasts that are typed in."""

    key: str
    label: str
    kind: str
    entered: bool


class CellOut(Schema):
    """A computed cell: the number as the table shows it (its unit and sign), and its text."""

    column: str
    value: str | None
    text: str


class RowOut(Schema):
    """A row of a table with its computed cells."""

    key: str
    label: str
    kind: str
    depth: int
    cells: list[CellOut]


class ForecastOut(Schema):
    """An entered forecast: in the table's unit and sign, as shown; version 0 when unwritten."""

    table: str
    row: str
    column: str
    value: str | None
    version: int


class ForecastIn(Schema):
    """A forecast as the table shows it (its unit and sign; null clears it), based on a version."""

    value: Decimal | None = None
    version: Version


class RowCommentOut(Schema):
    """A row's comment for the period; version 0 when none is written."""

    table: str
    row: str
    label: str
    text: str
    version: int


class RowCommentIn(Schema):
    """A row's comment (empty removes it), based on a version."""

    text: Text = Field(default="", max_length=COMMENT_LENGTH)
    version: Version


class TableOut(Schema):
    """A financial table computed for the period, its entered forecasts and row comments."""

    key: str
    title: str
    unit: str
    columns: list[ColumnOut]
    rows: list[RowOut]
    forecasts: list[ForecastOut]
    comments: list[RowCommentOut]


class FindingOut(Schema):
    """A check's finding: how bad, which check, where, what, and the figures compared."""

    severity: str
    code: str
    place: str
    kind: str
    key: str
    row: str
    column: str
    message: str
    expected: str
    found: str


class ReportOut(Schema):
    """The report's document, whether it is the frozen edition, and its files on the web."""

    frozen: bool
    sha256: str | None
    links: dict[str, str]
    document: dict[str, Any]
