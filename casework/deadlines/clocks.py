"""What a clock says: its due date and its status, derived from its row and the calendar."""

from datetime import date

from casework.deadlines.arithmetic import WorkingCalendar
from casework.deadlines.counting import period_end
from casework.models.deadlines import Clock


def closed_pauses(clock: Clock) -> list[tuple[date, date]]:
    return [
        (date.fromisoformat(start), date.fromisoformat(end))
        for start, end in clock.pauses
        if end is not None
    ]


def clock_due_on(clock: Clock, calendar: WorkingCalendar) -> date | None:
    """The last day of the stage.

    Unknown (None) while the clock is paused, unless the pause began after the deadline had
    passed: such a case stays late, and its due date stands.
    """
    settled = period_end(
        calendar,
        started_on=clock.started_on,
        period=clock.period,
        unit=clock.unit,
        extension_days=clock.extension_days,
        pauses=closed_pauses(clock),
    )
    if clock.status != Clock.Status.PAUSED:
        return settled
    open_since = next((date.fromisoformat(s) for s, e in clock.pauses if e is None), None)
    return settled if open_since is not None and open_since > settled else None


def clock_status(clock: Clock, today: date) -> str:
    """running, paused, met, missed (due date passed, not met, or met late) or stopped."""
    if clock.status == Clock.Status.MET:
        late = clock.due_on is not None and clock.met_on > clock.due_on
        return "missed" if late else "met"
    if clock.status == Clock.Status.RUNNING and clock.due_on and clock.due_on < today:
        return "missed"
    return clock.status


def working_days_left(calendar: WorkingCalendar, today: date, due_on: date | None) -> int | None:
    """Working days from today to the due date, negative once it has passed; None if none."""
    if due_on is None:
        return None
    if due_on >= today:
        return calendar.working_days_between(today, due_on)
    return -calendar.working_days_between(due_on, today)
