"""The further periods (issue 16, points 5 and 6; DOMAIN.md, "Deadlines"), with dates checked
by hand on the 2026 calendar, not computed by the code:

- Tết 2026: Mon 16 to Fri 20 Feb off;
- National Day 2026: Mon 31 Aug, Tue 1 and Wed 2 Sep off (Sat 22 Aug worked instead).
"""

from datetime import date

import pytest

from casework.choices import Kind, State
from casework.models import CaseEvent, Clock, Document
from tests.api.conftest import api  # noqa: F401 (the API's client, as its tests have it)
from tests.workflows.test_notices import pdf_text
from workflows.errors import InvalidPayload, StateConflict
from workflows.selectors import case_actions_available

D = date
PARTIES = [
    {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
    {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính xã"},
]


def denunciation(world, received_on, **extra):
    return world.register(kind=Kind.DENUNCIATION, received_on=received_on, parties=PARTIES, **extra)


def clock(case, stage) -> Clock:
    return Clock.objects.get(case=case, stage=stage)


def offered(world, case):
    return [a.name for a in case_actions_available(case=case, user=world.supervisor)]


# The transfer of a denunciation outside competence: 5 working days from receipt (Art. 24(2)).


def test_a_transfer_within_5_working_days_across_national_day(world):
    # Received Fri 28 Aug 2026: Thu 3 (1), Fri 4 (2), Mon 7 (3), Tue 8 (4), Wed 9 Sep (5).
    case = denunciation(world, D(2026, 8, 28))
    case = world.perform(case, "transfer", on=D(2026, 9, 9))
    transfer = clock(case, "transfer")
    assert (transfer.started_on, transfer.due_on) == (D(2026, 8, 28), D(2026, 9, 9))
    assert (transfer.status, transfer.met_on) == (Clock.Status.MET, D(2026, 9, 9))
    assert case.state == State.TRANSFERRED and case.next_due_on is None
    kinds = set(Document.objects.filter(case=case).values_list("kind", flat=True))
    assert "transfer_slip" in kinds


def test_a_transfer_on_the_sixth_working_day_is_late(world, api):  # noqa: F811
    case = denunciation(world, D(2026, 8, 28))
    case = world.perform(case, "transfer", on=D(2026, 9, 10))
    transfer = clock(case, "transfer")
    assert transfer.due_on == D(2026, 9, 9) and transfer.met_on == D(2026, 9, 10)
    body = api(world.supervisor).get(f"/api/v1/cases/{case.pk}/").json()
    shown = {d["stage"]: d for d in body["deadlines"]}
    assert shown["transfer"]["status"] == "missed"


def test_a_petition_transferred_has_no_such_period(world):
    case = world.register(kind=Kind.PETITION, received_on=D(2026, 8, 28))
    case = world.perform(case, "transfer", on=D(2026, 9, 10))
    assert not Clock.objects.filter(case=case, stage="transfer").exists()


# The check extended once, to 10 working days from receipt (Art. 24(1)).


def test_the_check_extended_to_10_working_days_across_tet(world):
    # Received Thu 12 Feb 2026: 7 working days end Mon 2 Mar (Fri 13, then Mon 23 Feb to Mon
    # 2 Mar); 10 end Thu 5 Mar.
    case = denunciation(world, D(2026, 2, 12))
    assert clock(case, "acceptance").due_on == D(2026, 3, 2)
    assert "extend_check" in offered(world, case)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "extend_check", on=D(2026, 2, 27), reason="")
    assert "reason" in refused.value.errors
    case = world.perform(
        case, "extend_check", on=D(2026, 2, 27), reason="Cần xác minh tại hai địa điểm."
    )
    acceptance = clock(case, "acceptance")
    assert (acceptance.period, acceptance.extension_days, acceptance.due_on) == (
        7,
        3,
        D(2026, 3, 5),
    )
    assert case.check_extended_on == D(2026, 2, 27) and case.next_due_on == D(2026, 3, 5)
    assert case.state == State.RECEIVED
    event = CaseEvent.objects.get(case=case, action="CHECK_EXTENDED")
    assert event.payload["days"] == 3 and "reason" in event.texts
    # Once only.
    assert "extend_check" not in offered(world, case)
    with pytest.raises(StateConflict) as again:
        world.perform(case, "extend_check", reason="Lần nữa.")
    assert "once" in str(again.value.detail)


def test_the_check_is_extended_before_it_ends(world):
    case = denunciation(world, D(2026, 2, 12))
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "extend_check", on=D(2026, 3, 3), reason="Quá hạn rồi.")
    assert "02/03/2026" in str(refused.value.detail)
    assert clock(case, "acceptance").extension_days == 0


