"""The daily deadline sweep: mark missed stages, warn the people whose move it is, escalate.

Idempotent: each warning is one row per case, stage, level and recipient (a unique
constraint), and its email is sent by a task that sends only a warning not yet mailed.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casework.choices import ACTIVE_STATES, Kind, Role, State
from casework.deadlines.calendar import working_calendar
from casework.models import Case, Clock, Notification
from casework.models.deadlines import AFTER_THE_END_STAGES, Stage
from permissions import grants
from permissions.roles import users_with_role
from workflows.procedures import OVERSIGHT_EVENT
from workflows.selectors.work import SUPERVISORS_MOVE, supervising_unit_id
from workflows.services.audit import event_append

DUE_SOON_WORKING_DAYS = 3
ESCALATE_AFTER_WORKING_DAYS = 5  # Denunciations Law Art. 38: the superior asks for a report


@dataclass
class SweepResult:
    missed: int = 0
    created: int = 0


def _whose_move(clock, supervisors_of) -> list:
    """Who is warned before a due date: the assignee for the verification of an ``assigned``
    case, else the supervisors of the unit whose step it is (``_owning_unit``): the notices of
    a denunciation's acceptance are theirs, even while the investigator verifies."""
    case = clock.case
    verifying = case.state == State.ASSIGNED and clock.stage == Stage.RESOLUTION
    if verifying and case.assignee_id and case.assignee.is_active:
        return [case.assignee]
    return supervisors_of(_owning_unit(clock))


#: Clocks of a step the competent authority takes where another unit handles: the notices
#: of a denunciation's acceptance, the report on an overdue one, the decision sent, the
#: conclusion handled.
_COMPETENT_STAGES = (Stage.NOTIFICATION, Stage.PROGRESS, Stage.SENDING, Stage.HANDLING)


def _owning_unit(clock):
    """The unit whose supervisors owe the clock's step. Where another unit decides: the
    competent authority's for the decision sent or the conclusion handled, and for an active
    case whose move is its (acceptance, approval of the draft submitted, resumption: the rule
    "my work" and ``check_cases`` apply); else the handling unit's."""
    case = clock.case
    if not case.decided_elsewhere:
        return case.unit
    if clock.stage in _COMPETENT_STAGES:
        return case.competent_unit
    active_move = case.state in SUPERVISORS_MOVE and clock.stage not in AFTER_THE_END_STAGES
    if active_move and supervising_unit_id(case) == case.competent_unit_id:
        return case.competent_unit
    return case.unit


def _already_sent(rows: list[Notification]) -> set[tuple]:
    """The keys of the warnings among ``rows`` that an earlier sweep wrote."""
    found = set()
    case_ids = sorted({row.case_id for row in rows})
    for start in range(0, len(case_ids), 500):
        found.update(
            Notification.objects.filter(case_id__in=case_ids[start : start + 500]).values_list(
                "case_id", "stage", "level", "due_on", "recipient_id"
            )
        )
    return found


def deadlines_sweep(*, today: date | None = None) -> SweepResult:
    today = today or timezone.localdate()
    calendar = working_calendar()
    soon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    result = SweepResult()
    # An active case's clocks, and what is owed once a case has ended (the decision sent, the
    # conclusion handled, the report to a forwarding body).
    open_clocks = (
        Clock.objects.filter(status=Clock.Status.RUNNING, due_on__lte=soon)
        .filter(Q(case__state__in=ACTIVE_STATES) | Q(stage__in=AFTER_THE_END_STAGES))
        .select_related("case__unit__parent", "case__assignee", "case__competent_unit__parent")
    )
    with transaction.atomic():
        result.missed = Clock.objects.filter(
            status=Clock.Status.RUNNING, due_on__lt=today, missed_on__isnull=True
        ).update(missed_on=today)
        supervisors: dict[int, list] = {}

        def supervisors_of(unit):
            if unit.pk not in supervisors:
                supervisors[unit.pk] = list(users_with_role(unit, Role.SUPERVISOR))
            return supervisors[unit.pk]

        wanted, overseen = [], []
        for clock in open_clocks.iterator(chunk_size=2000):
            if clock.due_on >= today:
                for user in _whose_move(clock, supervisors_of):
                    wanted.append((clock, Notification.Level.DUE_SOON, user))
                continue
            owner = _owning_unit(clock)
            for user in supervisors_of(owner):
                wanted.append((clock, Notification.Level.OVERDUE, user))
            late = calendar.working_days_between(clock.due_on, today)
            if late >= ESCALATE_AFTER_WORKING_DAYS and owner.parent_id:
                for user in supervisors_of(owner.parent):
                    wanted.append((clock, Notification.Level.ESCALATED, user))
            if late >= ESCALATE_AFTER_WORKING_DAYS and _to_oversee(clock):
                overseen.append(clock.case)
        _oversight_begin(overseen)
        rows = [
            Notification(
                recipient=user, case=clock.case, stage=clock.stage, level=level, due_on=clock.due_on
            )
            for clock, level, user in wanted
        ]
        sent = _already_sent(rows)
        new = [
            row
            for row in rows
            if (row.case_id, row.stage, row.level, row.due_on, row.recipient_id) not in sent
        ]
        # The unique constraint still decides if two sweeps ever overlap.
        Notification.objects.bulk_create(new, ignore_conflicts=True)
        result.created = len(new)
        if new:
            from workflows import tasks  # here, not at the top: the tasks import the services

            transaction.on_commit(lambda: tasks.notifications_email_task.delay())
    return result


def _to_oversee(clock) -> bool:
    """A denunciation whose resolution is late, and not yet overseen, with a unit above the
    authority whose decision it is (Denunciations Law Art. 38)."""
    case = clock.case
    if case.kind != Kind.DENUNCIATION or clock.stage != Stage.RESOLUTION:
        return False
    decider = case.deciding_unit
    return case.overseen_by_id is None and decider.parent_id is not None


def _oversight_begin(cases: list) -> None:
    """The unit above the deciding authority oversees the escalated denunciations: it sees them
    and may ask for a report and take them over (``workflows.procedures.oversight``). Each
    case's row is locked, as the door locks it, and the oversight is an event of its trail."""
    begun = []
    for case in sorted(cases, key=lambda c: c.pk):
        locked = (
            Case.objects.select_for_update(of=("self",))
            .select_related("unit", "competent_unit")
            .get(pk=case.pk)
        )
        if locked.overseen_by_id is not None or locked.state not in ACTIVE_STATES:
            continue  # another sweep was first, or the case moved on meanwhile
        decider = locked.deciding_unit
        locked.overseen_by_id = decider.parent_id
        locked.save(update_fields=["overseen_by"])
        event_append(
            case=locked,
            action=OVERSIGHT_EVENT,
            actor=None,
            payload={"overseen_by": decider.parent.code if decider.parent else None},
        )
        begun.append(locked)
    grants.case_grant_on_oversight(begun)
