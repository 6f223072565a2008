"""Readings of a denouncer's identity: each one an event of the case's trail."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from casework.choices import Kind, PartyRole
from casework.crypto import normal_form
from casework.models import Case
from workflows.procedures import IDENTITY_VIEWED_EVENT
from workflows.services.audit import event_append

#: Shorter values (a two-letter name) would match by chance.
MIN_SECRET_LENGTH = 5


def identity_viewed(*, case_id: int, actor) -> None:
    """Record that ``actor`` was shown the protected identities of a denunciation.

    The caller has already decided that the actor may see them (``permissions.identity``); this
    only writes the ``IDENTITY_VIEWED`` event, under the case's row lock like every event, with
    an empty payload: who and when, never what. The case's ``updated_at`` is left alone: a
    reading is not a change.
    """
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        event_append(case=case, action=IDENTITY_VIEWED_EVENT, actor=actor, payload={}, touch=False)


def _forms_of(value: str) -> set[str]:
    """How a piece of identity may appear in a text: as written (normalised), and for a number
    also without its spaces, dots and dashes."""
    plain = normal_form(value)
    forms = {plain}
    digits = re.sub(r"[\s.\-]", "", plain)
    if digits.isdigit():
        forms.add(digits)
    return {f for f in forms if len(f) >= MIN_SECRET_LENGTH}


def denouncer_secrets(identities) -> set[str]:
    """The denouncing side's names, ID numbers, phones and emails, in the forms to look for."""
    found = set()
    for identity in identities:
        for value in (identity.full_name, identity.id_number, identity.phone, identity.email):
            found |= _forms_of(value or "")
    return found


def case_denouncer_secrets(case: Case) -> set[str]:
    if case.kind != Kind.DENUNCIATION:
        return set()
    parties = case.parties.exclude(role=PartyRole.ACCUSED).select_related("identity")
    return denouncer_secrets(p.identity for p in parties if hasattr(p, "identity"))


def texts_naming_the_denouncer(secrets: set[str], texts: dict[str, str]) -> dict[str, list[str]]:
    """Field messages for each free text that contains a denouncer's name, number or address.

    Free text is read by everyone who sees the case, the verifiers included: the identity is
    kept out of it (Denunciations Law Art. 56), and lives only in the guarded identity.
    """
    errors = {}
    for field, text in texts.items():
        if not text or not secrets:
            continue
        plain = normal_form(text)
        squeezed = re.sub(r"[\s.\-]", "", plain)
        if any(secret in plain or secret in squeezed for secret in secrets):
            errors[field] = [
                _(
                    "Keep the denouncer's identity out of this text: everyone who works on the "
                    "case reads it (Denunciations Law Art. 56). It is kept, guarded, with the "
                    "parties."
                )
            ]
    return errors
