"""Each act issues its notices: numbered in the act's transaction, rendered once after it."""

import hashlib
import io
from datetime import date

import pytest
from django.utils import timezone
from pypdf import PdfReader

from casework.choices import Kind, State
from casework.models import Document
from workflows import tasks


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_text(document) -> str:
    with document.file.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == document.sha256
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_acceptance_issues_a_numbered_notice_rendered_after_the_commit(
    world, django_capture_on_commit_callbacks
):
    case = world.register(received_on="2026-03-02")
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(case, "accept", on=date(2026, 3, 4))
    notice = Document.objects.get(case=case)
    assert (notice.kind, notice.number, notice.status) == (
        "acceptance_notice",
        "1/TB-PROV",
        "ready",
    )
    # Recorded late, issued today: dated and numbered the day it is issued, the act's own
    # date in its text.
    today = timezone.localdate()
    assert (notice.issued_on, notice.year) == (today, today.year)
    assert notice.issued_by == world.supervisor
    text = pdf_text(notice)
    for expected in (
        "Số: 1/TB-PROV",
        f"ngày {today:%d} tháng",
        "ngày 04/03/2026 Provincial inspectorate đã thụ lý",
        "Nguyễn Văn An",
        case.reference,
        "03/04/2026",
        notice.code,
    ):
        assert expected in text, expected  # fmt: skip


def test_numbers_run_on_per_code_without_gap_or_duplicate(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rejected = world.perform(world.register(), "reject", grounds="unsigned")
        accepted = world.perform(world.register(), "accept")
    numbers = list(Document.objects.order_by("pk").values_list("kind", "number"))
    assert numbers == [
        ("non_acceptance_notice", "1/TB-PROV"),
        ("acceptance_notice", "2/TB-PROV"),
    ]
    # The notice of non-acceptance is the end's own document: no generic closure notice.
    assert rejected.documents.count() == 1 and accepted.documents.count() == 1


def test_a_render_run_twice_issues_nothing_twice(world, django_capture_on_commit_callbacks):
    case = world.register()
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(case, "accept")
    notice = Document.objects.get(case=case)
    # Rendered once: a second run renders nothing (the file, hash, attempts and time stay).
    first = (notice.file.name, notice.sha256, notice.attempts, notice.rendered_at)
    assert tasks.document_render_task.delay(notice.pk).get() == "ready"
    notice.refresh_from_db()
    assert (notice.file.name, notice.sha256, notice.attempts, notice.rendered_at) == first
    assert Document.objects.filter(case=case).count() == 1


def test_a_failing_render_is_retried_then_shown_as_failed(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    from workflows.services import documents

    calls = []

    def broken(template, context):
        calls.append(template)
        raise OSError("no fonts")

    monkeypatch.setattr(documents, "render_pdf", broken)
    case = world.register()
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(case, "accept")
    notice = Document.objects.get(case=case)
    assert len(calls) == 1 + tasks.document_render_task.max_retries
    assert (notice.status, notice.error) == ("failed", "OSError: no fonts")
    assert notice.attempts == len(calls)  # every failed attempt counted
    assert not notice.file  # nothing stored by a failed attempt
    assert case.refresh_from_db() is None and case.state == State.ACCEPTED  # the act stands


def test_a_notice_on_a_denunciation_names_no_one_on_the_denouncing_side(
    world, django_capture_on_commit_callbacks
):
    case = world.register(kind=Kind.DENUNCIATION, is_complex=True)
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(case, "accept")
    text = pdf_text(Document.objects.get(case=case))
    assert case.reference in text
    assert "Nguyễn Văn An" not in text and "001204012345" not in text


def test_a_broker_down_at_the_commit_leaves_the_act_done_and_the_notice_queued_again_later(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    from datetime import timedelta

    from workflows.services.documents import documents_requeue

    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    case = world.register()
    with monkeypatch.context() as patched:
        patched.setattr(tasks.document_render_task, "delay", down)
        with django_capture_on_commit_callbacks(execute=True):
            accepted = world.perform(case, "accept")
    assert accepted.state == State.ACCEPTED
    notice = Document.objects.get(case=case)
    assert notice.status == "pending"
    assert documents_requeue() == 0  # too recent: its task may still be on its way
    Document.objects.filter(pk=notice.pk).update(queued_at=timezone.now() - timedelta(hours=1))
    assert documents_requeue() == 1
    notice.refresh_from_db()
    assert notice.status == "ready" and notice.sha256
