"""Security basics: login throttling, sessions that expire, strong passwords, CSRF on every
form, and `check --deploy` clean with production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

PASSWORD = "pw-for-tests-1"


def login(client, username, password, address="203.0.113.7"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="vi",
    )


def test_five_failed_logins_lock_the_username_at_that_address(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, world.intake.username, "wrong-password").status_code == 200
    assert login(client, world.intake.username, "wrong-password").status_code == 429
    locked = login(client, world.intake.username, PASSWORD)
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out, nor another user at the first address.
    assert login(Client(), world.intake.username, PASSWORD, "198.51.100.9").status_code == 302
    assert login(Client(), world.supervisor.username, PASSWORD).status_code == 302


def test_a_success_clears_the_count(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, world.auditor.username, "wrong-password")
    assert login(client, world.auditor.username, PASSWORD).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(Client(), world.auditor.username, "wrong").status_code == 200
    assert login(Client(), world.auditor.username, PASSWORD).status_code == 302


def test_the_api_token_endpoint_is_locked_out_too(world):
    # 5 attempts: under the API's own throttle (10 a minute), so the lockout is axes'.
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            "/api/v1/auth/token/",
            {"username": world.investigator.username, "password": "wrong"},
            content_type="application/json",
        )
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT - 1 else 400)
    response = client.post(
        "/api/v1/auth/token/",
        {"username": world.investigator.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert "detail" in response.json()


def test_a_session_lasts_30_idle_minutes_and_ends_with_the_browser(client, world):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert login(client, world.supervisor.username, PASSWORD).status_code == 302
    assert client.session.get_expiry_age() == 30 * 60
    assert client.session.get_expire_at_browser_close()
    key = client.session.session_key
    # Idle for 29 minutes: one minute is left. A request gives back the whole 30.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get("/cases/mine/").status_code == 200
    left = Session.objects.get(pk=key).expire_date - timezone.now()
    assert left > timedelta(minutes=29)
    # Idle for longer: the session is over and the next page asks for the login.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/cases/mine/")["Location"].startswith("/accounts/login/")


def test_a_session_is_written_at_most_once_a_minute(client, world):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    assert login(client, world.supervisor.username, PASSWORD).status_code == 302
    key = client.session.session_key
    before = Session.objects.get(pk=key).expire_date
    # Pages within the minute after the last write: the session is read, never written.
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cases/mine/").status_code == 200
        assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert Session.objects.get(pk=key).expire_date == before
    # A minute and a second later, the next page writes it with a whole window ahead.
    Session.objects.filter(pk=key).update(expire_date=before - timedelta(seconds=61))
    assert client.get("/cases/mine/").status_code == 200
    left = Session.objects.get(pk=key).expire_date - timezone.now()
    assert timedelta(minutes=29, seconds=59) < left <= timedelta(minutes=30)


@pytest.mark.parametrize(
    "password",
    [
        "Zq7#mP2x",  # 8 characters: Django's default minimum would take it, ours does not
        "Zq7#mP2xL",  # 9
        "1234567890",
        "password123",
        "supervisor",
    ],
)
def test_weak_passwords_are_refused(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=world.supervisor)
    validate_password("Zq7#mP2xLk", user=world.supervisor)  # 10 characters


def test_every_form_needs_its_csrf_token(world):
    from casework.choices import State

    case = world.case_in(State.ASSIGNED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.supervisor)
    for url in (
        "/cases/case/register/",
        f"/cases/case/{case.pk}/act/suspend/",
        f"/cases/case/{case.pk}/attachments/add/",
        "/cases/notifications/",
        "/i18n/setlang/",
    ):
        assert client.post(url, {"reason": "x"}).status_code == 403, url
    assert Client(enforce_csrf_checks=True).post("/accounts/login/", {}).status_code == 403


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    base = Path(settings.BASE_DIR)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x7!" + "k" * 60 + "Q2#zr9",
        "ALLOWED_HOSTS": "casework.example.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "IDENTITY_KEY": "q6Tq3oJ7n0kq8m3Ck9-xz2aY0b7yS1rA5sFvW4t8uHo=",
        "IDENTITY_INDEX_KEY": "s0me-index-key-for-the-deploy-check-only-1234",
        "CASEWORK_PUBLIC_URL": "https://casework.example.vn",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in production
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=base,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def manage_check(env: dict) -> subprocess.CompletedProcess:
    """``manage.py check`` in a fresh process with this environment."""
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_the_identity_keys(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x7!" + "k" * 60 + "Q2#zr9",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("IDENTITY_KEY", None)
    env.pop("IDENTITY_INDEX_KEY", None)
    done = manage_check(env)
    assert done.returncode != 0
    assert "IDENTITY_KEY and IDENTITY_INDEX_KEY must be set" in done.stderr


def test_production_refuses_to_start_without_its_public_address(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x7!" + "k" * 60 + "Q2#zr9",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "IDENTITY_KEY": "q6Tq3oJ7n0kq8m3Ck9-xz2aY0b7yS1rA5sFvW4t8uHo=",
        "IDENTITY_INDEX_KEY": "s0me-index-key-for-the-deploy-check-only-1234",
        "CASEWORK_PUBLIC_URL": "",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = manage_check(env)
    assert done.returncode != 0
    assert "CASEWORK_PUBLIC_URL must be the site's public address" in done.stderr
