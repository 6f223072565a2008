"""The deadline clocks of a simulated case, moved as the door moves them.

``clocks_apply`` below does to a case's clocks what ``workflows.services.clocks.clocks_apply``
does, effect by effect (the effects are the procedures table's), and dates them with the
project's own ``casework.deadlines.clocks.clock_due_on``; the rule of a clock is the project's
``rule_for``, asked once per question before the load.
"""

from bisect import bisect_right
from datetime import date, timedelta

from casework.choices import Kind
from casework.deadlines.arithmetic import WorkingCalendar
from casework.deadlines.clocks import clock_due_on
from casework.deadlines.rules import rule_for
from casework.models import DeadlineRule

RUNNING, PAUSED, MET, STOPPED = "running", "paused", "met", "stopped"
#: The stages a simulated case asks the rule set about: its clocks, and the length of a check
#: extended once (a rule only, never a clock).
STAGES = (
    "acceptance",
    "resolution",
    "transfer",
    "notification",
    "check_extended",
    "sending",
    "handling",
)


class Rules:
    """``rule_for`` with its answers kept: a rule's choice only changes at an effective date."""

    def __init__(self):
        bounds = set()
        for start, end in DeadlineRule.objects.values_list("effective_from", "effective_to"):
            bounds.add(start)
            if end is not None:
                bounds.add(end)
        self.bounds = sorted(bounds)
        self.found: dict[tuple, DeadlineRule | None] = {}

    def warm(self, first: date, last: date) -> None:
        """Ask ``rule_for`` every question the cases of [first, last] may ask, now.

        During the load the rule table is locked by the load's transaction (its foreign keys
        are being rebuilt), so no question may reach the database then.
        """
        days = [first] + [b for b in self.bounds if first < b <= last]
        for on in days:
            epoch = bisect_right(self.bounds, on)
            for kind in Kind.values:
                for rnd in (1, 2):
                    for stage in STAGES:
                        for complex in (False, True):
                            for remote in (False, True):
                                self.found[(kind, rnd, stage, complex, remote, epoch)] = rule_for(
                                    kind=kind,
                                    round=rnd,
                                    stage=stage,
                                    complex=complex,
                                    remote=remote,
                                    on=on,
                                )

    def rule(
        self, *, kind, round, stage, complex, remote, on, required=True
    ) -> DeadlineRule | None:
        """The rule ``rule_for`` gives; None where there is none and none is ``required``."""
        key = (kind, round, stage, complex, remote, bisect_right(self.bounds, on))
        if key not in self.found:
            raise RuntimeError(f"deadline rule not asked for before the load: {key}")
        rule = self.found[key]
        if rule is None and required:
            raise RuntimeError(f"no deadline rule for {key}")
        return rule


class SimClock:
    """A clock row: the fields ``clock_due_on`` reads, and the rest of the row."""

    __slots__ = (
        "due_on",
        "extension_days",
        "met_on",
        "missed_on",
        "pauses",
        "period",
        "rule",
        "rule_id",
        "stage",
        "started_on",
        "status",
        "unit",
    )

    def __init__(self, stage: str, rule: DeadlineRule, on: date):
        self.stage, self.rule, self.rule_id, self.started_on = stage, rule, rule.pk, on
        self.period, self.unit = rule.period, rule.unit
        self.extension_days, self.pauses, self.status = 0, [], RUNNING
        self.due_on = self.met_on = self.missed_on = None


def _leaves_running(clock: SimClock, on: date) -> None:
    # The daily sweep marks a running clock missed on the first morning after its due date.
    if clock.status == RUNNING and clock.missed_on is None and on > clock.due_on:
        clock.missed_on = clock.due_on + timedelta(days=1)


def clocks_apply(
    clocks: dict[str, SimClock],
    effects: tuple[str, ...],
    *,
    on: date,
    days: int,
    start,
    received_on: date,
    calendar: WorkingCalendar,
) -> None:
    """Apply an action's clock effects (``"verb:stage"``); ``start(stage, on)`` makes a clock,
    ``start(stage, on, required=False)`` a clock or None where no rule covers it."""
    for effect in effects:
        verb, stage = effect.split(":")
        targets = list(clocks.values()) if stage == "all" else [clocks.get(stage)]
        for clock in targets:
            if verb == "start" and stage == "report":
                continue  # as the door: no letter of the seed was forwarded by a body
            if verb == "start":
                clock = clocks[stage] = start(stage, on)
            elif verb == "settle":
                # A period counted from receipt that this act ends, met or missed by it (the
                # transfer of a denunciation within 5 working days); no rule: nothing to count.
                # Never running, so the sweep never marks it missed.
                if stage in clocks:
                    continue
                clock = start(stage, received_on, required=False)
                if clock is None:
                    continue
                clock.due_on = clock_due_on(clock, calendar)
                clock.status, clock.met_on = MET, on
                clocks[stage] = clock
                continue
            elif clock is None:
                continue
            elif verb == "meet" and clock.status in (RUNNING, PAUSED):
                _leaves_running(clock, on)
                clock.status, clock.met_on = MET, on
            elif verb == "extend":
                assert clock.status == RUNNING and on <= clock.due_on
                clock.extension_days += days
            elif verb == "pause" and clock.status == RUNNING:
                _leaves_running(clock, on)
                clock.status = PAUSED
                clock.pauses = [*clock.pauses, [on.isoformat(), None]]
            elif verb == "resume" and clock.status == PAUSED:
                clock.status = RUNNING
                begun, _end = clock.pauses[-1]
                clock.pauses = [*clock.pauses[:-1], [begun, on.isoformat()]]
            elif verb == "stop" and clock.status in (RUNNING, PAUSED):
                _leaves_running(clock, on)
                clock.status = STOPPED
            else:
                continue
            if clock.status in (RUNNING, PAUSED):
                clock.due_on = clock_due_on(clock, calendar)


def clocks_settle(clocks: dict[str, SimClock], today: date) -> date | None:
    """Mark what today's sweep has found late; the case's ``next_due_on``."""
    due = []
    for clock in clocks.values():
        if clock.status == RUNNING and clock.missed_on is None and clock.due_on < today:
            clock.missed_on = clock.due_on + timedelta(days=1)
        if clock.status in (RUNNING, PAUSED) and clock.due_on is not None:
            due.append(clock.due_on)
    return min(due, default=None)
