import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from casework.choices import Kind, Role, State
from casework.models import Case, User
from permissions.roles import user_roles

DEMO_USERS = {
    "intake.prov": ("PROV", Role.INTAKE_OFFICER),
    "investigator1.prov": ("PROV", Role.INVESTIGATOR),
    "investigator2.prov": ("PROV", Role.INVESTIGATOR),
    "supervisor.prov": ("PROV", Role.SUPERVISOR),
    "auditor.prov": ("PROV", Role.AUDITOR),
    "intake.comm": ("COMM", Role.INTAKE_OFFICER),
    "investigator1.comm": ("COMM", Role.INVESTIGATOR),
    "supervisor.comm": ("COMM", Role.SUPERVISOR),
}


def seed(**options):
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    seed()


def test_demo_has_every_state_of_every_kind(seeded):
    for kind in Kind:
        cases = Case.objects.filter(kind=kind)
        assert cases.count() >= 30, kind
        assert set(cases.values_list("state", flat=True)) == set(State.values), kind
    assert set(Case.objects.values_list("unit__code", flat=True)) == {"PROV", "COMM"}


def test_demo_logins_and_roles(seeded):
    for username, (unit, role) in DEMO_USERS.items():
        user = authenticate(username=username, password="casework-demo")
        assert user is not None, username
        assert user.unit.code == unit
        assert user_roles(user) == {role}
    admin = authenticate(username="admin", password="casework-demo")
    assert admin.is_superuser


def test_seed_is_idempotent(seeded):
    cases = Case.objects.count()
    users = User.objects.count()
    assert "already present" in seed()
    assert (Case.objects.count(), User.objects.count()) == (cases, users)


def test_denunciations_name_no_denouncer_when_anonymous(seeded):
    for case in Case.objects.filter(kind=Kind.DENUNCIATION, anonymous=True):
        assert not case.parties.filter(role="denouncer").exists()


def test_refuses_when_debug_is_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not Case.objects.exists()
    seed(force=True)
    assert Case.objects.exists()


def test_the_demo_supervisor_has_this_morning_s_warnings(seeded):
    from casework.models import Notification

    supervisor = User.objects.get(username="supervisor.prov")
    warned = Notification.objects.filter(recipient=supervisor, level="overdue")
    assert warned.exists()
    assert all(n.case.unit.code == "PROV" for n in warned.select_related("case__unit"))
