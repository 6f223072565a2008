"""check_cases: no active case waits on nobody, and each has a clock."""

import io

import pytest
from django.core.management import CommandError, call_command

from casework.choices import State
from casework.models import Clock
from permissions.roles import user_set_roles


def check():
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_cases", stdout=out, stderr=err)
    except CommandError as failed:
        return False, err.getvalue(), str(failed)
    return True, out.getvalue(), ""


def test_demo_data_is_clean(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    ok, text, _summary = check()
    assert ok, text


def test_an_assignee_who_was_deactivated_is_reported(world):
    case = world.case_in(State.ASSIGNED)
    assert check()[0]
    world.investigator.is_active = False
    world.investigator.save()
    ok, text, summary = check()
    assert not ok
    assert f"{case.reference}: assigned to inv1" in text
    assert "1 case problem" in summary
    world.investigator.is_active = True


def test_an_assignee_who_lost_the_role_is_reported(world):
    case = world.case_in(State.INVESTIGATED)
    assert check()[0]  # the supervisors' move now: the assignee does not matter
    world.perform(case, "return_for_rework")
    user_set_roles(user=world.investigator, roles=[])
    ok, text, _summary = check()
    assert not ok and case.reference in text


@pytest.mark.parametrize("state", [State.RECEIVED, State.SUSPENDED])
def test_a_unit_without_a_supervisor_is_reported(world, state):
    # A suspension too: only a supervisor can resume it.
    case = world.case_in(state)
    user_set_roles(user=world.supervisor, roles=[])
    ok, text, _summary = check()
    assert not ok
    assert f"{case.reference}: waits on the supervisors of PROV" in text


@pytest.mark.parametrize("state", [State.RECEIVED, State.ASSIGNED])
def test_an_active_case_without_a_clock_is_reported(world, state):
    case = world.case_in(state)
    Clock.objects.filter(case=case).delete()
    ok, text, _summary = check()
    assert not ok
    assert f"{case.reference}: has no running or paused deadline" in text
