"""Registering a letter as a new case: the door's first act, in the door's order (403, then
400 with every field's message at once, then the writes in one transaction)."""

import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from casework.choices import PETITIONER_ROLE, Forwarder, Kind, PartyRole, State
from casework.models import Case, Clock, Party, PartyIdentity, SequenceCounter, Unit, User
from permissions import grants
from permissions.roles import user_may_register
from permissions.selectors import case_list_visible, user_sees_all
from workflows.errors import ActionForbidden, InvalidPayload, form_messages
from workflows.forms import MAX_PARTIES, PartyForm, RegistrationForm
from workflows.procedures import REGISTER_EVENT
from workflows.services.audit import event_prepare
from workflows.services.clocks import clocks_on_register
from workflows.services.identity import denouncer_secrets, texts_naming_the_denouncer


def case_register(
    *, actor: User, data: Any, payload_check: Callable[[Any], dict] | None = None
) -> Case:
    """Register a letter as a new case in state ``received``: the door's first act.

    ``data`` has the fields of ``RegistrationForm`` and ``parties``: a list of dicts with the
    fields of ``PartyForm`` (``role`` defaults to the petitioner's role of the kind). The actor
    needs ``casework.add_case`` and may register only in their own unit (administrators: any).
    """
    unit = _registration_unit(actor, data)
    if payload_check is not None:
        data = payload_check(data)
    data = dict(data or {})
    parties_data = data.pop("parties", None) or []
    cleaned, party_rows, previous = _registration_validate(actor, data, parties_data, unit)
    with transaction.atomic():
        case = _case_write(actor, cleaned, unit, previous)
        parties = _parties_write(case, party_rows)
        clock = _registration_record(case, actor, cleaned, party_rows)
        grants.case_grant_on_register(case)
    # What the answer shows, as written: the parties with their identities, the clock, no
    # documents yet.
    case.related_known(parties=parties, clocks=[clock], documents=[])
    return case


def _registration_unit(actor: User, data: Any) -> Unit | None:
    """The 403 step: who may register, and where. Returns the unit named (the actor's own by
    default), or None when there is no such unit (said at the 400 step)."""
    if not user_may_register(actor):
        raise ActionForbidden(_("You may not register cases."))
    raw_unit = data.get("unit") if isinstance(data, dict) else None
    unit_code = raw_unit if isinstance(raw_unit, str) and raw_unit else ""
    unit_code = unit_code or (actor.unit.code if actor.unit_id else "")
    unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
    if unit is not None and unit.pk != actor.unit_id and not user_sees_all(actor):
        raise ActionForbidden(_("You may register cases only in your own unit."))
    return unit


def _registration_validate(
    actor: User, data: dict, parties_data: Any, unit: Unit | None
) -> tuple[dict, list[dict], Case | None]:
    """The 400 step: the fields, the unit, the parties and the denouncer's identity kept out
    of the texts, each field's messages at once; then the previous round, once the rest is
    valid. Returns (cleaned fields, party rows, previous round's case or None)."""
    form = RegistrationForm(data=data)
    errors = {} if form.is_valid() else form_messages(form)
    cleaned = form.cleaned_data if not errors else {}
    if unit is None:
        errors.setdefault("unit", []).append(_("Unknown unit."))
    if cleaned:  # the fields are valid: the competent authority named is looked up
        competent, competent_error = _competent_unit(cleaned.get("competent_unit"), unit)
        if competent_error:
            errors.setdefault("competent_unit", []).append(competent_error)
        cleaned["competent_unit_obj"] = competent
    kind = cleaned.get("kind") or data.get("kind")
    party_rows, party_errors = _registration_parties(
        parties_data, kind=kind, anonymous=cleaned.get("anonymous", False)
    )
    if party_errors:
        errors["parties"] = party_errors
    if kind == Kind.DENUNCIATION and cleaned:
        errors.update(_texts_naming_the_denouncer(cleaned, party_rows))
    if errors:
        raise InvalidPayload(errors)
    return cleaned, party_rows, _previous_round(actor, cleaned, unit)


def _competent_unit(code: str | None, unit: Unit | None) -> tuple[Unit | None, str]:
    """The competent authority named at registration: the handling unit itself (then None) or
    one of the units above it. Returns (unit or None, message)."""
    if not code or unit is None or code == unit.code:
        return None, ""
    named = next((above for above in unit.units_above() if above.code == code), None)
    if named is not None:
        return named, ""
    return None, str(
        _("The competent authority is the handling unit or a unit above it (%(unit)s).")
        % {"unit": unit.name}
    )


