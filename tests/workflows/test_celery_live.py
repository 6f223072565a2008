"""The door's side effects through a real Celery worker and Redis (run by .ci/run).

.ci/run starts a worker on the test database with a file-based mail backend and tells this
test where that mail lands (CASEWORK_LIVE_MAILDIR). Elsewhere the test is skipped.
"""

import os
import time
from pathlib import Path

import pytest

from casework.choices import State

MAILDIR = os.environ.get("CASEWORK_LIVE_MAILDIR")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not MAILDIR, reason="needs the Celery worker that .ci/run starts"),
]


def mails_mentioning(text: str) -> list[str]:
    found = []
    for path in Path(MAILDIR).glob("*"):
        body = path.read_text(encoding="utf-8", errors="replace")
        if text in body:
            found.append(body)
    return found


def test_assignment_mail_is_sent_by_the_worker_after_commit(fresh_world):
    from config.celery import app

    app.conf.task_always_eager = False
    try:
        case = fresh_world.case_in(State.ACCEPTED)
        case = fresh_world.perform(case, "assign", assignee=fresh_world.investigator.username)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not mails_mentioning(case.reference):
            time.sleep(0.25)
    finally:
        app.conf.task_always_eager = True
    mails = mails_mentioning(case.reference)
    assert len(mails) == 1, "the worker sent no mail (or more than one) for the assignment"
    assert fresh_world.investigator.email in mails[0]
    assert "Nguyễn Văn An" not in mails[0]


def test_sweeping_twice_mails_each_warning_once(fresh_world):
    from datetime import timedelta

    from django.utils import timezone

    from config.celery import app
    from workflows.services.sweep import deadlines_sweep

    late = fresh_world.register(received_on=(timezone.localdate() - timedelta(days=40)).isoformat())
    app.conf.task_always_eager = False
    try:
        deadlines_sweep()
        deadlines_sweep()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not [
            m for m in mails_mentioning(late.reference) if fresh_world.supervisor.email in m
        ]:
            time.sleep(0.25)
        time.sleep(3)  # give a duplicate, if there were one, the time to arrive
    finally:
        app.conf.task_always_eager = True
    # The maildir is shared with the other live test, whose case may have the same reference.
    mails = [m for m in mails_mentioning(late.reference) if fresh_world.supervisor.email in m]
    assert len(mails) == 1, f"{len(mails)} mails for one warning"
