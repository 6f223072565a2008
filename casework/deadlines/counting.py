"""When a period ends: the pure counting rules, with no database."""

from collections.abc import Iterable
from datetime import date, timedelta

from casework.deadlines.arithmetic import WorkingCalendar

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"


def paused_days(calendar: WorkingCalendar, unit: str, pauses: Iterable[tuple[date, date]]) -> int:
    """Days a clock stood still: from each suspension's date to its resumption's date.

    Counted in the period's own unit: calendar days for a calendar-day period, working days
    (those after the suspension day, up to and including the resumption day) for a
    working-day period. A suspension resumed the same day pauses nothing.
    """
    if unit == WORKING_DAYS:
        return sum(calendar.working_days_between(start, end) for start, end in pauses)
    return sum(max((end - start).days, 0) for start, end in pauses)


def period_end(
    calendar: WorkingCalendar,
    *,
    started_on: date,
    period: int,
    unit: str,
    extension_days: int = 0,
    pauses: Iterable[tuple[date, date]] = (),
) -> date:
    """The last day of a period that started (by an act) on ``started_on``.

    - The day of the starting act is not counted (Civil Code Art. 147).
    - N working days end on the N-th working day after the start.
    - N calendar days end on start + N + extension + paused days; if that day is not a working
      day, on the next working day (Civil Code Art. 148).
    - A suspension adds its days only if it began on or before the last day then in force: a
      case suspended after its deadline had passed stays late.
    """
    if unit not in (WORKING_DAYS, CALENDAR_DAYS):
        raise ValueError(f"unknown unit {unit!r}")

    def end_with(days: int) -> date:
        if unit == WORKING_DAYS:
            return calendar.add_working_days(started_on, period + extension_days + days)
        return calendar.next_working_day(
            started_on + timedelta(days=period + extension_days + days)
        )

    paused = 0
    for start, end in sorted(pauses):
        if start <= end_with(paused):
            paused += paused_days(calendar, unit, [(start, end)])
    return end_with(paused)
