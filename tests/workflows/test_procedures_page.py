"""/procedures/: each kind's diagram and table come from the procedures table."""

import re

from casework.choices import Kind, State
from workflows.procedures import procedure


def test_each_kind_is_drawn_from_the_table(client, world):
    client.force_login(world.intake)
    response = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    for kind in Kind:
        svg = re.search(rf'<svg[^>]*data-kind="{kind.value}".*?</svg>', html, re.S).group(0)
        assert set(re.findall(r'data-state="(\w+)"', svg)) == set(State.values)
        assert set(re.findall(r'data-action="(\w+)"', svg)) == set(procedure(kind))
    # Only the denunciation procedure has an extension, and it keeps the state.
    denunciation = re.search(r'data-kind="denunciation".*?</svg>', html, re.S).group(0)
    assert 'data-action="extend"' in denunciation
    assert "Đã giải quyết" in html  # state labels in Vietnamese


def test_the_table_lists_each_actions_fields_and_effects(client, world):
    client.force_login(world.supervisor)
    html = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = re.search(r'<tr data-action="resolve">(.*?)</tr>', html, re.S).group(1)
    assert "Verified → Resolved" in row
    assert "Outcome" in row and "Decision or conclusion" in row
    assert "meets the resolution deadline" in row
    assert "Supervisor" in row and "Notice of closure" in row
    vi = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    row = re.search(r'<tr data-action="resolve">(.*?)</tr>', vi, re.S).group(1)
    assert "Đã có kết quả xác minh → Đã giải quyết" in row
    for code in ("investigated", "resolved", "supervisor", "closure_notice", "meet:"):
        assert code not in row
    assert "Django Material" not in vi


def test_procedures_page_needs_a_login(client):
    response = client.get("/procedures/")
    assert response.status_code == 302
