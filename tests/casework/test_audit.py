"""The audit trail is a chain: verify_audit finds any edited, deleted or forged row."""

import pytest
from django.core.management import CommandError, call_command

from casework.choices import State
from casework.models import Case, CaseEvent, Document


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def verify(capsys):
    call_command("verify_audit")
    return capsys.readouterr().out


def test_verify_audit_passes_on_demo_data(demo, capsys):
    out = verify(capsys)
    assert "intact" in out
    assert f"{Case.objects.count()} cases" in out


def broken(capsys):
    with pytest.raises(CommandError) as failed:
        call_command("verify_audit")
    return str(failed.value), capsys.readouterr().err


@pytest.mark.parametrize(
    "tamper",
    [
        {"payload": {"outcome": "upheld"}},
        {"to_state": State.REJECTED},
        {"effective_on": "2020-01-01"},
        {"recorded_at": "2020-01-01T00:00:00Z"},
        {"actor": None},
    ],
)
def test_an_edited_event_is_found_and_its_case_named(demo, capsys, tamper):
    event = CaseEvent.objects.filter(seq=2).order_by("pk")[3]
    CaseEvent.objects.filter(pk=event.pk).update(**tamper)
    summary, detail = broken(capsys)
    assert "1 problem" in summary
    assert event.case.reference in detail
    assert "altered" in detail


def test_a_deleted_middle_event_is_found(demo, capsys):
    case = Case.objects.filter(event_count__gte=4).order_by("pk").first()
    Document.objects.filter(case=case).delete()  # what an intruder would remove first
    CaseEvent.objects.filter(case=case, seq=2).delete()
    _summary, detail = broken(capsys)
    assert case.reference in detail
    others = {line.split(" ")[0].rstrip(":") for line in detail.splitlines()}
    assert others == {case.reference}


def test_a_deleted_last_event_is_found(demo, capsys):
    case = Case.objects.filter(event_count__gte=2).order_by("pk").first()
    Document.objects.filter(case=case).delete()
    CaseEvent.objects.filter(case=case, seq=case.event_count).delete()
    _summary, detail = broken(capsys)
    assert case.reference in detail


def test_a_forged_rechained_event_is_found(demo, capsys):
    # Rewriting one row and recomputing its own hash still breaks the next link and the head.
    from casework.audit import hash_of

    case = Case.objects.filter(event_count__gte=3).order_by("pk").first()
    event = CaseEvent.objects.get(case=case, seq=2)
    event.payload = {**event.payload, "forged": True}
    event.hash = hash_of(event)
    event.save()
    _summary, detail = broken(capsys)
    assert case.reference in detail
    assert "link" in detail


def test_one_case_can_be_checked(demo, capsys):
    case = Case.objects.order_by("pk").first()
    call_command("verify_audit", reference=case.reference)
    assert "1 cases" in capsys.readouterr().out


def test_an_edited_free_text_is_found(demo, capsys):
    event = CaseEvent.objects.exclude(texts={}).order_by("pk").first()
    name = next(iter(event.texts))
    CaseEvent.objects.filter(pk=event.pk).update(texts={name: "sửa lại"})
    _summary, detail = broken(capsys)
    assert event.case.reference in detail
    assert "free text altered" in detail


def test_a_case_whose_state_was_rewritten_is_found(demo, capsys):
    case = Case.objects.filter(state=State.REJECTED).order_by("pk").first()
    Case.objects.filter(pk=case.pk).update(state=State.ACCEPTED)
    _summary, detail = broken(capsys)
    assert case.reference in detail
    assert "last event" in detail


def test_a_case_deleted_with_its_trail_is_found(demo, capsys):
    from permissions.models import CaseGroupObjectPermission, CaseUserObjectPermission

    case = Case.objects.filter(unit__code="PROV").order_by("pk")[5]
    Document.objects.filter(case=case).delete()
    CaseEvent.objects.filter(case=case).delete()
    CaseUserObjectPermission.objects.filter(content_object=case).delete()
    CaseGroupObjectPermission.objects.filter(content_object=case).delete()
    case.parties.all().delete()
    Case.objects.filter(pk=case.pk).delete()
    _summary, detail = broken(capsys)
    assert f"{case.reference}: case missing" in detail
