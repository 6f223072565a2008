"""The settings are driven by the environment, as the README documents."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The identity keys production must be given (tests/test_security.py checks the refusal).
PRODUCTION_KEYS = {
    "IDENTITY_KEY": "q6Tq3oJ7n0kq8m3Ck9-xz2aY0b7yS1rA5sFvW4t8uHo=",
    "IDENTITY_INDEX_KEY": "an-index-key-for-the-settings-tests-only-5678",
    "CASEWORK_PUBLIC_URL": "https://casework.example.vn",
}


def settings_in(env: dict) -> dict:
    code = (
        "import json, django; from django.conf import settings as s; "
        "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
        "'name': str(s.DATABASES['default']['NAME']), 'debug': s.DEBUG, "
        "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'hosts': s.ALLOWED_HOSTS, "
        "'lang': s.LANGUAGE_CODE, 'tz': s.TIME_ZONE, "
        "'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), "
        "'db_options': s.DATABASES['default'].get('OPTIONS', {}).get('options')}))"
    )
    unset = {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY", "DB_JIT_OFF"}
    env = {**PRODUCTION_KEYS, **env}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout)


def test_defaults_are_the_embedded_setup():
    s = settings_in({"SECRET_KEY": "k" * 60})
    assert s["debug"] is False  # a deploy that forgets its environment is not in debug mode
    assert s["db"] == "django.db.backends.sqlite3"
    assert s["name"].endswith("db.sqlite3")
    assert s["eager"] is True
    assert (s["lang"], s["tz"]) == ("vi", "Asia/Ho_Chi_Minh")


def test_production_variables():
    s = settings_in(
        {
            "DATABASE_URL": "postgres://u@db.internal:5432/casework",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
            "DEBUG": "false",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "casework.example.vn",
        }
    )
    assert s["db"] == "django.db.backends.postgresql"
    assert s["eager"] is False
    assert s["debug"] is False
    assert s["hosts"] == ["casework.example.vn"]
    assert s["hsts"] > 0


def test_production_without_secret_key_refuses_to_start():
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_postgresql_connections_run_without_jit():
    """The reports' counts would pay JIT compilation on every request (180 of 520 ms at a
    million cases): the server is asked not to compile, the URL's own options kept; a
    deployment behind a pooler that refuses startup options turns it off."""
    base = {"SECRET_KEY": "x" * 60}
    url = "postgres://u@db.internal:5432/casework"
    assert settings_in({**base, "DATABASE_URL": url})["db_options"] == "-c jit=off"
    given = f"{url}?options=-c%20statement_timeout%3D5000"
    assert (
        settings_in({**base, "DATABASE_URL": given})["db_options"]
        == "-c statement_timeout=5000 -c jit=off"
    )
    pooled = {**base, "DATABASE_URL": url, "DB_JIT_OFF": "false"}
    assert settings_in(pooled)["db_options"] is None
    assert settings_in(base)["db_options"] is None  # SQLite


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_applications_postgresql_connection_has_jit_off():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
