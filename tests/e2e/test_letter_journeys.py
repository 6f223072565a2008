"""Letter processing through the pages, in Vietnamese (issue 16, point 2 and its browser
journeys): a mixed letter a deputy forwarded, split into a complaint and a petition; a
repeated letter joined to the complaint; the petition answered and the deputy told; and a
second-round complaint decided after its dialogue."""

import pytest

from casework.choices import State
from casework.models import Case
from tests.e2e.test_journeys import act, fill
from tests.e2e.test_procedure_journeys import actions

pytestmark = pytest.mark.django_db(transaction=True)


def state(page) -> str:
    return page.inner_text("[data-testid=state]")


def test_a_forwarded_mixed_letter_split_a_repeat_joined_and_the_deputy_told(
    fresh_world, page_for, shoot
):
    world = fresh_world
    intake = page_for(world.intake)
    intake.goto("/cases/case/register/")
    fill(intake, "kind", "complaint")
    fill(intake, "channel", "forwarded")
    fill(intake, "forwarded_by", "Đoàn đại biểu Quốc hội tỉnh Lâm Đồng")
    fill(intake, "forwarder_kind", "deputy")
    fill(intake, "subject", "Khiếu nại thu hồi đất và kiến nghị sửa đường")
    fill(intake, "content", "Khiếu nại Quyết định số 12/QĐ-UBND; kiến nghị sửa đường liên xã.")
    fill(intake, "parties-0-full_name", "Lê Văn Tám")
    intake.click("[data-testid=save]")
    intake.wait_for_selector("[data-testid=state]")
    assert "Đoàn đại biểu Quốc hội tỉnh Lâm Đồng" in intake.inner_text("[data-testid=forwarded-by]")
    letter = Case.objects.get(subject="Khiếu nại thu hồi đất và kiến nghị sửa đường")

    # The supervisor splits it: one case per content.
    supervisor = page_for(world.supervisor)
    supervisor.goto(f"/cases/case/{letter.pk}/detail/")
    assert {"split", "link", "guide", "return_papers"} <= set(actions(supervisor))
    act(
        supervisor,
        "split",
        {
            "part1_kind": "complaint",
            "part1_subject": "Khiếu nại Quyết định thu hồi đất",
            "part1_content": "Đề nghị hủy Quyết định số 12/QĐ-UBND.",
            "part2_kind": "petition",
            "part2_subject": "Kiến nghị sửa đường liên xã",
            "part2_content": "Đường liên xã hư hỏng nặng.",
        },
    )
    shoot(supervisor, "letter-split")
    assert state(supervisor) == "Đã tách đơn"
    complaint, petition = Case.objects.filter(split_from=letter).order_by("pk")
    ties = supervisor.inner_text("main")
    assert complaint.reference in ties and petition.reference in ties

    # The complaint is accepted; a second letter repeats it: joined to it, not a second case.
    supervisor.goto(f"/cases/case/{complaint.pk}/detail/")
    act(supervisor, "accept")
    repeat = world.register(kind="complaint", subject="Khiếu nại lại việc thu hồi đất")
    supervisor.goto(f"/cases/case/{repeat.pk}/detail/")
    act(supervisor, "link", {"repeats": complaint.reference})
    assert state(supervisor) == "Đã gộp (đơn trùng)"
    supervisor.goto(f"/cases/case/{complaint.pk}/detail/")
    assert supervisor.inner_text("[data-testid=repeat-count]") == "1"
    assert "Đơn trùng đã được gộp vào hồ sơ này" in supervisor.inner_text("main")

    # The petition, end to end; then the deputy is told the result.
    supervisor.goto(f"/cases/case/{petition.pk}/detail/")
    act(supervisor, "accept")
    act(supervisor, "assign", {"assignee": world.investigator.username})
    investigator = page_for(world.investigator)
    investigator.goto(f"/cases/case/{petition.pk}/detail/")
    act(investigator, "record_findings", {"findings": "Đường hư hỏng 2 km."})
    supervisor.goto(f"/cases/case/{petition.pk}/detail/")
    act(
        supervisor,
        "resolve",
        {"outcome": "answered", "decision_summary": "Đưa vào kế hoạch sửa chữa năm 2027."},
    )
    assert state(supervisor) == "Đã giải quyết"
    assert "Chờ thông báo kết quả cho cơ quan chuyển đơn" in supervisor.inner_text(
        "[data-testid=step]"
    )
    act(supervisor, "inform_forwarder", {"summary": "Đã trả lời kiến nghị của công dân"})
    shoot(supervisor, "petition-deputy-told")
    petition = Case.objects.get(pk=petition.pk)
    assert petition.state == State.RESOLVED and petition.forwarder_informed_on is not None
    assert set(petition.documents.values_list("kind", flat=True)) == {
        "acceptance_notice",
        "petition_reply",
        "forwarder_report",
    }


def test_a_second_round_complaint_decided_after_its_dialogue(fresh_world, page_for, shoot):
    world = fresh_world
    case = world.register(kind="complaint", round=2, previous_case="12/QĐ-UBND")
    url = f"/cases/case/{case.pk}/detail/"
    supervisor = page_for(world.supervisor)
    supervisor.goto(url)
    act(supervisor, "accept")
    act(supervisor, "assign", {"assignee": world.investigator.username})
    investigator = page_for(world.investigator)
    investigator.goto(url)
    act(
        investigator,
        "record_findings",
        {"findings": "Quyết định lần đầu đúng pháp luật.", "demand_differs": "true"},
    )
    supervisor.goto(url)
    # Round 2: no decision before the dialogue (Complaints Law Art. 39).
    assert supervisor.inner_text("[data-testid=step]") == "Chờ tổ chức đối thoại"
    assert "resolve" not in actions(supervisor)
    act(
        supervisor,
        "record_dialogue",
        {
            "participants": "Người khiếu nại; đại diện UBND xã",
            "complainant_views": "Giữ nguyên yêu cầu",
            "respondent_views": "Quyết định đúng pháp luật",
            "result": "Hai bên chưa thống nhất",
            "signed_by": "Các bên tham gia",
        },
    )
    act(
        supervisor,
        "resolve",
        {"outcome": "rejected", "act_decision": "keep", "decision_summary": "Giữ nguyên."},
    )
    shoot(supervisor, "complaint-2-decided")
    assert state(supervisor) == "Đã giải quyết"
    kinds = set(Case.objects.get(pk=case.pk).documents.values_list("kind", flat=True))
    assert kinds == {
        "acceptance_notice",
        "verification_decision",
        "verification_report",
        "dialogue_minutes",
        "complaint_decision",
    }
    assert supervisor.inner_text("[data-testid=step]") == "Đã kết thúc"
