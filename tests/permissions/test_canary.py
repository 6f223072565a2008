"""The canary: a denunciation whose denouncer has a name and an ID number found nowhere else.
Everything each role not allowed to know them can reach is fetched (pages, API answers, event
lists, notifications, mail, logs, attachments), and neither appears in any of it."""

import io
import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.choices import Kind, Role, State
from casework.models import Case, CaseEvent, Notification, Unit
from permissions.roles import role_groups_ensure
from tests.conftest import make_user
from tests.workflows.test_attachments import PDF
from workflows.services.attachments import attachment_add
from workflows.services.sweep import deadlines_sweep

NAME = "Vũ Thị Canary Độc Nhất"
NUMBER = "099988877766"
SECRETS = (NAME, NUMBER, "Canary", "0999888777")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scene(world, caplog, django_capture_on_commit_callbacks):
    """A district under PROV registers the canary's denunciation 50 days ago; it is accepted,
    assigned, worked on, and left late, so that it is escalated to PROV's supervisors."""
    caplog.set_level(logging.DEBUG)
    district = Unit.objects.create(code="DIST", name="Thanh tra huyện", parent=world.prov)
    role_groups_ensure(district)
    people = {
        "intake": make_user("intake.dist", district, [Role.INTAKE_OFFICER]),
        "supervisor": make_user("sup.dist", district, [Role.SUPERVISOR]),
        "investigator": make_user("inv.dist", district, [Role.INVESTIGATOR]),
        "investigator_other": make_user("inv2.dist", district, [Role.INVESTIGATOR]),
        "auditor": make_user("aud.dist", district, [Role.AUDITOR]),
    }
    # Received 50 days ago: the resolution deadline (30 days from the acceptance, 2 days in)
    # passed 18 days ago, more than the 5 working days that escalate it whatever today's
    # weekday (40 days gave 5 or 6, and none escalated on a Saturday).
    received = timezone.localdate() - timedelta(days=50)
    with django_capture_on_commit_callbacks(execute=True):
        intake = Client()
        intake.force_login(people["intake"])
        response = intake.post(
            "/cases/case/register/",
            {
                "kind": "denunciation",
                "channel": "mail",
                "received_on": received.isoformat(),
                "unit": "DIST",
                "subject": "Tố cáo cán bộ địa chính xã nhận tiền",
                "content": "Người tố cáo đề nghị giữ bí mật họ tên.",
                "parties-TOTAL_FORMS": "2",
                "parties-INITIAL_FORMS": "0",
                "parties-MIN_NUM_FORMS": "0",
                "parties-MAX_NUM_FORMS": "20",
                "parties-0-full_name": NAME,
                "parties-0-id_number": NUMBER,
                "parties-0-phone": "0999888777",
                "parties-0-role": "denouncer",
                "parties-1-full_name": "Lê Văn Bị Tố",
                "parties-1-role": "accused",
                "parties-1-position": "Cán bộ địa chính",
                "save": "",
            },
        )
        assert response.status_code == 302
        case = Case.objects.get(unit=district)
        world.perform(case, "accept", actor=people["supervisor"], on=received + timedelta(days=2))
        world.perform(
            case, "notify_acceptance", actor=people["supervisor"], on=received + timedelta(days=2)
        )
        world.perform(
            case,
            "assign",
            actor=people["supervisor"],
            assignee=people["investigator"].username,
            on=received + timedelta(days=3),
        )
        world.perform(case, "add_note", actor=people["investigator"], note="Đã làm việc với xã.")
        # The letter itself, signed: it carries the canary, and is marked as identifying.
        attachment_add(
            case_id=case.pk,
            actor=people["supervisor"],
            upload=SimpleUploadedFile("don-to-cao.pdf", PDF + f"% {NAME} {NUMBER}\n".encode()),
            description=f"Đơn có chữ ký của {NAME}",
            identifying=True,
        )
        attachment_add(
            case_id=case.pk,
            actor=people["investigator"],
            upload=SimpleUploadedFile("bien-ban.pdf", PDF),
            description="Biên bản làm việc",
        )
        # The supervisor of the district reads it (a logged reading), the sweep escalates it.
        supervisor = Client()
        supervisor.force_login(people["supervisor"])
        assert NAME in supervisor.get(f"/cases/case/{case.pk}/detail/").content.decode()
        # Late: the resolution deadline of 30 days from acceptance has passed by > 5 working days.
        deadlines_sweep(today=timezone.localdate())
    assert Notification.objects.filter(case=case, recipient=world.supervisor).exists()
    return {"case": case, "people": people, "district": district}


