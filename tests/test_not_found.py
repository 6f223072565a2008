"""Every "not found" is the app's own page, in the user's language, even with DEBUG on: never
Django's technical page, which lists every URL pattern of the site (issue 15)."""

import pytest
from django.test import Client

from casework.choices import State


@pytest.fixture
def debug(settings):
    settings.DEBUG = True  # as under `make run`


def assert_the_app_s_404(response):
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="error-404"' in html, html[:300]
    assert "URLconf" not in html and "Using the URLconf" not in html
    assert "Raised by" not in html and "DEBUG = True" not in html
    assert "vf-page-lockscreen" in html  # the app's look


def test_a_case_taken_from_an_investigator_is_the_app_s_404(client, world, debug):
    case = world.case_in(State.ASSIGNED)
    world.perform(case, "assign")  # to the other investigator
    client.force_login(world.investigator)
    for url in (
        f"/cases/case/{case.pk}/detail/",
        f"/cases/case/{case.pk}/",
        f"/cases/case/{case.pk}/act/record_findings/",
        f"/cases/case/{case.pk}/documents/1/pdf/",
    ):
        assert_the_app_s_404(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))


@pytest.mark.parametrize("logged_in", [True, False])
def test_an_address_that_matches_nothing_is_the_app_s_404(client, world, debug, logged_in):
    if logged_in:
        client.force_login(world.supervisor)
    for url in ("/nowhere/", "/cases/nothing/here/", "/verify/x/y/z/"):
        assert_the_app_s_404(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))


def test_the_404_page_is_in_the_user_s_language(client, world, debug):
    client.force_login(world.investigator)
    html = client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Không tìm thấy" in html and 'lang="vi"' in html
    html = client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not found" in html


def test_the_same_page_without_debug(client, world):
    client.force_login(world.investigator)
    assert_the_app_s_404(client.get("/nowhere/"))


def test_the_api_s_404_stays_json(world, debug):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.supervisor)
    for url in ("/api/v1/nowhere/", "/api/v1/cases/999999/", "/api/", "/api/v2/cases/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Not found."}, url


def test_a_missing_slash_still_redirects(client, world, debug):
    client.force_login(world.supervisor)
    response = client.get("/cases/case")
    assert (response.status_code, response["Location"]) == (301, "/cases/case/")
