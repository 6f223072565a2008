"""Registration and every act on a case, each in one transaction under the case's row lock."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed

from casework.choices import PETITIONER_ROLE, Kind, PartyRole, State
from casework.models import Case, Party, PartyIdentity, SequenceCounter, Unit, User
from permissions import grants
from permissions.identity import denouncer_identity_visible
from permissions.roles import user_may_register
from permissions.selectors import case_list_visible, case_permissions, user_sees_all
from workflows import tasks
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.forms import MAX_PARTIES, PartyForm, RegistrationForm
from workflows.procedures import ACTIONS, REGISTER_EVENT, procedure
from workflows.services.audit import event_prepare
from workflows.services.clocks import clocks_apply, clocks_on_register
from workflows.services.documents import documents_issue
from workflows.services.identity import (
    denouncer_secrets,
    denouncer_secrets_for,
    texts_naming_the_denouncer,
)

#: Fields every transition may change besides those its own body sets.
_ALWAYS_SAVED = [
    "state",
    "last_act_on",
    "next_due_on",
    "event_count",
    "audit_head",
    "updated_at",
]
_TRANSITION_FIELDS = {
    "reject": ["closure_reason"],
    "transfer": ["closure_reason"],
    "file": ["closure_reason"],
    "assign": ["assignee"],
    "record_findings": ["findings"],
    "resolve": ["outcome", "decision_summary"],
    "extend": ["extensions_used", "extension_days"],
    "suspend": ["suspended_from"],
    "resume": ["suspended_from"],
    "withdraw": ["suspended_from"],
    "amend": ["received_on", "is_complex", "is_especially_complex", "is_remote_area"],
    "move": ["unit", "assignee"],
}


def _form_errors(form) -> dict[str, list[str]]:
    errors = form.errors.get_json_data()
    return {field: [e["message"] for e in errs] for field, errs in errors.items()}


def _texts_for_the_accused(case: Case, spec) -> dict[str, str]:
    """What others wrote that this act's documents print for the accused to read: the
    investigator's findings, in a denunciation's conclusion (Art. 35). The one who issues it
    checks them; the investigator, who does not know the denouncer, could not."""
    if case.kind == Kind.DENUNCIATION and "denunciation_conclusion" in spec.notices_for(case.kind):
        return {"findings": case.findings}
    return {}


def _accused_would_read_the_denouncer(secrets, texts: dict[str, str]) -> dict[str, list[str]]:
    if not texts_naming_the_denouncer(secrets, texts):
        return {}
    return {
        "findings": [
            _(
                "The findings name the denouncer, and the conclusion prints them for the "
                "accused (Denunciations Law Art. 40): return them for rework, asking that what "
                "identifies the denouncer be taken out."
            )
        ]
    }


def _refusal(case: Case, action_name: str) -> str:
    """Why the state machine refuses the action now, in the user's language."""
    method = getattr(case, action_name)
    meta = method._django_fsm
    if not meta.has_transition(case.state):
        return _("A case that is “%(state)s” cannot be subject to “%(action)s”.") % {
            "state": case.get_state_display(),
            "action": ACTIONS[action_name].label,
        }
    for condition in meta.get_transition(case.state).conditions or []:
        if not condition(case):
            return str(getattr(condition, "message", _("A legal precondition is not met.")))
    return str(StateConflict.default_detail)


def case_perform(
    *,
    case_id: int,
    action: str,
    actor: User,
    data: dict[str, Any] | None = None,
    payload_check: Callable[[Any], dict] | None = None,
) -> Case:
    """Take one action on a case: the one door.

    Lock the row, then refuse with 404 (unknown action, or a case the actor may not see), 403
    (no grant for the action), 409 (not part of the case's procedure, or the state or a legal
    precondition does not allow it), 400 (field messages), in that order: whether an act is
    possible never depends on what its fields say. Otherwise fire the transition, save, append
    the audit event, update the grants, and leave the side effects (notifications) to run
    after the commit.

    ``payload_check`` (the API's type check of the body) runs at the 400 step, after the 409
    check, and returns the data for the action's form or raises ``InvalidPayload``.

    The free texts are kept free of the denouncer's identity only for an actor who may see it
    (``denouncer_secrets_for``): for anyone else the answer must not depend on who the
    denouncer is, or it would confirm guesses.
    """
    spec = ACTIONS.get(action)
    with transaction.atomic():
        # The unit and the assignee come with the locked row (only the case's row is locked):
        # the form, the notices and the answer read them.
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("unit", "assignee")
            .filter(pk=case_id)
            .first()
        )
        held = case_permissions(actor, case) if case is not None else frozenset()
        if spec is None or "view_case" not in held:
            raise CaseNotFound
        if spec.permission.split(".")[1] not in held:
            raise ActionForbidden
        for_the_accused = _texts_for_the_accused(case, spec)
        if for_the_accused and not denouncer_identity_visible(actor, case):
            # Only who can check that it names no denouncer issues it (a role, not a secret).
            raise ActionForbidden(
                _(
                    "Only those who may see the denouncer's identity issue a conclusion: it "
                    "goes to the accused and must not reveal the denouncer (Denunciations Law "
                    "Art. 40)."
                )
            )
        if action not in procedure(case.kind):
            raise StateConflict(
                _("“%(action)s” is not part of the procedure for a %(kind)s.")
                % {"action": spec.label, "kind": case.get_kind_display().lower()}
            )
        if not can_proceed(getattr(case, action)):
            raise StateConflict(_refusal(case, action))
        if payload_check is not None:
            data = payload_check(data)
        form = spec.form(data=data or {}, case=case)
        if not form.is_valid():
            raise InvalidPayload(_form_errors(form))
        secrets = denouncer_secrets_for(case, actor)
        named = texts_naming_the_denouncer(secrets, form.audit_record()[1])
        named.update(_accused_would_read_the_denouncer(secrets, for_the_accused))
        if named:
            raise InvalidPayload(named)
        method = getattr(case, action)
        from_state = case.state
        previous_assignee_id = case.assignee_id
        previous_unit_id = case.unit_id
        try:
            method(**form.transition_kwargs())
        except TransitionNotAllowed:
            raise StateConflict(_refusal(case, action)) from None
        clocks = clocks_apply(case, spec.clocks, on=form.cleaned_data["on"], data=form.cleaned_data)
        if clocks is not None:
            case.related_known(clocks=clocks)  # the answer shows them
        payload, texts = form.audit_record()
        event = event_prepare(
            case=case,
            action=spec.event,
            from_state=from_state,
            actor=actor,
            effective_on=form.cleaned_data["on"],
            payload=payload,
            texts=texts,
        )
        case.save(update_fields=_ALWAYS_SAVED + _TRANSITION_FIELDS.get(action, []))
        event.save(force_insert=True)
        documents_issue(
            case=case,
            event=event,
            action=spec,
            actor=actor,
            unit_id=previous_unit_id,  # the unit that took the act
            clocks=clocks,
        )
        if action == "move":
            grants.case_grant_on_move(case, previous_unit_id)
        if action == "assign":
            grants.case_grant_on_assign(case, previous_assignee_id)
            if previous_assignee_id != case.assignee_id:
                assignee_id = case.assignee_id
                transaction.on_commit(
                    lambda: tasks.case_assignment_notify_task.delay(case.pk, assignee_id)
                )
    return case


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
                for field, msgs in _form_errors(form).items()
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


