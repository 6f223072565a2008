"""What a complaint's lifecycle costs through the API, in queries: the door's budget.

The benchmarks (bench/load.py) measure lifecycles per second on a server; this guards the
number of database round trips each request makes, which is most of what a lifecycle
costs: a change that reads the case again, or a grant or a counter once too often, fails
here before it shows there.
"""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workflows.management import demo_data

#: The most queries each request may make, its BEGIN and COMMIT included.
BUDGET = {
    "register": 17,
    "accept": 16,
    # The decision to assign verification and the verification report (issue 16): each a
    # numbered document, 3 queries (its series' number, its row, the facts it keeps).
    "assign": 16,
    "record_findings": 14,
    "record_dialogue": 14,
    "resolve": 16,  # and the clock of the decision's sending (Complaints Law Art. 32)
}


def _lifecycle(api, world, counted: dict | None):
    steps = [
        ("accept", world.supervisor, {}),
        ("assign", world.supervisor, {"assignee": world.investigator.username}),
        (
            "record_findings",
            world.investigator,
            {"findings": "Đã xác minh.", "demand_differs": True},
        ),
        ("record_dialogue", world.supervisor, demo_data.DIALOGUE),  # the demand differs
        ("resolve", world.supervisor, {"outcome": "rejected", "decision_summary": "Giữ."}),
    ]
    body = {
        "kind": "complaint",
        "channel": "in_person",
        "subject": "Khiếu nại quyết định hành chính",
        "content": "Đề nghị xem xét lại.",
        "unit": "PROV",
        "petitioners": [{"full_name": "Trần Thị Bình", "id_number": "001234567890"}],
    }
    with CaptureQueriesContext(connection) as queries:
        answer = api(world.intake).post("/api/v1/cases/", body, format="json")
    assert answer.status_code == 201, answer.content
    case = answer.json()
    assert case["petitioners"][0]["full_name"] == "Trần Thị Bình"
    assert [d["stage"] for d in case["deadlines"]] == ["acceptance"]
    assert case["documents"] == []
    if counted is not None:
        counted["register"] = len(queries)
    for name, actor, data in steps:
        with CaptureQueriesContext(connection) as queries:
            answer = api(actor).post(
                f"/api/v1/cases/{case['id']}/transitions/{name}/", data, format="json"
            )
        assert answer.status_code == 200, (name, answer.content)
        if counted is not None:
            counted[name] = len(queries)
    return answer.json()


@pytest.mark.django_db(transaction=True)
def test_a_lifecycle_stays_within_its_query_budget(api, fresh_world):
    # The renders are queued, not run (as on the benchmark's server): their queries are the
    # worker's, not the request's.
    with (
        mock.patch("workflows.tasks.document_render_task.delay"),
        mock.patch("workflows.tasks.case_assignment_notify_task.delay"),
    ):
        _lifecycle(api, fresh_world, None)  # the first opens the unit's number series
        counted = {}
        resolved = _lifecycle(api, fresh_world, counted)
    assert resolved["state"] == "resolved"
    # The answer shows the case as the act left it: every notice issued so far, the clocks met.
    assert sorted(d["kind"] for d in resolved["documents"]) == [
        "acceptance_notice",
        "complaint_decision",
        "dialogue_minutes",
        "verification_decision",
        "verification_report",
    ]
    assert {d["stage"]: d["status"] for d in resolved["deadlines"]} == {
        "acceptance": "met",
        "resolution": "met",
        "sending": "running",  # the decision is sent within 3 working days (Art. 32)
    }
    over = {step: n for step, n in counted.items() if n > BUDGET[step]}
    assert not over, f"over budget: {over} (budget {BUDGET}, counted {counted})"
