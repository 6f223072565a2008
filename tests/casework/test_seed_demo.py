import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from casework.choices import Kind, Role, State
from casework.models import Case, Document, User
from permissions.roles import user_roles
from tests.conftest import REACHED_BY

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
def seeded(db, settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    seed()


def test_demo_has_every_state_of_every_kind(seeded):
    for kind in Kind:
        cases = Case.objects.filter(kind=kind)
        assert cases.count() >= 30, kind
        states = {s for s in State.values if kind in REACHED_BY.get(s, Kind)}
        assert set(cases.values_list("state", flat=True)) == states, kind
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


def test_the_demo_s_documents_are_issued_and_name_no_denouncer(
    db, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Every notice of the demo's cases, read back from its PDF: issued, numbered, dated in its
    unit's place, and, on a denunciation, naming no denouncer except in the notice to them."""
    from tests.workflows.test_notices import pdf_text

    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        seed()  # the renders run after the commit, as `make run` has them

    documents = list(Document.objects.select_related("case", "unit"))
    assert {d.status for d in documents} == {"ready"}
    assert {d.kind for d in documents} >= {
        "acceptance_notice",
        "non_acceptance_notice",
        "transfer_slip",
        "suspension_decision",
        "complaint_decision",
        "denunciation_conclusion",
        "denouncer_notice",
        "petition_reply",
        "denunciation_acceptance_decision",
        "content_notice",
        "termination_decision",
        "guidance_slip",
        "papers_return",
    }
    assert "closure_notice" not in {d.kind for d in documents}  # each end its own document
    seen = set()
    for document in documents:
        if document.kind in seen and document.case.kind != Kind.DENUNCIATION:
            continue  # one of each kind is enough, but every denunciation's
        seen.add(document.kind)
        text = pdf_text(document)
        assert f"Số: {document.number}" in text and document.unit.place in text
        assert document.case.reference in text
        if document.case.kind == Kind.DENUNCIATION and not document.identifying:
            for party in document.case.parties.exclude(role="accused"):
                assert party.identity.full_name not in text, (document.number, document.kind)
