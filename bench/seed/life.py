"""One case's life from its letter to this morning, as the door would have written it.

Each case is simulated act by act: the transition's fields, the audit event (hashed with
``casework.audit.event_hash``, as ``workflows.services.audit.event_prepare`` does) and the clock
effects of the procedures table (``bench.seed.clocks``). Acts run up to yesterday (so the data
depends on the day it is made, not the hour); an act whose date would fall later is not taken:
the case waits there, active, and its clocks say whether it is late today.
"""

import contextlib
from datetime import date, datetime, timedelta

from casework.audit import event_hash
from casework.choices import (
    OUTCOMES_BY_KIND,
    PETITIONER_ROLE,
    ComplaintGrounds,
    FiledReason,
    Kind,
    PartyRole,
    Procedure,
    State,
    procedure_of,
)
from casework.crypto import blind_index, identity_encrypt
from casework.deadlines.clocks import clock_due_on
from workflows.management import demo_data
from workflows.procedures import REGISTER_EVENT, TABLES

from .clocks import SimClock, clocks_apply
from .copyformat import copy_json
from .further import EXTEND_CHECK_SHARE, FurtherPeriods, Stop
from .org import UnitInfo
from .people import person
from .rows import case_rows

# fmt: off
CHANNELS = ("in_person", "mail", "online", "email", "hotline", "forwarded")
CHANNEL_WEIGHTS = (35, 25, 15, 10, 5, 10)
# How a case ends, by kind: (fate, weight). "withdraw" may come at any active step.
FATES = {
    Kind.PETITION: (("resolve", 50), ("transfer", 25), ("file", 8), ("reject", 10),
                    ("withdraw", 7)),
    Kind.COMPLAINT: (("resolve", 50), ("reject", 22), ("guide", 12), ("file", 6),
                     ("withdraw", 10)),
    Kind.DENUNCIATION: (("resolve", 45), ("transfer", 20), ("reject", 15), ("file", 15),
                        ("withdraw", 5)),
}
ANONYMOUS_FATES = (("file", 75), ("transfer", 15), ("reject", 10))
# fmt: on
SUSPEND_SHARE = 0.07
REWORK_SHARE = 0.06
REASSIGN_SHARE = 0.04


