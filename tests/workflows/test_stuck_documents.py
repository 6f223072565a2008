"""A notice left "being issued" by a crash (issue 15, point 7): after ``STUCK_AFTER`` it counts
as failed for a supervisor's retry and is queued again, by Celery beat with a broker and by the
web process itself in the embedded default; it is never rendered twice."""

import threading
from datetime import timedelta

import pytest
from django.core.signals import request_started
from django.utils import timezone

from casework.choices import State
from casework.models import Document
from workflows import tasks
from workflows.services import documents
from workflows.services.documents import STUCK_AFTER, documents_requeue


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def renders(monkeypatch):
    """Every rendering of a notice's PDF, counted (the real one still runs)."""
    calls = []
    real = documents.render_pdf

    def counted(template, context):
        calls.append(context["document"].pk)
        return real(template, context)

    monkeypatch.setattr(documents, "render_pdf", counted)
    return calls


def pending(world, capture, *, age: timedelta) -> Document:
    """A notice whose rendering was lost (the process died after the commit), issued ``age``
    ago."""
    case = world.register()
    with capture(execute=False):  # the rendering task never runs
        world.perform(case, "accept")
    notice = Document.objects.get(case=case)
    Document.objects.filter(pk=notice.pk).update(queued_at=timezone.now() - age)
    notice.refresh_from_db()
    assert notice.status == "pending"
    return notice


