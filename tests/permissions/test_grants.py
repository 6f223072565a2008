"""Per-case grants: what each role holds, and the door's one-query reading of them."""

import pytest

from casework.choices import State
from permissions.selectors import ALL_CASE_PERMISSIONS, case_list_visible, case_permissions

ROLES = [
    "intake",
    "investigator",
    "investigator2",
    "supervisor",
    "auditor",
    "other_supervisor",
    "other_intake",
    "admin",
]


@pytest.mark.parametrize("roles_read", [False, True], ids=["roles unread", "roles read"])
@pytest.mark.parametrize("who", ROLES)
def test_one_query_reading_agrees_with_guardian(
    world, who, roles_read, django_assert_max_num_queries
):
    from permissions.roles import user_roles

    case = world.case_in(State.ASSIGNED)
    user = getattr(world, who)
    user.__dict__.pop("_casework_roles", None)
    expected = {code for code in ALL_CASE_PERMISSIONS if user.has_perm(f"casework.{code}", case)}
    user.__dict__.pop("_casework_roles", None)
    if roles_read:
        user_roles(user)  # as a request that has listed cases before acting
    with django_assert_max_num_queries(0 if user.is_superuser else 1):
        held = case_permissions(user, case)
    assert held == expected


@pytest.mark.parametrize("who", [*ROLES, "granted directly", "inactive intake"])
def test_who_may_register_agrees_with_has_perm(world, who, django_assert_max_num_queries):
    from django.contrib.auth.models import Permission

    from permissions.roles import user_may_register
    from tests.conftest import make_user

    if who == "granted directly":
        user = make_user("clerk", world.prov, [])
        user.user_permissions.add(Permission.objects.get(codename="add_case"))
    elif who == "inactive intake":
        user = make_user("gone", world.prov, ["intake_officer"], is_active=False)
    else:
        user = getattr(world, who)
    expected = type(user).objects.get(pk=user.pk).has_perm("casework.add_case")
    with django_assert_max_num_queries(1):
        assert user_may_register(user) is expected
    assert expected is (
        who
        in ("intake", "supervisor", "other_supervisor", "other_intake", "admin", "granted directly")
    )


def test_what_each_role_holds_on_an_assigned_case(world):
    case = world.case_in(State.ASSIGNED)
    assert case.assignee == world.investigator
    held = {who: case_permissions(getattr(world, who), case) for who in ROLES}
    assert held["supervisor"] == {"view_case", "decide_case", "record_withdrawal_case"}
    assert held["auditor"] == {"view_case"}
    assert held["intake"] == {"view_case", "record_withdrawal_case"}
    assert held["investigator"] == {"view_case", "investigate_case"}
    assert held["investigator2"] == set()
    assert held["other_supervisor"] == set()
    assert held["other_intake"] == set()
    assert held["admin"] == ALL_CASE_PERMISSIONS


@pytest.mark.parametrize("who", ROLES)
def test_list_scope_matches_the_grants(world, who):
    cases = [world.case_in(s) for s in (State.RECEIVED, State.ASSIGNED, State.RESOLVED)]
    cases.append(world.register(actor=world.other_intake))
    user = getattr(world, who)
    listed = set(case_list_visible(user))
    granted = {c for c in cases if "view_case" in case_permissions(user, c)}
    assert listed == granted


def test_a_new_supervisor_sees_the_units_existing_cases(world):
    from tests.conftest import make_user

    case = world.register()
    newcomer = make_user("sup2", world.prov, ["supervisor"])
    assert "decide_case" in case_permissions(newcomer, case)
    assert case in case_list_visible(newcomer)


def test_an_inactive_user_holds_nothing(world):
    case = world.register()
    world.supervisor.is_active = False
    try:
        assert case_permissions(world.supervisor, case) == frozenset()
        assert not case_list_visible(world.supervisor).exists()
    finally:
        world.supervisor.is_active = True


def test_a_non_superuser_administrator_reads_every_case_and_decides_none(world):
    from tests.conftest import make_user
    from workflows.errors import ActionForbidden

    administrator = make_user("admin2", None, ["administrator"])
    cases = [world.register(), world.register(actor=world.other_intake)]
    for case in cases:
        held = case_permissions(administrator, case)
        assert held == {"view_case"}
        assert held == {
            c for c in ALL_CASE_PERMISSIONS if administrator.has_perm(f"casework.{c}", case)
        }
        with pytest.raises(ActionForbidden):
            world.perform(case, "accept", actor=administrator)
    assert set(case_list_visible(administrator)) == set(cases)


def test_moving_a_user_to_another_unit_takes_their_grants_away(world):
    from permissions.roles import user_roles
    from permissions.users import user_move_unit
    from workflows.errors import CaseNotFound

    registered = world.register()
    assigned = world.case_in(State.ASSIGNED)
    user_move_unit(user=world.intake, unit=world.comm)
    user_move_unit(user=world.investigator, unit=world.comm)
    try:
        for user, case in ((world.intake, registered), (world.investigator, assigned)):
            assert case_permissions(user, case) == frozenset()
            assert not user.has_perm("casework.view_case", case)
            assert case not in case_list_visible(user)
            assert user_roles(user) == frozenset()
        with pytest.raises(CaseNotFound):
            world.perform(registered, "withdraw", actor=world.intake)
        with pytest.raises(CaseNotFound):
            world.perform(assigned, "record_findings", actor=world.investigator)
    finally:
        world.intake.unit = world.investigator.unit = world.prov


def test_the_permission_ids_are_read_again_after_a_migrate(world):
    from django.core.management.sql import emit_post_migrate_signal

    from permissions import grants

    assert grants._permission_ids({grants.VIEW})  # read once, then kept by the process
    assert grants._PERMISSION_IDS
    emit_post_migrate_signal(0, False, "default")  # what migrate and flush send at their end
    assert not grants._PERMISSION_IDS
    case = world.case_in(State.ASSIGNED)  # and the next grants are written with fresh ids
    assert "view_case" in case_permissions(world.investigator, case)
