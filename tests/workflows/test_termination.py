"""Termination, and the withdrawals that leave a case open (issue 16, points 4 and 6):
a complaint's handling terminated on a lawful ground from 1 July 2026 (Complaints Law
Art. 11a, Law 136/2025/QH15) and withdrawn in part from the same day; a denunciation's on
the grounds of Denunciations Law Art. 34; a denunciation withdrawn whose facts show a violation
goes on (Art. 33); an anonymous denunciation with specific content passed to inspection
(Art. 25(2))."""

from datetime import date

import pytest

from casework.choices import Kind, State
from casework.models import Clock, Document
from tests.workflows.test_notices import pdf_text
from workflows.errors import InvalidPayload, StateConflict

D = date
PARTIES = [
    {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
    {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính xã"},
]


def accepted(world, kind, received_on, accepted_on, **extra):
    case = world.register(kind=kind, received_on=received_on, parties=PARTIES, **extra)
    case = world.perform(case, "accept", on=accepted_on)
    if kind == Kind.DENUNCIATION:
        case = world.perform(case, "notify_acceptance", on=accepted_on)
    return case


def test_a_complaint_is_terminated_on_its_grounds_from_1_july_2026(world):
    case = accepted(world, Kind.COMPLAINT, D(2026, 6, 1), D(2026, 6, 5))
    for step, field in (("terminate", "grounds"), ("withdraw_in_part", "withdrawn_part")):
        with pytest.raises(InvalidPayload) as refused:
            world.perform(case, step, on=D(2026, 6, 30))  # Law 136/2025 not yet in force
        assert "1 July 2026" in refused.value.errors[field][0]
    case = world.perform(case, "withdraw_in_part", on=D(2026, 7, 1))
    assert case.state == State.ACCEPTED and case.withdrawn_in_part_on == D(2026, 7, 1)
    case = world.perform(case, "terminate", on=D(2026, 7, 2))
    assert case.state == State.TERMINATED
    assert Document.objects.get(case=case, kind="termination_decision").event.action == (
        "CASE_TERMINATED"
    )
    assert Clock.objects.get(case=case, stage="resolution").status == Clock.Status.STOPPED
    assert case.next_due_on is None


def test_a_petition_is_not_terminated_and_only_a_complaint_is_withdrawn_in_part(world):
    petition = world.case_in(State.ACCEPTED, kind=Kind.PETITION)
    with pytest.raises(StateConflict) as refused:
        world.perform(petition, "terminate")
    assert "not a step of the procedure" in str(refused.value.detail)
    denunciation = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION)
    with pytest.raises(StateConflict):
        world.perform(denunciation, "withdraw_in_part")


def test_the_decision_to_terminate_gives_its_ground_and_never_goes_to_the_accused(
    world, django_capture_on_commit_callbacks
):
    case = accepted(world, Kind.DENUNCIATION, D(2026, 9, 1), D(2026, 9, 4))
    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(
            case,
            "terminate",
            on=D(2026, 9, 10),
            grounds="Người bị tố cáo đã chết, nội dung tố cáo không liên quan người khác",
        )
    decision = Document.objects.get(case=case, kind="termination_decision")
    text = pdf_text(decision)
    assert "Người bị tố cáo đã chết, nội dung tố cáo không liên quan người khác" in text
    assert "Căn cứ Điều 34 Luật Tố cáo ngày 12 tháng 6 năm 2018" in text
    assert "rút" not in text  # not a withdrawal
    assert "Nguyễn Văn An" not in text and "Lê Văn Bình" not in text.split("Nơi nhận")[1]


def test_a_denunciation_withdrawn_whose_facts_show_a_violation_goes_on(world):
    case = accepted(world, Kind.DENUNCIATION, D(2026, 9, 1), D(2026, 9, 4))
    case = world.perform(case, "continue_after_withdrawal", on=D(2026, 9, 8))
    assert case.state == State.ACCEPTED and case.withdrawal_continued_on == D(2026, 9, 8)
    assert Clock.objects.get(case=case, stage="resolution").status == Clock.Status.RUNNING
    assert not Document.objects.filter(case=case, kind="termination_decision").exists()
    for step in ("withdraw", "continue_after_withdrawal"):  # recorded once, and it goes on
        with pytest.raises(StateConflict) as refused:
            world.perform(case, step)
        assert "Art. 33" in str(refused.value.detail)
    assert world.perform(case, "assign").state == State.ASSIGNED


def test_an_anonymous_denunciation_with_specific_content_is_passed_to_inspection(world):
    named = world.register(kind=Kind.DENUNCIATION)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(named, "file", reason="inspection")
    assert "reason" in refused.value.errors
    anonymous = world.register(kind=Kind.DENUNCIATION, anonymous=True)
    case = world.perform(anonymous, "file", reason="inspection")
    assert (case.state, case.closure_reason) == (State.FILED, "inspection")


def test_a_complaint_suspended_cites_art_11a_only_once_it_is_in_force(
    world, django_capture_on_commit_callbacks
):
    texts = {}
    for suspended_on in (D(2026, 6, 10), D(2026, 7, 10)):
        case = accepted(world, Kind.COMPLAINT, D(2026, 6, 1), D(2026, 6, 5))
        with django_capture_on_commit_callbacks(execute=True):
            world.perform(case, "suspend", on=suspended_on)
        texts[suspended_on] = pdf_text(Document.objects.get(case=case, kind="suspension_decision"))
    # Law 136/2025/QH15 adds Art. 11a from 1 July 2026: not cited before.
    assert "Điều 11a" not in texts[D(2026, 6, 10)]
    assert "Điều 11a Luật Khiếu nại" in texts[D(2026, 7, 10)]
