"""Racing API clients on PostgreSQL: one wins, the others hear 409."""

import threading

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.models import CaseEvent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_six_clients_accepting_one_case(fresh_world):
    case = fresh_world.register()
    token, _ = Token.objects.get_or_create(user=fresh_world.supervisor)
    barrier = threading.Barrier(6)
    answers = []

    def accept():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        try:
            barrier.wait(timeout=10)
            response = client.post(
                f"/api/v1/cases/{case.pk}/transitions/accept/", {}, format="json"
            )
            answers.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(code for code, _body in answers) == [200, 409, 409, 409, 409, 409]
    assert all("detail" in body for code, body in answers if code == 409)
    assert CaseEvent.objects.filter(case=case, action="CASE_ACCEPTED").count() == 1
