"""Every act on a case, in one transaction under the case's row lock: the door's steps
(DESIGN.md, "One door for every change of state"), each a function of its own."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed

from casework.choices import Kind, Procedure, procedure_of
from casework.models import Case, CaseEvent, Clock, Unit, User
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
from workflows.procedures import ACTIONS, COMPETENT, SUPERIOR, Step, step_of
from workflows.services import letters
from workflows.services.audit import event_prepare
from workflows.services.clocks import clocks_apply
from workflows.services.documents import documents_issue
from workflows.services.identity import denouncer_secrets_for, texts_naming_the_denouncer


@dataclass(frozen=True)
class _Before:
    """What the case was before the transition: the event, the documents and the grants ask."""

    state: str
    unit_id: int
    assignee_id: int | None
    competent_unit_id: int | None
    #: The unit whose people took the act (``Step.unit_of``): it issues the documents.
    acting_unit_id: int


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
    with transaction.atomic():
        case = _case_lock(case_id)
        # The step as the case's procedure has it: its documents, clocks and fields.
        spec = _refuse_unseen_or_forbidden(case, action, actor)
        spec = _refuse_out_of_state(case, action, spec)
        form = _payload_validate(case, spec, actor, data, payload_check)
        before = _transition_fire(case, spec, form)
        if spec.name == "split":  # the letter's event names the cases it registers
            form.references = letters.split_references(case, len(form.parts()))
        # The clocks before the save: they set ``next_due_on``, which the row and the event
        # keep.
        clocks = _clocks_apply(case, spec, form)
        event = _transition_save(case, spec, form, actor, before)
        documents_issue(
            case=case,
            event=event,
            action=spec,
            actor=actor,
            unit_id=before.acting_unit_id,  # the unit that took the act
            clocks=clocks,
        )
        _grants_and_notifications(case, spec, before)
        _letters_write(case, spec, form, actor)
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


def _refuse_unseen_or_forbidden(case: Case | None, action: str, actor: User) -> Step | None:
    """Step 2: 404 for an unknown action or a case the actor may not see; 403 without the
    action's grant, or for a conclusion issued by someone who may not see the denouncer.
    Returns the step as the case's procedure has it (None: not one of its steps)."""
    generic = ACTIONS.get(action)  # a name has one permission in every procedure
    held = case_permissions(actor, case) if case is not None else frozenset()
    if generic is None or "view_case" not in held:
        raise CaseNotFound
    if generic.permission.split(".")[1] not in held:
        raise ActionForbidden
    spec = step_of(case, action)
    if spec is None:
        return None
    _refuse_outside_the_steps_unit(case, spec, actor)
    if "decide_case" not in held and spec.issues_a_decision(case.kind):
        # An intake officer records a withdrawal, but never issues a decision (DOMAIN.md).
        raise ActionForbidden(
            _(
                "This act issues a decision, which only the competent person issues: a "
                "supervisor records it."
            )
        )
    if _texts_for_the_accused(case, spec) and not denouncer_identity_visible(actor, case):
        # Only who can check that it names no denouncer issues it (a role, not a secret).
        raise ActionForbidden(
            _(
                "Only those who may see the denouncer's identity issue a conclusion: it "
                "goes to the accused and must not reveal the denouncer (Denunciations Law "
                "Art. 40)."
            )
        )
    return spec


def _refuse_outside_the_steps_unit(case: Case, spec: Step, actor: User) -> None:
    """Step 2, end: each step is taken by its unit's people (403): the competent authority's
    where another unit decides, the handling unit's for the rest, the overseeing unit's for
    the oversight of an overdue denunciation (which takes no other step)."""
    if actor.is_superuser or actor.unit_id == spec.unit_of(case):
        return
    if spec.unit_of(case) is None:  # an oversight step on a case nobody oversees
        raise ActionForbidden
    unit = Unit.objects.get(pk=spec.unit_of(case))
    if spec.where == SUPERIOR:
        message = _("The unit above that oversees this overdue case, %(unit)s, takes this step.")
    elif spec.where == COMPETENT:
        message = _(
            "The competent authority, %(unit)s, takes this step: the handling unit drafts and "
            "submits, the competent person decides."
        )
    else:
        message = _("The handling unit, %(unit)s, takes this step.")
    raise ActionForbidden(message % {"unit": unit.name})


