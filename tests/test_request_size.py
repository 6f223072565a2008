"""A body too large is a clean 413, the app's page or the API's JSON, never a 500 nor
Django's technical page; an attachment of the allowed size still goes through (issue 15)."""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casework.choices import State
from casework.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
MB = 1024 * 1024


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def assert_the_app_s_413(response):
    assert response.status_code == 413, response.status_code
    html = response.content.decode()
    assert 'data-testid="error-413"' in html, html[:300]
    assert "Traceback" not in html and "RequestDataTooBig" not in html
    assert "vf-page-lockscreen" in html


@pytest.mark.parametrize("debug", [True, False])
def test_a_form_too_large_is_the_app_s_413_page(world, settings, debug):
    settings.DEBUG = debug
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.supervisor)
    size = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    body = "csrfmiddlewaretoken=x&reason=" + "x" * size
    for url in ("/cases/notifications/", "/accounts/login/"):
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        assert_the_app_s_413(response)
        assert "20 MB" in response.content.decode()


def test_an_upload_far_past_the_attachment_limit_is_413(client, world, media):
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    huge = SimpleUploadedFile("scan.pdf", PDF + b"0" * (30 * MB), content_type="application/pdf")
    response = client.post(
        f"/cases/case/{case.pk}/attachments/add/", {"file": huge}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert_the_app_s_413(response)
    assert not Attachment.objects.exists()


def test_a_19_mb_pdf_is_still_attached(client, world, media):
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    content = PDF + b"0" * (19 * MB - len(PDF))
    scan = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")
    response = client.post(
        f"/cases/case/{case.pk}/attachments/add/", {"file": scan, "description": "bản chụp"}
    )
    assert response.status_code == 302, response.content[:300]
    assert Attachment.objects.get(case=case).size == 19 * MB


def test_the_api_s_multipart_body_is_limited_too(world):
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=world.intake)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")
    big = SimpleUploadedFile("x.txt", b"x" * (25 * MB))
    response = client.post("/api/v1/cases/", {"kind": "complaint", "file": big})
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
