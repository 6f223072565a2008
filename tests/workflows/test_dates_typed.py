"""Every date input reads dd/mm/yyyy (and ISO 8601), never month first (issue 15, point 1).

"Today" is 4 January 2027 in these tests, so that every date typed is a past day.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.choices import State
from workflows.forms import RegistrationForm

TODAY = datetime(2027, 1, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def in_january_2027():
    with time_machine.travel(TODAY, tick=False):
        yield


def received(typed: str, language: str):
    with translation.override(language):
        form = RegistrationForm(
            data={
                "kind": "petition",
                "channel": "mail",
                "received_on": typed,
                "subject": "Kiến nghị",
                "content": "Nội dung.",
            }
        )
        form.is_valid()
        return form.cleaned_data.get("received_on"), form.errors.get("received_on")


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("05/12/2026", date(2026, 12, 5)),
        ("5/12/2026", date(2026, 12, 5)),
        ("31/12/2026", date(2026, 12, 31)),
        ("2026-12-05", date(2026, 12, 5)),
        ("05-12-2026", date(2026, 12, 5)),
        ("05.12.2026", date(2026, 12, 5)),
    ],
)
def test_a_date_is_read_day_first_or_iso(db, typed, day, language):
    assert received(typed, language) == (day, None)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("typed", ["13/25/2026", "12/31/2026", "05/12/26", "31/02/2026", "hôm qua"])
def test_an_impossible_or_ambiguous_date_is_a_field_error(db, typed, language):
    day, errors = received(typed, language)
    assert day is None and errors


def api_for(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")
    return client


def registration(received_on):
    return {
        "kind": "petition",
        "channel": "mail",
        "received_on": received_on,
        "subject": "Kiến nghị sửa đường",
        "content": "Đề nghị sửa đường liên thôn.",
        "petitioners": [{"full_name": "Lê Văn Tám"}],
    }


@pytest.mark.parametrize("typed", ["05/12/2026", "2026-12-05", "05-12-2026", "05.12.2026"])
def test_the_api_reads_a_day_first_or_iso_date(world, typed):
    response = api_for(world.intake).post("/api/v1/cases/", registration(typed), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["received_on"] == "2026-12-05"
    assert response.json()["reference"].startswith("PROV-2026-")


@pytest.mark.parametrize("typed", ["12/31/2026", "13/25/2026", "05/12/26"])
def test_the_api_refuses_a_month_first_or_impossible_date(world, typed):
    response = api_for(world.intake).post("/api/v1/cases/", registration(typed), format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"received_on"}


def test_the_registration_page_saves_05_12_2026_as_5_december(client, world):
    client.force_login(world.intake)
    response = client.post(
        "/cases/case/register/",
        {
            "kind": "petition",
            "channel": "mail",
            "received_on": "05/12/2026",
            "unit": "PROV",
            "subject": "Kiến nghị sửa cầu",
            "content": "Đề nghị sửa cầu treo.",
            "parties-TOTAL_FORMS": "1",
            "parties-INITIAL_FORMS": "0",
            "parties-0-full_name": "Lê Văn Tám",
            "save": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    from casework.models import Case

    case = Case.objects.get(subject="Kiến nghị sửa cầu")
    assert case.received_on == date(2026, 12, 5)
    page = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert "05/12/2026" in page


def test_forms_show_a_date_day_first(client, world):
    case = world.case_in(State.RECEIVED, received_on=date(2026, 12, 5))
    client.force_login(world.supervisor)
    page = client.get(f"/cases/case/{case.pk}/act/amend/").content.decode()
    assert 'value="05/12/2026"' in page
    assert "2026-12-05" not in page
