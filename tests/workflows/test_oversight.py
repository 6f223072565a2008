"""An overdue denunciation overseen by the unit above (Denunciations Law Art. 38, as DOMAIN.md
has it; issue 16, point 6): once its resolution is 5 working days late, the sweep escalates it
to the unit above the deciding authority, whose supervisors then see it (not its denouncer),
ask for a report within 5 working days, and may take it over, deciding it from then on."""

from datetime import date

import pytest

from casework.choices import Kind, State
from casework.models import Clock, Unit
from tests.api.conftest import api  # noqa: F401 (the API client, as its tests have it)
from workflows.errors import ActionForbidden, StateConflict
from workflows.services.sweep import deadlines_sweep

D = date
PARTIES = [
    {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
    {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính xã"},
]


def overdue_denunciation(world):
    """Received Tuesday 1 September 2026, accepted Friday 4 September: its 30 days end in
    early October; on Tuesday 20 October it is more than 5 working days late."""
    case = world.register(kind=Kind.DENUNCIATION, received_on=D(2026, 9, 1), parties=PARTIES)
    case = world.perform(case, "accept", on=D(2026, 9, 4))
    case = world.perform(case, "notify_acceptance", on=D(2026, 9, 4))
    return world.perform(case, "assign", on=D(2026, 9, 7))


def test_the_unit_above_oversees_an_overdue_denunciation_asks_for_a_report_and_takes_it_over(
    world,
    api,  # noqa: F811
):
    top, chairman = world.province()
    case = overdue_denunciation(world)
    assert api(chairman).get(f"/api/v1/cases/{case.pk}/").status_code == 404  # not yet
    deadlines_sweep(today=D(2026, 10, 20))
    case.refresh_from_db()
    assert case.overseen_by == top
    # The Chairman reads the case, never its denouncer.
    answer = api(chairman).get(f"/api/v1/cases/{case.pk}/")
    assert answer.status_code == 200
    assert "Nguyễn Văn An" not in answer.content.decode()
    names = {a["name"] for a in api(chairman).get(f"/api/v1/cases/{case.pk}/transitions/").json()}
    assert names == {"request_report"}  # nothing of the handling unit's
    assert case.pk in [c["id"] for c in api(chairman).get("/api/v1/queues/mine/").json()["results"]]
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "take_over", actor=chairman, on=D(2026, 10, 20), reason="Chậm")
    assert "Art. 38" in str(refused.value.detail)
    with pytest.raises(ActionForbidden):
        world.perform(case, "resolve", actor=chairman, on=D(2026, 10, 20))
    # A report asked for Tuesday 20 October is due in 5 working days: Tuesday 27 October.
    case = world.perform(
        case, "request_report", actor=chairman, on=D(2026, 10, 20), request="Báo cáo tiến độ"
    )
    progress = Clock.objects.get(case=case, stage="progress")
    assert (progress.period, progress.unit, progress.due_on) == (5, "working_days", D(2026, 10, 27))
    assert progress.rule.basis_vi.startswith("Điều 38 Luật Tố cáo")
    # The report is the deciding authority's to give, not the Chairman's.
    with pytest.raises(ActionForbidden):
        world.perform(
            case, "report_progress", actor=chairman, on=D(2026, 10, 21), progress="x", reasons="y"
        )
    case = world.perform(
        case,
        "report_progress",
        actor=world.supervisor,
        on=D(2026, 10, 22),
        progress="Đã xác minh xong hai nội dung",
        reasons="Phải xác minh tại nhiều nơi",
    )
    progress.refresh_from_db()
    assert (progress.status, progress.met_on) == (Clock.Status.MET, D(2026, 10, 22))
    case = world.perform(
        case, "take_over", actor=chairman, on=D(2026, 10, 23), reason="Chậm không có lý do"
    )
    assert (case.competent_unit, case.overseen_by, case.state) == (top, top, State.ASSIGNED)
    assert case.events.filter(action="CASE_TAKEN_OVER").count() == 1
    # Deciding it now, the Chairman knows who denounced; the inspectorate verifies, drafts and
    # submits; it no longer issues the conclusion itself.
    assert "Nguyễn Văn An" in api(chairman).get(f"/api/v1/cases/{case.pk}/").content.decode()
    names = {
        a["name"] for a in api(world.supervisor).get(f"/api/v1/cases/{case.pk}/transitions/").json()
    }
    assert "resolve" not in names


def test_no_oversight_without_a_unit_above_nor_for_other_kinds(world):
    case = overdue_denunciation(world)  # the inspectorate has no unit above in this world
    deadlines_sweep(today=D(2026, 10, 20))
    case.refresh_from_db()
    assert case.overseen_by is None
    world.province()
    complaint = world.register(received_on=D(2026, 9, 1))
    complaint = world.perform(complaint, "accept", on=D(2026, 9, 4))
    deadlines_sweep(today=D(2026, 11, 20))
    complaint.refresh_from_db()
    case.refresh_from_db()
    assert complaint.overseen_by is None and case.overseen_by is not None
    with pytest.raises(ActionForbidden):  # nobody oversees it: nobody asks for a report
        world.perform(complaint, "request_report", on=D(2026, 11, 20), request="x")


def test_the_overseeing_unit_adds_no_file_corrects_no_document_and_is_told_first(
    world,
    api,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from casework.models import Document, Notification

    top, chairman = world.province()
    with django_capture_on_commit_callbacks(execute=True):
        case = overdue_denunciation(world)
    deadlines_sweep(today=D(2026, 10, 20))
    case.refresh_from_db()
    # The start of the oversight is an event of the trail, by no one (the sweep).
    begun = case.events.get(action="OVERSIGHT_BEGUN")
    assert (begun.actor, begun.payload) == (None, {"overseen_by": "UBT"})
    # The unit above is told (the escalation), and reads nothing it may not.
    assert Notification.objects.filter(case=case, recipient=chairman, level="escalated").exists()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workflows.services.attachments import attachment_add
    from workflows.services.documents import document_correct

    with pytest.raises(ActionForbidden):
        attachment_add(
            case_id=case.pk,
            actor=chairman,
            upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%%EOF\n"),
            description="Biên bản",
        )
    document = Document.objects.filter(case=case, status="ready").first()
    with pytest.raises(ActionForbidden):
        document_correct(chairman, document.pk, reason="Sai số")
    assert api(chairman).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    # Taken over before the report comes: the report is owed no more.
    case = world.perform(case, "request_report", actor=chairman, on=D(2026, 10, 20))
    case = world.perform(case, "take_over", actor=chairman, on=D(2026, 10, 21))
    progress = Clock.objects.get(case=case, stage="progress")
    assert progress.status == Clock.Status.STOPPED
    with pytest.raises((StateConflict, ActionForbidden)):
        world.perform(case, "report_progress", actor=chairman, on=D(2026, 10, 22))
    # Taken over, it is not escalated again, to any unit.
    Unit.objects.filter(pk=top.pk).update(parent=Unit.objects.create(code="GOV", name="Chính phủ"))
    deadlines_sweep(today=D(2026, 11, 20))
    case.refresh_from_db()
    assert case.overseen_by == top and case.events.filter(action="OVERSIGHT_BEGUN").count() == 1
