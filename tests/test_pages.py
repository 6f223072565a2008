"""The pages served today: login, and the case list scoped by permissions.selectors."""

import pytest

from casework.choices import State


@pytest.fixture
def cases(world):
    mine = world.register(subject="Đơn của PROV")
    theirs = world.register(actor=world.other_intake, subject="Đơn của COMM")
    return mine, theirs


def test_login_page_is_served_in_vietnamese_by_default(client, settings):
    settings.LANGUAGE_CODE = "vi"
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Casework" in body
    assert "Đăng nhập" in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_login_page_in_english_on_request(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Log in" in response.content.decode()


def test_home_asks_for_login(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


def test_logging_in_with_a_demo_style_account(client, world):
    response = client.post(
        "/accounts/login/", {"username": "sup", "password": "pw-for-tests-1"}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user == world.supervisor


@pytest.mark.parametrize(
    ("who", "sees_mine", "sees_theirs"),
    [
        ("supervisor", True, False),
        ("auditor", True, False),
        ("intake", True, False),
        ("investigator", False, False),
        ("other_supervisor", False, True),
        ("admin", True, True),
    ],
)
def test_case_list_shows_only_what_the_user_may_see(
    client, world, cases, who, sees_mine, sees_theirs
):
    mine, theirs = cases
    client.force_login(getattr(world, who))
    body = client.get("/cases/case/").content.decode()
    assert (mine.reference in body) is sees_mine
    assert (theirs.reference in body) is sees_theirs


def test_case_page_of_another_unit_is_404(client, world, cases):
    mine, theirs = cases
    client.force_login(world.supervisor)
    assert client.get(f"/cases/case/{mine.pk}/detail/").status_code == 200
    assert client.get(f"/cases/case/{theirs.pk}/detail/").status_code == 404
    assert client.get(f"/cases/case/{theirs.pk + 999}/detail/").status_code == 404


def test_assigned_case_appears_for_the_investigator(client, world):
    case = world.case_in(State.ASSIGNED)
    client.force_login(world.investigator)
    assert case.reference in client.get("/cases/case/").content.decode()


def test_not_found_is_a_page_in_the_user_s_language(client, world):
    client.force_login(world.supervisor)
    response = client.get("/cases/case/999999/detail/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="error-404"' in html and "Không tìm thấy" in html
    assert "We're sorry" not in html


def test_short_dates_are_day_first(client, world):
    from datetime import date

    from django.utils import translation
    from django.utils.formats import date_format

    for language in ("vi", "en"):
        with translation.override(language):
            assert date_format(date(2026, 1, 19), "SHORT_DATE_FORMAT") == "19/01/2026"
