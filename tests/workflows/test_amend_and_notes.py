"""Correcting a case's facts moves its deadlines; notes of the verification join its trail;
the extension rules are the rule set's, as the administrator edits it."""

from datetime import date

import pytest
from django.core.management import call_command

from casework.choices import Kind, State
from casework.models import CaseEvent, Clock, DeadlineRule
from workflows.errors import InvalidPayload, StateConflict


def clocks(case):
    return {c.stage: c for c in Clock.objects.filter(case=case)}


def amend(world, case, **data):
    # The world's default payload flips the remote-area flag; these tests say what they change.
    return world.perform(case, "amend", **{"is_remote_area": None, **data})


def test_marking_a_case_complex_moves_its_resolution_deadline(world):
    # Accepted Mon 2 Mar 2026: 30 calendar days end Wed 1 Apr; complex, 45 end Thu 16 Apr.
    case = world.register(received_on="2026-02-20")
    case = world.perform(case, "accept", on=date(2026, 3, 2))
    assert clocks(case)["resolution"].due_on == date(2026, 4, 1)

    case = amend(world, case, is_complex=True, reason="Hai nội dung, hai địa điểm.")

    resolution = clocks(case)["resolution"]
    assert (resolution.period, resolution.due_on) == (45, date(2026, 4, 16))
    assert "complex" in resolution.rule.basis
    case.refresh_from_db()
    assert (case.is_complex, case.is_remote_area, case.next_due_on) == (
        True,
        False,
        date(2026, 4, 16),
    )
    event = CaseEvent.objects.filter(case=case).latest("seq")
    assert event.action == "CASE_AMENDED"
    assert (event.from_state, event.to_state) == (State.ACCEPTED, State.ACCEPTED)
    assert event.payload["is_complex"] is True
    assert "is_remote_area" not in event.payload  # unchanged facts are not recorded
    assert event.texts["reason"] == "Hai nội dung, hai địa điểm."


def test_correcting_the_date_of_receipt_moves_the_acceptance_deadline(world):
    # Received Mon 2 Mar 2026: 10 working days end Mon 16 Mar; from Fri 27 Feb, Fri 13 Mar.
    case = world.register(received_on="2026-03-02")
    assert clocks(case)["acceptance"].due_on == date(2026, 3, 16)

    case = amend(world, case, received_on="2026-02-27", reason="Dấu bưu điện 27/02.")

    acceptance = clocks(case)["acceptance"]
    assert (acceptance.started_on, acceptance.due_on) == (date(2026, 2, 27), date(2026, 3, 13))
    case.refresh_from_db()
    assert (case.received_on, case.next_due_on) == (date(2026, 2, 27), date(2026, 3, 13))


def test_a_met_stage_is_counted_again_so_the_on_time_rate_stays_honest(world):
    # Accepted on 16 Mar 2026, on the 10th working day from 2 Mar; received 27 Feb, it was late.
    case = world.register(received_on="2026-03-02")
    case = world.perform(case, "accept", on=date(2026, 3, 16))
    case = amend(world, case, received_on="2026-02-27", reason="Dấu bưu điện.")
    acceptance = clocks(case)["acceptance"]
    assert (acceptance.status, acceptance.met_on, acceptance.due_on) == (
        "met",
        date(2026, 3, 16),
        date(2026, 3, 13),
    )
    # The resolution clock started at acceptance and stays where it was.
    assert clocks(case)["resolution"].started_on == date(2026, 3, 16)


def test_the_date_of_receipt_cannot_follow_the_first_act(world):
    case = world.register(received_on="2026-03-02")
    case = world.perform(case, "accept", on=date(2026, 3, 4))
    with pytest.raises(InvalidPayload) as refused:
        amend(world, case, received_on="2026-03-05", reason="Nhầm ngày.")
    assert refused.value.status == 400
    assert "first act" in refused.value.errors["received_on"][0]
    assert clocks(case)["acceptance"].started_on == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": "Không đổi gì."}, "__all__"),  # nothing given
        ({"is_remote_area": False, "reason": "Như cũ."}, "__all__"),  # as already recorded
        ({"is_complex": True}, "reason"),  # no reason
        ({"received_on": "2999-01-01", "reason": "Tương lai."}, "received_on"),
    ],
)
def test_a_correction_that_corrects_nothing_or_lacks_a_reason_is_400(world, data, field):
    case = world.register(received_on="2026-03-02")
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(InvalidPayload) as refused:
        amend(world, case, **{"reason": "", **data})
    assert field in refused.value.errors
    assert CaseEvent.objects.filter(case=case).count() == events


def test_a_denunciation_cannot_be_made_simpler_than_its_extensions_allow(world):
    case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION, is_complex=True)
    case = world.perform(case, "extend", days=30)
    with pytest.raises(InvalidPayload) as refused:
        amend(world, case, is_complex=False, reason="Không phức tạp.")
    assert "extended 1 times" in str(refused.value.errors["__all__"])
    # Especially complex allows two: the second extension is then open.
    case = amend(world, case, is_especially_complex=True, reason="Rất phức tạp.")
    case = world.perform(case, "extend", days=30)
    assert case.extensions_used == 2


def test_extensions_follow_the_rule_set_as_the_administrator_edits_it(world):
    rule = DeadlineRule.objects.get(kind=Kind.DENUNCIATION, stage="resolution")
    rule.extensions_complex, rule.extension_max_days = 2, 20
    rule.save()
    case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION, is_complex=True)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "extend", days=25)
    assert "20" in refused.value.errors["days"][0]
    case = world.perform(case, "extend", days=20)
    case = world.perform(case, "extend", days=20)  # twice, by the edited rule
    with pytest.raises(StateConflict):
        world.perform(case, "extend", days=20)
    assert (case.extensions_used, case.extension_days) == (2, 40)


def test_the_investigator_keeps_notes_in_the_trail(world):
    case = world.case_in(State.ASSIGNED)
    case = world.perform(case, "add_note", note="Làm việc với ông An tại UBND xã ngày 3/3.")
    event = CaseEvent.objects.filter(case=case).latest("seq")
    assert (event.action, event.actor, event.to_state) == (
        "NOTE_ADDED",
        world.investigator,
        State.ASSIGNED,
    )
    assert event.texts["note"].startswith("Làm việc với ông An")
    assert "Làm việc" not in str(event.payload)  # the name stays out of the chain
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "add_note", note="")
    assert "note" in refused.value.errors
    call_command("verify_audit")  # the chain still holds
