"""The competent person and the handling unit (issue 16, point 3): a complaint the province's
inspectorate handles and the province's Chairman decides. The inspectorate receives, verifies,
holds the dialogue and drafts; the Chairman accepts, and approves and issues the decision."""

import pytest

from casework.choices import State
from casework.models import CaseEvent, Document
from tests.workflows.test_notices import pdf_text
from workflows.errors import ActionForbidden, InvalidPayload, StateConflict
from workflows.selectors import case_actions_available

DRAFT = {
    "outcome": "rejected",
    "act_decision": "keep",
    "decision_summary": "Giữ nguyên Quyết định số 12/QĐ-UBND.",
}


@pytest.fixture
def province(world):
    """The province's People's Committee above the inspectorate, and its Chairman."""
    return world.province()


def offered(user, case):
    return [a.name for a in case_actions_available(case=case, user=user)]


def decided_above(world, **extra):
    return world.register(competent_unit="UBT", **extra)


def test_the_chairman_decides_what_the_inspectorate_drafts(
    world, province, django_capture_on_commit_callbacks
):
    top, chairman = province
    case = decided_above(world)
    assert case.competent_unit == top and case.unit == world.prov and case.decided_elsewhere
    # The inspectorate's supervisor does not accept it: the competent person does.
    assert "accept" not in offered(world.supervisor, case)
    assert "accept" in offered(chairman, case)
    with pytest.raises(ActionForbidden) as refused:
        world.perform(case, "accept", actor=world.supervisor)
    assert "Ủy ban nhân dân tỉnh" in str(refused.value.detail)
    case = world.perform(case, "accept", actor=chairman)
    # The inspectorate verifies: the Chairman does not assign its investigators.
    with pytest.raises(ActionForbidden):
        world.perform(case, "assign", actor=chairman)
    case = world.perform(case, "assign")
    case = world.perform(case, "record_findings", demand_differs=True)
    case = world.perform(case, "record_dialogue")
    # Not resolved by either side alone: drafted, submitted, approved.
    assert "resolve" not in offered(world.supervisor, case)
    assert "resolve" not in offered(chairman, case)
    with pytest.raises(StateConflict) as not_here:
        world.perform(case, "resolve", actor=chairman, **DRAFT)
    assert "submits the draft" in str(not_here.value.detail)
    assert "submit_decision" in offered(world.supervisor, case)
    with pytest.raises(StateConflict):
        world.perform(case, "approve_decision", actor=chairman)  # nothing submitted yet
    case = world.perform(case, "submit_decision", **DRAFT)
    assert case.state == State.INVESTIGATED and case.decision_submitted_on is not None
    assert not Document.objects.filter(case=case, kind="complaint_decision").exists()
    # Approved by someone outside the competent authority: refused.
    with pytest.raises(ActionForbidden):
        world.perform(case, "approve_decision", actor=world.supervisor)
    assert "approve_decision" not in offered(world.supervisor, case)
    assert "approve_decision" in offered(chairman, case)
    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(case, "approve_decision", actor=chairman)
    assert case.state == State.RESOLVED and case.outcome == "rejected"
    approval = CaseEvent.objects.get(case=case, action="DECISION_APPROVED")
    assert approval.actor == chairman
    assert approval.payload["outcome"] == "rejected"
    assert approval.payload["act_decision"] == "keep"
    assert "decision_summary" in approval.texts and "decision_summary" not in approval.payload
    decision = Document.objects.get(case=case, kind="complaint_decision")
    # Issued by the competent authority: its number series, its head's title.
    assert decision.issued_by == chairman and decision.unit == top
    assert decision.number.endswith("/QĐ-UBT")
    assert decision.facts["signer"]["title"] == "Chủ tịch"
    text = pdf_text(decision)
    assert "Giữ nguyên Quyết định số 12/QĐ-UBND" in text
    assert "Giữ nguyên quyết định hành chính" in text
    assert case.clocks.get(stage="resolution").status == "met"


def test_new_findings_need_a_new_draft(world, province):
    _top, chairman = province
    case = world.perform(decided_above(world), "accept", actor=chairman)
    for step in ("assign", "record_findings", "record_dialogue"):
        case = world.perform(case, step)
    case = world.perform(case, "submit_decision", **DRAFT)
    with pytest.raises(StateConflict):
        world.perform(case, "submit_decision", **DRAFT)  # once
    case = world.perform(case, "return_for_rework")
    assert case.decision_submitted_on is None


def test_the_chairman_sees_what_they_decide_and_nothing_else(world, province, client):
    _top, chairman = province
    mine = decided_above(world)
    theirs = world.register()  # the inspectorate decides it itself
    client.force_login(chairman)
    assert client.get(f"/cases/case/{mine.pk}/detail/").status_code == 200
    assert client.get(f"/cases/case/{theirs.pk}/detail/").status_code == 404
    page = client.get(f"/cases/case/{mine.pk}/detail/", HTTP_ACCEPT_LANGUAGE="vi").content
    assert "Chủ tịch, Ủy ban nhân dân tỉnh" in page.decode()


