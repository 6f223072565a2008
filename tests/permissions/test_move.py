"""Transfer within the system: the case moves to the competent unit, and its grants with it."""

from datetime import date

import pytest
from django.core.management import call_command

from casework.choices import State
from casework.models import Case, Clock
from permissions.selectors import case_is_visible, case_list_visible
from workflows.errors import CaseNotFound


def test_the_case_and_its_grants_move_to_the_competent_unit(client, world):
    # Received Mon 2 Mar 2026 at PROV; moved on Wed 4 Mar to COMM, whose 10 working days run
    # from the day it receives the case: to Wed 18 Mar.
    case = world.register(received_on="2026-03-02")
    case = world.perform(
        case, "move", to_unit="COMM", reason="Thuộc thẩm quyền của xã.", on=date(2026, 3, 4)
    )
    case = Case.objects.get(pk=case.pk)
    assert (case.unit, case.state, case.reference) == (world.comm, State.RECEIVED, case.reference)
    clock = Clock.objects.get(case=case, stage="acceptance")
    assert (clock.started_on, clock.due_on, clock.status) == (
        date(2026, 3, 4),
        date(2026, 3, 18),
        "running",
    )
    assert case.next_due_on == date(2026, 3, 18)
    # PROV's people lose it at once; COMM's supervisor has it and decides.
    for user in (world.supervisor, world.intake, world.auditor):
        assert not case_is_visible(user, case)
        assert not case_list_visible(user).filter(pk=case.pk).exists()
    client.force_login(world.supervisor)
    assert client.get(f"/cases/case/{case.pk}/detail/").status_code == 404
    assert case_is_visible(world.other_supervisor, case)
    assert case_list_visible(world.other_supervisor).filter(pk=case.pk).exists()
    with pytest.raises(CaseNotFound):
        world.perform(case, "accept", actor=world.supervisor)
    case = world.perform(case, "accept", actor=world.other_supervisor)
    assert case.state == State.ACCEPTED
    call_command("verify_audit")


def test_only_to_another_unit_and_only_before_acceptance(world):
    from workflows.errors import InvalidPayload, StateConflict

    case = world.register()
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "move", to_unit="PROV", reason="Nhầm.")
    assert "to_unit" in refused.value.errors
    accepted = world.case_in(State.ACCEPTED)
    with pytest.raises(StateConflict):
        world.perform(accepted, "move", to_unit="COMM", reason="Muộn.")
