"""Starting a committee's next period: which period comes next, and what it starts from.

Within the year, goals, indicators, assignments, internal control and financial tables belong
to the committee's year and carry over as they are; the new period gets a copy of the report
template and of the texts, every text a draft. Into the next year, a new committee year starts
from a copy of this one's structure: the goals with their indicators (whose values and targets
are history), the assignments and audit findings not done, the internal-control plan, the
financial tables without figures, and the report template and texts, as drafts.

A period's follow-up is never copied: statuses, comments, goal assessments, figures and
forecasts are the new period's to give.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from uppsikt.domain.assignments import FollowedUp
from uppsikt.domain.dataset import CommitteeYear, Dataset
from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.formatting import format_date, format_month
from uppsikt.domain.goals import GoalCode, Perspective
from uppsikt.domain.internal_control import InternalControl
from uppsikt.domain.narratives import Narrative
from uppsikt.domain.periods import CommitteePeriod, PeriodKey, PeriodKind, ReportingPeriod
from uppsikt.domain.report_template import ReportTemplate, TemplateSection, family, latest_before
from uppsikt.domain.vocabularies import StatusCode, StatusOutcome, StatusVocabulary

PERIOD = "period"  # the field a refusal is about: the next period ...
CLOSING_DATE = "closing_date"  # ... or its closing date


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a period cannot be started, and which field of the request it is about."""

    field: str
    message: str


def successors(key: PeriodKey) -> tuple[PeriodKey, ...]:
    """The periods that usually follow: VP → T1 → T2 → VB → next year's VP or T1; month → month."""
    year = key.year
    if key.kind is PeriodKind.MONTH:
        assert key.month is not None
        if key.month == 12:
            return (PeriodKey(year + 1, PeriodKind.MONTH, 1),)
        return (PeriodKey(year, PeriodKind.MONTH, key.month + 1),)
    if key.kind is PeriodKind.ANNUAL:
        return (PeriodKey(year + 1, PeriodKind.PLAN), PeriodKey(year + 1, PeriodKind.INTERIM_1))
    following = {
        PeriodKind.PLAN: PeriodKind.INTERIM_1,
        PeriodKind.INTERIM_1: PeriodKind.INTERIM_2,
        PeriodKind.INTERIM_2: PeriodKind.ANNUAL,
    }
    return (PeriodKey(year, following[key.kind]),)


def new_period(key: PeriodKey, closing_date: date | None = None) -> ReportingPeriod:
    """A period the municipality does not have yet, compared with the same period a year earlier."""
    return ReportingPeriod(
        key, closing_date or key.default_closing_date(), comparison=key.same_period_previous_year()
    )


def started(committee_year: CommitteeYear) -> frozenset[PeriodKey]:
    """The periods a committee has begun: with a workflow state, texts or a report template."""
    return frozenset(
        {item.period for item in committee_year.periods}
        | {item.period for item in committee_year.narratives}
        | {item.period for item in committee_year.reports}
    )


@dataclass(frozen=True, slots=True)
class Calendar:
    """What decides a committee's next period.

    `periods` are the municipality's periods of the current year and the next; `started` the
    periods of the current year the committee has begun; `next_year_started` whether the
    committee has the next year already.
    """

    current: ReportingPeriod
    periods: tuple[ReportingPeriod, ...]
    started: frozenset[PeriodKey]
    next_year_started: bool = False

    def existing(self, key: PeriodKey) -> ReportingPeriod | None:
        """The municipality's period with this key, if it has one."""
        return next((item for item in self.periods if item.key == key), None)

    def this_year(self) -> list[ReportingPeriod]:
        """The municipality's periods of the current year, by closing date."""
        year = self.current.key.year
        found = [item for item in self.periods if item.key.year == year]
        return sorted(found, key=lambda item: item.closing_date)


def refusals(calendar: Calendar, period: ReportingPeriod) -> list[Refusal]:
    """Why `period` cannot follow the current one; none when it can."""
    return _period_refusals(calendar, period.key) or _closing_refusals(calendar.current, period)


def _period_refusals(calendar: Calendar, key: PeriodKey) -> list[Refusal]:
    current = calendar.current
    year = current.key.year
    message = ""
    if key.year not in (year, year + 1):
        message = f"Nästa period ska ligga i {year} eller {year + 1}."
    elif key == current.key:
        message = f"{key} är den nuvarande perioden."
    elif key.year == year and key in calendar.started:
        message = f"Nämnden har redan perioden {key}."
    elif key.year == year and key.kind is PeriodKind.PLAN:
        message = "En verksamhetsplan inleder ett år; den startas från förra årets sista."
    elif key.year > year and calendar.next_year_started:
        message = f"Nämnden har redan år {key.year}; starta nästa period från en av dess perioder."
    elif key.year > year:
        latest = max(
            (item for item in calendar.this_year() if item.key in calendar.started),
            key=lambda item: item.closing_date,
            default=current,
        )
        if latest.closing_date > current.closing_date:
            message = f"Nästa år startas från årets sista period, {latest.key}."
    return [Refusal(PERIOD, message)] if message else []