def test_the_competent_authority_is_a_unit_above_the_handling_one(world, province):
    with pytest.raises(InvalidPayload) as refused:
        world.register(competent_unit="COMM")
    assert "competent_unit" in refused.value.errors
    # Naming the handling unit itself is the same as naming none.
    assert world.register(competent_unit="PROV").competent_unit is None


def test_one_unit_is_one_step(world):
    case = world.case_in(State.INVESTIGATED)
    assert not case.decided_elsewhere
    assert "submit_decision" not in offered(world.supervisor, case)
    assert world.perform(case, "resolve").state == State.RESOLVED


def test_each_side_finds_its_move_in_my_work(world, province):
    from workflows.selectors.work import case_list_my_work

    _top, chairman = province

    def mine(user):
        return set(case_list_my_work(user=user).values_list("pk", flat=True))

    case = decided_above(world)
    assert case.pk in mine(chairman) and case.pk not in mine(world.supervisor)  # to accept
    case = world.perform(case, "accept", actor=chairman)
    assert case.pk in mine(world.supervisor) and case.pk not in mine(chairman)  # to assign
    for step in ("assign", "record_findings", "record_dialogue"):
        case = world.perform(case, step)
    assert case.pk in mine(world.supervisor)  # to draft and submit
    case = world.perform(case, "submit_decision", **DRAFT)
    assert case.pk in mine(chairman) and case.pk not in mine(world.supervisor)  # to approve
    case = world.perform(case, "approve_decision", actor=chairman)
    assert case.pk in mine(chairman) and case.pk not in mine(world.supervisor)  # to send
    case = world.perform(case, "send_decision", actor=chairman)
    assert case.pk not in mine(chairman) and case.pk not in mine(world.supervisor)  # done


def test_a_denunciation_the_chairman_decides(world, province, django_capture_on_commit_callbacks):
    from permissions.identity import denouncer_identity_visible
    from workflows.selectors.work import case_list_my_work

    top, chairman = province
    case = decided_above(
        world,
        kind="denunciation",
        parties=[
            {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
            {"full_name": "Lê Văn Bình", "role": "accused"},
        ],
    )
    # The competent person knows the denouncer; the other unit's people do not.
    assert denouncer_identity_visible(chairman, case)
    assert not denouncer_identity_visible(world.other_supervisor, case)
    case = world.perform(case, "accept", actor=chairman)
    # The notices of acceptance are the Chairman's to send, and in their list.
    assert case.pk in set(case_list_my_work(user=chairman).values_list("pk", flat=True))
    with pytest.raises(ActionForbidden):
        world.perform(case, "notify_acceptance")
    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(case, "notify_acceptance", actor=chairman)
    notice = Document.objects.get(case=case, kind="content_notice")
    assert notice.unit == top
    for step in ("assign", "record_findings"):
        case = world.perform(case, step)
    case = world.perform(case, "submit_decision", outcome="false", decision_summary="Sai.")
    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(case, "approve_decision", actor=chairman)
    conclusion = Document.objects.get(case=case, kind="denunciation_conclusion")
    assert conclusion.unit == top and conclusion.issued_by == chairman
    assert "Nguyễn Văn An" not in pdf_text(conclusion)


def test_the_chairman_returns_a_draft(world, province):
    _top, chairman = province
    case = world.perform(decided_above(world), "accept", actor=chairman)
    for step in ("assign", "record_findings", "record_dialogue"):
        case = world.perform(case, step)
    case = world.perform(case, "submit_decision", **DRAFT)
    # While the draft waits, the handling unit does not change what it rests on.
    with pytest.raises(StateConflict):
        world.perform(case, "record_dialogue")
    with pytest.raises(ActionForbidden):
        world.perform(case, "return_draft", reason="Bổ sung căn cứ.")  # not theirs
    case = world.perform(case, "return_draft", actor=chairman, reason="Bổ sung căn cứ.")
    assert case.decision_submitted_on is None and case.state == State.INVESTIGATED
    assert "submit_decision" in offered(world.supervisor, case)


def test_a_case_moved_leaves_its_competent_authority_behind(world, province, client):
    top, chairman = province
    case = world.perform(decided_above(world), "move", to_unit="COMM", reason="Thẩm quyền xã.")
    assert case.unit == world.comm and case.competent_unit is None
    client.force_login(chairman)
    assert client.get(f"/cases/case/{case.pk}/detail/").status_code == 404
    assert "accept" in offered(world.other_supervisor, case)
    # Moved to the competent authority itself: it then handles and decides (no error).
    other = world.perform(decided_above(world), "move", to_unit="UBT", reason="Tự giải quyết.")
    assert other.unit == top and other.competent_unit is None
    assert "accept" in offered(chairman, other)


def test_an_intake_officer_never_issues_a_decision(world):
    accepted = world.case_in(State.ACCEPTED)
    with pytest.raises(ActionForbidden) as refused:
        world.perform(accepted, "withdraw", actor=world.intake)
    assert "decision" in str(refused.value.detail)
    assert world.perform(accepted, "withdraw").state == State.WITHDRAWN  # the supervisor
    # Before acceptance, the letter is simply withdrawn: no decision.
    letter = world.perform(world.register(), "withdraw", actor=world.intake)
    assert letter.state == State.WITHDRAWN and not letter.documents.exists()