def _refuse_out_of_state(case: Case, action: str, spec: Step | None) -> Step:
    """Step 3, first half: 409 when the act is not part of the case's procedure, or its state
    or a legal precondition does not allow it now. Returns the step."""
    if spec is None:
        if not getattr(case, action)._django_fsm.has_transition(case.state):
            raise StateConflict(_refusal(case, action))  # the state says it best
        raise StateConflict(
            _("“%(action)s” is not a step of the procedure: %(procedure)s.")
            % {
                "action": ACTIONS[action].label,
                "procedure": Procedure(case.procedure).label.lower(),
            }
        )
    if not can_proceed(getattr(case, spec.name)):
        raise StateConflict(_refusal(case, spec.name))
    return spec


def _payload_validate(
    case: Case,
    spec: Step,
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


def _texts_for_the_accused(case: Case, spec: Step) -> dict[str, str]:
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


def _transition_fire(case: Case, spec: Step, form: ActionForm) -> _Before:
    """Step 4: fire the FSM transition on the locked case (saved by ``_transition_save``)."""
    before = _Before(
        state=case.state,
        unit_id=case.unit_id,
        assignee_id=case.assignee_id,
        competent_unit_id=case.competent_unit_id,
        acting_unit_id=spec.unit_of(case),
    )
    try:
        getattr(case, spec.name)(**form.transition_kwargs())
    except TransitionNotAllowed:
        raise StateConflict(_refusal(case, spec.name)) from None
    if spec.enters_kind:
        case.procedure = procedure_of(case.kind, case.round).value
    return before


def _clocks_apply(case: Case, spec: Step, form: ActionForm) -> list[Clock] | None:
    """Step 6: restart, pause, extend or stop the deadline clocks, as the act's row says."""
    clocks = clocks_apply(
        case, spec.clocks_for(case.kind), on=form.cleaned_data["on"], data=form.cleaned_data
    )
    if clocks is not None:
        case.related_known(clocks=clocks)  # the answer shows them
    return clocks


def _transition_save(
    case: Case, spec: Step, form: ActionForm, actor: User, before: _Before
) -> CaseEvent:
    """Steps 4 and 5: save the case with ``update_fields`` and append its sealed event. The
    event's seal is the case's new head, so the two are written together."""
    payload, texts = form.audit_record()
    if spec.enters_kind:
        payload = {**payload, "procedure": case.procedure}  # the row's field, in its event
    event = event_prepare(
        case=case,
        action=spec.event,
        from_state=before.state,
        actor=actor,
        effective_on=form.cleaned_data["on"],
        payload=payload,
        texts=texts,
    )
    case.save(update_fields=spec.saved_fields)  # what the procedure's table says it writes
    event.save(force_insert=True)
    return event


def _letters_write(case: Case, spec: Step, form: ActionForm, actor: User) -> None:
    """Step 7, for letter processing: the open case a repeated letter joins, and the cases of
    a mixed letter's contents (``workflows.services.letters``)."""
    on = form.cleaned_data["on"]
    if spec.name == "link":
        letters.letter_joined(case, form.cleaned_data["repeats"], actor, on)
    elif spec.name == "split":
        letters.letter_split(case, form.parts(), form.references, actor, on)


def _grants_and_notifications(case: Case, spec: Step, before: _Before) -> None:
    """Step 8: the grants a move or an assignment changes, and the new assignee told after
    the commit."""
    if spec.name == "move":
        grants.case_grant_on_move(case, before.unit_id, before.competent_unit_id)
    if spec.name == "assign":
        grants.case_grant_on_assign(case, before.assignee_id)
        if before.assignee_id != case.assignee_id:
            from workflows import tasks  # here, not at the top: the tasks import the services

            assignee_id = case.assignee_id
            transaction.on_commit(
                lambda: tasks.case_assignment_notify_task.delay(case.pk, assignee_id)
            )