def reachable(user, case) -> dict[str, str]:
    """Everything this user can fetch about the case: url -> the text answered."""
    page = Client()
    page.force_login(user)
    api = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    texts = {}
    for url in (
        f"/cases/case/{case.pk}/detail/",
        f"/cases/case/{case.pk}/act/suspend/",
        f"/cases/case/{case.pk}/act/record_findings/",
        "/cases/case/",
        "/cases/mine/",
        "/cases/queue/",
        "/cases/done/",
        "/cases/dashboard/",
        "/cases/notifications/",
        "/procedures/",
        "/cases/case/export.csv",
    ):
        texts[url] = _readable(page.get(url))
    for attachment in case.attachments.all():
        url = f"/cases/case/{case.pk}/attachments/{attachment.pk}/"
        response = page.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts[url] = body.decode("latin-1") + str(response.headers)
    # Every document of the case, as a page download, as the API's PDF and on the public page;
    # a PDF's text is what is searched (its bytes are compressed).
    for document in case.documents.all():
        for client, url in (
            (page, f"/cases/case/{case.pk}/documents/{document.pk}/pdf/"),
            (api, f"/api/v1/documents/{document.pk}/pdf/"),
            (Client(), f"/verify/{document.code}/"),
        ):
            response = client.get(url)
            texts[url] = _readable(response)
    for url in (
        f"/api/v1/cases/{case.pk}/",
        f"/api/v1/cases/{case.pk}/events/",
        f"/api/v1/cases/{case.pk}/transitions/",
        "/api/v1/cases/",
        "/api/v1/cases/?kind=denunciation",
        "/api/v1/queues/overdue/",
        "/api/v1/queues/mine/",
        "/api/v1/reports/on-time/",
        "/api/v1/me/",
        "/api/v1/cases/export/",
    ):
        texts[url] = _readable(api.get(url))
    return texts