def case_register(
    *, actor: User, data: Any, payload_check: Callable[[Any], dict] | None = None
) -> Case:
    """Register a letter as a new case in state ``received``: the door's first act.

    ``data`` has the fields of ``RegistrationForm`` and ``parties``: a list of dicts with the
    fields of ``PartyForm`` (``role`` defaults to the petitioner's role of the kind). The actor
    needs ``casework.add_case`` and may register only in their own unit (administrators: any).
    """
    if not user_may_register(actor):
        raise ActionForbidden(_("You may not register cases."))
    raw_unit = data.get("unit") if isinstance(data, dict) else None
    unit_code = raw_unit if isinstance(raw_unit, str) and raw_unit else ""
    unit_code = unit_code or (actor.unit.code if actor.unit_id else "")
    unit = Unit.objects.filter(code=unit_code).first() if unit_code else None
    if unit is not None and unit.pk != actor.unit_id and not user_sees_all(actor):
        raise ActionForbidden(_("You may register cases only in your own unit."))
    if payload_check is not None:
        data = payload_check(data)
    data = dict(data or {})
    parties_data = data.pop("parties", None) or []

    form = RegistrationForm(data=data)
    errors = {} if form.is_valid() else _form_errors(form)
    cleaned = form.cleaned_data if not errors else {}
    if unit is None:
        errors.setdefault("unit", []).append(_("Unknown unit."))
    kind = cleaned.get("kind") or data.get("kind")
    party_rows, party_errors = _registration_parties(
        parties_data, kind=kind, anonymous=cleaned.get("anonymous", False)
    )
    if party_errors:
        errors["parties"] = party_errors
    if kind == Kind.DENUNCIATION and cleaned:
        secrets = denouncer_secrets(
            SimpleNamespace(**row) for row in party_rows if row["role"] != PartyRole.ACCUSED
        )
        texts = {"subject": cleaned["subject"], "content": cleaned["content"]}
        errors.update(texts_naming_the_denouncer(secrets, texts))
    previous = None
    if not errors and cleaned.get("previous_case"):
        # Only a case the registrar may see is linked; any other reference (a decision of
        # another agency, a case out of sight) is kept as text, without a word on whether it
        # exists.
        previous = case_list_visible(actor).filter(reference=cleaned["previous_case"]).first()
        if previous is not None and not (
            previous.kind == Kind.COMPLAINT
            and previous.round == 1
            and previous.state == State.RESOLVED
        ):
            errors["previous_case"] = [
                _("%(reference)s is not a decided round-1 complaint.")
                % {"reference": previous.reference}
            ]
    if errors:
        raise InvalidPayload(errors)

    received_on = cleaned["received_on"]
    with transaction.atomic():
        number = SequenceCounter.allocate(name="case", unit_id=unit.pk, year=received_on.year)
        case = Case(
            reference=f"{unit.code}-{received_on.year}-{number:06d}",
            kind=cleaned["kind"],
            round=cleaned["round"],
            previous_case=previous,
            previous_reference=cleaned.get("previous_case", ""),
            channel=cleaned["channel"],
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
        event = event_prepare(
            case=case,
            action=REGISTER_EVENT,
            from_state="",
            actor=actor,
            effective_on=received_on,
            payload={
                "kind": case.kind,
                "round": case.round,
                "channel": case.channel,
                "unit": unit.code,
                "parties": [row["role"] for row in party_rows],
                "anonymous": cleaned["anonymous"],
            },
        )
        clock = clocks_on_register(case, cleaned.get("acceptance_rule"))
        case.save(update_fields=["event_count", "audit_head", "next_due_on"])
        event.save(force_insert=True)
        grants.case_grant_on_register(case)
    # What the answer shows, as written: the parties with their identities, the clock, no
    # documents yet.
    case.related_known(parties=parties, clocks=[clock], documents=[])
    return case