def _registration_parties(rows, *, kind, anonymous) -> tuple[list[dict], list[str]]:
    """The parties of a new case, validated: (rows, messages)."""
    if not isinstance(rows, list):
        return [], [_("Send a list of parties.")]
    if len(rows) > MAX_PARTIES:
        return [], [_("Name at most %(count)s parties.") % {"count": MAX_PARTIES}]
    valid, messages = [], []
    for index, row in enumerate(rows, start=1):
        form = PartyForm(data=row if isinstance(row, dict) else {})
        if not form.is_valid():
            messages += [
                f"{index}: {field}: {msg}"
                for field, msgs in form_messages(form).items()
                for msg in msgs
            ]
            continue
        role = form.cleaned_data["role"] or PETITIONER_ROLE.get(kind, PartyRole.PETITIONER)
        if role not in PartyRole.values:
            messages.append(f"{index}: role: {_('Unknown party role.')}")
            continue
        valid.append({**form.cleaned_data, "role": role})
    if messages or kind not in PETITIONER_ROLE:
        return valid, messages
    brings = PETITIONER_ROLE[kind]
    if anonymous and any(p["role"] != PartyRole.ACCUSED for p in valid):
        messages.append(_("An anonymous denunciation has no denouncer's identity."))
    elif not anonymous and not any(p["role"] == brings for p in valid):
        messages.append(
            _("Name at least one %(role)s.") % {"role": PartyRole(brings).label.lower()}
        )
    return valid, messages


def _texts_naming_the_denouncer(cleaned: dict, party_rows: list[dict]) -> dict[str, list[str]]:
    """A denunciation's subject and content, which the accused may come to read, checked
    against the identities the registrar has just typed (they see them)."""
    secrets = denouncer_secrets(
        SimpleNamespace(**row) for row in party_rows if row["role"] != PartyRole.ACCUSED
    )
    texts = {
        "subject": cleaned["subject"],
        "content": cleaned["content"],
        "forwarded_by": cleaned.get("forwarded_by", ""),
        "previous_case": cleaned.get("previous_case", ""),
    }
    return texts_naming_the_denouncer(secrets, texts)


def _previous_round(actor: User, cleaned: dict, unit: Unit) -> Case | None:
    """The decided round-1 complaint a round 2 follows, or the concluded denunciation a
    re-denunciation disputes (Art. 37), when the registrar may see it. A re-denunciation is
    decided by a unit above the one that concluded (``_superior_refusal``)."""
    reference = cleaned.get("previous_case")
    if not reference:
        return None
    re_denunciation = cleaned.get("kind") == Kind.DENUNCIATION
    deciding = cleaned.get("competent_unit_obj") or unit
    # Only a case the registrar may see is linked; any other reference (a decision of
    # another agency, a case out of sight, a conclusion of the unit below) is kept as text,
    # without a word on whether it exists.
    previous = case_list_visible(actor).filter(reference=reference).first()
    if previous is None:
        refusal = _superior_refusal(deciding, _unit_of_reference(reference), re_denunciation)
        if refusal:
            raise InvalidPayload({"previous_case": [refusal]})
        return None
    if re_denunciation:
        followed = previous.kind == Kind.DENUNCIATION
        message = _("%(reference)s is not a concluded denunciation.")
    else:
        followed = previous.kind == Kind.COMPLAINT and previous.round == 1
        message = _("%(reference)s is not a decided round-1 complaint.")
    if not (followed and previous.state == State.RESOLVED):
        raise InvalidPayload({"previous_case": [message % {"reference": previous.reference}]})
    concluded_by = previous.deciding_unit
    refusal = _superior_refusal(deciding, concluded_by, re_denunciation)
    if refusal:
        raise InvalidPayload({"previous_case": [refusal]})
    return previous


def _unit_of_reference(reference: str) -> Unit | None:
    """The unit a Casework reference (``<UNIT>-<YEAR>-<NNNNNN>``) names, read from the text
    the registrar typed (not from a case they may not see)."""
    match = re.fullmatch(r"([A-Z][A-Z0-9]{1,15})-\d{4}-\d{6}", reference.strip())
    return Unit.objects.filter(code=match.group(1)).first() if match else None


