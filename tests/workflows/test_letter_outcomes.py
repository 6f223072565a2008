"""Letter processing's further outcomes (issue 16, point 2; Circular 05/2021/TT-TTCP): a
complaint's sender guided, original papers returned, a repeated letter joined to the open case
it repeats, a mixed letter split into one case per content, a denunciation transferred once
only, and the body that forwarded a letter told the result on its own clock.

Dates checked by hand on the 2026 calendar: National Day 2026 is Mon 31 Aug, Tue 1 and Wed 2
Sep off.
"""

from datetime import date

import pytest

from casework.choices import Kind, PartyRole, State
from casework.models import Case, CaseEvent, Clock, Document
from tests.api.conftest import api  # noqa: F401 (the API's client, as its tests have it)
from workflows.errors import InvalidPayload, StateConflict
from workflows.selectors import case_actions_available

D = date
PARTIES = [
    {"full_name": "Nguyễn Văn An", "id_number": "001204012345", "phone": "0912345678"},
    {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính xã"},
]
BY_DEPUTY = {
    "channel": "forwarded",
    "forwarded_by": "Đoàn đại biểu Quốc hội tỉnh",
    "forwarder_kind": "deputy",
}


def offered(world, case, user=None):
    return [a.name for a in case_actions_available(case=case, user=user or world.supervisor)]


# A repeated letter joins the open case it repeats: counted there, never a second case.


def test_a_repeated_letter_joins_the_open_case_and_is_counted_on_its_timeline(world, client):
    open_case = world.case_in(State.ASSIGNED, kind=Kind.COMPLAINT)
    letter = world.register(kind=Kind.COMPLAINT)
    assert "link" in offered(world, letter)
    letter = world.perform(letter, "link", repeats=open_case.reference)
    assert letter.state == State.LINKED and letter.linked_to_id == open_case.pk
    open_case.refresh_from_db()
    assert open_case.repeat_count == 1 and open_case.state == State.ASSIGNED
    joined = CaseEvent.objects.filter(case=open_case).latest("seq")
    assert joined.action == "REPEAT_LETTER_JOINED"
    assert joined.payload["letter"] == letter.reference
    assert not Document.objects.filter(case=letter).exists()  # answered from the open case
    assert Clock.objects.get(case=letter, stage="acceptance").status == Clock.Status.MET
    # A second repeat is counted too.
    world.perform(world.register(kind=Kind.COMPLAINT), "link", repeats=open_case.reference)
    open_case.refresh_from_db()
    assert open_case.repeat_count == 2
    client.force_login(world.supervisor)
    page = client.get(f"/cases/case/{open_case.pk}/detail/").content.decode()
    assert 'data-testid="repeat-count">2<' in page
    assert "A repeated letter joined this case" in page
    assert letter.reference in page  # "Repeated by", with a link
    page = client.get(f"/cases/case/{letter.pk}/detail/").content.decode()
    assert "Joined to" in page and open_case.reference in page


@pytest.mark.parametrize("target", ["ended", "other_unit", "other_kind", "itself", "unknown"])
def test_a_letter_joins_only_an_open_case_of_its_kind_in_its_unit(world, target):
    letter = world.register(kind=Kind.COMPLAINT)
    reference = {
        "ended": lambda: world.case_in(State.RESOLVED).reference,
        "other_unit": lambda: world.register(actor=world.other_intake).reference,
        "other_kind": lambda: world.register(kind=Kind.PETITION).reference,
        "itself": lambda: letter.reference,
        "unknown": lambda: "PROV-1999-000001",
    }[target]()
    with pytest.raises(InvalidPayload) as refused:
        world.perform(letter, "link", repeats=reference)
    assert "repeats" in refused.value.errors
    letter.refresh_from_db()
    assert letter.state == State.RECEIVED and letter.linked_to_id is None


def test_the_api_asks_for_the_reference_of_the_repeated_case_and_lists_no_cases(world, api):  # noqa: F811
    open_case = world.case_in(State.ACCEPTED)
    letter = world.register()
    client = api(world.supervisor)
    steps = {s["name"]: s for s in client.get(f"/api/v1/cases/{letter.pk}/transitions/").json()}
    repeats = next(f for f in steps["link"]["fields"] if f["name"] == "repeats")
    assert repeats["type"] == "text" and "choices" not in repeats
    answer = client.post(
        f"/api/v1/cases/{letter.pk}/transitions/link/",
        {"repeats": open_case.reference},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == "linked" and answer.json()["linked_to"] == open_case.pk
    assert client.get(f"/api/v1/cases/{open_case.pk}/").json()["repeat_count"] == 1


# A mixed letter is split: one case per content, all linked to the letter.


def test_a_mixed_letter_is_split_into_one_case_per_content(world, client):
    letter = world.register(kind=Kind.COMPLAINT, received_on=D(2026, 8, 28), parties=PARTIES)
    letter = world.perform(
        letter,
        "split",
        on=D(2026, 9, 3),
        part1_kind="complaint",
        part1_subject="Khiếu nại quyết định thu hồi đất",
        part1_content="Đề nghị hủy Quyết định số 12/QĐ-UBND.",
        part2_kind="petition",
        part2_subject="Kiến nghị sửa đường liên xã",
        part2_content="Đường liên xã hư hỏng nặng.",
    )
    assert letter.state == State.SPLIT
    assert Clock.objects.get(case=letter, stage="acceptance").met_on == D(2026, 9, 3)
    parts = list(Case.objects.filter(split_from=letter).order_by("pk"))
    assert [(p.kind, p.state, p.received_on) for p in parts] == [
        ("complaint", State.RECEIVED, D(2026, 8, 28)),
        ("petition", State.RECEIVED, D(2026, 8, 28)),
    ]
    complaint, petition = parts
    assert [p.reference for p in parts] == [
        f"PROV-2026-{int(letter.reference[-6:]) + n:06d}" for n in (1, 2)
    ]
    # Each content's own period, from the letter's receipt: a complaint's 10 working days
    # from Fri 28 Aug are Thu 3 (1), Fri 4, Mon 7, Tue 8, Wed 9, Thu 10, Fri 11, Mon 14,
    # Tue 15, Wed 16 Sep (10): National Day's three days off are not counted.
    acceptance = Clock.objects.get(case=complaint, stage="acceptance")
    assert (acceptance.started_on, acceptance.due_on) == (D(2026, 8, 28), D(2026, 9, 16))
    # The complaint keeps its complainant and the one complained against; the petition the
    # sender, now its petitioner, and no one else.
    roles = lambda case: [  # noqa: E731
        (p.role, p.identity.full_name) for p in case.parties.select_related("identity")
    ]
    assert roles(complaint) == [
        (PartyRole.COMPLAINANT, "Nguyễn Văn An"),
        (PartyRole.ACCUSED, "Lê Văn Bình"),
    ]
    assert roles(petition) == [(PartyRole.PETITIONER, "Nguyễn Văn An")]
    split = CaseEvent.objects.filter(case=letter).latest("seq")
    assert split.payload["parts"] == [complaint.reference, petition.reference]
    registered = CaseEvent.objects.get(case=petition, seq=1)
    assert registered.payload["split_from"] == letter.reference
    # The petition goes its own way: accepted by the unit as any letter.
    assert world.perform(petition, "accept").procedure == "petition"
    client.force_login(world.supervisor)
    page = client.get(f"/cases/case/{petition.pk}/detail/").content.decode()
    assert "Split from" in page and letter.reference in page
    assert "Split with" in page and complaint.reference in page


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"part2_kind": "complaint"}, "__all__"),  # both contents of one kind
        ({"part2_kind": "", "part2_subject": "", "part2_content": ""}, "part2_kind"),
        ({"part3_kind": "petition"}, "part3_subject"),  # a third content half given
    ],
)
def test_a_split_needs_two_contents_of_different_kinds(world, fields, field):
    letter = world.register(kind=Kind.COMPLAINT)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(letter, "split", **fields)
    assert field in refused.value.errors
    assert not Case.objects.filter(split_from=letter).exists()
    letter.refresh_from_db()
    assert letter.state == State.RECEIVED


