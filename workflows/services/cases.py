"""Every act on a case, in one transaction under the case's row lock: the door's steps
(DESIGN.md, "One door for every change of state"), each a function of its own."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed

from casework.choices import Kind
from casework.models import Case, CaseEvent, Clock, User
from permissions import grants
from permissions.identity import denouncer_identity_visible
from permissions.selectors import case_permissions
from workflows.errors import (
    ActionForbidden,
    CaseNotFound,
    InvalidPayload,
    StateConflict,
    form_messages,
)
from workflows.forms import ActionForm
from workflows.procedures import ACTIONS, Action, procedure
from workflows.services.audit import event_prepare
from workflows.services.clocks import clocks_apply
from workflows.services.documents import documents_issue
from workflows.services.identity import denouncer_secrets_for, texts_naming_the_denouncer

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


@dataclass(frozen=True)
class _Before:
    """What the case was before the transition: the event, the documents and the grants ask."""

    state: str
    unit_id: int
    assignee_id: int | None


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
        case = _case_lock(case_id)
        _refuse_unseen_or_forbidden(case, spec, actor)
        _refuse_out_of_state(case, spec)
        form = _payload_validate(case, spec, actor, data, payload_check)
        before = _transition_fire(case, spec, form)
        # The clocks before the save: they set ``next_due_on``, which the row and the event
        # keep.
        clocks = _clocks_apply(case, spec, form)
        event = _transition_save(case, spec, form, actor, before)
        documents_issue(
            case=case,
            event=event,
            action=spec,
            actor=actor,
            unit_id=before.unit_id,  # the unit that took the act
            clocks=clocks,
        )
        _grants_and_notifications(case, spec, before)
    return case


def _case_lock(case_id: int) -> Case | None:
    """Step 1: the case's row, locked (None when there is no such case)."""
    # The unit and the assignee come with the locked row (only the case's row is locked):
    # the form, the notices and the answer read them.
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("unit", "assignee")
        .filter(pk=case_id)
        .first()
    )


def _refuse_unseen_or_forbidden(case: Case | None, spec: Action | None, actor: User) -> None:
    """Step 2: 404 for an unknown action or a case the actor may not see; 403 without the
    action's grant, or for a conclusion issued by someone who may not see the denouncer."""
    held = case_permissions(actor, case) if case is not None else frozenset()
    if spec is None or "view_case" not in held:
        raise CaseNotFound
    if spec.permission.split(".")[1] not in held:
        raise ActionForbidden
    if _texts_for_the_accused(case, spec) and not denouncer_identity_visible(actor, case):
        # Only who can check that it names no denouncer issues it (a role, not a secret).
        raise ActionForbidden(
            _(
                "Only those who may see the denouncer's identity issue a conclusion: it "
                "goes to the accused and must not reveal the denouncer (Denunciations Law "
                "Art. 40)."
            )
        )


def _refuse_out_of_state(case: Case, spec: Action) -> None:
    """Step 3, first half: 409 when the act is not part of the case's procedure, or its state
    or a legal precondition does not allow it now."""
    if spec.name not in procedure(case.kind):
        raise StateConflict(
            _("“%(action)s” is not part of the procedure for a %(kind)s.")
            % {"action": spec.label, "kind": case.get_kind_display().lower()}
        )
    if not can_proceed(getattr(case, spec.name)):
        raise StateConflict(_refusal(case, spec.name))


def _payload_validate(
    case: Case,
    spec: Action,
    actor: User,
    data: dict[str, Any] | None,
    payload_check: Callable[[Any], dict] | None,
) -> ActionForm:
    """Step 3, second half: 400 with field messages. The body's type (the API's check), the
    action's form, then the texts that would carry the denouncer's identity where it must not
    go. Returns the valid form."""
    if payload_check is not None:
        data = payload_check(data)
    form = spec.form(data=data or {}, case=case)
    if not form.is_valid():
        raise InvalidPayload(form_messages(form))
    secrets = denouncer_secrets_for(case, actor)
    named = texts_naming_the_denouncer(secrets, form.audit_record()[1])
    named.update(_accused_would_read_the_denouncer(secrets, _texts_for_the_accused(case, spec)))
    if named:
        raise InvalidPayload(named)
    return form


def _texts_for_the_accused(case: Case, spec: Action) -> dict[str, str]:
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


def _transition_fire(case: Case, spec: Action, form: ActionForm) -> _Before:
    """Step 4: fire the FSM transition on the locked case (saved by ``_transition_save``)."""
    before = _Before(state=case.state, unit_id=case.unit_id, assignee_id=case.assignee_id)
    try:
        getattr(case, spec.name)(**form.transition_kwargs())
    except TransitionNotAllowed:
        raise StateConflict(_refusal(case, spec.name)) from None
    return before


def _clocks_apply(case: Case, spec: Action, form: ActionForm) -> list[Clock] | None:
    """Step 6: restart, pause, extend or stop the deadline clocks, as the act's row says."""
    clocks = clocks_apply(case, spec.clocks, on=form.cleaned_data["on"], data=form.cleaned_data)
    if clocks is not None:
        case.related_known(clocks=clocks)  # the answer shows them
    return clocks


def _transition_save(
    case: Case, spec: Action, form: ActionForm, actor: User, before: _Before
) -> CaseEvent:
    """Steps 4 and 5: save the case with ``update_fields`` and append its sealed event. The
    event's seal is the case's new head, so the two are written together."""
    payload, texts = form.audit_record()
    event = event_prepare(
        case=case,
        action=spec.event,
        from_state=before.state,
        actor=actor,
        effective_on=form.cleaned_data["on"],
        payload=payload,
        texts=texts,
    )
    case.save(update_fields=_ALWAYS_SAVED + _TRANSITION_FIELDS.get(spec.name, []))
    event.save(force_insert=True)
    return event


def _grants_and_notifications(case: Case, spec: Action, before: _Before) -> None:
    """Step 8: the grants a move or an assignment changes, and the new assignee told after
    the commit."""
    if spec.name == "move":
        grants.case_grant_on_move(case, before.unit_id)
    if spec.name == "assign":
        grants.case_grant_on_assign(case, before.assignee_id)
        if before.assignee_id != case.assignee_id:
            from workflows import tasks  # here, not at the top: the tasks import the services

            assignee_id = case.assignee_id
            transaction.on_commit(
                lambda: tasks.case_assignment_notify_task.delay(case.pk, assignee_id)
            )
