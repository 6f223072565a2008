"""The door keeps each case's deadline clocks: started, met, paused, extended, stopped."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from casework.choices import Kind, State
from casework.models import CalendarDay, Case, Clock


def clocks(case):
    return {c.stage: c for c in Clock.objects.filter(case=case)}


def test_registration_starts_the_acceptance_clock(world):
    # Received Fri 13 Feb 2026: 10 working days across Tết end on Fri 6 Mar 2026.
    case = world.register(received_on="2026-02-13")
    clock = clocks(case)["acceptance"]
    assert (clock.status, clock.period, clock.unit) == ("running", 10, "working_days")
    assert clock.due_on == date(2026, 3, 6)
    assert Case.objects.get(pk=case.pk).next_due_on == date(2026, 3, 6)


def test_a_denunciation_is_checked_within_7_working_days(world):
    case = world.register(kind=Kind.DENUNCIATION, received_on="2026-02-12")
    assert clocks(case)["acceptance"].due_on == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("round_", "flags", "period"),
    [
        (1, {}, 30),
        (1, {"is_complex": True}, 45),
        (1, {"is_remote_area": True}, 45),
        (1, {"is_complex": True, "is_remote_area": True}, 60),
        (1, {"is_especially_complex": True, "is_remote_area": True}, 60),
        (2, {}, 45),
        (2, {"is_complex": True}, 60),
        (2, {"is_remote_area": True}, 60),
        (2, {"is_complex": True, "is_remote_area": True}, 70),
    ],
)
def test_acceptance_meets_one_clock_and_starts_the_resolution_clock(world, round_, flags, period):
    case = world.register(received_on="2026-02-20", round=round_, **flags)
    case = world.perform(case, "accept", on=date(2026, 3, 2))
    found = clocks(case)
    assert (found["acceptance"].status, found["acceptance"].met_on) == ("met", date(2026, 3, 2))
    resolution = found["resolution"]
    assert (resolution.period, resolution.unit, resolution.status) == (
        period,
        "calendar_days",
        "running",
    )
    expected = {30: date(2026, 4, 1), 45: date(2026, 4, 16), 60: date(2026, 5, 4),
                70: date(2026, 5, 11)}[period]  # fmt: skip
    assert resolution.due_on == expected
    case.refresh_from_db()
    assert case.next_due_on == expected


def test_suspension_pauses_and_resumption_adds_the_paused_days(world):
    case = world.register(received_on="2026-02-20")
    case = world.perform(case, "accept", on=date(2026, 3, 2))
    case = world.perform(case, "suspend", on=date(2026, 3, 10))
    clock = clocks(case)["resolution"]
    assert (clock.status, clock.due_on) == ("paused", None)
    assert Case.objects.get(pk=case.pk).next_due_on is None  # nothing runs; nothing is late
    case = world.perform(case, "resume", on=date(2026, 3, 20))
    clock = clocks(case)["resolution"]
    assert clock.status == "running"
    assert clock.pauses == [["2026-03-10", "2026-03-20"]]
    assert clock.due_on == date(2026, 4, 13)  # 2 Mar + 30 + 10 = Sat 11 Apr -> Mon 13 Apr


def test_extensions_move_the_resolution_deadline(world):
    case = world.register(kind=Kind.DENUNCIATION, received_on="2026-02-20",
                          is_especially_complex=True)  # fmt: skip
    case = world.perform(case, "accept", on=date(2026, 3, 2))
    case = world.perform(case, "extend", days=30, on=date(2026, 3, 5))
    assert clocks(case)["resolution"].due_on == date(2026, 5, 4)  # 1 May is a holiday
    case = world.perform(case, "extend", days=10, on=date(2026, 3, 6))
    assert clocks(case)["resolution"].due_on == date(2026, 5, 11)
    assert clocks(case)["resolution"].extension_days == 40


def test_resolution_meets_and_withdrawal_stops(world):
    case = world.case_in(State.RESOLVED)
    # Decided: the decision is then sent within 3 working days (Complaints Law Art. 32).
    assert {s: c.status for s, c in clocks(case).items()} == {
        "acceptance": "met",
        "resolution": "met",
        "sending": "running",
    }
    case = world.perform(case, "send_decision")
    assert {c.status for c in clocks(case).values()} == {"met"}
    assert Case.objects.get(pk=case.pk).next_due_on is None
    case = world.case_in(State.SUSPENDED)
    case = world.perform(case, "withdraw")
    assert clocks(case)["resolution"].status == "stopped"
    assert clocks(case)["acceptance"].status == "met"
    assert Case.objects.get(pk=case.pk).next_due_on is None


def test_every_active_case_has_a_running_or_paused_clock(world):
    for state in (State.RECEIVED, State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED,
                  State.SUSPENDED):  # fmt: skip
        case = world.case_in(state)
        assert any(c.status in ("running", "paused") for c in clocks(case).values()), state
    for state in (State.RESOLVED, State.REJECTED, State.TRANSFERRED, State.WITHDRAWN,
                  State.FILED):  # fmt: skip
        # A complaint is guided, never transferred: a petition is.
        case = world.case_in(state, kind="petition" if state == State.TRANSFERRED else "complaint")
        if state == State.RESOLVED:  # once the decision is sent, nothing runs
            case = world.perform(case, "send_decision")
        assert not any(c.status in ("running", "paused") for c in clocks(case).values()), state


def test_adding_a_holiday_in_the_admin_moves_open_deadlines(
    client, world, calendar_changes, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    # A petition received today: 10 working days. A working day inside the period turns into
    # a holiday: the deadline moves one working day later; a finished case does not move.
    open_case = world.register(kind=Kind.PETITION)
    closed = world.case_in(State.REJECTED)
    before = clocks(open_case)["acceptance"].due_on
    closed_before = clocks(closed)["acceptance"].due_on
    day = today + timedelta(days=1)
    while day.weekday() >= 5 or CalendarDay.objects.filter(day=day).exists():
        day += timedelta(days=1)
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):  # the recompute task, eagerly
        response = client.post(
            "/admin/casework/calendarday/add/",
            {"day": day.isoformat(), "name": "Ngày nghỉ đột xuất"},
        )
    assert response.status_code == 302
    after = clocks(open_case)["acceptance"].due_on
    assert after > before
    assert Case.objects.get(pk=open_case.pk).next_due_on == after
    assert clocks(closed)["acceptance"].due_on == closed_before
    # Removing it again moves the deadline back.
    holiday = CalendarDay.objects.get(day=day)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/casework/calendarday/{holiday.pk}/delete/", {"post": "yes"})
    assert clocks(open_case)["acceptance"].due_on == before


def test_a_suspension_after_the_deadline_does_not_excuse_the_delay(world):
    case = world.register(received_on="2026-02-20")
    case = world.perform(case, "accept", on=date(2026, 3, 2))  # resolution due Wed 1 Apr
    case = world.perform(case, "suspend", on=date(2026, 4, 20))
    clock = clocks(case)["resolution"]
    assert (clock.status, clock.due_on) == ("paused", date(2026, 4, 1))  # still late
    assert Case.objects.get(pk=case.pk).next_due_on == date(2026, 4, 1)
    case = world.perform(case, "resume", on=date(2026, 5, 20))
    assert clocks(case)["resolution"].due_on == date(2026, 4, 1)


def test_an_extension_after_the_deadline_is_refused(world):
    from workflows.errors import StateConflict

    case = world.register(kind=Kind.DENUNCIATION, received_on="2026-02-20", is_complex=True)
    case = world.perform(case, "accept", on=date(2026, 3, 2))  # due Wed 1 Apr
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "extend", days=30, on=date(2026, 4, 2))
    assert "deadline" in str(refused.value.detail)
    assert clocks(case)["resolution"].extension_days == 0


def test_recompute_moves_only_open_clocks_and_their_cases(world, calendar_changes):
    from casework.deadlines.calendar import calendar_invalidate
    from workflows.services.clocks import clocks_recompute

    case = world.register(kind=Kind.PETITION, received_on="2026-02-13")  # due Fri 6 Mar
    done = world.case_in(State.REJECTED)
    CalendarDay.objects.create(day=date(2026, 3, 3), name="Nghỉ đột xuất")
    calendar_invalidate()
    assert clocks_recompute(changed_day=date(2026, 3, 3)) == 1
    assert clocks(case)["acceptance"].due_on == date(2026, 3, 9)
    assert Case.objects.get(pk=case.pk).next_due_on == date(2026, 3, 9)
    assert clocks_recompute(changed_day=date(2026, 3, 3)) == 0  # idempotent
    assert clocks(done)["acceptance"].status == "met"


def test_recompute_reads_the_calendar_another_process_changed(world, calendar_changes):
    # A worker's own copy of the calendar predates the holiday another process added (with
    # the default per-process cache nobody told this process): the recompute still sees it.
    from casework.deadlines.calendar import working_calendar
    from workflows.services.clocks import clocks_recompute

    case = world.register(kind=Kind.PETITION, received_on="2026-02-13")  # due Fri 6 Mar
    stale = working_calendar()
    CalendarDay.objects.create(day=date(2026, 3, 3), name="Nghỉ đột xuất")  # no invalidation
    assert working_calendar() is stale
    assert clocks_recompute(changed_day=date(2026, 3, 3)) == 1
    assert clocks(case)["acceptance"].due_on == date(2026, 3, 9)


def test_a_process_copy_of_the_calendar_expires(world, calendar_changes, monkeypatch):
    from casework.deadlines import calendar as module

    first = module.working_calendar()
    assert module.working_calendar() is first
    monkeypatch.setattr(module.time, "monotonic", lambda: module._built["at"] + 61)
    assert module.working_calendar() is not first