def _closing_refusals(current: ReportingPeriod, period: ReportingPeriod) -> list[Refusal]:
    closing, key = period.closing_date, period.key
    if closing <= current.closing_date:
        return [
            Refusal(
                CLOSING_DATE,
                f"Slutdatumet måste vara efter {format_date(current.closing_date)}, "
                f"då {current.key} slutar.",
            )
        ]
    if closing.year != key.year:
        return [Refusal(CLOSING_DATE, f"Slutdatumet för {key} ska ligga i {key.year}.")]
    if key.month is not None and closing.month != key.month:
        month = format_month(date(key.year, key.month, 1))
        return [Refusal(CLOSING_DATE, f"Slutdatumet för {key} ska ligga i {month}.")]
    return []


def choose(
    calendar: Calendar, key: PeriodKey, closing_date: date | None = None
) -> tuple[ReportingPeriod | None, list[Refusal]]:
    """The period a person named to come next, or why it cannot.

    A period the municipality has keeps its closing date; a new one gets the date given, or the
    usual one of its kind.
    """
    about_period = _period_refusals(calendar, key)
    if about_period:
        return None, about_period
    existing = calendar.existing(key)
    if existing is not None and closing_date is not None and closing_date != existing.closing_date:
        message = (
            f"{key} finns redan och slutar {format_date(existing.closing_date)}; "
            "lämna slutdatumet tomt."
        )
        return None, [Refusal(CLOSING_DATE, message)]
    period = existing or new_period(key, closing_date)
    found = _closing_refusals(calendar.current, period)
    return (None, found) if found else (period, [])


def suggestions(calendar: Calendar) -> tuple[ReportingPeriod, ...]:
    """The periods to offer, best first: the year's later ones, then those that usually follow.

    Only periods that could be started are offered.
    """
    later = [
        item for item in calendar.this_year() if item.closing_date > calendar.current.closing_date
    ]
    usual = [calendar.existing(key) or new_period(key) for key in successors(calendar.current.key)]
    offered: dict[PeriodKey, ReportingPeriod] = {}
    for item in (*later, *usual):
        if item.key not in offered and not refusals(calendar, item):
            offered[item.key] = item
    return tuple(offered.values())


def model_period(calendar: Calendar, target: PeriodKey) -> PeriodKey:
    """The period whose report template and texts the new one starts from.

    The latest the committee has begun, up to the current one, whose report is of the same
    family as the new period's (a plan copies a plan, a monthly report a monthly report); else
    the current period.
    """
    current = calendar.current
    alike = [
        item
        for item in calendar.this_year()
        if (item.key in calendar.started or item.key == current.key)
        and item.closing_date <= current.closing_date
        and family(item.key.kind) == family(target.kind)
    ]
    return alike[-1].key if alike else current.key


def drafts(
    narratives: Iterable[Narrative], model: PeriodKey, target: PeriodKey
) -> tuple[Narrative, ...]:
    """The model period's texts, whole trees with titles and bodies, as drafts of `target`."""

    def copied(item: Narrative) -> Narrative:
        return replace(item, period=target, draft=True, sections=tuple(map(copied, item.sections)))

    return tuple(copied(item) for item in narratives if item.period == model)


def template(committee_year: CommitteeYear, model: PeriodKey, target: PeriodKey) -> ReportTemplate:
    """The model period's report template for `target`: its own, else the one it copies.

    A section showing a text that is copied with it keeps no title of its own, so that it
    follows its text's title; one whose text is not copied keeps the title it had.
    """
    reports = committee_year.reports
    found = next((item for item in reports if item.period == model), None)
    found = found or latest_before(reports, model)
    if found is None:  # the default template, of the model period's texts
        return replace(committee_year.report_template(model), period=target)
    copied = {item.key for top in committee_year.narratives_for(model) for item in top.walk()}
    titles = {
        item.key: item.title
        for top in committee_year.narratives_for(found.period)
        for item in top.walk()
        if item.key not in copied
    }

    def titled(section: TemplateSection) -> TemplateSection:
        title = section.title or titles.get(section.narrative or "", "")
        return replace(section, title=title, sections=tuple(map(titled, section.sections)))

    return ReportTemplate(target, tuple(map(titled, found.sections)))


