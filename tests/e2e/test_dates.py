"""Dates typed the Vietnamese way are read the Vietnamese way (issue 15, point 1).

An outside tester typed 05/12/2026 into "Register a letter": it was saved as 12 May 2026, and
the case was at once "overdue by 136 working days". The journey types day-first dates into
the date of receipt as an intake officer does, and reads them back on the case page and in
the correction form. "Today" is Monday 4 January 2027 here, so that 31/12/2026 is a past day
whatever day the suite runs on.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from casework.models import Case
from tests.e2e.test_journeys import fill

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def in_january_2027():
    with time_machine.travel(TODAY, tick=True):
        yield


def register(page, received_on: str, subject: str):
    page.goto("/cases/case/register/")
    fill(page, "kind", "petition")
    fill(page, "channel", "mail")
    field = page.locator("input[name='received_on']")
    field.click()
    field.press("Control+A")  # the field offers today: typed over, key by key
    field.press_sequentially(received_on)
    fill(page, "subject", subject)
    fill(page, "content", "Đề nghị sửa đường liên thôn bị sạt lở.")
    fill(page, "parties-0-full_name", "Lê Văn Tám")
    page.click("[data-testid=save]")


@pytest.mark.parametrize(
    ("typed", "day"), [("05/12/2026", date(2026, 12, 5)), ("31/12/2026", date(2026, 12, 31))]
)
def test_a_day_first_date_of_receipt_is_read_and_shown_day_first(
    fresh_world, page_for, shoot, in_january_2027, typed, day
):
    intake = page_for(fresh_world.intake)
    register(intake, typed, f"Kiến nghị sửa đường {typed}")
    intake.wait_for_selector("[data-testid=state]")
    shoot(intake, "registered")
    case = Case.objects.get(subject=f"Kiến nghị sửa đường {typed}")
    assert case.received_on == day
    assert case.reference.startswith("PROV-2026-")  # the year of receipt, not of a misreading
    shown = intake.locator("dt:has-text('Ngày tiếp nhận') + dd").inner_text()
    assert shown.strip() == typed
    # Received in December, checked in January: due within ten working days, not months late.
    assert case.next_due_on is not None and case.next_due_on >= day

    supervisor = page_for(fresh_world.supervisor)
    supervisor.goto(f"/cases/case/{case.pk}/act/amend/")
    supervisor.wait_for_selector("input[name='received_on']", state="attached")
    assert supervisor.input_value("input[name='received_on']") == typed


def test_an_impossible_date_is_a_field_error(fresh_world, page_for, shoot, in_january_2027):
    intake = page_for(fresh_world.intake)
    register(intake, "13/25/2026", "Kiến nghị có ngày sai")
    intake.wait_for_selector(".mdc-text-field--invalid input[name='received_on']")
    shoot(intake, "refused")
    assert not Case.objects.filter(subject="Kiến nghị có ngày sai").exists()
    error = intake.locator("vf-field-date[name='received_on']").inner_text()
    assert "ngày" in error.lower()
