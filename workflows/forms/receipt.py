"""When a letter was received: a date the working-day calendar can count from, and the rule of
its acceptance deadline (registration and the correction of the details both ask)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from casework.choices import Kind
from casework.deadlines.calendar import FIRST_YEAR as CALENDAR_FIRST_YEAR
from casework.deadlines.calendar import working_calendar
from casework.deadlines.counting import period_end
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


def appeal_window_refusal(data: dict) -> str | None:
    """Why a second-round complaint received that day is not registered, or None.

    The window opens the day the complainant received the round-1 decision, or the day the
    round-1 period ended without one, and runs 30 days (45 in a remote area: the rule set's
    "appeal" rows, Complaints Law Art. 33); a window that ends on a day off ends on the next
    working day (Civil Code Art. 148)."""
    opened_on, received_on = data.get("appeal_from"), data.get("received_on")
    if opened_on is None:
        return str(
            _(
                "Give the day the complainant received the round-1 decision, or the day the "
                "round-1 period ended without one: a second-round complaint is registered only "
                "within the 30 days that follow (45 in a remote area; Complaints Law Art. 33)."
            )
        )
    if received_on is None:
        return None
    if opened_on > received_on:
        return str(_("The round-1 decision cannot be received after the second-round letter."))
    rule = rule_for(
        kind=Kind.COMPLAINT,
        round=2,
        stage="appeal",
        complex=False,
        remote=bool(data.get("is_remote_area")),
        on=opened_on,
    )
    if rule is None:
        return None  # no window in the rule set: the law of that time is not known here
    closes_on = period_end(
        working_calendar(), started_on=opened_on, period=rule.period, unit=rule.unit
    )
    if received_on <= closes_on:
        return None
    return str(
        _(
            "The appeal window closed on %(date)s (%(days)s days from %(opened)s, Complaints "
            "Law Art. 33): a second-round complaint received after it is not registered; the "
            "complainant is told that the time limit has passed (Art. 11)."
        )
        % {
            "date": date_format(closes_on, "SHORT_DATE_FORMAT"),
            "days": rule.period,
            "opened": date_format(opened_on, "SHORT_DATE_FORMAT"),
        }
    )
