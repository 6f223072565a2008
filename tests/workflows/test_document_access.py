"""Reading the notices: on the case page and in the API, through the case's permission checks;
the notice to a denouncer only for who may see the identity; a failed one retried by a
supervisor; and the public page that says whether a copy is the original."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.choices import Kind, State
from casework.models import CaseEvent, Document
from workflows.procedures import IDENTITY_VIEWED_EVENT

DENOUNCER = "Nguyễn Văn An"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def api(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def accepted(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return world.case_in(State.ACCEPTED)


@pytest.fixture
def resolved_denunciation(world, django_capture_on_commit_callbacks):
    parties = [
        {"full_name": DENOUNCER, "id_number": "001204012345"},
        {"role": "accused", "full_name": "Trần Văn Cường"},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        return world.case_in(
            State.RESOLVED, kind=Kind.DENUNCIATION, is_complex=True, parties=parties
        )


def readings(case) -> int:
    return CaseEvent.objects.filter(case=case, action=IDENTITY_VIEWED_EVENT).count()


# --- API -----------------------------------------------------------------------------------


def test_the_case_lists_its_documents_and_each_downloads_as_issued(world, accepted):
    body = api(world.supervisor).get(f"/api/v1/cases/{accepted.pk}/").json()
    [row] = body["documents"]
    notice = Document.objects.get(case=accepted)
    assert row == {
        "id": notice.pk,
        "kind": "acceptance_notice",
        "number": notice.number,
        "status": "ready",
        "issued_on": notice.issued_on.isoformat(),
        "sha256": notice.sha256,
        "url": f"http://testserver/api/v1/documents/{notice.pk}/pdf/",
    }
    for user in (world.supervisor, world.auditor, world.intake):
        response = api(user).get(row["url"])
        assert response.status_code == 200, (user, response.content[:200])
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert hashlib.sha256(response.content).hexdigest() == notice.sha256


def test_a_document_of_a_case_one_may_not_see_is_not_found(world, accepted):
    notice = Document.objects.get(case=accepted)
    missing = api(world.supervisor).get("/api/v1/documents/999999/pdf/")
    assert missing.status_code == 404
    for user in (world.other_supervisor, world.other_investigator):
        response = api(user).get(f"/api/v1/documents/{notice.pk}/pdf/")
        # The same answer as for no document at all: nothing is disclosed.
        assert response.status_code == 404 and response.json() == missing.json()
    assert APIClient().get(f"/api/v1/documents/{notice.pk}/pdf/").status_code == 401


def test_a_document_not_yet_issued_answers_409(world, accepted):
    notice = Document.objects.get(case=accepted)
    Document.objects.filter(pk=notice.pk).update(status="pending")
    response = api(world.supervisor).get(f"/api/v1/documents/{notice.pk}/pdf/")
    assert response.status_code == 409
    assert notice.number in response.json()["detail"]


def test_the_notice_to_the_denouncer_is_only_for_who_may_know_them(world, resolved_denunciation):
    case = resolved_denunciation
    notice = case.documents.get(kind="denouncer_notice")
    conclusion = case.documents.get(kind="denunciation_conclusion")
    # The investigator sees the conclusion, not the notice that names the denouncer.
    kinds = [
        d["kind"]
        for d in api(world.investigator).get(f"/api/v1/cases/{case.pk}/").json()["documents"]
    ]
    assert "denunciation_conclusion" in kinds and "denouncer_notice" not in kinds
    assert api(world.investigator).get(f"/api/v1/documents/{notice.pk}/pdf/").status_code == 404
    assert api(world.auditor).get(f"/api/v1/documents/{notice.pk}/pdf/").status_code == 404
    ok = api(world.auditor).get(f"/api/v1/documents/{conclusion.pk}/pdf/")
    assert ok.status_code == 200 and ok.content.startswith(b"%PDF")
    # The supervisor reads it; the reading is logged, as every reading of the identity is.
    before = readings(case)
    response = api(world.supervisor).get(f"/api/v1/documents/{notice.pk}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert hashlib.sha256(response.content).hexdigest() == notice.sha256
    assert readings(case) == before + 1


# --- the case page --------------------------------------------------------------------------


def test_the_case_page_lists_the_documents_with_their_downloads(client, world, accepted):
    notice = Document.objects.get(case=accepted)
    client.force_login(world.auditor)
    page = client.get(f"/cases/case/{accepted.pk}/detail/").content.decode()
    url = f"/cases/case/{accepted.pk}/documents/{notice.pk}/pdf/"
    assert notice.number in page and url in page
    response = client.get(url)
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == notice.sha256
    client.force_login(world.other_supervisor)
    assert client.get(url).status_code == 404
    # Another case's id in the path: not found, whatever the document.
    other = world.register()
    client.force_login(world.supervisor)
    assert client.get(f"/cases/case/{other.pk}/documents/{notice.pk}/pdf/").status_code == 404


def test_a_failed_document_shows_a_retry_to_the_supervisor_only(
    client, world, accepted, django_capture_on_commit_callbacks
):
    notice = Document.objects.get(case=accepted)
    Document.objects.filter(pk=notice.pk).update(
        status="failed", error="OSError: no fonts", sha256="", file=""
    )
    retry = f"/cases/case/{accepted.pk}/documents/{notice.pk}/retry/"
    client.force_login(world.auditor)
    page = client.get(f"/cases/case/{accepted.pk}/detail/").content.decode()
    assert 'data-status="failed"' in page and retry not in page
    response = client.post(retry)
    assert response.status_code == 302
    assert Document.objects.get(pk=notice.pk).status == "failed"  # refused: read only
    client.force_login(world.supervisor)
    page = client.get(f"/cases/case/{accepted.pk}/detail/").content.decode()
    assert retry in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry, follow=True)
    assert response.status_code == 200 and notice.number in response.content.decode()
    notice.refresh_from_db()
    assert (notice.status, notice.error, notice.attempts) == ("ready", "", 1)
    assert client.get(f"/cases/case/{accepted.pk}/documents/{notice.pk}/pdf/").status_code == 200
    # Issued: there is nothing more to retry.
    response = client.post(retry, follow=True)
    assert "Only a document that failed can be retried" in response.content.decode()


# --- the public verification page -----------------------------------------------------------


def test_the_verification_page_shows_the_document_and_no_one(client, resolved_denunciation):
    for document in resolved_denunciation.documents.all():
        response = client.get(f"/verify/{document.code}/")
        assert response.status_code == 200
        page = response.content.decode()
        for expected in (document.number, document.sha256, document.issued_on.strftime("%d/%m/%Y")):
            assert expected in page
        assert resolved_denunciation.unit.name in page
        for secret in (
            DENOUNCER,
            "Trần Văn Cường",
            resolved_denunciation.subject,
            resolved_denunciation.reference,
        ):
            assert secret not in page, secret


def test_the_verification_page_confirms_the_original_and_rejects_a_modified_copy(client, accepted):
    notice = Document.objects.get(case=accepted)
    with notice.file.open("rb") as handle:
        original = handle.read()
    url = f"/verify/{notice.code}/"
    response = client.post(url, {"file": SimpleUploadedFile("tb.pdf", original)})
    assert response.status_code == 200
    assert 'data-testid="verify-original"' in response.content.decode()
    # One byte changed, as an edited copy would be.
    forged = original + b"%edited\n"
    response = client.post(url, {"file": SimpleUploadedFile("tb.pdf", forged)})
    page = response.content.decode()
    assert (
        'data-testid="verify-not-original"' in page and 'data-testid="verify-original"' not in page
    )
    assert hashlib.sha256(forged).hexdigest() in page


def test_the_verification_page_takes_a_typed_code_and_says_when_there_is_none(client, accepted):
    notice = Document.objects.get(case=accepted)
    typed = notice.code.lower().replace("-", " ")
    response = client.get("/verify/", {"code": typed})
    assert response.status_code == 200 and notice.number in response.content.decode()
    response = client.get("/verify/ZZZZ-ZZZZ/")
    assert response.status_code == 404
    assert 'data-testid="verify-unknown"' in response.content.decode()
    response = client.post(f"/verify/{notice.code}/", {})
    assert response.status_code == 400  # no file: the form says so, no 500


# --- corrections ---------------------------------------------------------------------------


def test_a_correction_is_a_new_document_that_replaces_the_old_one(
    client, world, accepted, django_capture_on_commit_callbacks
):
    old = Document.objects.get(case=accepted)
    with old.file.open("rb") as handle:
        old_bytes = handle.read()
    correct = f"/cases/case/{accepted.pk}/documents/{old.pk}/correct/"
    client.force_login(world.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(correct, {"reason": "Sai chức danh người ký."}, follow=True)
    assert response.status_code == 200
    new = Document.objects.get(replaces=old)
    assert f"{new.number} issued: it replaces {old.number}." in response.content.decode()
    assert (new.kind, new.event_id, new.status) == (old.kind, old.event_id, "ready")
    assert new.sequence == old.sequence + 1 and new.code != old.code
    text = pdf_text_of(new)
    assert f"thay thế văn bản số {old.number}" in text and "Sai chức danh người ký." in text
    # The old file stays as it was issued.
    old.refresh_from_db()
    with old.file.open("rb") as handle:
        assert handle.read() == old_bytes
    assert hashlib.sha256(old_bytes).hexdigest() == old.sha256
    event = accepted.events.get(action="DOCUMENT_CORRECTED")
    assert event.payload == {
        "document": old.number,
        "correction": new.number,
        "texts": event.payload["texts"],
    }
    assert event.texts == {"reason": "Sai chức danh người ký."}
    # The public page of the old one says it was replaced.
    page = client.get(f"/verify/{old.code}/").content.decode()
    assert 'data-testid="verify-replaced"' in page and new.number in page
    assert (
        'data-testid="verify-replaced"' not in client.get(f"/verify/{new.code}/").content.decode()
    )
    # Corrected once: the next correction is of the correction.
    response = client.post(correct, {"reason": "Lần nữa."}, follow=True)
    assert f"was already corrected by {new.number}" in response.content.decode()
    assert Document.objects.filter(case=accepted).count() == 2


def test_a_correction_needs_a_reason_and_a_supervisor(client, world, accepted):
    old = Document.objects.get(case=accepted)
    correct = f"/cases/case/{accepted.pk}/documents/{old.pk}/correct/"
    client.force_login(world.supervisor)
    response = client.post(correct, {"reason": "  "}, follow=True)
    assert "Say what the correction corrects." in response.content.decode()
    client.force_login(world.auditor)
    response = client.post(correct, {"reason": "Sai số."}, follow=True)
    assert "Only a supervisor of the case may correct its documents." in response.content.decode()
    client.force_login(world.other_supervisor)
    assert client.post(correct, {"reason": "Sai số."}).status_code == 404
    assert Document.objects.filter(case=accepted).count() == 1
    assert not accepted.events.filter(action="DOCUMENT_CORRECTED").exists()


def pdf_text_of(document) -> str:
    import io

    from pypdf import PdfReader

    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_verification_page_takes_odd_codes_and_large_files_calmly(client, accepted, settings):
    notice = Document.objects.get(case=accepted)
    # Without its dash, in lower case: the same document.
    bare = notice.code.replace("-", "").lower()
    assert notice.number in client.get(f"/verify/{bare}/").content.decode()
    for odd in ("%00", "A%00B", "%27%22", "x" * 40, "..%2F"):
        assert client.get(f"/verify/{odd}/").status_code == 404, odd
    # Larger than any notice: refused before the body is read.
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (6 * 1024 * 1024))
    response = client.post(f"/verify/{notice.code}/", {"file": big})
    assert response.status_code == 413 and 'data-testid="verify-error"' in response.content.decode()


def test_the_verification_page_limits_comparisons_per_address(client, accepted):
    from workflows.pages.verify import COMPARE_PER_MINUTE

    notice = Document.objects.get(case=accepted)
    url = f"/verify/{notice.code}/"
    for _ in range(COMPARE_PER_MINUTE):
        response = client.post(url, {"file": SimpleUploadedFile("c.pdf", b"%PDF-1.7 copy")})
        assert response.status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("c.pdf", b"%PDF-1.7 copy")})
    assert response.status_code == 429
