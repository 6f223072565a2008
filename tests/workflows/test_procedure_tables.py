"""The procedures' tables: one per procedure, and each row the only place that says what its
step writes (issue 16, point 1)."""

import pytest

from casework.choices import Kind, Procedure, State
from casework.models import Case
from casework.models.letters import REPORTED_ENDS
from permissions import grants
from workflows.procedures import ACTIONS, AFTER_THE_END, TABLES, WAITING_STATES

#: For each procedure, a case of it: its kind and round.
CASES = {
    Procedure.LETTER: (Kind.COMPLAINT, 1),
    Procedure.COMPLAINT_1: (Kind.COMPLAINT, 1),
    Procedure.COMPLAINT_2: (Kind.COMPLAINT, 2),
    Procedure.DENUNCIATION: (Kind.DENUNCIATION, 1),
    Procedure.PETITION: (Kind.PETITION, 1),
}
#: The state each step is tried from.
FROM = {
    "assign": State.ACCEPTED,
    "record_findings": State.ASSIGNED,
    "add_note": State.ASSIGNED,
    "return_for_rework": State.INVESTIGATED,
    "resolve": State.INVESTIGATED,
    "record_dialogue": State.INVESTIGATED,
    "resume": State.SUSPENDED,
    "withdraw": State.SUSPENDED,  # so that the withdrawal changes suspended_from too
    "refer_crime": State.SUSPENDED,  # likewise
    "terminate": State.SUSPENDED,  # likewise
}
#: Payloads that make a step write every field its row lists.
PAYLOADS = {
    "amend": {
        "received_on": "2026-01-05",
        "is_remote_area": True,
        "is_especially_complex": True,
        "reason": "Nhập sai ngày nhận đơn và địa bàn.",
    },
}
STEPS = [(procedure, name) for procedure, table in TABLES.items() for name in table]


def test_every_procedure_has_its_own_table():
    assert set(TABLES) == set(Procedure)
    assert "extend" in TABLES[Procedure.DENUNCIATION]
    assert "extend" not in TABLES[Procedure.COMPLAINT_1]
    assert TABLES[Procedure.COMPLAINT_1]["resolve"].notices[0] == "complaint_decision"
    assert TABLES[Procedure.DENUNCIATION]["resolve"].notices[:2] == (
        "denunciation_conclusion",
        "denouncer_notice",
    )
    assert TABLES[Procedure.PETITION]["resolve"].notices[0] == "petition_reply"
    for procedure, table in TABLES.items():
        for name, step in table.items():
            # A name is one step of the API: one form, one permission, one event, one body.
            generic = ACTIONS[name]
            assert (step.form, step.permission, step.event) == (
                generic.form,
                generic.permission,
                generic.event,
            ), (procedure, name)
            assert step.basis, (procedure, name)  # every step says what it rests on


def test_every_step_leaves_from_a_state_its_procedure_waits_in():
    for procedure, table in TABLES.items():
        for name in table:
            sources = {t.source for t in getattr(Case, name)._django_fsm.transitions.values()}
            if name in AFTER_THE_END:  # once it ended: the decision sent, the conclusion
                # handled; the report to the forwarding body after any end but a link or split
                ended = REPORTED_ENDS if name == "inform_forwarder" else (State.RESOLVED,)
                assert sources == set(ended), name
                continue
            assert sources & set(WAITING_STATES[procedure]), (procedure, name)


#: A second round received within its window, early enough that ``amend`` may move its
#: receipt to 5 January 2026 and stay within it.
ROUND_2 = {
    "round": 2,
    "previous_case": "12/QĐ-UBND",
    "received_on": "2026-01-06",
    "appeal_from": "2026-01-02",
}

#: Steps of letter processing that one kind only takes.
LETTER_STEP_KINDS = {
    "extend_check": Kind.DENUNCIATION,
    "refer_crime": Kind.DENUNCIATION,
    "transfer": Kind.PETITION,  # a complaint is guided, never transferred
}


