"""Who may take each action: the door's 403 and 404, and nothing written when it refuses."""

import pytest

from casework.choices import Kind, State
from casework.models import CaseEvent
from workflows.errors import ActionForbidden, CaseNotFound

# The state each action is tried in; a denunciation so that `extend` is in its procedure.
SETUP = {
    "accept": [],
    "reject": [],
    "transfer": [],
    "file": [],
    "assign": ["accept", "assign"],
    "record_findings": ["accept", "assign"],
    "return_for_rework": ["accept", "assign", "record_findings"],
    "resolve": ["accept", "assign", "record_findings"],
    "extend": ["accept", "assign"],
    "suspend": ["accept", "assign"],
    "resume": ["accept", "assign", "suspend"],
    "withdraw": ["accept", "assign"],
    "add_note": ["accept", "assign"],
    "amend": ["accept", "assign"],
    "move": [],
    # A denunciation's own steps.
    "extend_check": [],
    "notify_acceptance": ["accept"],
    "refer_crime": [],
}
DENUNCIATION_ONLY = ("extend", "extend_check", "notify_acceptance", "refer_crime")
ROLES = [
    "supervisor",
    "admin",
    "intake",
    "assignee",
    "other_investigator",
    "auditor",
    "other_unit_supervisor",
    "other_unit_intake",
]
DECIDE = {
    "supervisor": "ok",
    "admin": "ok",
    "intake": 403,
    "assignee": 403,
    "other_investigator": 404,
    "auditor": 403,
    "other_unit_supervisor": 404,
    "other_unit_intake": 404,
}
# Hand-written from the issue: supervisors decide, the assignee records findings, intake
# officers register and may record a withdrawal, the auditor fires nothing.
EXPECTED = {action: dict(DECIDE) for action in SETUP}
EXPECTED["record_findings"] = {**DECIDE, "supervisor": 403, "assignee": "ok"}
# Once accepted, a withdrawal ends in a decision to terminate: not the intake officer's to
# issue (before acceptance they record it: test_competent_authority).
EXPECTED["withdraw"] = dict(DECIDE)
EXPECTED["add_note"] = EXPECTED["record_findings"]
for action in (
    "accept",
    "reject",
    "transfer",
    "file",
    "move",
    "extend_check",
    "notify_acceptance",
    "refer_crime",
):
    # Not yet assigned: the investigator-to-be cannot see the case at all.
    EXPECTED[action]["assignee"] = 404
# A denunciation's conclusion goes to the accused: only who may see the denouncer (and can
# check that it names none) issues it; a superuser may not (issue 15).
EXPECTED_DENUNCIATION = {"resolve": {**EXPECTED["resolve"], "admin": 403}}
# A petition withdrawn after acceptance ends with no decision: its registrar records it.
EXPECTED_PETITION = {"withdraw": {**DECIDE, "intake": "ok"}}


def actor(world, role, case):
    return {
        "supervisor": world.supervisor,
        "admin": world.admin,
        "intake": world.intake,
        "assignee": world.investigator,
        "other_investigator": world.investigator2,
        "auditor": world.auditor,
        "other_unit_supervisor": world.other_supervisor,
        "other_unit_intake": world.other_intake,
    }[role]


# Extension is in the denunciation procedure only (its 409 elsewhere is tested with states).
CASES = [
    (action, role, kind)
    for action in SETUP
    for role in ROLES
    for kind in Kind
    if action not in DENUNCIATION_ONLY or kind == Kind.DENUNCIATION
    # A complaint is guided, never transferred (test_letter_outcomes).
    if (action, kind) != ("transfer", Kind.COMPLAINT)
]


@pytest.mark.parametrize(("action", "role", "kind"), CASES)
def test_who_may_take_each_action(world, action, role, kind):
    case = world.register(kind=kind, is_complex=True)
    for step in SETUP[action]:
        extra = {"assignee": world.investigator.username} if step == "assign" else {}
        case = world.perform(case, step, **extra)
        if step == "accept" and kind == Kind.DENUNCIATION and action != "notify_acceptance":
            case = world.perform(case, "notify_acceptance")
    before = CaseEvent.objects.filter(case=case).count()
    state_before = case.state
    table = {Kind.DENUNCIATION: EXPECTED_DENUNCIATION, Kind.PETITION: EXPECTED_PETITION}.get(
        kind, {}
    )
    expected = table.get(action, EXPECTED[action])[role]
    who = actor(world, role, case)
    if expected == "ok":
        world.perform(case, action, actor=who)
        assert CaseEvent.objects.filter(case=case).count() == before + 1
        event = CaseEvent.objects.filter(case=case).latest("seq")
        assert event.actor == who
        return
    error = CaseNotFound if expected == 404 else ActionForbidden
    with pytest.raises(error) as refused:
        world.perform(case, action, actor=who)
    assert refused.value.status == expected
    assert CaseEvent.objects.filter(case=case).count() == before
    case.refresh_from_db()
    assert case.state == state_before


def test_unknown_case_and_unknown_action_are_404(world):
    from workflows.services import case_perform

    case = world.register()
    with pytest.raises(CaseNotFound):
        case_perform(case_id=case.pk + 1000, action="accept", actor=world.supervisor, data={})
    with pytest.raises(CaseNotFound):
        case_perform(case_id=case.pk, action="delete", actor=world.supervisor, data={})
    with pytest.raises(CaseNotFound):
        # A private method of the model is not an action.
        case_perform(case_id=case.pk, action="save", actor=world.supervisor, data={})


def test_inactive_supervisor_sees_nothing(world):
    case = world.register()
    world.supervisor.is_active = False
    try:
        with pytest.raises(CaseNotFound):
            world.perform(case, "accept")
    finally:
        world.supervisor.is_active = True
    assert case.state == State.RECEIVED


def test_model_transitions_and_procedure_table_name_the_same_permission():
    from casework.models import Case
    from workflows.procedures import ACTIONS

    for name, action in ACTIONS.items():
        transitions = getattr(Case, name)._django_fsm.transitions.values()
        assert {t.permission for t in transitions} == {action.permission}, name