# Guidance, and the papers returned.


def test_a_complaint_is_guided_never_transferred(world):
    case = world.register(kind=Kind.COMPLAINT)
    assert "transfer" not in offered(world, case) and "guide" in offered(world, case)
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "transfer")
    assert "guided" in str(refused.value.detail)


def test_only_a_complaints_sender_is_guided(world):
    for kind in (Kind.DENUNCIATION, Kind.PETITION):
        case = world.register(kind=kind)
        assert "guide" not in offered(world, case)
        with pytest.raises(StateConflict) as refused:
            world.perform(case, "guide")
        assert "transferred" in str(refused.value.detail)
    case = world.perform(world.register(kind=Kind.COMPLAINT), "guide")
    assert case.state == State.GUIDED
    assert case.closure_reason == "Chủ tịch Ủy ban nhân dân xã"
    assert list(case.documents.values_list("kind", flat=True)) == ["guidance_slip"]


def test_papers_returned_name_the_sender_only_to_who_may_see_them(world, api):  # noqa: F811
    case = world.register(kind=Kind.DENUNCIATION, parties=PARTIES)
    case = world.perform(case, "return_papers")
    assert case.state == State.RETURNED
    document = case.documents.get()
    assert document.kind == "denouncer_papers_return" and document.identifying
    body = api(world.supervisor).get(f"/api/v1/cases/{case.pk}/").json()
    assert [d["kind"] for d in body["documents"]] == ["denouncer_papers_return"]
    # The auditor reads the unit's cases, not who denounced: neither listed nor served.
    body = api(world.auditor).get(f"/api/v1/cases/{case.pk}/").json()
    assert body["documents"] == []
    pdf = api(world.auditor).get(f"/api/v1/documents/{document.pk}/pdf/")
    assert pdf.status_code == 404
    # On a complaint the sender is no secret: the return is an ordinary document.
    complaint = world.perform(world.register(kind=Kind.COMPLAINT), "return_papers")
    returned = complaint.documents.get()
    assert returned.kind == "papers_return" and not returned.identifying
    body = api(world.auditor).get(f"/api/v1/cases/{complaint.pk}/").json()
    assert [d["kind"] for d in body["documents"]] == ["papers_return"]


