"""In development the notices' public address follows the port the demo is served on
(``PORT=8080 make run``), and an explicit CASEWORK_PUBLIC_URL always wins (issue 15)."""

import os
import re
import selectors
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

from django.core.management import load_command_class

from casework.models import Document
from workflows.services.documents import verification_url

ROOT = Path(__file__).resolve().parent.parent


def make_dry_run(*args: str, **env: str) -> str:
    """What ``make`` would run, without running it."""
    clean = {k: v for k, v in os.environ.items() if k not in {"CASEWORK_PUBLIC_URL", "PORT"}}
    done = subprocess.run(  # noqa: S603 - make, with the Makefile's own targets
        ["make", "-n", *args],  # noqa: S607
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_make_run_gives_the_demo_the_address_it_serves():
    commands = make_dry_run("run", "PORT=8080").splitlines()
    seed = next(line for line in commands if "manage.py seed_demo" in line)
    serve = next(line for line in commands if "manage.py runserver" in line)
    # The demo's notices are issued by seed_demo: they too point at port 8080.
    for line in (seed, serve):
        assert "CASEWORK_PUBLIC_URL='http://127.0.0.1:8080'" in line, line
    assert "127.0.0.1:8080" in serve
    explicit = make_dry_run("run", "PORT=8080", CASEWORK_PUBLIC_URL="https://casework.example.vn")
    assert "CASEWORK_PUBLIC_URL='https://casework.example.vn'" in explicit
    assert "127.0.0.1:8080'" not in explicit
    assert "CASEWORK_PUBLIC_URL='http://127.0.0.1:8000'" in make_dry_run("run")


def runserver(addr: str, port: int):
    command = load_command_class("workflows", "runserver")
    command.stdout = StringIO()
    command.addr, command.port, command.use_ipv6, command._raw_ipv6 = addr, str(port), False, False
    return command


def test_the_development_server_sets_the_address_it_serves(settings, monkeypatch):
    monkeypatch.delenv("CASEWORK_PUBLIC_URL", raising=False)
    settings.DEBUG = True
    settings.CASEWORK_PUBLIC_URL = "http://127.0.0.1:8000"
    command = runserver("127.0.0.1", 8080)
    command.on_bind(8080)
    assert settings.CASEWORK_PUBLIC_URL == "http://127.0.0.1:8080"
    notice = Document(code="ABCD-2345")
    assert verification_url(notice) == "http://127.0.0.1:8080/verify/ABCD-2345/"
    assert "http://127.0.0.1:8080/verify/" in command.stdout.getvalue()
    # Served on every interface: the notices name this machine.
    runserver("0", 9000).on_bind(9000)
    assert settings.CASEWORK_PUBLIC_URL == "http://127.0.0.1:9000"


def test_an_explicit_address_or_production_is_left_alone(settings, monkeypatch):
    settings.DEBUG = True
    settings.CASEWORK_PUBLIC_URL = "https://casework.example.vn"
    monkeypatch.setenv("CASEWORK_PUBLIC_URL", "https://casework.example.vn")
    runserver("127.0.0.1", 8080).on_bind(8080)
    assert settings.CASEWORK_PUBLIC_URL == "https://casework.example.vn"
    monkeypatch.delenv("CASEWORK_PUBLIC_URL")
    settings.DEBUG = False
    runserver("127.0.0.1", 8080).on_bind(8080)
    assert settings.CASEWORK_PUBLIC_URL == "https://casework.example.vn"


def test_manage_py_runserver_on_another_port_says_where_notices_point(tmp_path):
    """The real command, as ``make run`` starts it (the project's, not staticfiles')."""
    env = {k: v for k, v in os.environ.items() if k != "CASEWORK_PUBLIC_URL"}
    env.update(
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONUNBUFFERED="1",
        DJANGO_RUNSERVER_HIDE_WARNING="true",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "127.0.0.1:0", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    output = ""
    try:
        # Read the pipe as it fills, unbuffered: a buffered reader would hold lines back.
        watch = selectors.DefaultSelector()
        watch.register(server.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + 30
        while "Notices point at" not in output and time.monotonic() < deadline:
            if watch.select(timeout=1) and (chunk := os.read(server.stdout.fileno(), 65536)):
                output += chunk.decode(errors="replace")
            elif server.poll() is not None:
                break
    finally:
        server.kill()  # the process this test started, by its handle
        server.wait()
    served = re.search(r"Starting development server at http://127\.0\.0\.1:(\d+)/", output)
    assert served, output
    port = served.group(1)
    assert f"Notices point at http://127.0.0.1:{port}/verify/" in output, output