def test_only_a_denunciations_check_is_extended(world):
    case = world.register(received_on=D(2026, 2, 12))
    assert "extend_check" not in offered(world, case)
    with pytest.raises(StateConflict):
        world.perform(case, "extend_check", reason="Không áp dụng.")


# The decision to accept, then the notices within 5 working days (Art. 29).


def test_the_notices_of_acceptance_are_due_5_working_days_after_the_decision(
    world, django_capture_on_commit_callbacks
):
    case = denunciation(world, D(2026, 2, 12))
    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(case, "accept", on=D(2026, 2, 12))
    # Accepted Thu 12 Feb 2026: Fri 13 (1), Mon 23 (2), Tue 24 (3), Wed 25 (4), Thu 26 Feb (5).
    notices = clock(case, "notification")
    assert (notices.started_on, notices.due_on, notices.status) == (
        D(2026, 2, 12),
        D(2026, 2, 26),
        Clock.Status.RUNNING,
    )
    assert case.next_due_on == D(2026, 2, 26)
    # The decision to accept is issued, and nothing yet to the denouncer or the accused.
    issued = list(Document.objects.filter(case=case).values_list("kind", flat=True))
    assert issued == ["denunciation_acceptance_decision"]
    decision = Document.objects.get(case=case)
    assert decision.number.split("/")[1].startswith("QĐ-")
    text = pdf_text(decision)
    assert "QUYẾT ĐỊNH" in text and "Về việc thụ lý tố cáo" in text
    assert "Lê Văn Bình" in text and "Nguyễn Văn An" not in text  # never the denouncer
    assert "26/02/2026" in text
    assert "notify_acceptance" in offered(world, case)

    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(case, "notify_acceptance", on=D(2026, 2, 26))
    notices = clock(case, "notification")
    assert (notices.status, notices.met_on) == (Clock.Status.MET, D(2026, 2, 26))
    assert case.acceptance_notified_on == D(2026, 2, 26)
    sent = {d.kind: d for d in Document.objects.filter(case=case)}
    assert {"acceptance_notice", "content_notice"} <= set(sent)
    # Both say the day of the acceptance, not the day they were sent.
    assert "12/02/2026" in pdf_text(sent["content_notice"])
    assert "Nguyễn Văn An" not in pdf_text(sent["content_notice"])
    assert "notify_acceptance" not in offered(world, case)
    with pytest.raises(StateConflict):
        world.perform(case, "notify_acceptance")


def test_notices_sent_on_the_sixth_working_day_are_late(world):
    case = denunciation(world, D(2026, 2, 12))
    case = world.perform(case, "accept", on=D(2026, 2, 12))
    case = world.perform(case, "notify_acceptance", on=D(2026, 2, 27))
    notices = clock(case, "notification")
    assert notices.met_on > notices.due_on == D(2026, 2, 26)


def test_no_conclusion_before_the_notices_of_acceptance(world):
    case = denunciation(world, D(2026, 2, 12))
    for action in ("accept", "assign", "record_findings"):
        case = world.perform(case, action)
    assert "resolve" not in offered(world, case)
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "resolve")
    assert "Art. 29" in str(refused.value.detail)
    case = world.perform(case, "notify_acceptance")
    assert world.perform(case, "resolve").state == State.RESOLVED


# The appeal window of a second-round complaint (Complaints Law Art. 33).

ROUND_2 = {"round": 2, "previous_case": "Quyết định số 12/QĐ-UBND"}


def test_the_appeal_window_that_ends_on_a_day_off_closes_on_the_next_working_day(world):
    # Decision received Fri 31 Jul 2026: 30 days end Sun 30 Aug; Mon 31 Aug to Wed 2 Sep are
    # off, so the window closes on Thu 3 Sep.
    case = world.register(received_on=D(2026, 9, 3), appeal_from=D(2026, 7, 31), **ROUND_2)
    assert (case.round, case.appeal_from) == (2, D(2026, 7, 31))
    with pytest.raises(InvalidPayload) as refused:
        world.register(received_on=D(2026, 9, 4), appeal_from=D(2026, 7, 31), **ROUND_2)
    (message,) = refused.value.errors["appeal_from"]
    assert "03/09/2026" in message and "Art. 33" in message


