"""The supervisor's morning queue: the active cases of their scope that need a look, and why."""

from datetime import date, timedelta
from functools import lru_cache

from django.db.models import Case as DbCase
from django.db.models import CharField, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.utils import timezone

from casework.choices import ACTIVE_STATES, State
from casework.deadlines.calendar import working_calendar
from casework.models import Case
from permissions.selectors import case_list_visible

OVERDUE, DUE_SOON, SUSPENDED_LONG, UNASSIGNED = (
    "overdue",
    "due_soon",
    "suspended_long",
    "unassigned",
)
QUEUE_REASONS = (OVERDUE, DUE_SOON, SUSPENDED_LONG, UNASSIGNED)
#: The window counts ``case_list_supervisor_queue(counted=True)`` gives each row, by reason.
QUEUE_COUNTS = {f"queue_count_{r}": r for r in QUEUE_REASONS}
DUE_SOON_WORKING_DAYS = 3
SUSPENDED_LONG_DAYS = 30
UNASSIGNED_WORKING_DAYS = 2


def _working_days_ago(calendar, today: date, n: int) -> date:
    """The latest day d with more than n working days between d and today."""
    day = today
    while calendar.working_days_between(day, today) <= n:
        day -= timedelta(days=1)
    return day


def _queue_days(today: date | None) -> tuple[date, date, date, date]:
    """Today; the last day that is due soon; the days before which a suspension is long and
    an acceptance without assignee is late."""
    today = today or timezone.localdate()
    calendar = working_calendar()
    soon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    unassigned_before = _working_days_ago(calendar, today, UNASSIGNED_WORKING_DAYS) + timedelta(
        days=1
    )
    return today, soon, today - timedelta(days=SUSPENDED_LONG_DAYS), unassigned_before


def _waiting_long(days: tuple[date, date, date, date]) -> tuple[Q, Q]:
    """Suspended for too long; accepted and unassigned for too long."""
    _today, _soon, suspended_before, unassigned_before = days
    return (
        Q(state=State.SUSPENDED, last_act_on__lt=suspended_before),
        Q(state=State.ACCEPTED, assignee__isnull=True, last_act_on__lt=unassigned_before),
    )


def _queue_reasons(days: tuple[date, date, date, date]) -> dict[str, Q]:
    """Each reason's condition on a case on these days, exclusive of the reasons before it (a
    case is in the queue for its first reason only)."""
    today, soon, _suspended_before, _unassigned_before = days
    suspended_long, unassigned = _waiting_long(days)
    not_due_soon = Q(next_due_on__isnull=True) | Q(next_due_on__gt=soon)
    return {
        OVERDUE: Q(next_due_on__lt=today),
        DUE_SOON: Q(next_due_on__gte=today, next_due_on__lte=soon),
        SUSPENDED_LONG: not_due_soon & suspended_long,
        UNASSIGNED: not_due_soon & unassigned,
    }


@lru_cache(maxsize=8)
def _queue_of_every_case(days: tuple[date, date, date, date], counted: bool) -> QuerySet[Case]:
    """The queue over every case, before any scope, on these days: built once per process and
    set of days (the calendar's changes give other days), for every supervisor's request.
    Never evaluated: the caller gets a clone of it, with the user's scope."""
    reasons = _queue_reasons(days)
    reason = DbCase(
        *[When(condition, then=Value(r)) for r, condition in reasons.items()],
        default=Value(""),
        output_field=CharField(),
    )
    # The rank from the same conditions, not from ``reason``: each use of an annotation in
    # the SQL repeats its expression.
    rank = DbCase(
        *[When(condition, then=Value(i)) for i, condition in enumerate(reasons.values())],
        default=Value(len(reasons)),
        output_field=IntegerField(),
    )
    # The filter is the reasons' conditions as an index can answer them: the partial index
    # on (unit, next_due_on) for the overdue and the due soon, (unit, state) for the long
    # suspensions and the unassigned. Only the rows of the queue are read and ranked; the
    # other active cases of the unit are never touched.
    suspended_long, unassigned = _waiting_long(days)
    needs_a_look = Q(next_due_on__lte=days[1]) | suspended_long | unassigned
    queue = (
        Case.objects.filter(needs_a_look, state__in=ACTIVE_STATES)
        .annotate(reason=reason, rank=rank)
        .order_by("rank", F("next_due_on").asc(nulls_last=True), "last_act_on", "pk")
    )
    if counted:
        queue = queue.annotate(
            **{name: Window(Count("pk", filter=reasons[r])) for name, r in QUEUE_COUNTS.items()}
        )
    return queue


def case_list_supervisor_queue(
    *, user, today: date | None = None, counted: bool = False
) -> QuerySet[Case]:
    """The supervisor's morning queue: the active cases of their scope that need a look.

    Annotated with ``reason`` and ordered: overdue (most late first), due within 3 working
    days, suspended for more than 30 days, accepted but unassigned for more than 2 working
    days. Cases that need none of these are left out. With ``counted``, each row also
    carries the count of every reason over the whole queue (``QUEUE_COUNTS``, window counts
    over the user's scope): a page and the counts in one query.
    """
    return case_list_visible(user, among=_queue_of_every_case(_queue_days(today), counted))


def queue_counts(queue: QuerySet[Case]) -> dict[str, int]:
    """How many cases of this queue (``case_list_supervisor_queue``) wait for each reason."""
    counts = dict.fromkeys(QUEUE_REASONS, 0)
    counts.update(dict(queue.order_by().values_list("reason").annotate(n=Count("pk"))))
    return counts
