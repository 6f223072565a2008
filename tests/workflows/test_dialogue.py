"""The dialogue a complaint's decision waits for (Complaints Law Arts. 30 and 39; issue 16,
point 4): always in the second round; in the first, where the complainant's demand differs
from the verification result, unless the decision says why none was held."""

import pytest

from casework.choices import Kind, State
from casework.models import CaseEvent, Document
from workflows.errors import InvalidPayload, StateConflict
from workflows.selectors import case_actions_available

ROUND_2 = {"round": 2, "previous_case": "Quyết định số 12/QĐ-UBND"}


def offered(world, case):
    return [a.name for a in case_actions_available(case=case, user=world.supervisor)]


def test_a_second_round_decision_needs_the_minutes(world):
    case = world.case_in(State.INVESTIGATED, **ROUND_2)
    assert "record_dialogue" in offered(world, case) and "resolve" not in offered(world, case)
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "resolve")
    assert "Art. 39" in str(refused.value.detail)
    assert case.events.filter(action="CASE_RESOLVED").count() == 0
    case = world.perform(case, "record_dialogue")
    assert case.dialogue_held_on is not None and case.state == State.INVESTIGATED
    assert "resolve" in offered(world, case)
    assert world.perform(case, "resolve").state == State.RESOLVED


def test_the_second_round_cannot_skip_it_with_a_reason(world):
    case = world.case_in(State.INVESTIGATED, **ROUND_2)
    with pytest.raises(StateConflict):
        world.perform(case, "resolve", dialogue_skipped="Người khiếu nại không đến.")


def test_a_first_round_decision_where_the_demand_differs_needs_minutes_or_a_reason(world):
    case = world.case_in(State.ASSIGNED)
    case = world.perform(case, "record_findings", demand_differs=True)
    assert case.demand_differs is True
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "resolve")
    assert set(refused.value.errors) == {"dialogue_skipped"}
    case = world.perform(
        case, "resolve", dialogue_skipped="Người khiếu nại được mời hai lần nhưng không đến."
    )
    assert case.state == State.RESOLVED
    event = CaseEvent.objects.get(case=case, action="CASE_RESOLVED")
    assert event.texts["dialogue_skipped"].startswith("Người khiếu nại được mời")
    assert "dialogue_skipped" in event.payload["texts"]  # sealed by its digest in the chain


def test_after_the_dialogue_the_first_round_decision_needs_no_reason(world):
    case = world.case_in(State.ASSIGNED)
    case = world.perform(case, "record_findings", demand_differs=True)
    case = world.perform(case, "record_dialogue")
    assert world.perform(case, "resolve").state == State.RESOLVED


def test_where_the_demand_agrees_no_dialogue_is_needed(world):
    case = world.case_in(State.INVESTIGATED)  # the findings said the demand does not differ
    assert case.demand_differs is False
    assert world.perform(case, "resolve").state == State.RESOLVED


def test_a_complaints_findings_say_whether_the_demand_differs(world):
    case = world.case_in(State.ASSIGNED)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "record_findings", demand_differs=None)
    assert set(refused.value.errors) == {"demand_differs"}
    denunciation = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    assert world.perform(denunciation, "record_findings").demand_differs is None


def test_a_denunciation_or_a_petition_has_no_dialogue(world):
    for kind in (Kind.DENUNCIATION, Kind.PETITION):
        case = world.case_in(State.INVESTIGATED, kind=kind)
        with pytest.raises(StateConflict):
            world.perform(case, "record_dialogue")


def test_the_minutes_are_a_document_with_what_each_side_said(
    world, django_capture_on_commit_callbacks
):
    from tests.workflows.test_notices import pdf_text

    case = world.case_in(State.INVESTIGATED, **ROUND_2)
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(
            case,
            "record_dialogue",
            participants="Bà Phạm Thị Cúc; ông Trần Văn Đông, Chủ tịch UBND xã.",
            complainant_views="Đề nghị hủy quyết định thu hồi đất.",
            respondent_views="Giữ nguyên quyết định.",
            result="Không thống nhất; báo cáo người có thẩm quyền.",
            signed_by="Các bên đã ký.",
        )
    minutes = Document.objects.get(case=case, kind="dialogue_minutes")
    assert minutes.number.split("/")[1].startswith("BB-")
    text = pdf_text(minutes)
    for said in (
        "BIÊN BẢN",
        "Đối thoại giải quyết khiếu nại lần hai",
        "Đề nghị hủy quyết định thu hồi đất",
        "Giữ nguyên quyết định",
        "Không thống nhất",
        "Các bên đã ký",
    ):
        assert said in text, said


def test_findings_recorded_before_the_question_count_as_differing(world):
    # Migration 0018 leaves demand_differs unknown on complaints verified before it: their
    # decision holds the dialogue or says why not, never neither.
    from casework.models import Case

    case = world.case_in(State.INVESTIGATED)
    Case.objects.filter(pk=case.pk).update(demand_differs=None)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "resolve")
    assert set(refused.value.errors) == {"dialogue_skipped"}
    assert world.perform(case, "resolve", dialogue_skipped="Đã đối thoại trước khi có hệ thống.")


def test_a_dialogue_on_findings_sent_back_for_rework_does_not_stand(world):
    case = world.case_in(State.INVESTIGATED, **ROUND_2)
    case = world.perform(case, "record_dialogue")
    case = world.perform(case, "return_for_rework")
    assert case.dialogue_held_on is None
    case = world.perform(case, "record_findings")
    with pytest.raises(StateConflict):
        world.perform(case, "resolve")  # the new findings call for a new dialogue