def test_a_remote_area_has_45_days(world):
    # 31 Jul + 45 days = Mon 14 Sep 2026.
    remote = {**ROUND_2, "appeal_from": D(2026, 7, 31), "is_remote_area": True}
    assert world.register(received_on=D(2026, 9, 14), **remote).pk
    with pytest.raises(InvalidPayload) as refused:
        world.register(received_on=D(2026, 9, 15), **remote)
    assert "14/09/2026" in refused.value.errors["appeal_from"][0]


def test_a_second_round_names_the_day_its_window_opened(world, api):  # noqa: F811
    body = {
        "kind": "complaint",
        "round": 2,
        "previous_case": "Quyết định số 12/QĐ-UBND",
        "channel": "mail",
        "received_on": "2026-09-04",
        "subject": "Khiếu nại lần hai",
        "content": "Không đồng ý với quyết định lần đầu.",
        "petitioners": [{"full_name": "Phạm Thị Cúc"}],
    }
    client = api(world.intake)
    missing = client.post("/api/v1/cases/", body, format="json")
    assert missing.status_code == 400 and "appeal_from" in missing.json()
    late = client.post("/api/v1/cases/", {**body, "appeal_from": "2026-07-31"}, format="json")
    assert late.status_code == 400
    assert "03/09/2026" in late.json()["appeal_from"][0]
    on_time = client.post("/api/v1/cases/", {**body, "appeal_from": "2026-08-05"}, format="json")
    assert on_time.status_code == 201, on_time.content
    assert on_time.json()["appeal_from"] == "2026-08-05"
    first_round = client.post(
        "/api/v1/cases/",
        {**body, "round": 1, "previous_case": "", "appeal_from": "2026-08-05"},
        format="json",
    )
    assert first_round.status_code == 400 and "appeal_from" in first_round.json()


def test_denunciations_accepted_before_the_step_count_as_notified(world):
    # Migration 0021: their acceptance issued the notices; they are not sent twice.
    import importlib

    from django.apps import apps

    from casework.models import Case

    migration = importlib.import_module("casework.migrations.0021_denunciations_notified_before")
    accepted = denunciation(world, D(2026, 2, 12))
    accepted = world.perform(accepted, "accept", on=D(2026, 2, 13))
    received = denunciation(world, D(2026, 2, 12))
    complaint = world.perform(world.register(received_on=D(2026, 2, 12)), "accept")
    Case.objects.update(acceptance_notified_on=None)  # as before the step existed
    migration.notified_at_acceptance(apps, None)
    found = dict(Case.objects.values_list("pk", "acceptance_notified_on"))
    assert found[accepted.pk] == D(2026, 2, 13)
    assert found[received.pk] is None and found[complaint.pk] is None


def test_a_denunciation_moved_within_the_system_is_counted_as_a_transfer(world):
    case = denunciation(world, D(2026, 8, 28))
    case = world.perform(
        case, "extend_check", on=D(2026, 9, 3), reason="Cần xác minh tại hai địa điểm."
    )
    case = world.perform(case, "move", on=D(2026, 9, 10), to_unit="COMM", reason="Thẩm quyền.")
    transfer = clock(case, "transfer")
    assert transfer.due_on == D(2026, 9, 9) and transfer.met_on == D(2026, 9, 10)  # late
    # The receiving unit's check is its own: it may extend it in turn.
    assert case.check_extended_on is None
    taken = case_actions_available(case=case, user=world.other_supervisor)
    assert "extend_check" in [a.name for a in taken]


def test_a_correction_keeps_a_second_round_within_its_window(world):
    case = world.register(received_on=D(2026, 9, 3), appeal_from=D(2026, 7, 31), **ROUND_2)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(
            case,
            "amend",
            received_on=D(2026, 9, 4),
            is_remote_area=None,  # unchanged
            reason="Sai ngày nhận.",
        )
    assert "03/09/2026" in str(refused.value.errors)
    # In a remote area the window is 45 days: the same correction is lawful.
    case = world.perform(
        case, "amend", received_on=D(2026, 9, 4), is_remote_area=True, reason="Vùng sâu."
    )
    assert case.received_on == D(2026, 9, 4)


def test_the_decision_gives_the_appeal_window_of_the_rule_set(
    world, django_capture_on_commit_callbacks
):
    from casework.models import DeadlineRule

    DeadlineRule.objects.filter(
        kind="complaint", round=2, stage="appeal", is_remote_area=False
    ).update(period=35)
    with django_capture_on_commit_callbacks(execute=True):
        case = world.case_in(State.RESOLVED)
    decision = Document.objects.get(case=case, kind="complaint_decision")
    assert "trong thời hạn 35 ngày" in pdf_text(decision)