# A denunciation is transferred once only.


def test_a_denunciation_moved_here_is_not_transferred_again(world):
    case = world.perform(world.register(kind=Kind.DENUNCIATION), "move", to_unit="COMM")
    assert case.transferred_in
    for action, data in (("move", {"to_unit": "PROV"}), ("transfer", {})):
        assert action not in offered(world, case, world.other_supervisor)
        with pytest.raises(StateConflict) as refused:
            world.perform(case, action, actor=world.other_supervisor, **data)
        assert "once only" in str(refused.value.detail)
    # It is handled where it is, or filed with its ground.
    assert world.perform(case, "file", actor=world.other_supervisor).state == State.FILED


def test_a_denunciation_another_agency_transferred_here_is_not_transferred_again(world):
    extra = {**BY_DEPUTY, "forwarded_by": "Thanh tra huyện", "forwarder_kind": "agency"}
    denunciation = world.register(kind=Kind.DENUNCIATION, **extra)
    with pytest.raises(StateConflict):
        world.perform(denunciation, "transfer")
    # A complaint or a petition so received may be transferred on.
    petition = world.register(kind=Kind.PETITION, **extra)
    assert world.perform(petition, "transfer").state == State.TRANSFERRED


# A forwarded letter: the body is told the result, on a clock of its own.


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"channel": "forwarded"}, "forwarded_by"),
        ({"channel": "forwarded", "forwarded_by": "Báo Lâm Đồng"}, "forwarder_kind"),
        ({"channel": "mail", "forwarded_by": "Báo Lâm Đồng"}, "forwarded_by"),
    ],
)
def test_a_forwarded_letter_names_its_body(world, fields, field):
    with pytest.raises(InvalidPayload) as refused:
        world.register(**fields)
    assert field in refused.value.errors


def test_the_forwarding_body_is_told_the_result_within_7_working_days(world, api):  # noqa: F811
    case = world.register(kind=Kind.PETITION, received_on=D(2026, 8, 20), **BY_DEPUTY)
    # Not accepted on Fri 28 Aug: 7 working days after are Thu 3 (1), Fri 4, Mon 7, Tue 8,
    # Wed 9, Thu 10, Fri 11 Sep (7): National Day's three days off are not counted.
    case = world.perform(case, "reject", on=D(2026, 8, 28))
    report = Clock.objects.get(case=case, stage="report")
    assert (report.started_on, report.due_on, report.status) == (
        D(2026, 8, 28),
        D(2026, 9, 11),
        Clock.Status.RUNNING,
    )
    body = api(world.supervisor).get(f"/api/v1/cases/{case.pk}/").json()
    assert body["step"] == "forwarder_report" and body["forwarded_by"] == BY_DEPUTY["forwarded_by"]
    assert "inform_forwarder" in offered(world, case)
    case = world.perform(case, "inform_forwarder", on=D(2026, 9, 11))
    report.refresh_from_db()
    assert (report.status, report.met_on) == (Clock.Status.MET, D(2026, 9, 11))
    assert case.forwarder_informed_on == D(2026, 9, 11) and case.next_due_on is None
    assert case.documents.latest("pk").kind == "forwarder_report"
    body = api(world.supervisor).get(f"/api/v1/cases/{case.pk}/").json()
    assert body["step"] == "ended"
    with pytest.raises(StateConflict):  # told once
        world.perform(case, "inform_forwarder")