class CaseLife(FurtherPeriods):
    """One case: its registration and its acts up to yesterday."""

    def __init__(self, f, n: int, received_on: date, kind: str, unit: UnitInfo):
        rng = f.rng
        self.f, self.rng, self.unit, self.kind = f, rng, unit, kind
        self.pk = n
        self.received_on = received_on
        year = received_on.year
        number = f.counters[(unit.pk, year)] = f.counters.get((unit.pk, year), 0) + 1
        self.reference = f"{unit.code}-{year}-{number:06d}"
        self.round = 2 if kind == Kind.COMPLAINT and rng.random() < 0.12 else 1
        self.appeal_from = self.appeal_window()
        self.anonymous = kind == Kind.DENUNCIATION and rng.random() < 0.2
        complex_share = 0.05 if kind == Kind.PETITION else 0.22
        self.is_complex = rng.random() < complex_share
        self.especially = self.is_complex and kind != Kind.PETITION and rng.random() < 0.25
        self.remote = rng.random() < 0.1
        self.channel = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
        self.registrar = rng.choice(unit.intake)
        self.supervisor = rng.choice(unit.supervisors)
        # Most cases move at the usual pace; some slowly; some stall for months, a few for
        # years (the backlog every inspectorate carries).
        r = rng.random()
        self.pace = (
            rng.uniform(0.7, 1.1)
            if r < 0.78
            else rng.uniform(1.1, 2)
            if r < 0.94
            else rng.uniform(2, 8)
            if r < 0.99
            else rng.uniform(8, 40)
        )
        self.state = State.RECEIVED.value
        self.procedure = Procedure.LETTER.value
        self.demand_differs: bool | None = None
        self.dialogue_held_on: date | None = None
        self.check_extended_on: date | None = None
        self.acceptance_notified_on: date | None = None
        self.notify_on: date | None = None  # the day the notices of acceptance are to go out
        self.clocks: dict[str, SimClock] = {}
        self.cursor = received_on
        self.events = 0
        self.head = ""
        self.recorded: datetime | None = None
        self.created: datetime | None = None
        self.assignee: int | None = None
        self.suspended_from = self.outcome = self.decision_summary = ""
        self.findings = self.closure_reason = ""
        self.extensions_used = self.extension_days = 0
        self.decision_sent_on: date | None = None
        self.conclusion_handled_on: date | None = None

    # The door: one act, its event and its clocks.

    def act(self, name: str, on: date, actor: int, *, to=None, payload=None, texts=None, days=0):
        if name != "notify_acceptance":  # the notices whose day has come go out first
            self.notices_send(on, now=name == "resolve")
        spec = TABLES[self.procedure][name]  # the step as the case's procedure has it
        from_state = self.state
        if to is not None:
            self.state = to
        if spec.enters_kind:  # acceptance: the letter now follows its kind's procedure
            self.procedure = procedure_of(self.kind, self.round).value
            payload = {**(payload or {}), "procedure": self.procedure}
        clocks_apply(
            self.clocks,
            spec.clocks_for(self.kind),  # as the door: the step's effects on this kind
            on=on,
            days=days,
            start=self.clock_start,
            received_on=self.received_on,
            calendar=self.f.calendar,
        )
        self.event(spec.event, from_state, actor, on, payload or {}, texts)
        self.cursor = on

    def event(self, action, from_state, actor, on, payload, texts):
        f = self.f
        self.events += 1
        recorded = f._recorded(on, self.recorded)
        if texts:
            payload = {**payload, "texts": {k: f._digest(v) for k, v in texts.items()}}
        digest = event_hash(
            case_id=self.pk,
            seq=self.events,
            action=action,
            from_state=from_state,
            to_state=self.state,
            actor_id=actor,
            effective_on=on,
            recorded_at=recorded,
            payload=payload,
            prev_hash=self.head,
        )
        f.ids["event"] += 1
        f.rows["event"].append(
            f"{f.ids['event']}\t{self.events}\t{action}\t{from_state}\t{self.state}\t"
            f"{on.isoformat()}\t{recorded.isoformat()}\t{copy_json(payload)}\t"
            f"{copy_json(texts or {})}\t{self.head}\t{digest}\t{actor}\t{self.pk}"
        )
        self.head, self.recorded = digest, recorded
        if self.created is None:
            self.created = recorded

    def clock_start(self, stage: str, on: date, required: bool = True) -> SimClock | None:
        rule = self.f.rules.rule(
            kind=self.kind,
            round=self.round,
            stage=stage,
            complex=self.is_complex or self.especially,
            remote=self.remote,
            on=on,
            required=required,
        )
        return None if rule is None else SimClock(stage, rule, on)

    # The life.

    def live(self) -> None:
        self.register()
        with contextlib.suppress(Stop):
            self.proceed()
        self.notices_send(self.f.until)  # the case waits: its notices went out if due by now
        case_rows(self)

    def register(self) -> None:
        rng, f = self.rng, self.f
        kind = self.kind
        roles = []
        brings = PETITIONER_ROLE[Kind(kind)].value
        if not self.anonymous:
            roles.append(brings)
            r = rng.random()
            if r < 0.08:
                roles.append(brings)
            elif r < 0.2:
                roles.append(PartyRole.REPRESENTATIVE.value)
        if kind == Kind.DENUNCIATION:
            roles += [PartyRole.ACCUSED.value] * (2 if rng.random() < 0.1 else 1)
        for order, role in enumerate(roles):
            f.ids["party"] += 1
            f.ids["identity"] += 1
            party = f.ids["party"]
            if role == PartyRole.ACCUSED:
                name, position = rng.choice(demo_data.ACCUSED)
                key = blind_index("full_name", name)
                identity = f"{identity_encrypt(name)}\t\t\t\t\t{key}\t"
            else:
                position, identity = "", person(rng)
            f.rows["party"].append(f"{party}\t{role}\t{position}\t{order}\t{self.pk}")
            f.rows["identity"].append(f"{f.ids['identity']}\t{identity}\t{party}")
        self.subject, self.content = rng.choice(f.pools.subjects[kind])
        self.previous_reference = (
            f"{rng.randrange(1, 3000)}/QĐ-UBND" if self.round == 2 and rng.random() < 0.7 else ""
        )
        clock = self.clocks["acceptance"] = self.clock_start("acceptance", self.received_on)
        clock.due_on = clock_due_on(clock, f.calendar)
        payload = {
            "kind": kind,
            "round": self.round,
            "channel": self.channel,
            "unit": self.unit.code,
            "parties": roles,
            "anonymous": self.anonymous,
            **({"appeal_from": self.appeal_from.isoformat()} if self.appeal_from else {}),
        }
        self.event(REGISTER_EVENT, "", self.registrar, self.received_on, payload, None)

    def proceed(self) -> None:
        rng, f, kind = self.rng, self.f, self.kind
        fates = ANONYMOUS_FATES if self.anonymous else FATES[Kind(kind)]
        fate = rng.choices([x for x, _w in fates], weights=[w for _x, w in fates])[0]
        withdraw_at = rng.choices(
            (State.RECEIVED, State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED),
            weights=(3, 3, 3, 1),
        )[0]
        suspend_in = (
            rng.choice((State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED))
            if rng.random() < SUSPEND_SHARE
            else None
        )
        pace, sup = self.pace, self.supervisor
        period = self.clocks["acceptance"].period
        if kind == Kind.DENUNCIATION and fate == "transfer":  # within 5 working days (Art. 24)
            period = self.clock_start("transfer", self.received_on).period
        days = rng.triangular(1, period, period * 0.5)
        checked = fate not in ("file", "transfer", "guide")  # may need verification first
        if kind == Kind.DENUNCIATION and checked and rng.random() < EXTEND_CHECK_SHARE:
            extended = self.extend_check()  # the decision then comes in the days it gave
            if extended:
                days = rng.triangular(period, period + extended, period + extended * 0.5)
        decide_on = max(self.cursor, f._after(self.received_on, days * pace))

        if fate == "withdraw" and withdraw_at == State.RECEIVED:
            return self.withdraw(decide_on)
        if fate == "reject":
            if kind == Kind.COMPLAINT:
                grounds = rng.choice(ComplaintGrounds.values)
                payload, texts = {"grounds": grounds}, None
            else:
                grounds = rng.choice(f.pools.reject_grounds)
                payload, texts = {}, {"grounds": grounds}
            self.closure_reason = grounds
            return self.act(
                "reject", decide_on, sup, to=State.REJECTED, payload=payload, texts=texts
            )
        if fate == "transfer":
            self.closure_reason = rng.choice(demo_data.TRANSFER_AGENCIES)
            return self.act(
                "transfer",
                decide_on,
                sup,
                to=State.TRANSFERRED,
                texts={"to_agency": self.closure_reason},
            )
        if fate == "guide":  # a complaint outside competence: its sender guided
            self.closure_reason = rng.choice(demo_data.TRANSFER_AGENCIES)
            return self.act(
                "guide", decide_on, sup, to=State.GUIDED, texts={"to_body": self.closure_reason}
            )
        if fate == "file":
            reason = (
                FiledReason.ANONYMOUS.value if self.anonymous else rng.choice(f.pools.file_reasons)
            )
            self.closure_reason = reason
            return self.act("file", decide_on, sup, to=State.FILED, payload={"reason": reason})
        note = {"note": rng.choice(demo_data.NOTES)} if rng.random() < 0.1 else None
        self.act("accept", decide_on, sup, to=State.ACCEPTED, texts=note)
        self.notices_plan()  # a denunciation's notices (Art. 29), sent by the acts that follow

        self.maybe_suspend(suspend_in)
        assign_on = f._after(self.cursor, rng.uniform(0, 4) * pace)
        if fate == "withdraw" and withdraw_at == State.ACCEPTED:
            return self.withdraw(assign_on)
        self.assign(assign_on)
        if rng.random() < REASSIGN_SHARE:
            self.assign(f._after(self.cursor, rng.uniform(1, 6) * pace))
        self.maybe_suspend(suspend_in)
        self.maybe_extend()
        slow = 1.4 if self.is_complex else 1.0
        assigned_on = self.cursor
        self.notes(pace)
        findings_on = max(self.cursor, f._after(assigned_on, rng.uniform(12, 20) * slow * pace))
        if fate == "withdraw" and withdraw_at == State.ASSIGNED:
            return self.withdraw(findings_on)
        self.record_findings(findings_on)
        if rng.random() < REWORK_SHARE:
            reason = {"reason": rng.choice(demo_data.NOTES)}
            back_on = f._after(self.cursor, rng.uniform(1, 3) * pace)
            self.act("return_for_rework", back_on, sup, to=State.ASSIGNED, texts=reason)
            self.record_findings(f._after(self.cursor, rng.uniform(3, 10) * pace))
        self.maybe_suspend(suspend_in)
        if self.especially:
            self.maybe_extend()
        resolve_on = f._after(self.cursor, rng.uniform(2, 6) * pace)
        if fate == "withdraw":
            return self.withdraw(resolve_on)
        if kind == Kind.COMPLAINT and (self.round == 2 or self.demand_differs):
            self.record_dialogue(resolve_on)
            resolve_on = f._after(self.cursor, rng.uniform(1, 3) * pace)
        self.outcome = rng.choice(OUTCOMES_BY_KIND[Kind(kind)]).value
        self.decision_summary = rng.choice(demo_data.DECISION_SUMMARIES)
        self.act(
            "resolve",
            resolve_on,
            sup,
            to=State.RESOLVED,
            payload={"outcome": self.outcome},
            texts={"decision_summary": self.decision_summary},
        )
        self.after_the_decision(pace)

    def after_the_decision(self, pace: float) -> None:
        """A first-round complaint decision sent (3 working days), a conclusion handled (7):
        most in time, some late, and those of the last days not yet."""
        on = self.f._after(self.cursor, self.rng.uniform(1, 5) * pace)
        if self.kind == Kind.COMPLAINT and self.round == 1:  # round 2: no period given
            self.decision_sent_on = on
            sent_to = {"sent_to": "Người khiếu nại; người bị khiếu nại"}
            self.act("send_decision", on, self.supervisor, texts=sent_to)
        elif self.kind == Kind.DENUNCIATION:
            self.conclusion_handled_on = on
            measures = {"measures": "Kiểm điểm, rút kinh nghiệm"}
            self.act("handle_conclusion", on, self.supervisor, texts=measures)

    def withdraw(self, on: date) -> None:
        self.suspended_from = ""
        note = {"note": self.rng.choice(demo_data.NOTES)} if self.rng.random() < 0.3 else None
        self.act("withdraw", on, self.supervisor, to=State.WITHDRAWN, texts=note)

    def assign(self, on: date) -> None:
        choices = self.unit.investigators
        assignee = self.rng.choice(choices)
        if assignee == self.assignee and len(choices) > 1:
            assignee = choices[(choices.index(assignee) + 1) % len(choices)]
        self.assignee = assignee
        payload = {"assignee": self.unit.usernames[assignee]}
        self.act("assign", on, self.supervisor, to=State.ASSIGNED, payload=payload)

    def notes(self, pace: float) -> None:
        """The investigator's notes of the verification: a visit, a dialogue, a document."""
        for _n in range(self.rng.choices((0, 1, 2), weights=(60, 28, 12))[0]):
            on = self.f._after(self.cursor, self.rng.uniform(1, 6) * pace)
            texts = {"note": self.rng.choice(self.f.pools.investigation_notes)}
            self.act("add_note", on, self.assignee, texts=texts)

    def record_findings(self, on: date) -> None:
        self.findings = self.rng.choice(demo_data.FINDINGS)
        texts = {"findings": self.findings}
        payload = {}
        if self.kind == Kind.COMPLAINT:
            self.demand_differs = self.rng.random() < 0.5
            payload = {"demand_differs": self.demand_differs}
        self.act(
            "record_findings",
            on,
            self.assignee,
            to=State.INVESTIGATED,
            payload=payload,
            texts=texts,
        )

    def record_dialogue(self, on: date) -> None:
        """The dialogue a complaint's decision waits for: always in the second round, in the
        first where the demand differs from the findings (Complaints Law Arts. 30, 39)."""
        self.dialogue_held_on = on
        self.act("record_dialogue", on, self.supervisor, texts=dict(demo_data.DIALOGUE))

    def maybe_suspend(self, suspend_in) -> None:
        """Suspend in the planned state, then resume after days or months (or not yet)."""
        if suspend_in != self.state:
            return
        rng, f = self.rng, self.f
        on = f._after(self.cursor, rng.uniform(1, 5) * self.pace)
        self.suspended_from = self.state
        reason = {"reason": rng.choice(f.pools.suspend_reasons)}
        self.act("suspend", on, self.supervisor, to=State.SUSPENDED, texts=reason)
        r = rng.random()
        days = rng.randint(10, 30) if r < 0.6 else rng.randint(30, 90) if r < 0.9 else 240
        back = f.calendar.next_working_day(on + timedelta(days=days))
        if back > f.until:
            raise Stop
        to, self.suspended_from = self.suspended_from, ""
        self.act("resume", back, self.supervisor, to=to)
