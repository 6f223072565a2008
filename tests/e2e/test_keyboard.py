"""An intake officer registers a letter with the keyboard alone: no click from the empty form
to the saved case."""

import time

import pytest

from casework.choices import State
from casework.models import Case

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED_FIELD = (
    "() => { const e = document.activeElement;"
    " const named = e && e.closest('[name]'); return named ? named.getAttribute('name') : ''; }"
)


def tab_to(page, name, limit=12):
    """Press Tab until the named field has the focus, as a person would."""
    for _ in range(limit):
        if page.evaluate(FOCUSED_FIELD) == name:
            return
        page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED_FIELD)
    raise AssertionError(f"{name} is not reached with Tab; the focus is on {focused}")


def test_a_letter_is_registered_with_the_keyboard_alone(fresh_world, page_for, shoot):
    intake = page_for(fresh_world.intake)
    started = time.monotonic()
    intake.goto("/cases/case/register/")
    intake.wait_for_function(f"({FOCUSED_FIELD})() === 'kind'")  # the form starts focused
    intake.keyboard.type("kh")  # Khiếu nại: the select finds it as it is typed
    tab_to(intake, "channel")
    intake.keyboard.type("tr")  # Trực tiếp
    tab_to(intake, "subject")
    intake.keyboard.type("Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất")
    tab_to(intake, "content")
    intake.keyboard.type("Ông Hùng đề nghị xem xét lại việc từ chối cấp giấy chứng nhận.")
    tab_to(intake, "parties-0-full_name")
    intake.keyboard.type("Trần Văn Hùng")
    tab_to(intake, "parties-0-id_number")
    intake.keyboard.type("079085001234")
    shoot(intake, "keyboard-filled")
    intake.keyboard.press("Enter")  # submits with the first button: Save
    intake.wait_for_selector("[data-testid=state]")
    elapsed = time.monotonic() - started
    shoot(intake, "keyboard-saved")

    case = Case.objects.get(subject="Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất")
    assert (case.kind, case.channel, case.state) == ("complaint", "in_person", State.RECEIVED)
    assert case.registered_by == fresh_world.intake
    assert case.received_on.isoformat() == intake.evaluate(
        "() => new Date().toLocaleDateString('sv-SE', {timeZone: 'Asia/Ho_Chi_Minh'})"
    )
    party = case.parties.select_related("identity").get()
    assert (party.identity.full_name, party.identity.id_number) == (
        "Trần Văn Hùng",
        "079085001234",
    )
    assert intake.inner_text("[data-testid=state]") == "Đã tiếp nhận"
    print(f"registered with the keyboard in {elapsed:.1f} s")
