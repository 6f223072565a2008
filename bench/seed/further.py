"""The further periods of a simulated case (DOMAIN.md, "Deadlines"), as the door has them.

- a round-2 complaint is registered within the appeal window: ``appeal_from`` is the day the
  window opened, at most 30 days before the letter (Complaints Law Art. 33);
- the check of a denunciation may be extended once, before the acceptance deadline, to the
  rule set's "check_extended" period (Denunciations Law Art. 24(1): ``extend_check``);
- an accepted denunciation's denouncer and accused are told within 5 working days of the
  decision (Art. 29: ``notify_acceptance``), which its resolution waits for.

With the extension of a complex denunciation's resolution (Decree 31/2019 Art. 3). A mixin of
``bench.seed.life.CaseLife``: it acts through the life's ``act``.
"""

from datetime import date, timedelta

from casework.choices import Kind, State

from .clocks import RUNNING

EXTEND_CHECK_SHARE = 0.06
# Where the door allows the notices of acceptance.
NOTIFIABLE = (State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED)
# Why a check is extended: verification at several places or by delegation (Art. 24(1)).
CHECK_REASONS = (
    "Cần xác minh tại nhiều địa điểm để xác định thẩm quyền giải quyết.",
    "Nội dung tố cáo liên quan đến nhiều cơ quan, đơn vị; cần ủy quyền xác minh.",
    "Cần làm việc với người tố cáo và cơ quan quản lý người bị tố cáo tại nơi khác.",
)


class Stop(Exception):
    """The next act would come after yesterday: the case waits where it is."""


class FurtherPeriods:
    """The appeal window, the extended check and the notices of acceptance of one case."""

    def appeal_window(self) -> date | None:
        """A round-2 complaint: the day the appeal window opened (the complainant received the
        round-1 decision, or its period ended without one), days before the letter."""
        if self.round != 2:
            return None
        return self.received_on - timedelta(days=self.rng.randint(1, 29))

    def extend_check(self) -> int:
        """Extend a denunciation's check once, if its acceptance clock still runs and the
        rule set has a longer period: the days it added (0: not extended)."""
        clock = self.clocks["acceptance"]
        rule = self.f.rules.rule(
            kind=self.kind,
            round=self.round,
            stage="check_extended",
            complex=False,  # as the door's form asks
            remote=False,
            on=self.received_on,
            required=False,
        )
        if (
            self.kind != Kind.DENUNCIATION
            or clock.status != RUNNING
            or rule is None
            or rule.unit != clock.unit
            or rule.period <= clock.period
        ):
            return 0
        on = min(self.f._after(self.cursor, self.rng.randint(2, 5)), clock.due_on)
        days = rule.period - clock.period
        self.check_extended_on = on
        reason = {"reason": self.rng.choice(CHECK_REASONS)}
        self.act(
            "extend_check", on, self.supervisor, payload={"days": days}, texts=reason, days=days
        )
        return days

    def notices_plan(self) -> None:
        """After a denunciation's acceptance, the day its notices go out: mostly a day or a
        few later, within the notification clock's 5 working days; sometimes late. They are
        sent alongside the verification, not before it (``notices_send``)."""
        if self.kind != Kind.DENUNCIATION:
            return
        rng, period = self.rng, self.clocks["notification"].period
        r = rng.random()
        days = (
            rng.randint(1, 3)
            if r < 0.75
            else rng.randint(4, period)
            if r < 0.93
            else rng.randint(period + 1, period + 10)
        )
        self.notify_on = self.f.calendar.add_working_days(self.cursor, days)

    def notices_send(self, by: date, *, now: bool = False) -> None:
        """Send the planned notices (``notify_acceptance``) if their day has come by ``by``,
        or ``now`` (the resolution waits for them), where the state allows it: a suspended
        case sends them once resumed."""
        if self.notify_on is None or self.state not in NOTIFIABLE:
            return
        if self.notify_on > by and not now:
            return
        on = max(self.cursor, min(self.notify_on, by))
        self.notify_on, self.acceptance_notified_on = None, on
        self.act("notify_acceptance", on, self.supervisor)

    def maybe_extend(self) -> None:
        """A complex denunciation's extension, decided in the days before the deadline."""
        if self.kind != Kind.DENUNCIATION or not self.is_complex:
            return
        clock = self.clocks.get("resolution")
        if clock is None or clock.status != RUNNING:
            return
        # As the door counts them: the resolution rule's extensions and days per extension.
        rule = clock.rule
        allowed = rule.extensions_especially_complex if self.especially else rule.extensions_complex
        if self.extensions_used >= allowed or not rule.extension_max_days:
            return
        if self.rng.random() < 0.4 or self.cursor > clock.due_on:
            return
        # A working day in the ten days before the deadline (the due date is a working day).
        before = clock.due_on - timedelta(days=self.rng.randint(1, 10))
        on = max(self.cursor, self.f.calendar.next_working_day(before))
        if on > self.f.until:
            raise Stop
        days = self.rng.randint(min(15, rule.extension_max_days), rule.extension_max_days)
        self.extensions_used += 1
        self.extension_days += days
        self.act("extend", on, self.supervisor, payload={"days": days}, days=days)