#: A letter a National Assembly deputy forwarded: its result is reported to them at the end.
FORWARDED = {
    "channel": "forwarded",
    "forwarded_by": "Đoàn đại biểu Quốc hội tỉnh",
    "forwarder_kind": "deputy",
}


def case_in(world, procedure, state, name=""):
    kind, round_ = CASES[procedure]
    extra = ROUND_2 if round_ == 2 else {}
    if name in AFTER_THE_END:  # ended: not accepted, or decided
        extra = {**extra, **FORWARDED}
        if procedure == Procedure.LETTER:
            return world.perform(world.register(kind=kind, **extra), "reject")
        return world.case_in(State.RESOLVED, kind=kind, is_complex=True, **extra)
    if procedure == Procedure.LETTER:
        kind = LETTER_STEP_KINDS.get(name, kind)
        return world.register(kind=kind, is_complex=True, **extra)
    if name == "notify_acceptance":  # accepted, and the notices not yet sent
        return world.perform(world.register(kind=kind, is_complex=True), "accept")
    if name in OVERSIGHT:  # overdue, escalated to the unit above (Art. 38)
        return overseen(world, name)
    if name in DECIDED_ABOVE:  # the competent authority decides what the unit drafts
        chairman = _chairman(world)
        case = world.register(kind=kind, is_complex=True, competent_unit="UBT", **extra)
        case = world.perform(case, "accept", actor=chairman)
        if kind == Kind.DENUNCIATION:
            case = world.perform(case, "notify_acceptance", actor=chairman)
        for step in ("assign", "record_findings"):
            case = world.perform(case, step)
        if kind == Kind.COMPLAINT and round_ == 2:
            case = world.perform(case, "record_dialogue")
        if name in ("approve_decision", "return_draft"):
            case = world.perform(case, "submit_decision")
        return case
    return world.case_in(state, kind=kind, is_complex=True, **extra)


#: The oversight of an overdue denunciation by the unit above.
OVERSIGHT = ("request_report", "report_progress", "take_over")


def overseen(world, name):
    """A denunciation the sweep escalated to the unit above (as it would: the oversight
    begins), with the report asked for where the step needs it."""
    top, chairman = world.province()
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION, is_complex=True)
    Case.objects.filter(pk=case.pk).update(overseen_by=top)
    grants.case_grant_on_oversight([Case.objects.get(pk=case.pk)])
    if name != "request_report":
        world.perform(case, "request_report", actor=chairman)
    return Case.objects.get(pk=case.pk)


#: Steps taken where a unit above the handling one decides.
DECIDED_ABOVE = ("submit_decision", "approve_decision", "return_draft")


def _chairman(world):
    return world.province()[1]


@pytest.mark.parametrize(("procedure", "name"), STEPS)
def test_the_door_saves_exactly_what_the_row_says(world, procedure, name):
    case = case_in(world, procedure, FROM.get(name, State.ACCEPTED), name)
    assert case.procedure == procedure
    if name == "resolve" and procedure == Procedure.COMPLAINT_2:
        case = world.perform(case, "record_dialogue")  # decided after a dialogue, always
    before = Case.objects.get(pk=case.pk)
    above = ("approve_decision", "return_draft", "request_report", "take_over")
    actor = _chairman(world) if name in above else None
    done = world.perform(case, name, actor=actor, **PAYLOADS.get(name, {}))
    saved = Case.objects.get(pk=case.pk)
    step = TABLES[procedure][name]
    for field in Case._meta.concrete_fields:
        # What the step changed in memory is what the database now holds: the row's
        # ``saves`` covered every field the transition wrote.
        assert getattr(saved, field.attname) == getattr(done, field.attname), (name, field.name)
    # And every field the row lists (but the dates and the head, which any act moves) was
    # changed by the step, with the payloads above: no row lists a field it does not write.
    changed = {
        f.name
        for f in Case._meta.concrete_fields
        if getattr(before, f.attname) != getattr(saved, f.attname)
    }
    listed = set(step.saves) | ({"procedure"} if step.enters_kind else set())
    unchanged = listed - changed - _cannot_change_here(procedure, name)
    assert not unchanged, (name, unchanged)


