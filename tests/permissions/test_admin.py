"""The admin: units, users and their roles; cases and events read-only."""

import pytest
from django.contrib.auth.models import Group

from casework.choices import Role
from permissions.roles import role_group_name, user_roles


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/casework/unit/",
        "/admin/casework/user/",
        "/admin/casework/case/",
        "/admin/casework/caseevent/",
        "/admin/permissions/unitrole/",
    ],
)
def test_admin_pages_open(admin_client, world, url):
    world.register()
    assert admin_client.get(url).status_code == 200


def test_events_and_cases_cannot_be_changed_in_the_admin(admin_client, world):
    case = world.register()
    event = case.events.get()
    page = admin_client.get(f"/admin/casework/caseevent/{event.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = admin_client.post(
        f"/admin/casework/caseevent/{event.pk}/change/", {"action": "CASE_RESOLVED"}
    )
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.action == "CASE_REGISTERED"
    assert admin_client.post(f"/admin/casework/caseevent/{event.pk}/delete/").status_code == 403
    assert admin_client.get("/admin/casework/case/add/").status_code == 403


def test_new_unit_gets_its_role_groups(admin_client):
    response = admin_client.post(
        "/admin/casework/unit/add/", {"code": "DIST", "name": "Thanh tra huyện", "level": ""}
    )
    assert response.status_code == 302
    for role in ("intake_officer", "investigator", "supervisor", "auditor"):
        assert Group.objects.filter(name=f"DIST:{role}").exists()


def test_bad_unit_code_is_a_form_error(admin_client):
    response = admin_client.post("/admin/casework/unit/add/", {"code": "d-1", "name": "X"})
    assert response.status_code == 200
    assert "capital letters" in response.content.decode()


def user_form(user, **changes):
    data = {
        "username": user.username,
        "unit": user.unit_id,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "08:00:00",
        "groups": [g.pk for g in user.groups.all()],
    }
    data.update(changes)
    return data


def test_role_group_of_another_unit_is_refused(admin_client, world):
    foreign = Group.objects.get(name=role_group_name(world.comm, Role.SUPERVISOR))
    user = world.investigator
    response = admin_client.post(
        f"/admin/casework/user/{user.pk}/change/", user_form(user, groups=[foreign.pk])
    )
    assert response.status_code == 200
    assert "another unit" in response.content.decode()
    user.refresh_from_db()
    assert not user.groups.filter(pk=foreign.pk).exists()


def test_admin_gives_a_role(admin_client, world):
    user = world.investigator2
    own = Group.objects.get(name=role_group_name(world.prov, Role.SUPERVISOR))
    response = admin_client.post(
        f"/admin/casework/user/{user.pk}/change/", user_form(user, groups=[own.pk])
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user_roles(user) == {Role.SUPERVISOR}


def test_moving_a_user_in_the_admin_revokes_their_case_grants(admin_client, world):
    from permissions.selectors import case_permissions

    case = world.register()
    user = world.intake
    own = Group.objects.get(name=role_group_name(world.comm, Role.INTAKE_OFFICER))
    response = admin_client.post(
        f"/admin/casework/user/{user.pk}/change/",
        user_form(user, unit=world.comm.pk, groups=[own.pk]),
    )
    assert response.status_code == 302
    user.refresh_from_db()
    user.__dict__.pop("_casework_roles", None)
    assert user.unit == world.comm
    assert case_permissions(user, case) == frozenset()
    assert user_roles(user) == {Role.INTAKE_OFFICER}
    world.intake.unit = world.prov


def test_only_a_superuser_makes_superusers(client, world):
    from tests.conftest import make_user

    administrator = make_user("admin2", None, ["administrator"], is_staff=True)
    client.force_login(administrator)
    target = world.investigator2
    response = client.post(
        f"/admin/casework/user/{target.pk}/change/",
        user_form(target, is_superuser="on", is_staff="on"),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_superuser