def page(client, case_id) -> str:
    return client.get(f"/cases/case/{case_id}/detail/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def retry_url(notice) -> str:
    return f"/cases/case/{notice.case_id}/documents/{notice.pk}/retry/"


def test_a_stuck_notice_is_offered_for_retry_and_retried_to_ready(
    client, world, django_capture_on_commit_callbacks, renders
):
    notice = pending(world, django_capture_on_commit_callbacks, age=STUCK_AFTER + timedelta(1))
    client.force_login(world.auditor)
    assert retry_url(notice) not in page(client, notice.case_id)  # read only
    client.force_login(world.supervisor)
    html = page(client, notice.case_id)
    assert retry_url(notice) in html and "Stuck: retry" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url(notice), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    # (The test's transaction is never committed: the rendering ran as the block ended.)
    assert response.status_code == 200 and notice.number in response.content.decode()
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == ("ready", 1) and notice.sha256
    assert renders == [notice.pk]
    assert retry_url(notice) not in page(client, notice.case_id)


def test_a_fresh_pending_notice_is_not_offered_and_a_retry_is_refused(
    client, world, django_capture_on_commit_callbacks, renders
):
    notice = pending(world, django_capture_on_commit_callbacks, age=STUCK_AFTER / 2)
    client.force_login(world.supervisor)
    html = page(client, notice.case_id)
    assert retry_url(notice) not in html and "Stuck: retry" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url(notice), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert f"{notice.number} is being issued" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == "pending" and renders == []


def test_the_requeue_renders_a_stuck_notice_exactly_once(
    world, django_capture_on_commit_callbacks, renders
):
    stuck = pending(world, django_capture_on_commit_callbacks, age=STUCK_AFTER + timedelta(1))
    fresh = pending(world, django_capture_on_commit_callbacks, age=timedelta(seconds=30))
    assert documents_requeue() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == "ready" and fresh.status == "pending"
    # The lost task turns up late, and the requeue runs again: nothing is rendered again.
    before = (stuck.file.name, stuck.sha256, stuck.rendered_at)
    assert tasks.document_render_task.delay(stuck.pk).get() == "ready"
    assert documents_requeue() == 0
    stuck.refresh_from_db()
    assert (stuck.file.name, stuck.sha256, stuck.rendered_at) == before
    assert renders == [stuck.pk]


def test_a_notice_sent_again_is_not_stuck_at_once(
    client, world, django_capture_on_commit_callbacks, monkeypatch, renders
):
    """With a broker the retry's rendering runs later, on a worker: meanwhile the notice is
    "being issued" again, neither offered for another retry nor sent again by the requeue."""
    notice = pending(world, django_capture_on_commit_callbacks, age=timedelta(hours=2))
    monkeypatch.setattr(tasks.document_render_task, "delay", lambda pk: None)  # queued
    client.force_login(world.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry_url(notice))
    notice.refresh_from_db()
    assert notice.status == "pending"
    assert retry_url(notice) not in page(client, notice.case_id)
    assert documents_requeue() == 0
    assert renders == []


def test_a_failed_notice_is_still_retried(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = world.case_in(State.ACCEPTED)
    notice = Document.objects.get(case=case)
    Document.objects.filter(pk=notice.pk).update(status="failed", file="", sha256="")
    client.force_login(world.supervisor)
    html = page(client, case.pk)
    assert "Failed: retry" in html and "Stuck: retry" not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry_url(notice))
    notice.refresh_from_db()
    assert notice.status == "ready"


# --- the embedded default re-queues by itself ---------------------------------------------


def test_the_embedded_requeue_pass_renders_the_lost_notices(
    world, django_capture_on_commit_callbacks, renders
):
    notice = pending(world, django_capture_on_commit_callbacks, age=STUCK_AFTER * 3)
    assert tasks.embedded_requeue_pass() == 1
    notice.refresh_from_db()
    assert notice.status == "ready" and renders == [notice.pk]


def test_the_embedded_requeue_loop_runs_at_once_then_periodically(monkeypatch):
    runs = []
    done = threading.Event()

    def once():
        runs.append(timezone.now())
        if len(runs) == 3:
            done.set()
        return 0

    monkeypatch.setattr(tasks, "embedded_requeue_pass", once)
    stop = threading.Event()
    thread = threading.Thread(target=tasks.embedded_requeue_loop, args=(0.01, stop), daemon=True)
    thread.start()
    assert done.wait(5)
    stop.set()
    thread.join(5)
    assert not thread.is_alive() and len(runs) >= 3


def test_the_embedded_requeue_starts_once_per_process(monkeypatch):
    started = []

    class FakeThread:
        def __init__(self, target, args, name, daemon):
            self.target, self.daemon = target, daemon

        def start(self):
            started.append(self)

    monkeypatch.setattr(tasks.threading, "Thread", FakeThread)
    monkeypatch.setattr(tasks, "_requeue_started_in", None)
    tasks.embedded_requeue_start()
    tasks.embedded_requeue_start()
    assert len(started) == 1
    assert started[0].target == tasks.embedded_requeue_loop and started[0].daemon
    # A forked worker (gunicorn --preload) is another process: it starts its own.
    monkeypatch.setattr(tasks.os, "getpid", lambda: -1)
    tasks.embedded_requeue_start()
    assert len(started) == 2


def test_the_embedded_requeue_is_wired_for_a_server_without_a_broker(settings, monkeypatch):
    from django.apps import apps

    from workflows import apps as workflows_apps

    assert workflows_apps.serving(["manage.py", "runserver", "127.0.0.1:8000"], {})
    assert workflows_apps.serving(["/usr/bin/gunicorn", "config.wsgi"], {"gunicorn.arbiter": 1})
    for argv in (["pytest", "-q"], ["manage.py", "migrate"], ["manage.py", "seed_demo"]):
        assert not workflows_apps.serving(argv, {}), argv
    # In the tests, nothing was started and nothing is wired.
    assert not workflows_apps.embedded_requeue_wanted()
    assert not request_started.disconnect(dispatch_uid=workflows_apps.REQUEUE_UID)

    config = apps.get_app_config("workflows")
    monkeypatch.setattr(workflows_apps, "serving", lambda argv=None, modules=None: True)
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    config.ready()  # under Celery, beat re-queues: nothing wired
    assert not request_started.disconnect(dispatch_uid=workflows_apps.REQUEUE_UID)
    settings.CELERY_BROKER_URL = ""
    config.ready()  # the embedded default: the first request starts the loop
    try:
        receivers = [r for r in request_started.receivers if r[0][0] == workflows_apps.REQUEUE_UID]
        assert len(receivers) == 1
    finally:
        assert request_started.disconnect(dispatch_uid=workflows_apps.REQUEUE_UID)


def test_the_embedded_requeue_starts_with_the_process_not_only_with_a_request(
    settings, monkeypatch
):
    from django.apps import apps

    from workflows import apps as workflows_apps

    assert workflows_apps.autoreloader_parent(["manage.py", "runserver"], {})
    assert not workflows_apps.autoreloader_parent(["manage.py", "runserver"], {"RUN_MAIN": "true"})
    assert not workflows_apps.autoreloader_parent(["manage.py", "runserver", "--noreload"], {})
    assert not workflows_apps.autoreloader_parent(["gunicorn", "config.wsgi"], {})

    started = threading.Event()
    monkeypatch.setattr(workflows_apps, "REQUEUE_START_DELAY", 0.01)
    monkeypatch.setattr(workflows_apps, "serving", lambda argv=None, modules=None: True)
    monkeypatch.setattr(workflows_apps, "autoreloader_parent", lambda: False)
    monkeypatch.setattr(tasks, "embedded_requeue_start", lambda **kw: started.set())
    settings.CELERY_BROKER_URL = ""
    try:
        apps.get_app_config("workflows").ready()
        assert started.wait(5)  # no request came: the process started it itself
    finally:
        request_started.disconnect(dispatch_uid=workflows_apps.REQUEUE_UID)
