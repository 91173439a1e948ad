"""Whether a person is offered to start a committee's next period (the workflow panel's link)."""

from __future__ import annotations

from django import template

from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.apps.periods.queries import controls
from uppsikt.apps.restricted import User

register = template.Library()


@register.simple_tag
def may_start_next_period(user: User, committee_period: CommitteePeriod) -> bool:
    """Whether `user` may start the period after `committee_period`."""
    return controls(user, committee_period.committee_year)
