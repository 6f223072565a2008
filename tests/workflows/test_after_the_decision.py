"""What the law asks once a case is decided (issue 16, points 4 and 6), and who is asked:
a first-round complaint decision sent within 3 working days (Complaints Law Art. 32), a
denunciation's conclusion handled within 7 (Denunciations Law Art. 36), a forwarding body told
the result; each once, by the unit whose step it is, warned by the sweep and listed in its
work. Dates checked by hand on the 2026 calendar (National Day: Mon 31 Aug to Wed 2 Sep)."""

from datetime import date

import pytest

from casework.choices import Kind, State
from casework.models import Clock, Notification
from workflows.errors import ActionForbidden, StateConflict
from workflows.selectors.work import case_list_my_work
from workflows.services.sweep import deadlines_sweep

D = date
DRAFT = {"outcome": "rejected", "act_decision": "keep", "decision_summary": "Giữ nguyên."}


def mine(user) -> set[int]:
    return set(case_list_my_work(user=user).values_list("pk", flat=True))


def test_a_decision_is_sent_within_3_working_days_and_once(world):
    case = world.register(received_on=D(2026, 8, 3))
    for step, on in (("accept", D(2026, 8, 4)), ("assign", D(2026, 8, 5))):
        case = world.perform(case, step, on=on)
    case = world.perform(case, "record_findings", on=D(2026, 8, 20))
    # Decided Fri 28 Aug: Thu 3 (1), Fri 4 (2), Mon 7 Sep (3).
    case = world.perform(case, "resolve", on=D(2026, 8, 28))
    sending = Clock.objects.get(case=case, stage="sending")
    assert (sending.due_on, sending.status) == (D(2026, 9, 7), Clock.Status.RUNNING)
    assert case.pk in mine(world.supervisor)
    case = world.perform(case, "send_decision", on=D(2026, 9, 7))
    assert case.decision_sent_on == D(2026, 9, 7) and case.pk not in mine(world.supervisor)
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "send_decision")
    assert "already been recorded as sent" in str(refused.value.detail)


def test_a_conclusion_is_handled_within_7_working_days_and_once(world):
    case = world.case_in(State.INVESTIGATED, kind=Kind.DENUNCIATION)
    case = world.perform(case, "resolve")
    handling = Clock.objects.get(case=case, stage="handling")
    assert handling.period == 7 and handling.unit == "working_days"
    case = world.perform(case, "handle_conclusion")
    assert case.conclusion_handled_on is not None
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "handle_conclusion")
    assert "already been recorded" in str(refused.value.detail)


def test_a_second_round_decision_owes_no_sending_the_rules_do_not_give(world):
    case = world.case_in(State.RESOLVED, round=2, previous_case="12/QĐ-UBND")
    assert not Clock.objects.filter(case=case, stage="sending").exists()
    with pytest.raises(StateConflict):
        world.perform(case, "send_decision")


def test_where_another_unit_decides_its_chairman_sends_and_is_warned(world):
    _top, chairman = world.province()
    case = world.register(competent_unit="UBT", received_on=D(2026, 8, 3))
    case = world.perform(case, "accept", actor=chairman, on=D(2026, 8, 4))
    case = world.perform(case, "assign", on=D(2026, 8, 5))
    case = world.perform(case, "record_findings", on=D(2026, 8, 20))
    case = world.perform(case, "submit_decision", on=D(2026, 8, 24), **DRAFT)
    case = world.perform(case, "approve_decision", actor=chairman, on=D(2026, 8, 28))
    assert case.pk in mine(chairman) and case.pk not in mine(world.supervisor)
    with pytest.raises(ActionForbidden):  # the inspectorate does not send the Chairman's
        world.perform(case, "send_decision")
    deadlines_sweep(today=D(2026, 9, 8))  # due Mon 7 Sep: late
    warned = {n.recipient_id for n in Notification.objects.filter(case=case, stage="sending")}
    assert warned == {chairman.pk}
    world.perform(case, "send_decision", actor=chairman)


def test_a_report_owed_to_a_forwarding_body_is_the_handling_units_work(world):
    forwarded = {
        "channel": "forwarded",
        "forwarded_by": "Báo Lâm Đồng",
        "forwarder_kind": "press",
    }
    case = world.perform(world.register(kind=Kind.PETITION, **forwarded), "reject")
    assert case.pk in mine(world.supervisor) and case.pk not in mine(world.other_supervisor)
    case = world.perform(case, "inform_forwarder")
    assert case.pk not in mine(world.supervisor)


def test_check_cases_names_a_step_owed_after_the_end_that_nobody_can_take(world):
    from workflows.selectors.work import case_list_waiting_on_nobody

    top, chairman = world.province()
    case = world.register(competent_unit="UBT")
    case = world.perform(case, "accept", actor=chairman)
    for step in ("assign", "record_findings"):
        case = world.perform(case, step)
    case = world.perform(case, "submit_decision", **DRAFT)
    case = world.perform(case, "approve_decision", actor=chairman)
    assert not [p for c, p in case_list_waiting_on_nobody() if c.pk == case.pk]
    chairman.is_active = False  # the Chairman leaves: nobody sends the decision
    chairman.save(update_fields=["is_active"])
    problems = [p for c, p in case_list_waiting_on_nobody() if c.pk == case.pk]
    assert problems == [f"owes a step after its end to unit {top.pk}, which has no supervisor"]
