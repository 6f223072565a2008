"""The detailed step shown beside the coarse stage (issue 16, point 1): what the case waits
for next, in the API and on the case page."""

from casework.choices import Kind, State
from tests.api.conftest import api  # noqa: F401 (the API's client, as its tests have it)

DRAFT = {"outcome": "rejected", "decision_summary": "Giữ nguyên."}


def test_a_complaint_the_chairman_decides_step_by_step(world, api):  # noqa: F811
    _top, chairman = world.province()
    client = api(world.supervisor)

    def step(case):
        body = client.get(f"/api/v1/cases/{case.pk}/").json()
        return body["state"], body["step"]

    case = world.register(competent_unit="UBT")
    assert step(case) == ("received", "classification")
    case = world.perform(case, "accept", actor=chairman)
    assert step(case) == ("accepted", "assignment")
    case = world.perform(case, "assign")
    assert step(case) == ("assigned", "verification")
    case = world.perform(case, "record_findings", demand_differs=True)
    assert step(case) == ("investigated", "dialogue")
    case = world.perform(case, "record_dialogue")
    assert step(case) == ("investigated", "draft_decision")
    case = world.perform(case, "submit_decision", **DRAFT)
    assert step(case) == ("investigated", "approval")
    case = world.perform(case, "approve_decision", actor=chairman)
    assert step(case) == ("resolved", "decision_sending")  # within 3 working days, Art. 32
    case = world.perform(case, "send_decision", actor=chairman)
    assert step(case) == ("resolved", "ended")
    body = api(world.supervisor, language="vi").get(f"/api/v1/cases/{case.pk}/").json()
    assert body["step_label"] == "Đã kết thúc"


def test_a_denunciation_waits_for_its_check_then_its_notices(world, client):
    case = world.register(kind=Kind.DENUNCIATION)
    client.force_login(world.supervisor)

    def shown(case):
        page = client.get(f"/cases/case/{case.pk}/detail/", HTTP_ACCEPT_LANGUAGE="en")
        return page.content.decode()

    assert "Preliminary check of the denunciation" in shown(case)
    case = world.perform(case, "accept")
    assert "Notices of acceptance to send" in shown(case)
    case = world.perform(case, "notify_acceptance")
    assert "To assign for verification" in shown(case)
    case = world.perform(world.case_in(State.SUSPENDED, kind=Kind.PETITION), "resume")
    assert "To assign for verification" in shown(case)
    case = world.perform(case, "suspend")
    assert '<span data-testid="step">Suspended</span>' in shown(case)
