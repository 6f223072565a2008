"""Appending to a case's audit trail: only the door calls this, inside its transaction."""

from datetime import date

from django.utils import timezone

from casework.audit import event_hash, text_digest
from casework.models import Case, CaseEvent


def event_prepare(
    *,
    case: Case,
    action: str,
    from_state: str,
    actor,
    effective_on: date,
    payload: dict,
    texts: dict[str, str] | None = None,
) -> CaseEvent:
    """Build the next event of the case's chain and move the case's head to it.

    The caller saves the case (``event_count``, ``audit_head``) and then inserts the event, both
    in the transaction that holds the case's row lock.
    """
    seq = case.event_count + 1
    recorded_at = timezone.now()
    texts = {name: text for name, text in (texts or {}).items() if text}
    if texts:
        payload = {**payload, "texts": {name: text_digest(t) for name, t in texts.items()}}
    fields = {
        "seq": seq,
        "action": action,
        "from_state": from_state,
        "to_state": case.state,
        "effective_on": effective_on,
        "recorded_at": recorded_at,
        "payload": payload,
        "prev_hash": case.audit_head,
    }
    digest = event_hash(case_id=case.pk, actor_id=actor.pk if actor else None, **fields)
    case.event_count = seq
    case.audit_head = digest
    return CaseEvent(case=case, actor=actor, hash=digest, texts=texts, **fields)


def event_append(
    *,
    case: Case,
    action: str,
    actor,
    payload: dict,
    texts: dict[str, str] | None = None,
    touch: bool = True,
) -> CaseEvent:
    """Write an event that changes no state (an attachment, a reading, a correction), dated
    today, and move the case's head to it. The caller holds the case's row lock. ``touch``:
    whether the case counts as changed (``updated_at``); a mere reading does not."""
    event = event_prepare(
        case=case,
        action=action,
        from_state=case.state,
        actor=actor,
        effective_on=timezone.localdate(),
        payload=payload,
        texts=texts,
    )
    case.save(update_fields=["event_count", "audit_head", *(["updated_at"] if touch else [])])
    event.save(force_insert=True)
    return event
