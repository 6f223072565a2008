"""Whose move it is: "my work", what the user did lately, and the cases that wait on nobody."""

from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from casework.choices import ACTIVE_STATES, Kind, Role, State
from casework.models import Case, CaseEvent, Clock, User
from casework.models.letters import REPORTED_ENDS
from permissions.models import UnitRole
from permissions.roles import user_roles
from permissions.selectors import case_list_visible
from workflows.procedures import IDENTITY_VIEWED_EVENT

#: The states in which the next move is the unit's supervisors' (resume, for a suspension).
SUPERVISORS_MOVE = (State.RECEIVED, State.ACCEPTED, State.INVESTIGATED, State.SUSPENDED)
#: Where a denunciation's notices of acceptance may be sent (``notify_acceptance``).
NOTIFY_STATES = (State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED)
#: A case another unit than the handling one decides (``Case.decided_elsewhere``).
DECIDED_ELSEWHERE = Q(competent_unit__isnull=False) & ~Q(competent_unit_id=F("unit_id"))
#: Of such a case's supervisors' moves, those of the handling unit: assigning, and the
#: verification until its draft is submitted; the rest are the competent authority's.
HANDLING_UNITS_MOVE = Q(state=State.ACCEPTED) | Q(
    state=State.INVESTIGATED, decision_submitted_on__isnull=True
)


def case_list_my_work(*, user) -> QuerySet[Case]:
    """The cases where the next move is the user's, soonest due first.

    The assignee's for ``assigned``; the unit's supervisors' for ``received``, ``accepted``
    and ``investigated`` (DESIGN.md, "The state machine and the procedures").
    """
    roles = user_roles(user)
    mine = Q(state=State.ASSIGNED, assignee_id=user.pk)
    if Role.SUPERVISOR in roles:
        mine |= Q(state__in=SUPERVISORS_MOVE, unit_id=user.unit_id) & ~DECIDED_ELSEWHERE
        # Where another unit decides: the handling unit assigns and drafts; the competent
        # authority accepts, resumes and approves the draft submitted to it.
        mine |= Q(unit_id=user.unit_id) & DECIDED_ELSEWHERE & HANDLING_UNITS_MOVE
        mine |= (
            Q(competent_unit_id=user.unit_id, state__in=SUPERVISORS_MOVE)
            & DECIDED_ELSEWHERE
            & ~HANDLING_UNITS_MOVE
        )
        # A denunciation's notices of acceptance are the competent person's to send.
        mine |= Q(
            kind=Kind.DENUNCIATION,
            state__in=NOTIFY_STATES,
            acceptance_notified_on__isnull=True,
        ) & (
            (Q(competent_unit_id=user.unit_id) & DECIDED_ELSEWHERE)
            | (Q(unit_id=user.unit_id) & ~DECIDED_ELSEWHERE)
        )
        mine |= _owed_after_the_end(user)
        # An overdue denunciation the unit above oversees: to ask for a report, then, once it
        # is given, to take the case over or leave it (Denunciations Law Art. 38); the report
        # asked for, the deciding authority's to give.
        mine |= (
            Q(overseen_by_id=user.unit_id, state__in=ACTIVE_STATES)
            & ~Q(competent_unit_id=user.unit_id)  # taken over: the competent authority's rule
            & (Q(report_requested_on__isnull=True) | Q(report_given_on__isnull=False))
        )
        mine |= Q(
            report_requested_on__isnull=False,
            report_given_on__isnull=True,
            overseen_by__isnull=False,
            state__in=ACTIVE_STATES,
        ) & (
            (Q(competent_unit_id=user.unit_id) & DECIDED_ELSEWHERE)
            | (Q(unit_id=user.unit_id) & ~DECIDED_ELSEWHERE)
        )
    return (
        case_list_visible(user)
        .filter(mine)
        .order_by(F("next_due_on").asc(nulls_last=True), "received_on", "pk")
    )


def _owed_after_the_end(user) -> Q:
    """An ended case with a clock still running owes a step (``AFTER_THE_END``): the decision
    sent or the conclusion handled, the competent person's; the result reported to the body
    that forwarded the letter, the handling unit's. A running clock gives ``next_due_on``,
    which the unit's index holds."""
    owed = Q(state__in=REPORTED_ENDS, next_due_on__isnull=False)
    report = Q(forwarder_informed_on__isnull=True) & ~Q(forwarded_by="")
    decided = Q(state=State.RESOLVED) & (
        Q(kind=Kind.COMPLAINT, round=1, decision_sent_on__isnull=True)
        | Q(kind=Kind.DENUNCIATION, conclusion_handled_on__isnull=True)
    )
    return owed & (
        (Q(unit_id=user.unit_id) & (~DECIDED_ELSEWHERE | report))
        | (Q(competent_unit_id=user.unit_id) & DECIDED_ELSEWHERE & decided)
    )


def case_list_done(*, user, days: int = 30) -> QuerySet[Case]:
    """The cases the user acted on in the last ``days`` days, the latest changed first."""
    since = timezone.now() - timedelta(days=days)
    acted = CaseEvent.objects.filter(
        case=OuterRef("pk"), actor=user, recorded_at__gte=since
    ).exclude(action=IDENTITY_VIEWED_EVENT)  # a reading is not an act
    return case_list_visible(user).filter(Exists(acted)).order_by("-updated_at", "-pk")


def case_list_waiting_on_nobody():
    """(case, problem) for every active case that nobody can move, or that has no clock.

    - assigned to someone who is inactive, or no longer an investigator of the case's unit;
    - waiting on the supervisors of a unit that has no active supervisor;
    - no running or paused deadline clock (nothing would ever say it is late).
    """
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
        if case.state in SUPERVISORS_MOVE:
            waits_on = supervising_unit_id(case)
            if waits_on not in supervised_units:
                code = case.unit.code if waits_on == case.unit_id else f"unit {waits_on}"
                yield case, f"waits on the supervisors of {code}, and it has none active"
        if case.pk not in ticking:
            yield case, "has no running or paused deadline"
    # Once decided, a step may still be owed (the decision sent, the conclusion handled, the
    # forwarding body told): someone must be there to take it.
    owed = Case.objects.filter(state__in=REPORTED_ENDS, next_due_on__isnull=False)
    for case in owed.select_related("unit").order_by("unit__code", "reference"):
        for unit_id in _owing_units(case):
            if unit_id not in supervised_units:
                yield case, f"owes a step after its end to unit {unit_id}, which has no supervisor"


def _owing_units(case) -> set[int]:
    """The units whose supervisors owe an ended case's steps (``_owed_after_the_end``)."""
    units = set()
    if case.forwarded_by and case.forwarder_informed_on is None:
        units.add(case.unit_id)
    decided = case.state == State.RESOLVED and (
        (case.kind == Kind.COMPLAINT and case.round == 1 and case.decision_sent_on is None)
        or (case.kind == Kind.DENUNCIATION and case.conclusion_handled_on is None)
    )
    if decided:
        units.add(case.competent_unit_id if case.decided_elsewhere else case.unit_id)
    return units


def supervising_unit_id(case) -> int:
    """Whose supervisors' move it is, of a case in ``SUPERVISORS_MOVE``: the competent
    authority's where it decides and the handling unit has nothing to do; else the unit's."""
    if not case.decided_elsewhere:
        return case.unit_id
    handling = case.state == State.ACCEPTED or (
        case.state == State.INVESTIGATED and case.decision_submitted_on is None
    )
    return case.unit_id if handling else case.competent_unit_id
