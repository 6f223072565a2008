"""/procedures/: each procedure's diagram and table come from its table of steps."""

import re

from casework.choices import Procedure
from workflows.procedures import AFTER_THE_END, TABLES


def svg_of(html: str, procedure: str) -> str:
    return re.search(rf'<svg[^>]*data-procedure="{procedure}".*?</svg>', html, re.S).group(0)


def test_each_procedure_is_drawn_from_its_table(client, world):
    client.force_login(world.intake)
    response = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    for procedure in Procedure:
        svg = svg_of(html, procedure.value)
        # Every step, but the report to a forwarding body, taken once the case has ended.
        drawn = set(TABLES[procedure]) - set(AFTER_THE_END)
        assert set(re.findall(r'data-action="(\w+)"', svg)) == drawn
    # Letter processing ends a letter or moves it on; acceptance leads into the kind's own.
    letter = svg_of(html, "letter")
    assert set(re.findall(r'data-state="(\w+)"', letter)) == {
        "received",
        "accepted",
        "rejected",
        "transferred",
        "filed",
        "withdrawn",
        # Circular 05/2021/TT-TTCP: guided, papers returned, joined to an open case, split.
        "guided",
        "returned",
        "linked",
        "split",
    }
    # Only the denunciation procedure has an extension, and it keeps the state.
    assert 'data-action="extend"' in svg_of(html, "denunciation")
    assert 'data-action="extend"' not in svg_of(html, "complaint_1")
    assert "Đã giải quyết" in html  # state labels in Vietnamese
    assert "Xử lý đơn" in html and "Khiếu nại lần hai" in html  # the procedures' names


def test_the_table_lists_each_steps_fields_effects_and_basis(client, world):
    client.force_login(world.supervisor)
    html = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    card = html[html.index('id="complaint_2"') :]
    row = re.search(r'<tr data-action="resolve">(.*?)</tr>', card, re.S).group(1)
    assert "Verified → Resolved" in row
    assert "Outcome" in row and "Decision or conclusion" in row
    assert "meets the resolution deadline" in row
    assert "Supervisor" in row and "Complaint decision" in row
    assert "Complaints Law Arts. 37 and 40" in row
    vi = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    row = re.search(r'<tr data-action="resolve">(.*?)</tr>', vi, re.S).group(1)
    assert "Đã có kết quả xác minh → Đã giải quyết" in row
    for code in ("investigated", "resolved", "supervisor", "closure_notice", "meet:"):
        assert code not in row
    assert "Django Material" not in vi


def test_procedures_page_needs_a_login(client):
    response = client.get("/procedures/")
    assert response.status_code == 302


def test_each_table_shows_the_fields_its_procedure_asks_for(client, world):
    client.force_login(world.supervisor)
    html = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    def row(procedure, action):
        card = html[html.index(f'id="{procedure}"') :]
        return re.search(rf'<tr data-action="{action}">(.*?)</tr>', card, re.S).group(1)

    differs = "demand differs from the verification result"
    assert differs in row("complaint_1", "record_findings")
    assert differs not in row("denunciation", "record_findings")
    assert "Why no dialogue was held" in row("complaint_1", "resolve")
    assert "Why no dialogue was held" not in row("complaint_2", "resolve")
    assert "The act complained of" not in row("petition", "resolve")
    # Who decides and who handles, and acceptance's documents by kind.
    assert "the competent authority" in row("letter", "accept")
    assert "the handling unit" in row("complaint_1", "assign")
    assert "Decision to accept the denunciation" in row("letter", "accept")
    assert "Notice of the content to the accused" in row("denunciation", "notify_acceptance")
    assert "notices of acceptance" in row("denunciation", "notify_acceptance")
