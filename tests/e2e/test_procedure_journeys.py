"""A denunciation's journey through the pages, in Vietnamese: the province's Chairman decides
what its inspectorate handles (issue 16, points 3 and 6)."""

import pytest

from casework.choices import State
from casework.models import Case
from tests.e2e.test_journeys import act

pytestmark = pytest.mark.django_db(transaction=True)


def actions(page) -> list[str]:
    return page.eval_on_selector_all("[data-action]", "els => els.map(e => e.dataset.action)")


def test_a_denunciation_the_chairman_decides(fresh_world, page_for, shoot):
    world = fresh_world
    _top, chairman = world.province()
    case = world.register(
        kind="denunciation",
        competent_unit="UBT",
        subject="Tố cáo cán bộ địa chính nhận tiền",
        parties=[
            {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
            {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính"},
        ],
    )
    url = f"/cases/case/{case.pk}/detail/"

    # The inspectorate's supervisor cannot accept it: the Chairman decides.
    supervisor = page_for(world.supervisor)
    supervisor.goto(url)
    assert "accept" not in actions(supervisor)
    assert "Chủ tịch, Ủy ban nhân dân tỉnh" in supervisor.inner_text(
        "[data-testid=competent-authority]"
    )

    chairman_page = page_for(chairman)
    chairman_page.goto(url)
    shoot(chairman_page, "denunciation-received-chairman")
    assert {"accept", "extend_check", "refer_crime"} <= set(actions(chairman_page))
    act(chairman_page, "accept")
    # The decision to accept, then the notices within 5 working days.
    assert "notify_acceptance" in actions(chairman_page)
    act(chairman_page, "notify_acceptance")
    assert chairman_page.inner_text("[data-testid=state]") == "Đã thụ lý"

    supervisor.goto(url)
    act(supervisor, "assign", {"assignee": world.investigator.username})
    investigator = page_for(world.investigator)
    investigator.goto(url)
    act(investigator, "record_findings", {"findings": "Không có căn cứ về việc nhận tiền."})

    supervisor.goto(url)
    assert "resolve" not in actions(supervisor)
    act(
        supervisor,
        "submit_decision",
        {"outcome": "false", "decision_summary": "Tố cáo sai sự thật."},
    )
    assert "approve_decision" not in actions(supervisor)

    chairman_page.goto(url)
    assert "approve_decision" in actions(chairman_page)
    act(chairman_page, "approve_decision")
    shoot(chairman_page, "denunciation-concluded-chairman")
    assert chairman_page.inner_text("[data-testid=state]") == "Đã giải quyết"
    case = Case.objects.get(pk=case.pk)
    assert case.state == State.RESOLVED and case.outcome == "false"
    kinds = set(case.documents.values_list("kind", flat=True))
    assert kinds == {
        "denunciation_acceptance_decision",
        "acceptance_notice",
        "content_notice",
        "verification_decision",
        "verification_report",
        "denunciation_conclusion",
        "denouncer_notice",
    }
    # The Chairman's acts are numbered by the province; the inspectorate's head assigns who
    # verifies, by a decision of the inspectorate, and the report is its verifier's.
    issuers = dict(case.documents.values_list("kind", "unit__code"))
    assert {k for k, unit in issuers.items() if unit == "PROV"} == {
        "verification_decision",
        "verification_report",
    }
    assert set(issuers.values()) == {"UBT", "PROV"}
