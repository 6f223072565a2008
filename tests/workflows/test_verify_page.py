"""The public verification page's verdict (issue 15, point 5): the "verified" badge only for a
document the system issued, and for an uploaded copy only when its SHA-256 is the original's;
a code that matches nothing says so, styled like the rest, with no badge, and answers 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.choices import State
from casework.models import Document

BADGE = 'data-testid="verify-badge"'
ICON = ">verified</i>"  # the large Material icon of the page's picture side


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def notice(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = world.case_in(State.ACCEPTED)
    document = Document.objects.get(case=case)
    assert document.is_ready
    return document


def original_of(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_an_unknown_code_says_there_is_no_such_document_and_shows_no_badge(client, world, language):
    response = client.get("/verify/ZZZZ-ZZZZ/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="verify-unknown"' in page and "ZZZZ-ZZZZ" in page
    assert BADGE not in page and ICON not in page
    assert 'class="casework-verify-ok' not in page
    assert 'data-testid="verify-form"' in page  # another code may be typed at once
    if language == "en":
        assert "No document with this code" in page
    else:
        assert '<html lang="vi"' in page


def test_an_unknown_typed_code_is_the_same_page(client, world):
    response = client.get("/verify/", {"code": "zzzz zzzz"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="verify-unknown"' in page and BADGE not in page and ICON not in page


def test_the_empty_form_shows_no_badge(client, world):
    response = client.get("/verify/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert BADGE not in page and ICON not in page and 'data-testid="verify-unknown"' not in page


def test_a_real_document_gets_the_badge(client, notice):
    response = client.get(f"/verify/{notice.code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert BADGE in page and ICON in page and notice.number in page
    assert 'data-testid="verify-unknown"' not in page


def test_a_document_not_yet_issued_gets_no_badge(client, notice):
    Document.objects.filter(pk=notice.pk).update(status="pending", file="", sha256="")
    page = client.get(f"/verify/{notice.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert notice.number in page and BADGE not in page and ICON not in page


def test_an_uploaded_copy_gets_the_badge_only_when_it_is_the_original(client, notice):
    url = f"/verify/{notice.code}/"
    forged = original_of(notice) + b"%edited\n"
    response = client.post(url, {"file": SimpleUploadedFile("tb.pdf", forged)})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="verify-not-original"' in page
    assert BADGE not in page and ICON not in page
    response = client.post(url, {"file": SimpleUploadedFile("tb.pdf", original_of(notice))})
    page = response.content.decode()
    assert 'data-testid="verify-original"' in page and BADGE in page and ICON in page


def test_a_refused_comparison_shows_no_badge(client, notice):
    response = client.post(f"/verify/{notice.code}/", {})  # no file
    assert response.status_code == 400
    page = response.content.decode()
    assert BADGE not in page and ICON not in page


def test_a_copy_sent_for_an_unknown_code_is_not_found_and_gets_no_badge(client, world):
    response = client.post("/verify/ZZZZ-ZZZZ/", {"file": SimpleUploadedFile("tb.pdf", b"%PDF")})
    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="verify-unknown"' in page and BADGE not in page and ICON not in page


def test_the_page_offers_both_languages(client, notice):
    page = client.get(f"/verify/{notice.code}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Kiểm tra văn bản" in page
    assert 'name="language" value="en"' in page and 'name="language" value="vi"' in page
    page = client.get(f"/verify/{notice.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Check a document" in page