def _superior_refusal(deciding: Unit, concluded_by: Unit | None, re_denunciation: bool) -> str:
    """Why the case may not be decided by ``deciding``: a round-2 complaint goes to the
    superior of who decided round 1 (Complaints Law Art. 33), a re-denunciation to the superior
    of who concluded (Denunciations Law Art. 37). Empty when it may, or when who decided is
    not known here."""
    if concluded_by is None or deciding in concluded_by.units_above():
        return ""
    if re_denunciation:
        message = _(
            "A re-denunciation goes to the superior of who concluded (Denunciations Law "
            "Art. 37): %(deciding)s is not above %(concluded)s. Name the superior as the "
            "competent authority."
        )
    else:
        message = _(
            "A second-round complaint goes to the superior of who decided the first round "
            "(Complaints Law Art. 33): %(deciding)s is not above %(concluded)s. Name the "
            "superior as the competent authority."
        )
    return message % {"deciding": deciding.name, "concluded": concluded_by.name}


def _case_write(actor: User, cleaned: dict, unit: Unit, previous: Case | None) -> Case:
    """The case's row, numbered in its unit's series for the year it was received."""
    received_on = cleaned["received_on"]
    number = SequenceCounter.allocate(name="case", unit_id=unit.pk, year=received_on.year)
    case = Case(
        reference=f"{unit.code}-{received_on.year}-{number:06d}",
        kind=cleaned["kind"],
        round=cleaned["round"],
        previous_case=previous,
        previous_reference=cleaned.get("previous_case", ""),
        appeal_from=cleaned.get("appeal_from"),
        competent_unit=cleaned.get("competent_unit_obj"),
        channel=cleaned["channel"],
        forwarded_by=cleaned.get("forwarded_by", ""),
        forwarder_kind=cleaned.get("forwarder_kind", ""),
        # A letter another agency sent by a transfer slip has been transferred once.
        transferred_in=cleaned.get("forwarder_kind") == Forwarder.AGENCY,
        received_on=received_on,
        registered_by=actor,
        unit=unit,
        subject=cleaned["subject"],
        content=cleaned["content"],
        is_complex=cleaned["is_complex"],
        is_especially_complex=cleaned["is_especially_complex"],
        is_remote_area=cleaned["is_remote_area"],
        anonymous=cleaned["anonymous"],
        last_act_on=received_on,
    )
    case.save(force_insert=True)
    return case


def _parties_write(case: Case, party_rows: list[dict]) -> list[Party]:
    """The parties, and their identities apart (encrypted, with their blind indexes)."""
    parties = Party.objects.bulk_create(
        Party(case=case, role=row["role"], position=row["position"], order=i)
        for i, row in enumerate(party_rows)
    )
    PartyIdentity.objects.bulk_create(
        PartyIdentity(
            party=party,
            full_name=row["full_name"],
            id_number=row["id_number"],
            address=row["address"],
            phone=row["phone"],
            email=row["email"],
        ).keys_set()
        for party, row in zip(parties, party_rows, strict=True)
    )
    return parties


def _registration_record(
    case: Case, actor: User, cleaned: dict, party_rows: list[dict], *, extra: dict | None = None
) -> Clock:
    """The first event of the case's chain (no identity in it: the parties' roles only) and
    the acceptance clock; the case's row keeps the head of the chain and the due date."""
    event = event_prepare(
        case=case,
        action=REGISTER_EVENT,
        from_state="",
        actor=actor,
        effective_on=case.received_on,
        payload={
            "kind": case.kind,
            "round": case.round,
            "channel": case.channel,
            "unit": case.unit.code,
            "parties": [row["role"] for row in party_rows],
            "anonymous": cleaned["anonymous"],
            **({"forwarder_kind": case.forwarder_kind} if case.forwarder_kind else {}),
            **({"appeal_from": case.appeal_from.isoformat()} if case.appeal_from else {}),
            **(
                {"competent_unit": case.competent_unit.code}
                if case.competent_unit_id is not None
                else {}
            ),
            **(extra or {}),
        },
        # The forwarding body's name, a free text: sealed by its digest, kept beside the chain.
        texts={"forwarded_by": case.forwarded_by},
    )
    clock = clocks_on_register(case, cleaned.get("acceptance_rule"))
    case.save(update_fields=["event_count", "audit_head", "next_due_on"])
    event.save(force_insert=True)
    return clock
