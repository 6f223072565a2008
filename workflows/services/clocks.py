"""The deadline clocks of a case: started, met, paused, extended and stopped by the door only."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from casework.deadlines.calendar import working_calendar
from casework.deadlines.clocks import clock_due_on
from casework.deadlines.rules import rule_for
from casework.models import Case, Clock
from workflows.errors import StateConflict

RUNNING, PAUSED = Clock.Status.RUNNING, Clock.Status.PAUSED
#: What an act may change on a clock.
_CLOCK_FIELDS = [
    "status",
    "met_on",
    "extension_days",
    "pauses",
    "due_on",
    "started_on",
    "rule",
    "period",
    "unit",
    "missed_on",
]
STAGE_LABELS = {
    "acceptance": _lazy("acceptance"),
    "resolution": _lazy("resolution"),
    "transfer": _lazy("transfer"),
    "notification": _lazy("notices of acceptance"),
}


def _rule(case: Case, stage: str, on: date):
    return rule_for(
        kind=case.kind,
        round=case.round,
        stage=stage,
        complex=case.is_complex or case.is_especially_complex,
        remote=case.is_remote_area,
        on=on,
    )


def _no_rule(case: Case, stage: str, on: date) -> str:
    return _("No deadline rule covers the %(stage)s of a %(kind)s on %(date)s.") % {
        "stage": STAGE_LABELS.get(stage, stage),
        "kind": case.get_kind_display().lower(),
        "date": on.strftime("%d/%m/%Y"),
    }


def _extension_too_late(due_on: date | None) -> str:
    return _("An extension is decided before the deadline passes (due %(due)s).") % {
        "due": due_on.strftime("%d/%m/%Y") if due_on else "-"
    }


def clocks_refusal(case: Case, effects: tuple[str, ...], *, on: date) -> str | None:
    """Why the clocks would refuse these effects on this day, or None: the door's clock checks,
    asked without acting, so that the case page offers only what the door accepts."""
    for effect in effects:
        verb, stage = effect.split(":")
        if verb in ("start", "restart") and _rule(case, stage, on) is None:
            return _no_rule(case, stage, on)
        if verb == "extend":
            clock = case.clocks.filter(stage=stage).first()
            if clock is not None and (
                clock.status != RUNNING or (clock.due_on and on > clock.due_on)
            ):
                return _extension_too_late(clock.due_on)
    return None


def _start(case: Case, stage: str, on: date, rule=None) -> Clock:
    rule = rule or _rule(case, stage, on)
    if rule is None:
        raise StateConflict(_no_rule(case, stage, on))
    return Clock(
        case=case,
        stage=stage,
        rule=rule,
        started_on=on,
        period=rule.period,
        unit=rule.unit,
        status=RUNNING,
        pauses=[],
    )


def _recount(case: Case, clock: Clock) -> None:
    """Count the clock again from the case's corrected facts: its start (the acceptance clock
    starts at receipt) and its rule (the flags choose it)."""
    if clock.stage == "acceptance":
        clock.started_on = case.received_on
    fresh = _start(case, clock.stage, clock.started_on)
    clock.rule, clock.period, clock.unit = fresh.rule, fresh.period, fresh.unit


def _next_due_on(clocks) -> date | None:
    # A paused clock has a due date only when it was already late when paused.
    due = [c.due_on for c in clocks if c.status in (RUNNING, PAUSED) and c.due_on]
    return min(due, default=None)


def clocks_on_register(case: Case, rule=None) -> Clock:
    """The acceptance clock starts at receipt, with ``rule`` when the registration has found
    it already. Returns it."""
    clock = _start(case, "acceptance", case.received_on, rule)
    clock.due_on = clock_due_on(clock, working_calendar())
    clock.save(force_insert=True)
    case.next_due_on = clock.due_on
    return clock


def clocks_apply(
    case: Case, effects: tuple[str, ...], *, on: date, data: dict
) -> list[Clock] | None:
    """Apply an action's effects (``"verb:stage"`` from the procedures table) to the clocks.

    Sets ``case.next_due_on``; the caller saves the case. Returns the case's clocks as the act
    left them (with their rules), or None when the act has no effect on them.
    """
    if not effects:
        return None
    calendar = working_calendar()
    clocks = {c.stage: c for c in case.clocks.select_related("rule")}
    changed, created = set(), []
    for effect in effects:
        verb, stage = effect.split(":")
        targets = list(clocks.values()) if stage == "all" else [clocks.get(stage)]
        for clock in targets:
            if verb == "start" and stage == "report" and not case.forwarded_by:
                continue  # no body forwarded the letter: nobody waits for a report
            if verb == "start":
                clock = clocks[stage] = _start(case, stage, on)
                created.append(clock)
            elif verb == "settle":
                # A period counted from receipt that this act ends, met or missed by it (the
                # transfer of a denunciation within 5 working days). No rule: nothing to count.
                rule = _rule(case, stage, case.received_on)
                if rule is None or stage in clocks:
                    continue
                clock = clocks[stage] = _start(case, stage, case.received_on, rule)
                clock.due_on = clock_due_on(clock, calendar)
                clock.status, clock.met_on = Clock.Status.MET, on
                created.append(clock)
                changed.add(stage)
                continue
            elif clock is None:
                continue
            elif verb == "meet" and clock.status in (RUNNING, PAUSED):
                clock.status, clock.met_on = Clock.Status.MET, on
            elif verb == "extend":
                if clock.status != RUNNING or (clock.due_on and on > clock.due_on):
                    raise StateConflict(_extension_too_late(clock.due_on))
                clock.extension_days += int(data.get("days") or 0)
            elif verb == "pause" and clock.status == RUNNING:
                clock.status = PAUSED
                clock.pauses = [*clock.pauses, [on.isoformat(), None]]
            elif verb == "resume" and clock.status == PAUSED:
                clock.status = RUNNING
                start, _end = clock.pauses[-1]
                clock.pauses = [*clock.pauses[:-1], [start, on.isoformat()]]
            elif verb == "stop" and clock.status in (RUNNING, PAUSED):
                clock.status = Clock.Status.STOPPED
            elif verb == "restart" and clock.status in (RUNNING, PAUSED):
                # The receiving unit's period runs from the day it receives the case.
                fresh = _start(case, clock.stage, on)
                clock.rule, clock.period, clock.unit = fresh.rule, fresh.period, fresh.unit
                clock.started_on, clock.pauses, clock.extension_days = on, [], 0
                clock.status, clock.missed_on = RUNNING, None
            elif verb == "recompute" and clock.status != Clock.Status.STOPPED:
                _recount(case, clock)
                if clock.status == Clock.Status.MET:  # met on time or late, by the new count
                    clock.due_on = clock_due_on(clock, calendar)
            else:
                continue
            if clock.status in (RUNNING, PAUSED):
                clock.due_on = clock_due_on(clock, calendar)
            changed.add(clock.stage)
    Clock.objects.bulk_create(created)
    updates = [c for s, c in clocks.items() if s in changed and c not in created]
    if len(updates) == 1:  # the usual act: one clock met, paused or extended
        updates[0].save(update_fields=_CLOCK_FIELDS)
    elif updates:
        Clock.objects.bulk_update(updates, _CLOCK_FIELDS)
    case.next_due_on = _next_due_on(clocks.values())
    return list(clocks.values())


def clocks_recompute(*, changed_day: date | None = None, batch_size: int = 500) -> int:
    """Recompute ``due_on`` of the open clocks a calendar change may move, and the cases'.

    With ``changed_day``, only the open clocks started before that day and due on or after it
    (or paused); without, every open clock. Works in batches of cases, each under the cases'
    row locks (taken in pk order, as the door takes one), so an act committed meanwhile is
    never overwritten with a stale clock. Returns the number of clocks whose due date moved.

    Reads the calendar from the database, not from this process's copy: the change that
    asked for the recomputation may have been made in another process.
    """
    calendar = working_calendar(fresh=True)
    candidates = Clock.objects.filter(status__in=[RUNNING, PAUSED])
    if changed_day is not None:
        candidates = candidates.filter(started_on__lt=changed_day).filter(
            Q(due_on__gte=changed_day) | Q(due_on__isnull=True)
        )
    case_ids = sorted(set(candidates.values_list("case_id", flat=True)))
    moved = 0
    for start in range(0, len(case_ids), batch_size):
        batch = case_ids[start : start + batch_size]
        with transaction.atomic():
            cases = {
                c.pk: c
                for c in Case.objects.select_for_update()
                .filter(pk__in=batch)
                .order_by("pk")
                .only("pk", "next_due_on")
            }
            clocks = list(Clock.objects.filter(case_id__in=batch))
            changed = []
            for clock in clocks:
                if clock.status not in (RUNNING, PAUSED):
                    continue
                due = clock_due_on(clock, calendar)
                if due != clock.due_on:
                    clock.due_on = due
                    changed.append(clock)
            Clock.objects.bulk_update(changed, ["due_on"])
            moved += len(changed)
            by_case: dict[int, list] = {}
            for clock in clocks:
                by_case.setdefault(clock.case_id, []).append(clock)
            for pk, case in cases.items():
                case.next_due_on = _next_due_on(by_case.get(pk, []))
            Case.objects.bulk_update(list(cases.values()), ["next_due_on"])
    return moved