def _readable(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode() + str(response.headers)
    if response.get("Content-Type") == "application/pdf":
        reader = PdfReader(io.BytesIO(response.content))
        return " ".join(page.extract_text() for page in reader.pages) + str(response.headers)
    return response.content.decode() + str(response.headers)


NOT_ALLOWED = [
    "investigator",
    "investigator_other",
    "auditor",
    "parent_supervisor",
    "admin",
    "administrator",
]


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_the_canary_is_nowhere_a_role_not_allowed_can_reach(world, scene, caplog, role):
    case = scene["case"]
    user = {
        "parent_supervisor": world.supervisor,
        "admin": world.admin,
        "administrator": make_user("administrator", world.prov, [Role.ADMINISTRATOR]),
    }.get(role) or scene["people"][role]
    texts = reachable(user, case)
    mails = [m for m in mail.outbox if user.email in m.to]
    texts.update({f"mail {i}": f"{m.subject}\n{m.body}" for i, m in enumerate(mails)})
    assert texts, role
    for where, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, (role, where, secret)
    # A search by the denouncer's name or number finds nothing: identities are not searched.
    page, api = Client(), APIClient()
    page.force_login(user)
    api.force_authenticate(user)
    for term in ("Canary", NUMBER):
        assert case.reference not in page.get(f"/cases/case/?_search={term}").content.decode()
        assert api.get(f"/api/v1/cases/?q={term}").json()["count"] == 0
    # The case itself was reachable where the role may see it: the test looked in the right
    # places (the assigned investigator and the auditor see the case page, and the unit above
    # now that the sweep escalated it to its oversight, Art. 38; others get 404).
    seen = case.reference in texts[f"/cases/case/{case.pk}/detail/"]
    assert (case.reference in texts["/api/v1/cases/export/"]) == seen, role
    readers = {"investigator", "auditor", "parent_supervisor", "admin", "administrator"}
    assert seen == (role in readers), role


def test_the_canary_is_in_no_event_no_notification_and_no_log_line(world, scene, caplog):
    case = scene["case"]
    for event in CaseEvent.objects.filter(case=case):
        for secret in SECRETS:
            assert secret not in str(event.payload), event.action
    assert {e.action for e in CaseEvent.objects.filter(case=case)} >= {
        "CASE_REGISTERED",
        "IDENTITY_VIEWED",
        "ATTACHMENT_ADDED",
        "NOTE_ADDED",
    }
    # Everything logged while the case was registered, acted on, read and swept.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in SECRETS:
        assert secret not in logged
    # ... and the allowed do see it, so the canary was really there to find.
    allowed = Client()
    allowed.force_login(scene["people"]["intake"])
    assert NAME in allowed.get(f"/cases/case/{case.pk}/detail/").content.decode()
    letter = case.attachments.get(identifying=True)
    response = allowed.get(f"/cases/case/{case.pk}/attachments/{letter.pk}/")
    assert NAME.encode() in b"".join(response.streaming_content)


def test_reassignment_takes_the_case_away_at_once(world, scene):
    case = scene["case"]
    first, second = scene["people"]["investigator"], scene["people"]["investigator_other"]
    world.perform(case, "assign", actor=scene["people"]["supervisor"], assignee=second.username)
    page = Client()
    page.force_login(first)
    assert page.get(f"/cases/case/{case.pk}/detail/").status_code == 404
    for attachment in case.attachments.all():
        url = f"/cases/case/{case.pk}/attachments/{attachment.pk}/"
        assert page.get(url).status_code == 404
    page.force_login(second)
    assert page.get(f"/cases/case/{case.pk}/detail/").status_code == 200
    assert Case.objects.get(pk=case.pk).state == State.ASSIGNED
    assert case.kind == Kind.DENUNCIATION


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_no_document_of_a_resolved_denunciation_names_the_canary_to_a_role_not_allowed(
    world, scene, role, django_capture_on_commit_callbacks
):
    case = scene["case"]
    people = scene["people"]
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(case, "record_findings", actor=people["investigator"])
        world.perform(case, "resolve", actor=people["supervisor"])
    kinds = set(case.documents.values_list("kind", flat=True))
    assert kinds >= {
        "denunciation_acceptance_decision",
        "acceptance_notice",
        "content_notice",
        "denunciation_conclusion",
        "denouncer_notice",
    }
    assert set(case.documents.values_list("status", flat=True)) == {"ready"}
    user = {
        "parent_supervisor": world.supervisor,
        "admin": world.admin,
        "administrator": make_user("administrator", world.prov, [Role.ADMINISTRATOR]),
    }.get(role) or people[role]
    texts = reachable(user, case)
    for where, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, (role, where, secret)
    # It looked where it should: the conclusion reached the roles that see the case.
    if role in {"investigator", "auditor"}:
        conclusion = case.documents.get(kind="denunciation_conclusion")
        assert "Lê Văn Bị Tố" in texts[f"/api/v1/documents/{conclusion.pk}/pdf/"]


def test_the_notice_to_the_denouncer_names_them_to_who_may_know_them(
    world, scene, django_capture_on_commit_callbacks
):
    case = scene["case"]
    people = scene["people"]
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(case, "record_findings", actor=people["investigator"])
        world.perform(case, "resolve", actor=people["supervisor"])
    notice = case.documents.get(kind="denouncer_notice")
    texts = reachable(people["supervisor"], case)
    assert NAME in texts[f"/api/v1/documents/{notice.pk}/pdf/"]
    assert NAME not in texts[f"/verify/{notice.code}/"]