def test_no_report_where_no_body_forwarded_the_letter(world):
    case = world.perform(world.register(), "reject")
    assert not Clock.objects.filter(case=case, stage="report").exists()
    assert "inform_forwarder" not in offered(world, case)
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "inform_forwarder")
    assert "nobody to report" in str(refused.value.detail)


def test_the_sweep_warns_the_supervisors_of_a_report_owed_after_the_end(world):
    from casework.models import Notification
    from workflows.services.sweep import deadlines_sweep

    case = world.register(kind=Kind.PETITION, received_on=D(2026, 8, 20), **BY_DEPUTY)
    case = world.perform(case, "reject", on=D(2026, 8, 28))  # the report due Fri 11 Sep
    deadlines_sweep(today=D(2026, 9, 14))
    report = Clock.objects.get(case=case, stage="report")
    assert report.missed_on == D(2026, 9, 14)
    warned = Notification.objects.filter(case=case, stage="report")
    assert {(n.recipient_id, n.level) for n in warned} == {(world.supervisor.pk, "overdue")}


# Secrecy: a denouncer is never tied to a case others may read.


def test_no_letter_is_split_into_a_denunciation(world):
    letter = world.register(kind=Kind.COMPLAINT, parties=PARTIES)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(letter, "split", part2_kind="denunciation")
    assert "Citizen Reception Law Art. 25(3)" in refused.value.errors["part2_kind"][0]
    denunciation = world.register(kind=Kind.DENUNCIATION, parties=PARTIES)
    assert "split" not in offered(world, denunciation)
    with pytest.raises(StateConflict) as refused:
        world.perform(denunciation, "split")
    assert "Art. 25(3)" in str(refused.value.detail)
    assert not Case.objects.filter(split_from__in=[letter, denunciation]).exists()


def test_a_repeated_denunciation_is_tied_only_for_who_may_see_its_denouncer(
    world,
    client,
    api,  # noqa: F811
):
    open_case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION)
    letter = world.register(kind=Kind.DENUNCIATION, parties=PARTIES)
    letter = world.perform(letter, "link", repeats=open_case.reference)
    client.force_login(world.auditor)
    page = client.get(f"/cases/case/{open_case.pk}/detail/").content.decode()
    assert letter.reference not in page and "Repeated by" not in page
    assert api(world.auditor).get(f"/api/v1/cases/{letter.pk}/").json()["linked_to"] is None
    assert api(world.supervisor).get(f"/api/v1/cases/{letter.pk}/").json()["linked_to"] == (
        open_case.pk
    )


def test_a_split_parts_deadline_rule_is_the_one_of_the_letters_receipt(world):
    from casework.models import DeadlineRule

    # From 1 July 2026 the agency answers petitions' letters within 5 working days.
    DeadlineRule.objects.create(
        kind="petition",
        stage="acceptance",
        period=5,
        unit="working_days",
        basis="Agency rule from 1 July 2026",
        effective_from=D(2026, 7, 1),
    )
    letter = world.register(kind=Kind.COMPLAINT, received_on=D(2026, 6, 29))
    world.perform(letter, "split", on=D(2026, 7, 2))
    petition = Case.objects.get(split_from=letter, kind=Kind.PETITION)
    assert Clock.objects.get(case=petition, stage="acceptance").period == 10  # June's rule


def test_a_letter_joins_no_letter_still_being_processed(world):
    letter, other = world.register(), world.register()
    with pytest.raises(InvalidPayload) as refused:
        world.perform(letter, "link", repeats=other.reference)
    assert "repeats" in refused.value.errors