def _cannot_change_here(procedure, name) -> set[str]:
    """Fields a row lists that this test's case cannot see change, and why."""
    return {
        # Taken from a case with no assignee (move) or no dialogue yet (rework): written as
        # None over None.
        "move": {"assignee", "competent_unit", "check_extended_on"},
        "return_for_rework": {"dialogue_held_on", "decision_submitted_on"},
        # The case is complex already; "especially complex" implies it.
        "amend": {"is_complex"},
        # A letter is never suspended.
        "withdraw": {"suspended_from"} if procedure == Procedure.LETTER else set(),
        "refer_crime": {"suspended_from"} if procedure == Procedure.LETTER else set(),
        # Only a complaint's findings say whether the demand differs.
        "record_findings": set()
        if procedure in (Procedure.COMPLAINT_1, Procedure.COMPLAINT_2)
        else {"demand_differs"},
    }.get(name, set())


def test_acceptance_moves_a_letter_into_its_kinds_procedure(world):
    for procedure, (kind, round_) in CASES.items():
        if procedure == Procedure.LETTER:
            continue
        extra = {"round": 2, "previous_case": "12/QĐ-UBND"} if round_ == 2 else {}
        case = world.register(kind=kind, **extra)
        assert case.procedure == Procedure.LETTER
        assert world.perform(case, "accept").procedure == procedure
        assert case.events.latest("seq").payload["procedure"] == procedure


def test_the_case_page_shows_the_procedure_beside_the_stage(client, world):
    case = world.register()
    client.force_login(world.supervisor)
    page = client.get(f"/cases/case/{case.pk}/detail/", HTTP_ACCEPT_LANGUAGE="vi").content
    assert "Đã tiếp nhận" in page.decode() and "Xử lý đơn" in page.decode()
    world.perform(case, "accept")
    page = client.get(f"/cases/case/{case.pk}/detail/", HTTP_ACCEPT_LANGUAGE="vi").content
    assert "Đã thụ lý" in page.decode() and "Khiếu nại lần đầu" in page.decode()
    assert 'href="/procedures/#complaint_1"' in page.decode()


def test_the_migration_gives_existing_cases_their_procedure(world):
    # Migration 0017: an accepted case (it has a resolution clock) follows its kind's
    # procedure; any other, still or ended in letter processing, is a letter.
    import importlib

    from django.apps import apps

    migration = importlib.import_module("casework.migrations.0017_case_procedure_data")
    cases = {
        "received": world.register(),
        "rejected": world.case_in(State.REJECTED),
        "resolved": world.case_in(State.RESOLVED),
        "round_2": world.case_in(State.ASSIGNED, round=2, previous_case="12/QĐ-UBND"),
        "denunciation": world.case_in(State.SUSPENDED, kind=Kind.DENUNCIATION),
        "petition": world.case_in(State.WITHDRAWN, kind=Kind.PETITION),
        "accepted_then_withdrawn": world.perform(world.case_in(State.ACCEPTED), "withdraw"),
    }
    Case.objects.update(procedure=Procedure.LETTER)  # as before the migration
    migration.procedures_set(apps, None)
    found = {name: Case.objects.get(pk=c.pk).procedure for name, c in cases.items()}
    assert found == {
        "received": "letter",
        "rejected": "letter",
        "resolved": "complaint_1",
        "round_2": "complaint_2",
        "denunciation": "denunciation",
        "petition": "letter",  # withdrawn before it was accepted
        "accepted_then_withdrawn": "complaint_1",
    }
