"""A complaint's whole journey through the pages, and the refusals a user meets."""

import hashlib
from pathlib import Path

import pytest

from casework.choices import State
from casework.models import Case

pytestmark = pytest.mark.django_db(transaction=True)


def fill(page, name, value):
    """Fill one of viewflow's Material fields (a select is a list to click, not a <select>)."""
    page.wait_for_selector(f"[name='{name}']", state="attached")
    select = page.locator(f"vf-field-select[name='{name}']")
    if select.count():
        select.locator(".mdc-select__anchor").click()
        select.locator(f"li[data-value='{value}']").click()
    else:
        page.fill(f"input[name='{name}'], textarea[name='{name}']", value)


def act(page, action, values=None):
    page.click(f"[data-action={action}]")
    page.wait_for_selector("[data-testid=submit]")
    for name, value in (values or {}).items():
        fill(page, name, value)
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=state]")


def test_a_complaint_from_intake_to_resolution(fresh_world, page_for, shoot):
    world = fresh_world
    intake = page_for(world.intake)
    intake.goto("/cases/case/register/")
    shoot(intake, "intake-empty")
    fill(intake, "kind", "complaint")
    fill(intake, "channel", "in_person")
    fill(intake, "subject", "Khiếu nại quyết định thu hồi đất")
    fill(intake, "content", "Đề nghị xem xét lại Quyết định số 12/QĐ-UBND.")
    fill(intake, "parties-0-full_name", "Lê Văn Tám")
    fill(intake, "parties-0-id_number", "001085012345")
    intake.click("[data-testid=save]")
    intake.wait_for_selector("[data-testid=state]")
    shoot(intake, "case-registered")
    case = Case.objects.get(subject="Khiếu nại quyết định thu hồi đất")
    assert case.state == State.RECEIVED

    supervisor = page_for(world.supervisor)
    supervisor.goto(f"/cases/case/{case.pk}/detail/")
    shoot(supervisor, "case-received")
    act(supervisor, "accept")
    act(supervisor, "assign", {"assignee": world.investigator.username})
    shoot(supervisor, "case-assigned")

    investigator = page_for(world.investigator)
    investigator.goto(f"/cases/case/{case.pk}/detail/")
    offered = investigator.eval_on_selector_all(
        "[data-action]", "els => els.map(e => e.dataset.action)"
    )
    assert offered == ["record_findings", "add_note"]
    act(
        investigator,
        "record_findings",
        {"findings": "Quyết định thu hồi đúng trình tự.", "demand_differs": "true"},
    )
    shoot(investigator, "case-investigated")

    # The demand differs from the findings: the dialogue comes before the decision.
    supervisor.goto(f"/cases/case/{case.pk}/detail/")
    act(
        supervisor,
        "record_dialogue",
        {
            "participants": "Ông Lê Văn Tám; Chủ tịch UBND xã; người được giao xác minh.",
            "complainant_views": "Đề nghị hủy quyết định thu hồi đất.",
            "respondent_views": "Quyết định đúng trình tự.",
            "result": "Hai bên chưa thống nhất.",
            "signed_by": "Các bên đã ký.",
        },
    )
    shoot(supervisor, "case-dialogue")
    act(supervisor, "resolve", {"outcome": "rejected", "decision_summary": "Giữ nguyên."})
    shoot(supervisor, "case-resolved")
    case.refresh_from_db()
    assert case.state == State.RESOLVED
    assert supervisor.inner_text("[data-testid=state]") == "Đã giải quyết"
    assert case.events.count() == 6

    # The notices: acceptance, the decision to assign verification and its report, the
    # minutes, the decision (the end's own document: no closure notice beside it); the
    # decision downloads as issued.
    assert supervisor.locator("[data-testid=document][data-status=ready]").count() == 5
    decision = case.documents.get(kind="complaint_decision")
    with supervisor.expect_download() as download:
        supervisor.click(f"a[href$='/documents/{decision.pk}/pdf/']")
    copy = download.value.path()
    assert hashlib.sha256(Path(copy).read_bytes()).hexdigest() == decision.sha256

    # Anyone holding it checks it on the public page, on a phone.
    public = page_for(None, width=375)
    public.goto(f"/verify/{decision.code}/")
    assert public.inner_text("[data-testid=verify-number]") == decision.number
    public.set_input_files("input[name=file]", copy)
    public.click("[data-testid=verify-compare]")
    public.wait_for_selector("[data-testid=verify-original]")
    shoot(public, "verify-original")
    assert public.evaluate("document.documentElement.scrollWidth") <= 376


def test_a_refused_action_says_why_and_keeps_the_input(fresh_world, page_for, shoot):
    world = fresh_world
    case = world.case_in(State.RESOLVED)
    supervisor = page_for(world.supervisor)
    supervisor.goto(f"/cases/case/{case.pk}/act/suspend/")
    assert supervisor.is_visible("[data-testid=not-offered]")
    fill(supervisor, "reason", "Chờ giám định")
    supervisor.click("[data-testid=submit]")
    supervisor.wait_for_selector("[data-testid=form-errors]")
    shoot(supervisor, "refused")
    assert "Đã giải quyết" in supervisor.inner_text("[data-testid=form-errors]")
    assert supervisor.input_value("textarea[name=reason]") == "Chờ giám định"
    case.refresh_from_db()
    assert case.state == State.RESOLVED


@pytest.mark.parametrize("width", [1280, 375])
def test_the_auditor_s_pages_fit_the_screen(fresh_world, page_for, shoot, width):
    world = fresh_world
    case = world.case_in(State.ASSIGNED)
    auditor = page_for(world.auditor, width=width)
    for name, url in [
        ("all", "/cases/case/"),
        ("case", f"/cases/case/{case.pk}/detail/"),
        ("dashboard", "/cases/dashboard/"),
    ]:
        auditor.goto(url)
        assert auditor.is_visible("[data-testid=read-only]")
        shoot(auditor, f"auditor-{width}-{name}")
        scroll_width = auditor.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width + 1, f"{name} is {scroll_width}px wide at {width}px"


@pytest.mark.parametrize("width", [1280, 375])
def test_every_page_fits_the_screen(fresh_world, page_for, shoot, width):
    from workflows.services.sweep import deadlines_sweep

    world = fresh_world
    case = world.case_in(State.ASSIGNED)
    world.register(received_on="2026-01-05")  # overdue: the queue and a warning have a row
    world.case_in(State.RESOLVED)
    deadlines_sweep()
    supervisor = page_for(world.supervisor, width=width)
    for name, url in [
        ("case", f"/cases/case/{case.pk}/detail/"),
        ("intake", "/cases/case/register/"),
        ("action", f"/cases/case/{case.pk}/act/suspend/"),
        ("my-work", "/cases/mine/"),
        ("queue", "/cases/queue/"),
        ("dashboard", "/cases/dashboard/"),
        ("all", "/cases/case/"),
        ("done", "/cases/done/"),
        ("notifications", "/cases/notifications/"),
        ("procedures", "/procedures/"),
    ]:
        supervisor.goto(url)
        assert supervisor.evaluate("document.documentElement.lang") == "vi"
        shoot(supervisor, f"{width}-{name}")
        scroll_width = supervisor.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width + 1, f"{name} is {scroll_width}px wide at {width}px"
        # No cell of a list cuts its text short ("PROV-2026-0…").
        cut = supervisor.evaluate(
            "() => [...document.querySelectorAll('.vf-list__table th, .vf-list__table td')]"
            ".filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText)"
        )
        assert cut == [], f"{name} cuts {cut} at {width}px"
