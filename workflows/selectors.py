"""Reads the workflow derives from the lifecycle and the grants."""

from datetime import date, timedelta
from functools import lru_cache

from django.db.models import Case as DbCase
from django.db.models import CharField, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.utils import timezone

from casework.choices import ACTIVE_STATES, Role, State
from casework.deadlines.calendar import working_calendar
from casework.models import Case
from permissions.roles import user_roles
from permissions.selectors import case_list_visible, case_permissions
from workflows.procedures import IDENTITY_VIEWED_EVENT, Action, procedure
from workflows.services.clocks import clocks_refusal


def case_actions_available(*, case: Case, user) -> list[Action]:
    """The actions the door would accept from this user on this case now, payload permitting.

    The same checks as ``workflows.services.case_perform`` in the same order, less the payload:
    the grant for the action, the procedure of the case's kind, the state, the legal
    preconditions of the transition and what the clocks allow on a day the act may bear (an
    extension before the deadline passes; a deadline rule for a stage that starts).
    """
    held = case_permissions(user, case)
    if "view_case" not in held:
        return []
    today = timezone.localdate()
    earliest = min(max(case.received_on, case.last_act_on), today)
    available = []
    for action in procedure(case.kind).values():
        if action.permission.split(".")[1] not in held:
            continue
        meta = getattr(case, action.name)._django_fsm
        if not (meta.has_transition(case.state) and meta.conditions_met(case, case.state)):
            continue
        # The act may be dated from the case's last act to today (the door's date check):
        # offered if the clocks accept it on one of those days. An extension is likeliest
        # on the earliest (before the deadline passed), a stage's rule on the latest.
        if any(clocks_refusal(case, action.clocks, on=day) is None for day in (earliest, today)):
            available.append(action)
    return available


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


def case_list_my_work(*, user) -> QuerySet[Case]:
    """The cases where the next move is the user's, soonest due first.

    The assignee's for ``assigned``; the unit's supervisors' for ``received``, ``accepted``
    and ``investigated`` (DESIGN.md, "The state machine and the procedures").
    """
    roles = user_roles(user)
    mine = Q(state=State.ASSIGNED, assignee_id=user.pk)
    if Role.SUPERVISOR in roles:
        mine |= Q(state__in=SUPERVISORS_MOVE, unit_id=user.unit_id)
    return (
        case_list_visible(user)
        .filter(mine)
        .order_by(F("next_due_on").asc(nulls_last=True), "received_on", "pk")
    )


def case_list_done(*, user, days: int = 30) -> QuerySet[Case]:
    """The cases the user acted on in the last ``days`` days, the latest changed first."""
    from django.db.models import Exists, OuterRef

    from casework.models import CaseEvent

    since = timezone.now() - timedelta(days=days)
    acted = CaseEvent.objects.filter(
        case=OuterRef("pk"), actor=user, recorded_at__gte=since
    ).exclude(action=IDENTITY_VIEWED_EVENT)  # a reading is not an act
    return case_list_visible(user).filter(Exists(acted)).order_by("-updated_at", "-pk")


#: The states in which the next move is the unit's supervisors' (resume, for a suspension).
SUPERVISORS_MOVE = (State.RECEIVED, State.ACCEPTED, State.INVESTIGATED, State.SUSPENDED)


def case_list_waiting_on_nobody():
    """(case, problem) for every active case that nobody can move, or that has no clock.

    - assigned to someone who is inactive, or no longer an investigator of the case's unit;
    - waiting on the supervisors of a unit that has no active supervisor;
    - no running or paused deadline clock (nothing would ever say it is late).
    """
    from casework.models import Clock, User
    from permissions.models import UnitRole

    active = Case.objects.filter(state__in=ACTIVE_STATES).select_related("unit", "assignee")
    investigators = set(
        User.objects.filter(
            is_active=True,
            groups__unit_role__role=Role.INVESTIGATOR,
            groups__unit_role__unit_id=F("unit_id"),
        ).values_list("pk", "unit_id")
    )
    supervised_units = set(
        UnitRole.objects.filter(
            role=Role.SUPERVISOR, group__user__is_active=True, group__user__unit_id=F("unit_id")
        ).values_list("unit_id", flat=True)
    )
    ticking = set(
        Clock.objects.filter(
            case__state__in=ACTIVE_STATES,
            status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED],
        ).values_list("case_id", flat=True)
    )
    for case in active.order_by("unit__code", "reference").iterator(chunk_size=2000):
        if case.state == State.ASSIGNED and (case.assignee_id, case.unit_id) not in investigators:
            who = case.assignee.get_username() if case.assignee else "-"
            yield case, f"assigned to {who}, who is not an active investigator of {case.unit.code}"
        if case.state in SUPERVISORS_MOVE and case.unit_id not in supervised_units:
            yield case, f"waits on the supervisors of {case.unit.code}, and it has none active"
        if case.pk not in ticking:
            yield case, "has no running or paused deadline"


def report_on_time_rate(*, user, today: date | None = None) -> list[dict]:
    """Per unit and kind: resolved on time / (resolved + open and already overdue).

    An honest rate (DOMAIN.md, "Reporting"): a case still open past its deadline counts as
    late now, not only once it is finally resolved. Over the cases the user may see.
    """
    from django.db.models import Count, Exists, OuterRef

    from casework.models import Clock, Unit

    today = today or timezone.localdate()
    met_late = Clock.objects.filter(
        case=OuterRef("pk"), stage="resolution", status=Clock.Status.MET, met_on__gt=F("due_on")
    )
    # Grouped by the unit's id, without joining the units (their codes are read after); the
    # resolved test before the clock's, so that only resolved cases look their clock up (in
    # the index clock_resolved_late). The counts read case_unit_state_kind alone.
    rows = list(
        case_list_visible(user)
        .order_by()
        .values("unit_id", "kind")
        .annotate(
            resolved=Count("pk", filter=Q(state=State.RESOLVED)),
            resolved_on_time=Count("pk", filter=Q(state=State.RESOLVED) & ~Exists(met_late)),
            open_overdue=Count("pk", filter=Q(state__in=ACTIVE_STATES, next_due_on__lt=today)),
        )
    )
    codes = dict(
        Unit.objects.filter(pk__in={row["unit_id"] for row in rows}).values_list("pk", "code")
    )
    report = []
    for row in rows:
        counted = row["resolved"] + row["open_overdue"]
        report.append(
            {
                "unit": codes[row["unit_id"]],
                "kind": row["kind"],
                "resolved": row["resolved"],
                "resolved_on_time": row["resolved_on_time"],
                "open_overdue": row["open_overdue"],
                "on_time_rate": round(row["resolved_on_time"] / counted, 4) if counted else None,
            }
        )
    report.sort(key=lambda row: (row["unit"], row["kind"]))
    return report
