"""A file that identifies the denouncer is there only for who may see the identity."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.choices import Kind, State
from casework.models import Attachment, CaseEvent
from tests.workflows.test_attachments import PDF


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case(world):
    return world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)


def attach(client, case, *, identifying):
    if identifying:
        name, description = "don-to-cao-Hoang-Van-Canary.pdf", "Đơn có chữ ký của ông Canary"
    else:
        name, description = "bien-ban-lam-viec.pdf", "Biên bản làm việc tại xã"
    data = {"file": SimpleUploadedFile(name, PDF), "description": description}
    if identifying:
        data["identifying"] = "on"
    response = client.post(f"/cases/case/{case.pk}/attachments/add/", data)
    assert response.status_code == 302, response.content[:2000]
    return Attachment.objects.latest("pk")


def test_the_investigator_neither_sees_nor_downloads_it(client, world, case):
    client.force_login(world.supervisor)
    secret = attach(client, case, identifying=True)
    plain = attach(client, case, identifying=False)
    client.force_login(world.investigator)
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert "Canary" not in html
    assert "Biên bản làm việc tại xã" in html
    assert f"/attachments/{secret.pk}/" not in html and f"/attachments/{plain.pk}/" in html
    url = f"/cases/case/{case.pk}/attachments/{secret.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(f"/cases/case/{case.pk}/attachments/{plain.pk}/").status_code == 200
    # The timeline names the plain file, not the identifying one.
    event = CaseEvent.objects.get(case=case, payload__attachment=secret.pk)
    assert event.texts == {} and event.payload["identifying"] is True


def test_the_supervisor_downloads_it_and_the_reading_is_logged(client, world, case):
    client.force_login(world.supervisor)
    secret = attach(client, case, identifying=True)
    before = CaseEvent.objects.filter(case=case, action="IDENTITY_VIEWED").count()
    response = client.get(f"/cases/case/{case.pk}/attachments/{secret.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    after = CaseEvent.objects.filter(case=case, action="IDENTITY_VIEWED").count()
    assert after == before + 1


def test_the_choice_is_offered_on_denunciations_only(client, world):
    client.force_login(world.supervisor)
    complaint = world.case_in(State.ASSIGNED)
    html = client.get(f"/cases/case/{complaint.pk}/detail/").content.decode()
    assert 'name="identifying"' not in html
    denunciation = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    html = client.get(f"/cases/case/{denunciation.pk}/detail/").content.decode()
    assert 'name="identifying"' in html


def test_an_identifying_file_and_every_file_name_are_encrypted_at_rest(client, world, case):
    from django.db import connection

    client.force_login(world.supervisor)
    letter = PDF + b"% signed: Hoang Van Canary, CCCD 031199887766\n"
    response = client.post(
        f"/cases/case/{case.pk}/attachments/add/",
        {
            "file": SimpleUploadedFile("don-Canary.pdf", letter),
            "description": "Đơn gốc",
            "identifying": "on",
        },
    )
    assert response.status_code == 302
    secret = Attachment.objects.latest("pk")
    with secret.file.open("rb") as handle:
        on_disk = handle.read()
    assert b"Canary" not in on_disk and b"031199887766" not in on_disk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT original_name, description FROM casework_attachment WHERE id = %s",
            [secret.pk],
        )
        name, description = cursor.fetchone()
    assert "Canary" not in name and name.startswith("gAAAAA") and description.startswith("gAAAAA")
    download = client.get(f"/cases/case/{case.pk}/attachments/{secret.pk}/")
    assert b"".join(download.streaming_content) == letter  # the supervisor gets it back whole
    assert secret.sha256 == hashlib.sha256(letter).hexdigest()  # of the evidence, not the token


# Issue 15, point 3: an investigator's own evidence must not disappear.


def identifying_box(html: str) -> str | None:
    """The "identifies the denouncer" checkbox's tag, or None when the form has none."""
    import re

    found = re.search(r'<vf-field-checkbox[^>]*name="identifying"[^>]*>', html)
    return found.group(0) if found else None


def test_the_investigator_is_offered_no_identifying_box_and_sees_the_file_they_attach(
    client, world, case
):
    client.force_login(world.investigator)
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert 'data-testid="attachment-form"' in html
    assert identifying_box(html) is None
    response = client.post(
        f"/cases/case/{case.pk}/attachments/add/",
        {"file": SimpleUploadedFile("bien-ban-xac-minh.pdf", PDF), "description": "Biên bản"},
    )
    assert response.status_code == 302
    mine = Attachment.objects.get(case=case, uploaded_by=world.investigator)
    assert not mine.identifying
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert "bien-ban-xac-minh.pdf" in html
    assert f"/attachments/{mine.pk}/" in html
    assert client.get(f"/cases/case/{case.pk}/attachments/{mine.pk}/").status_code == 200


def test_an_investigator_cannot_mark_a_file_identifying(client, world, case):
    client.force_login(world.investigator)
    response = client.post(
        f"/cases/case/{case.pk}/attachments/add/",
        {"file": SimpleUploadedFile("x.pdf", PDF), "description": "", "identifying": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "Only those who may see the denouncer" in response.content.decode()
    assert not Attachment.objects.filter(case=case).exists()


def test_the_box_is_ticked_for_the_registrar_and_left_to_the_supervisor(client, world):
    case = world.case_in(State.RECEIVED, kind=Kind.DENUNCIATION)
    client.force_login(world.intake)
    box = identifying_box(client.get(f"/cases/case/{case.pk}/detail/").content.decode())
    assert box is not None and "checked" in box
    client.force_login(world.supervisor)
    box = identifying_box(client.get(f"/cases/case/{case.pk}/detail/").content.decode())
    assert box is not None and "checked" not in box


def test_the_registrar_attaches_the_letter_marked_and_still_sees_it(client, world):
    case = world.case_in(State.RECEIVED, kind=Kind.DENUNCIATION)
    client.force_login(world.intake)
    response = client.post(
        f"/cases/case/{case.pk}/attachments/add/",
        {"file": SimpleUploadedFile("don-goc.pdf", PDF), "identifying": "on"},
    )
    assert response.status_code == 302
    letter = Attachment.objects.get(case=case)
    assert letter.identifying and letter.uploaded_by == world.intake
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert f"/attachments/{letter.pk}/" in html  # whoever marks one sees it
    client.force_login(world.supervisor)
    world.perform(case, "accept")
    world.perform(case, "assign")
    client.force_login(world.investigator)
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert f"/attachments/{letter.pk}/" not in html
