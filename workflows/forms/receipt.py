"""When a letter was received: a date the working-day calendar can count from, and the rule of
its acceptance deadline (registration and the correction of the details both ask)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from casework.choices import Kind
from casework.deadlines.calendar import FIRST_YEAR as CALENDAR_FIRST_YEAR
from casework.deadlines.rules import rule_for

#: Letters received before this year are not registered as new cases: the working-day
#: calendar (and so every deadline) starts with it.
EARLIEST_RECEIPT_YEAR = CALENDAR_FIRST_YEAR


def receipt_date_check(received_on) -> None:
    """A date of receipt the calendar can count from: not in the future, not before it."""
    if received_on > timezone.localdate():
        raise forms.ValidationError(_("The date of receipt cannot be in the future."))
    if received_on.year < EARLIEST_RECEIPT_YEAR:
        raise forms.ValidationError(
            _("The date of receipt cannot be before %(year)s."),
            params={"year": EARLIEST_RECEIPT_YEAR},
        )


def acceptance_rule(*, kind, round, flags: dict, received_on):
    """The rule of the acceptance deadline of a letter received that day, or None."""
    return rule_for(
        kind=kind,
        round=round or 1,
        stage="acceptance",
        complex=bool(flags.get("is_complex") or flags.get("is_especially_complex")),
        remote=bool(flags.get("is_remote_area")),
        on=received_on,
    )


def no_acceptance_rule(kind, received_on) -> str:
    return _(
        "No deadline rule covers a %(kind)s received on %(date)s: an administrator must add "
        "the rule of that time to the rule set first."
    ) % {"kind": Kind(kind).label.lower(), "date": date_format(received_on, "SHORT_DATE_FORMAT")}
