"""Registration through the door: the reference, the parties, the grants, the first event."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from casework.choices import Kind, PartyRole, State
from casework.models import Case, CaseEvent, PartyIdentity, SequenceCounter
from permissions.selectors import case_is_visible, case_list_visible
from workflows.errors import ActionForbidden, InvalidPayload
from workflows.services import case_register


def test_registration_writes_case_parties_event_and_grants(world):
    case = world.register(kind=Kind.COMPLAINT, channel="mail", is_remote_area=True)
    year = timezone.localdate().year
    assert case.reference == f"PROV-{year}-000001"
    assert case.state == State.RECEIVED
    assert case.registered_by == world.intake
    assert case.unit == world.prov
    assert case.is_remote_area and not case.is_complex
    party = case.parties.get()
    assert party.role == PartyRole.COMPLAINANT
    assert party.identity.full_name == "Nguyễn Văn An"
    event = CaseEvent.objects.get(case=case)
    assert (event.seq, event.action, event.from_state, event.to_state) == (
        1,
        "CASE_REGISTERED",
        "",
        State.RECEIVED,
    )
    assert event.payload["parties"] == ["complainant"]
    assert "Nguyễn" not in repr(event.payload)
    for user in (world.intake, world.supervisor, world.auditor, world.admin):
        assert case_is_visible(user, case), user
        assert case in case_list_visible(user)
    for user in (world.investigator, world.other_supervisor, world.other_intake):
        assert not case_is_visible(user, case), user
        assert case not in case_list_visible(user)


def test_references_run_without_gaps_per_unit_and_year(world):
    first = world.register()
    with pytest.raises(InvalidPayload):
        world.register(subject="")  # refused: takes no number
    second = world.register()
    other_unit = world.register(actor=world.other_intake)
    last_year = world.register(received_on=date(timezone.localdate().year - 1, 12, 30))
    year = timezone.localdate().year
    assert [first.reference, second.reference] == [f"PROV-{year}-000001", f"PROV-{year}-000002"]
    assert other_unit.reference == f"COMM-{year}-000001"
    assert last_year.reference == f"PROV-{year - 1}-000001"
    assert SequenceCounter.objects.get(name="case", unit=world.prov, year=year).last_value == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": ""}, "kind"),
        ({"kind": "lawsuit"}, "kind"),
        ({"channel": "pigeon"}, "channel"),
        ({"subject": ""}, "subject"),
        ({"content": ""}, "content"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"received_on": "31/02/2026"}, "received_on"),
        ({"kind": "petition", "round": 2}, "round"),
        ({"round": 1, "previous_case": "PROV-2025-000001"}, "previous_case"),
        ({"anonymous": True}, "anonymous"),  # a complaint cannot be anonymous
        ({"unit": "NOPE"}, "unit"),
        ({"parties": []}, "parties"),
        ({"parties": [{"full_name": ""}]}, "parties"),
        ({"parties": [{"full_name": "A", "id_number": "12"}]}, "parties"),
        ({"parties": [{"full_name": "A", "email": "not-mail"}]}, "parties"),
        ({"parties": [{"full_name": "A", "role": "judge"}]}, "parties"),
        ({"parties": "Nguyễn Văn An"}, "parties"),
    ],
)
def test_bad_registration_is_400_and_writes_nothing(world, changes, field):
    with pytest.raises(InvalidPayload) as refused:
        world.register(**changes)
    assert field in refused.value.errors
    assert refused.value.status == 400
    assert not Case.objects.exists()
    assert not PartyIdentity.objects.exists()


def test_a_denunciation_needs_its_denouncer_unless_anonymous(world):
    with pytest.raises(InvalidPayload) as refused:
        world.register(
            kind=Kind.DENUNCIATION,
            parties=[{"full_name": "Trần Văn Hùng", "role": "accused", "position": "Cán bộ"}],
        )
    assert "parties" in refused.value.errors
    case = world.register(
        kind=Kind.DENUNCIATION,
        anonymous=True,
        parties=[{"full_name": "Trần Văn Hùng", "role": "accused", "position": "Cán bộ"}],
    )
    assert case.anonymous
    assert [p.role for p in case.parties.all()] == [PartyRole.ACCUSED]
    with pytest.raises(InvalidPayload):
        world.register(kind=Kind.DENUNCIATION, anonymous=True, parties=[{"full_name": "X Y"}])


def test_round_two_complaint_links_round_one(world):
    world.province()  # the province's Committee (UBT) above the inspectorate
    first = world.case_in(State.RESOLVED)
    # Decided by the inspectorate in round 1: round 2 is not the inspectorate's to decide
    # (Complaints Law Art. 33), but its superior's, which it may handle for it.
    with pytest.raises(InvalidPayload) as refused:
        world.register(round=2, previous_case=first.reference)
    assert "is not above" in refused.value.errors["previous_case"][0]
    second = world.register(round=2, previous_case=first.reference, competent_unit="UBT")
    assert (second.round, second.previous_case, second.previous_reference) == (
        2,
        first,
        first.reference,
    )
    # Not a decided round-1 complaint: refused with a field message.
    for wrong in (
        world.case_in(State.ACCEPTED),
        world.case_in(State.RESOLVED, kind=Kind.PETITION),
        second,
    ):
        with pytest.raises(InvalidPayload) as refused:
            world.register(round=2, previous_case=wrong.reference)
        assert "previous_case" in refused.value.errors
    # Decided by another agency: kept as a reference without a link.
    elsewhere = world.register(round=2, previous_case="Quyết định 12/QĐ-UBND")
    assert elsewhere.previous_case is None
    assert elsewhere.previous_reference == "Quyết định 12/QĐ-UBND"


def test_only_registrars_of_the_unit_register(world):
    with pytest.raises(ActionForbidden):
        world.register(actor=world.investigator)
    with pytest.raises(ActionForbidden):
        world.register(actor=world.auditor)
    with pytest.raises(ActionForbidden):
        world.register(unit="COMM")  # PROV's intake officer into COMM
    assert not Case.objects.exists()
    case = world.register(actor=world.admin, unit="COMM")
    assert case.unit == world.comm


def test_another_units_registration_is_403_before_field_checks(world):
    with pytest.raises(ActionForbidden):
        world.register(unit="COMM", subject="", channel="pigeon")


def test_received_on_defaults_to_today(world):
    case = case_register(
        actor=world.intake,
        data={
            "kind": "petition",
            "channel": "hotline",
            "subject": "Ngập nước",
            "content": "Đường ngập sau mưa.",
            "parties": [{"full_name": "Lê Văn Bình"}],
        },
    )
    assert case.received_on == timezone.localdate()
    assert case.parties.get().role == PartyRole.PETITIONER
    assert case.last_act_on == case.received_on


def test_receipt_date_in_the_past_is_kept(world):
    received = timezone.localdate() - timedelta(days=9)
    case = world.register(received_on=received.isoformat())
    assert case.received_on == received
    assert CaseEvent.objects.get(case=case).effective_on == received


@pytest.mark.parametrize(
    ("kind", "received_on", "message"),
    [
        ("complaint", "2018-12-26", "cannot be before 2019"),  # before the calendar
        ("petition", "2021-11-15", "No deadline rule covers a petition"),  # before Circular 05
    ],
)
def test_a_letter_no_deadline_can_be_counted_for_is_refused_with_a_field_message(
    world, kind, received_on, message
):
    from workflows.errors import InvalidPayload

    with pytest.raises(InvalidPayload) as refused:
        world.register(kind=kind, received_on=received_on)
    assert message in " ".join(refused.value.errors["received_on"])
    # The day the rule applies from is taken.
    assert world.register(kind="petition", received_on="2021-11-16").clocks.count() == 1


def test_a_letter_names_at_most_twenty_parties_through_the_door_and_the_page(world, client):
    from workflows.forms import MAX_PARTIES

    many = [{"full_name": f"Người thứ {i}"} for i in range(MAX_PARTIES + 1)]
    with pytest.raises(InvalidPayload) as refused:
        world.register(kind=Kind.PETITION, parties=many)
    assert set(refused.value.errors) == {"parties"}
    assert world.register(kind=Kind.PETITION, parties=many[:MAX_PARTIES]).parties.count() == 20

    # The page's forms: a hand-made POST with more forms than the page offers saves nothing.
    client.force_login(world.intake)
    data = {
        "kind": "petition",
        "channel": "mail",
        "unit": "PROV",
        "subject": "Kiến nghị của nhiều hộ dân",
        "content": "Đề nghị sửa đường.",
        "parties-TOTAL_FORMS": str(MAX_PARTIES + 1),
        "parties-INITIAL_FORMS": "0",
        "save": "1",
    }
    data.update({f"parties-{i}-full_name": f"Người thứ {i}" for i in range(MAX_PARTIES + 1)})
    response = client.post("/cases/case/register/", data)
    assert response.status_code == 200
    assert not Case.objects.filter(subject="Kiến nghị của nhiều hộ dân").exists()
