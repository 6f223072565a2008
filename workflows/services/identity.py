"""Readings of a denouncer's identity: each one an event of the case's trail."""

from django.db import transaction
from django.utils import timezone

from casework.models import Case
from workflows.procedures import IDENTITY_VIEWED_EVENT
from workflows.services.audit import event_prepare


def identity_viewed(*, case_id: int, actor) -> None:
    """Record that ``actor`` was shown the protected identities of a denunciation.

    The caller has already decided that the actor may see them (``permissions.identity``); this
    only writes the ``IDENTITY_VIEWED`` event, under the case's row lock like every event, with
    an empty payload: who and when, never what. The case's ``updated_at`` is left alone: a
    reading is not a change.
    """
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        event = event_prepare(
            case=case,
            action=IDENTITY_VIEWED_EVENT,
            from_state=case.state,
            actor=actor,
            effective_on=timezone.localdate(),
            payload={},
        )
        case.save(update_fields=["event_count", "audit_head"])
        event.save(force_insert=True)
