"""The tamper-evident chain of case events: how a row is hashed and how a chain is checked."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from casework.models import Case, CaseEvent, SequenceCounter


def event_hash(
    *,
    case_id: int,
    seq: int,
    action: str,
    from_state: str,
    to_state: str,
    actor_id: int | None,
    effective_on: date,
    recorded_at: datetime,
    payload: dict,
    prev_hash: str,
) -> str:
    body = json.dumps(
        [
            case_id,
            seq,
            action,
            from_state,
            to_state,
            actor_id,
            effective_on.isoformat(),
            recorded_at.astimezone(UTC).isoformat(timespec="microseconds"),
            payload,
            prev_hash,
        ],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def hash_of(event: CaseEvent) -> str:
    return event_hash(
        case_id=event.case_id,
        seq=event.seq,
        action=event.action,
        from_state=event.from_state,
        to_state=event.to_state,
        actor_id=event.actor_id,
        effective_on=event.effective_on,
        recorded_at=event.recorded_at,
        payload=event.payload,
        prev_hash=event.prev_hash,
    )


@dataclass(frozen=True)
class ChainProblem:
    case_reference: str
    seq: int | None
    problem: str

    def __str__(self) -> str:
        where = f" event {self.seq}" if self.seq is not None else ""
        return f"{self.case_reference}{where}: {self.problem}"


def case_chain_problems(case: Case, events: list[CaseEvent]) -> list[ChainProblem]:
    """Everything wrong with one case's chain; ``events`` in ``seq`` order."""
    problems = []
    prev = ""
    for expected_seq, event in enumerate(events, start=1):
        if event.seq != expected_seq:
            problems.append(
                ChainProblem(case.reference, event.seq, f"expected event {expected_seq}: missing")
            )
        if event.prev_hash != prev:
            problems.append(ChainProblem(case.reference, event.seq, "link to previous broken"))
        if hash_of(event) != event.hash:
            problems.append(ChainProblem(case.reference, event.seq, "content altered"))
        digests = event.payload.get("texts", {}) if isinstance(event.payload, dict) else {}
        texts = event.texts if isinstance(event.texts, dict) else {}
        if set(texts) != set(digests) or any(
            text_digest(str(texts[name])) != digest for name, digest in digests.items()
        ):
            problems.append(ChainProblem(case.reference, event.seq, "free text altered"))
        prev = event.hash
    if events and events[-1].to_state != case.state:
        problems.append(
            ChainProblem(
                case.reference,
                None,
                f"the case is '{case.state}' but its last event left it '{events[-1].to_state}'",
            )
        )
    if len(events) != case.event_count or prev != case.audit_head:
        problems.append(
            ChainProblem(
                case.reference,
                None,
                f"the case records {case.event_count} events ending in "
                f"{case.audit_head[:12] or '-'}, the trail has {len(events)} ending in "
                f"{prev[:12] or '-'}",
            )
        )
    return problems


def audit_verify(cases, *, batch_size: int = 2000):
    """Yield every chain problem of the given cases (a queryset), reading in batches."""
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        by_case: dict[int, list[CaseEvent]] = {pk: [] for pk in chunk}
        for event in CaseEvent.objects.filter(case_id__in=chunk).order_by("case_id", "seq"):
            by_case[event.case_id].append(event)
        for case in Case.objects.filter(pk__in=chunk).only(
            "pk", "reference", "event_count", "audit_head", "state"
        ):
            yield from case_chain_problems(case, by_case[case.pk])


def reference_gaps():
    """Yield a problem for every case reference handed out but no longer in the database.

    References run without gaps (``SequenceCounter``), so a missing number is a case deleted
    together with its whole trail, which no chain could show.
    """
    counters = SequenceCounter.objects.filter(name="case").select_related("unit")
    for counter in counters.order_by("unit__code", "year"):
        prefix = f"{counter.unit.code}-{counter.year}-"
        present = {
            int(ref.rsplit("-", 1)[1])
            # By reference alone: a case transferred within the system keeps its reference
            # in the unit it moved to.
            for ref in Case.objects.filter(reference__startswith=prefix).values_list(
                "reference", flat=True
            )
        }
        for number in sorted(set(range(1, counter.last_value + 1)) - present):
            yield ChainProblem(
                f"{prefix}{number:06d}", None, "case missing: deleted with its trail"
            )
