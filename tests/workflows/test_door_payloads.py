"""The door's 400s (field messages), its legal preconditions (409), and what each act writes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from casework.audit import audit_verify
from casework.choices import Kind, State
from casework.models import Case, CaseEvent
from permissions.roles import user_set_roles
from permissions.selectors import case_is_visible
from workflows.errors import CaseNotFound, InvalidPayload, StateConflict

TODAY = timezone.localdate


def refused_fields(world, case, action, **data):
    before = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, action, **data)
    assert refused.value.status == 400
    assert CaseEvent.objects.filter(case=case).count() == before
    for messages in refused.value.errors.values():
        assert messages and all(isinstance(m, str) and m for m in messages)
    return refused.value.errors


@pytest.mark.parametrize(
    ("state", "action", "data", "field"),
    [
        (State.RECEIVED, "accept", {"on": "2999-01-01"}, "on"),
        (State.RECEIVED, "accept", {"on": "not a date"}, "on"),
        (State.RECEIVED, "reject", {"grounds": ""}, "grounds"),
        (State.RECEIVED, "reject", {"grounds": "because"}, "grounds"),  # complaint: Art. 11 codes
        (State.RECEIVED, "transfer", {"to_agency": ""}, "to_agency"),
        (State.RECEIVED, "file", {"reason": "bored"}, "reason"),
        (State.ACCEPTED, "assign", {"assignee": ""}, "assignee"),
        (State.ACCEPTED, "assign", {"assignee": "sup"}, "assignee"),  # not an investigator
        (State.ACCEPTED, "assign", {"assignee": "inv.comm"}, "assignee"),  # another unit
        (State.ACCEPTED, "assign", {"assignee": "nobody"}, "assignee"),
        (State.ASSIGNED, "record_findings", {"findings": ""}, "findings"),
        (State.INVESTIGATED, "return_for_rework", {"reason": ""}, "reason"),
        (State.INVESTIGATED, "resolve", {"outcome": "correct"}, "outcome"),  # a denunciation's
        (State.INVESTIGATED, "resolve", {"decision_summary": ""}, "decision_summary"),
        (State.ACCEPTED, "suspend", {"reason": ""}, "reason"),
    ],
)
@pytest.mark.parametrize("kind", list(Kind))
def test_bad_payload_is_400_with_field_message(world, state, action, data, field, kind):
    if kind != Kind.COMPLAINT and (action, field) == ("reject", "grounds") and data["grounds"]:
        data = {"grounds": ""}  # only a complaint's grounds are codes; others are free text
    if data.get("outcome"):
        # An outcome of another kind: each kind has its own vocabulary.
        data = {"outcome": {"complaint": "correct", "denunciation": "upheld"}.get(kind, "false")}
    case = world.case_in(state, kind=kind)
    if (action, kind) == ("transfer", Kind.COMPLAINT):
        # A complaint is guided, never transferred: 409, whatever its fields say.
        with pytest.raises(StateConflict):
            world.perform(case, action, **data)
        return
    errors = refused_fields(world, case, action, **data)
    assert field in errors
    case.refresh_from_db()
    assert case.state == state


@pytest.mark.parametrize("days", [0, 31, "x"])
def test_extension_days_are_1_to_30(world, days):
    case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION, is_complex=True)
    assert "days" in refused_fields(world, case, "extend", days=days)


def test_petition_reject_takes_a_free_reason(world):
    case = world.case_in(State.RECEIVED, kind=Kind.PETITION)
    case = world.perform(case, "reject", grounds="Không thuộc thẩm quyền")
    assert case.state == State.REJECTED
    assert case.closure_reason == "Không thuộc thẩm quyền"


def test_act_date_cannot_precede_the_previous_act_or_receipt(world):
    received = TODAY() - timedelta(days=20)
    case = world.register(received_on=received.isoformat())
    assert "on" in refused_fields(world, case, "accept", on=received - timedelta(days=1))
    case = world.perform(case, "accept", on=received + timedelta(days=5))
    errors = refused_fields(world, case, "assign", on=received + timedelta(days=4))
    assert "on" in errors
    case = world.perform(case, "assign", on=received + timedelta(days=5))
    event = CaseEvent.objects.filter(case=case).latest("seq")
    assert event.effective_on == received + timedelta(days=5)


def test_act_date_defaults_to_today(world):
    case = world.perform(world.register(), "accept")
    assert CaseEvent.objects.filter(case=case).latest("seq").effective_on == TODAY()
    assert case.last_act_on == TODAY()


def test_the_state_is_checked_before_the_payload(world):
    # The order of the door: 409 before 400. Whether an act is possible never depends on what
    # its fields say (an outside test used the opposite order to confirm a denouncer's name).
    case = world.case_in(State.RESOLVED)
    with pytest.raises(StateConflict):
        world.perform(case, "accept", on="2999-01-01")
    with pytest.raises(StateConflict):
        world.perform(case, "add_note", note="")
    open_case = world.case_in(State.RECEIVED)
    assert "on" in refused_fields(world, open_case, "accept", on="2999-01-01")


@pytest.mark.parametrize(
    ("flags", "allowed"), [({}, 0), ({"is_complex": True}, 1), ({"is_especially_complex": True}, 2)]
)
def test_denunciation_extensions_by_complexity(world, flags, allowed):
    case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION, **flags)
    for _ in range(allowed):
        case = world.perform(case, "extend", days=30)
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "extend", days=10)
    assert "extension" in str(refused.value.detail).lower()
    case.refresh_from_db()
    assert case.extensions_used == allowed
    assert case.extension_days == 30 * allowed
    assert case.state == State.ACCEPTED


def test_extension_is_for_denunciations_only(world):
    case = world.case_in(State.ACCEPTED, kind=Kind.COMPLAINT, is_especially_complex=True)
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "extend", days=10)
    assert "procedure" in str(refused.value.detail)


def test_anonymous_denunciation_is_never_accepted_but_may_be_filed(world):
    case = world.register(kind=Kind.DENUNCIATION, anonymous=True)
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "accept")
    assert "Art. 25" in str(refused.value.detail)
    case = world.perform(case, "file", reason="anonymous")
    assert case.state == State.FILED


@pytest.mark.parametrize("state", [State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED])
def test_resume_returns_to_the_state_suspension_left(world, state):
    case = world.case_in(state)
    case = world.perform(case, "suspend")
    assert case.state == State.SUSPENDED
    case = world.perform(case, "resume")
    case.refresh_from_db()
    assert case.state == state
    assert case.suspended_from == ""
    last = CaseEvent.objects.filter(case=case).latest("seq")
    assert (last.from_state, last.to_state) == (State.SUSPENDED, state)


def test_withdrawal_from_suspension(world):
    case = world.perform(world.case_in(State.SUSPENDED), "withdraw")
    assert case.state == State.WITHDRAWN and case.suspended_from == ""


def test_return_for_rework_keeps_the_assignee(world):
    case = world.case_in(State.INVESTIGATED)
    assignee = case.assignee_id
    case = world.perform(case, "return_for_rework")
    assert case.state == State.ASSIGNED
    assert case.assignee_id == assignee


def test_resolve_records_outcome_and_decision(world):
    case = world.case_in(State.INVESTIGATED, kind=Kind.DENUNCIATION)
    case = world.perform(
        case, "resolve", outcome="partly_correct", decision_summary="Đúng một phần"
    )
    case.refresh_from_db()
    assert (case.state, case.outcome, case.decision_summary) == (
        State.RESOLVED,
        "partly_correct",
        "Đúng một phần",
    )


def test_reassignment_moves_access_and_notifies_after_commit(
    world, django_capture_on_commit_callbacks
):
    case = world.case_in(State.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = world.perform(case, "assign", assignee=world.investigator.username)
    # The decision to assign verification is rendered, and the investigator told.
    assert len(callbacks) == 2
    assert mail.outbox == []  # nothing is sent before the commit
    with mock.patch("workflows.tasks.document_render_task.delay"):
        callbacks[0]()
    callbacks[1]()
    assert [m.to for m in mail.outbox] == [[world.investigator.email]]
    assert case.reference in mail.outbox[0].subject
    assert "Nguyễn Văn An" not in mail.outbox[0].body  # no party's identity in a mail
    assert case_is_visible(world.investigator, case)

    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(case, "assign", assignee=world.investigator2.username)
    assert mail.outbox[-1].to == [world.investigator2.email]
    assert not case_is_visible(world.investigator, case)
    assert case_is_visible(world.investigator2, case)
    with pytest.raises(CaseNotFound):
        world.perform(case, "record_findings", actor=world.investigator)
    world.perform(case, "record_findings", actor=world.investigator2)


def test_investigator_who_lost_the_role_cannot_be_assigned(world):
    user_set_roles(user=world.investigator2, roles=[])
    case = world.case_in(State.ACCEPTED)
    assert "assignee" in refused_fields(
        world, case, "assign", assignee=world.investigator2.username
    )


def test_free_text_stays_out_of_the_chain_but_is_sealed_by_it(world):
    # An officer may type a name into a note or a reason; the chained payload never holds it.
    name = "Nguyễn Văn An, CCCD 001204012345"
    case = world.register()
    case = world.perform(case, "accept", note=f"Gặp {name}")
    case = world.perform(case, "suspend", reason=f"Chờ ý kiến của {name}")
    case = world.perform(case, "resume")
    case = world.perform(case, "assign", note=name)
    case = world.perform(case, "record_findings", findings=f"{name} trình bày")
    events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
    for event in events:
        assert "Nguyễn Văn An" not in repr(event.payload), event.action
        assert "001204012345" not in repr(event.payload), event.action
    accepted, suspended = events[1], events[2]
    assert accepted.texts == {"note": f"Gặp {name}"}
    assert set(accepted.payload["texts"]) == {"note"}
    assert suspended.texts == {"reason": f"Chờ ý kiến của {name}"}
    assert events[4].payload["assignee"] == world.investigator.username
    assert events[5].texts["findings"] == f"{name} trình bày"
    assert list(audit_verify(Case.objects.filter(pk=case.pk))) == []


def test_withdrawal_clears_the_suspension(world):
    case = world.perform(world.case_in(State.SUSPENDED), "withdraw")
    case.refresh_from_db()
    assert (case.state, case.suspended_from) == (State.WITHDRAWN, "")


def test_a_complaint_decision_says_what_becomes_of_the_act(world):
    from workflows.errors import InvalidPayload

    case = world.case_in(State.INVESTIGATED)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "resolve", outcome="upheld", act_decision="keep")
    assert "act_decision" in refused.value.errors
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "resolve", outcome="upheld", act_decision="")
    assert "act_decision" in refused.value.errors
    # Rejected: the act is kept, without being asked.
    resolved = world.perform(case, "resolve", outcome="rejected", act_decision="")
    assert resolved.events.latest("seq").payload["act_decision"] == "keep"


def test_an_extension_states_its_reason(world):
    from workflows.errors import InvalidPayload

    case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION, is_complex=True)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "extend", days=10, reason="")
    assert "reason" in refused.value.errors