def last_status(
    item: FollowedUp, closing: Mapping[PeriodKey, date], until: date
) -> StatusCode | None:
    """The status of the latest period, closing by `until`, in which the item was given one."""
    given = [
        (closing[entry.period], entry.status)
        for entry in item.follow_ups
        if entry.status is not None and entry.period in closing and closing[entry.period] <= until
    ]
    return max(given)[1] if given else None


def is_done(
    item: FollowedUp, vocabulary: StatusVocabulary, closing: Mapping[PeriodKey, date], until: date
) -> bool:
    """Whether the item's last status says it is done; no status, or an unknown one, is not."""
    code = last_status(item, closing, until)
    status = vocabulary.get(code) if code is not None else None
    return status is not None and status.outcome is StatusOutcome.DONE


def into_next_year(
    dataset: Dataset, committee: str, current: PeriodKey, target: PeriodKey, model: PeriodKey
) -> CommitteeYear:
    """The committee's next year as it starts: this year's structure, without its follow-ups.

    Goals keep their indicators with values and targets (history) but no assessments or
    comments; assignments, and audit findings with their actions, are carried while not done
    (by their last status up to the current period); processes, risks with their actions and
    controls are the plan and are all carried; financial tables keep their structure and ledger
    rules but no figures, and the budget frame, the council's decision for the new year, is
    not carried; personnel figures are not either.
    """
    year = dataset.committee(committee)
    closing = {item.key: item.closing_date for item in dataset.periods}
    until = closing[current]
    assignment_statuses = dataset.vocabulary(year.assignment_statuses)
    control_statuses = dataset.vocabulary(year.control_statuses)
    plan = year.internal_control

    def open_(item: FollowedUp, vocabulary: StatusVocabulary) -> bool:
        return not is_done(item, vocabulary, closing, until)

    goals = tuple(
        replace(
            goal,
            assessments=(),
            indicators=tuple(replace(item, comments=()) for item in goal.indicators),
        )
        for goal in year.goals
    )
    assignments = tuple(
        replace(item, follow_ups=())
        for item in year.assignments
        if open_(item, assignment_statuses)
    )
    risks = tuple(
        replace(risk, actions=tuple(replace(item, follow_ups=()) for item in risk.actions))
        for risk in plan.risks
    )
    findings = tuple(
        replace(
            finding,
            actions=tuple(
                replace(item, follow_ups=())
                for item in finding.actions
                if open_(item, control_statuses)
            ),
        )
        for finding in plan.audit_findings
        if not finding.actions or any(open_(item, control_statuses) for item in finding.actions)
    )
    controls = tuple(replace(item, follow_ups=()) for item in plan.controls)
    return CommitteeYear(
        committee=year.committee,
        assignment_statuses=year.assignment_statuses,
        control_statuses=year.control_statuses,
        assessment_scale=year.assessment_scale,
        units=year.units,
        periods=(CommitteePeriod(target),),
        goals=goals,
        assignments=assignments,
        internal_control=InternalControl(plan.processes, risks, findings, controls),
        narratives=drafts(year.narratives, model, target),
        economy=Economy(tables=tuple(replace(table, values=()) for table in year.economy.tables)),
        reports=(template(year, model, target),),
    )


def council_goals_to_add(
    previous: tuple[Perspective, ...], present: tuple[Perspective, ...], needed: Iterable[GoalCode]
) -> tuple[Perspective, ...]:
    """The council's goal structure the next year lacks, under the perspectives it goes in.

    A next year without any gets this year's whole; one that has some (set up by another
    committee, or loaded) gets only the council goals the committee's goals need.
    """
    if not present:
        return previous
    missing = set(needed) - {goal.code for item in present for goal in item.council_goals}
    return tuple(
        replace(item, council_goals=tuple(g for g in item.council_goals if g.code in missing))
        for item in previous
        if any(goal.code in missing for goal in item.council_goals)
    )


@dataclass(frozen=True, slots=True)
class NextPeriod:
    """What starting the next period writes.

    `period` is the new period (the municipality's own when it has it); `model` the period
    whose template and texts are copied; `next_year` the committee's new year when the period
    begins one, None within the year.
    """

    current: PeriodKey
    period: ReportingPeriod
    model: PeriodKey
    template: ReportTemplate
    narratives: tuple[Narrative, ...]
    next_year: CommitteeYear | None = None


def plan(
    dataset: Dataset, committee: str, calendar: Calendar, period: ReportingPeriod
) -> NextPeriod:
    """What starting `period` after the calendar's current one copies; `period` is chosen."""
    current, target = calendar.current.key, period.key
    model = model_period(calendar, target)
    if target.year > current.year:
        year = into_next_year(dataset, committee, current, target, model)
        return NextPeriod(current, period, model, year.reports[0], year.narratives, year)
    year = dataset.committee(committee)
    return NextPeriod(
        current,
        period,
        model,
        template(year, model, target),
        drafts(year.narratives, model, target),
    )
