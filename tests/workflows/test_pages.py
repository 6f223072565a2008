"""The case page, the action forms and the intake page, through Django's test client."""

import re

import pytest
from django.db import transaction

from casework.choices import Kind, State
from casework.models import Case, CaseEvent
from tests.conftest import STATES_OF_KINDS
from workflows.errors import DoorError
from workflows.procedures import ACTIONS

ROLES = ["supervisor", "intake", "investigator", "investigator2", "auditor", "other_supervisor"]


def buttons(client, case):
    response = client.get(f"/cases/case/{case.pk}/detail/")
    if response.status_code == 404:
        return None
    assert response.status_code == 200
    return set(re.findall(r'data-action="(\w+)"', response.content.decode()))


def door_accepts(world, case, user):
    """The actions the door takes from this user, dated today or on the earliest day an act
    may bear (the case's last act), each tried and rolled back."""
    case = Case.objects.get(pk=case.pk)
    days = {None, max(case.received_on, case.last_act_on).isoformat()}
    accepted = set()
    for name in ACTIONS:
        for day in days:
            extra = {"on": day} if day else {}
            try:
                with transaction.atomic():
                    world.perform(Case.objects.get(pk=case.pk), name, actor=user, **extra)
                    accepted.add(name)
                    raise _Rollback
            except _Rollback:
                break
            except DoorError as refused:
                if refused.status == 404:
                    return None
    return accepted


class _Rollback(Exception):
    pass


@pytest.mark.parametrize(("state", "kind"), STATES_OF_KINDS)
def test_buttons_offer_exactly_what_the_door_accepts(client, world, kind, state):
    case = world.case_in(state, kind=kind, is_complex=True)
    for role in ROLES:
        user = getattr(world, role)
        client.force_login(user)
        assert buttons(client, case) == door_accepts(world, case, user), (kind, state, role)


def test_an_action_form_has_exactly_the_actions_fields(client, world):
    client.force_login(world.supervisor)
    for kind, extra in ((Kind.COMPLAINT, {"act_decision"}), (Kind.PETITION, set())):
        case = world.case_in(State.INVESTIGATED, kind=kind)
        html = client.get(f"/cases/case/{case.pk}/act/resolve/").content.decode()
        fields = set(re.findall(r'<vf-field-\w+[^>]* name="(\w+)"', html))
        assert fields == {"on", "note", "outcome", "decision_summary", *extra}, kind


def test_an_action_through_the_page_goes_through_the_door(client, world):
    case = world.register(kind=Kind.PETITION)
    client.force_login(world.supervisor)
    response = client.post(f"/cases/case/{case.pk}/act/transfer/", {"to_agency": "Sở Xây dựng"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.TRANSFERRED
    assert CaseEvent.objects.filter(case=case).latest("seq").action == "CASE_TRANSFERRED"


def test_a_bad_action_form_keeps_what_was_typed(client, world):
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    response = client.post(
        f"/cases/case/{case.pk}/act/suspend/", {"reason": "", "note": "ghi chú dài"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "ghi chú dài" in html
    case.refresh_from_db()
    assert case.state == State.ACCEPTED


def test_pages_of_an_invisible_case_are_404(client, world):
    theirs = world.register(actor=world.other_intake)
    client.force_login(world.supervisor)
    assert client.get(f"/cases/case/{theirs.pk}/detail/").status_code == 404
    assert client.get(f"/cases/case/{theirs.pk}/act/accept/").status_code == 404
    assert client.post(f"/cases/case/{theirs.pk}/act/accept/", {}).status_code == 404
    assert Case.objects.get(pk=theirs.pk).state == State.RECEIVED


def test_the_denouncer_is_protected_on_the_case_page(client, world):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    client.force_login(world.investigator)
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert "Nguyễn Văn An" not in html
    assert 'data-testid="identity-protected"' in html
    client.force_login(world.supervisor)
    assert "Nguyễn Văn An" in client.get(f"/cases/case/{case.pk}/detail/").content.decode()


REGISTRATION = {
    "kind": "petition",
    "channel": "hotline",
    "received_on": "2026-11-20",
    "unit": "PROV",
    "subject": "Ngập nước đường Lê Lợi",
    "content": "Mưa lớn gây ngập.",
    "parties-TOTAL_FORMS": "2",
    "parties-INITIAL_FORMS": "0",
    "parties-MIN_NUM_FORMS": "0",
    "parties-MAX_NUM_FORMS": "20",
    "parties-0-full_name": "Trần Văn Bình",
    "parties-0-id_number": "079090001111",
}


def test_intake_registers_and_offers_another(client, world):
    client.force_login(world.intake)
    response = client.post("/cases/case/register/", {**REGISTRATION, "register_another": ""})
    assert response.status_code == 302
    assert response["Location"].endswith("/cases/case/register/")
    case = Case.objects.get()
    assert (case.kind, case.unit, case.registered_by) == ("petition", world.prov, world.intake)
    assert case.parties.get().identity.full_name == "Trần Văn Bình"
    response = client.post("/cases/case/register/", {**REGISTRATION, "save": ""})
    assert response.status_code == 200  # a possible duplicate: shown, nothing saved yet
    assert 'data-testid="duplicates"' in response.content.decode()
    assert case.reference in response.content.decode()
    assert Case.objects.count() == 1
    response = client.post(
        "/cases/case/register/", {**REGISTRATION, "save": "", "confirm_not_duplicate": "1"}
    )
    assert response.status_code == 302
    assert Case.objects.count() == 2


def test_intake_form_errors_keep_the_input(client, world):
    client.force_login(world.intake)
    response = client.post("/cases/case/register/", {**REGISTRATION, "subject": ""})
    assert response.status_code == 200
    assert "Mưa lớn gây ngập." in response.content.decode()
    assert not Case.objects.exists()


def test_only_registrars_open_the_intake_page(client, world):
    client.force_login(world.investigator)
    assert client.get("/cases/case/register/").status_code == 403
    client.force_login(world.supervisor)
    assert client.get("/cases/case/register/").status_code == 200


LISTS = [
    "/cases/mine/",
    "/cases/queue/",
    "/cases/case/",
    "/cases/done/",
    "/cases/dashboard/",
    "/cases/notifications/",
]


@pytest.mark.parametrize("url", LISTS)
def test_list_pages_run_a_constant_number_of_queries(
    client, world, url, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workflows.services.sweep import deadlines_sweep

    client.force_login(world.supervisor)
    world.case_in(State.ACCEPTED)
    world.register(received_on="2026-01-05")
    deadlines_sweep()  # the overdue ones are warned of: the notifications page has rows too
    client.get(url)  # caches warm
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(6):
        world.case_in(State.ACCEPTED)
        world.register(received_on="2026-01-05")
    deadlines_sweep()
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("/detail/") >= 7  # the new rows are on the page


def test_to_do_lists_hold_what_each_role_must_move(client, world):
    received = world.register(received_on="2026-01-05")  # overdue: in the queue
    assigned = world.case_in(State.ASSIGNED)
    client.force_login(world.supervisor)
    mine = client.get("/cases/mine/").content.decode()
    assert received.reference in mine and assigned.reference not in mine
    queue = client.get("/cases/queue/").content.decode()
    assert received.reference in queue
    client.force_login(world.investigator)
    mine = client.get("/cases/mine/").content.decode()
    assert assigned.reference in mine and received.reference not in mine
    assert client.get("/cases/queue/").status_code == 403


def test_duplicate_warnings_do_not_reveal_a_denouncer(client, world):
    world.register(
        kind=Kind.DENUNCIATION,
        parties=[{"full_name": "Phan Thị Kín", "id_number": "079199009999", "role": "denouncer"}],
    )
    data = {
        **REGISTRATION,
        "parties-0-full_name": "Phan Thị Kín",
        "parties-0-id_number": "079199009999",
    }
    client.force_login(world.admin)  # sees every case, but is no one allowed that identity
    response = client.post("/cases/case/register/", {**data, "save": ""})
    assert response.status_code == 302  # no duplicate shown: saved at once
    client.force_login(world.supervisor)  # the unit's supervisor may know: warned
    response = client.post("/cases/case/register/", {**data, "save": ""})
    assert response.status_code == 200
    assert 'data-testid="duplicates"' in response.content.decode()


def test_no_button_for_an_extension_the_clock_refuses(client, world):
    from datetime import date

    # Accepted on 6 Jan 2026: the 30 days ran out on 5 Feb. An extension may still be recorded
    # with the date it was decided on, before 5 Feb: the button is there.
    case = world.register(kind=Kind.DENUNCIATION, received_on="2026-01-02", is_complex=True)
    case = world.perform(case, "accept", on=date(2026, 1, 6))
    client.force_login(world.supervisor)
    assert "extend" in buttons(client, case)
    assert buttons(client, case) == door_accepts(world, case, world.supervisor)
    # Assigned on 10 Feb, after the deadline: no act can be dated before it any more.
    case = world.perform(case, "assign", on=date(2026, 2, 10))
    assert "extend" not in buttons(client, case)
    assert buttons(client, case) == door_accepts(world, case, world.supervisor)


#: The moves that take a case forward from each active state: whose move it is, by the door.
MOVES = {
    State.RECEIVED: {"accept", "reject", "transfer", "file"},
    State.ACCEPTED: {"assign"},
    State.ASSIGNED: {"record_findings"},
    State.INVESTIGATED: {"resolve", "return_for_rework"},
    State.SUSPENDED: {"resume"},
    # What the law asks once decided: the decision sent, the conclusion handled.
    State.RESOLVED: {"send_decision", "handle_conclusion", "inform_forwarder"},
}


@pytest.mark.parametrize(("state", "kind"), STATES_OF_KINDS)
def test_my_work_holds_exactly_the_cases_whose_next_move_the_door_takes_from_me(
    client, world, kind, state
):
    from workflows.selectors import case_list_my_work

    case = world.case_in(state, kind=kind, is_complex=True)
    for role in ROLES:
        user = getattr(world, role)
        accepted = door_accepts(world, case, user) or set()
        mine = case_list_my_work(user=user).filter(pk=case.pk).exists()
        assert mine == bool(accepted & MOVES.get(state, set())), (kind, state, role)


def test_the_case_page_says_how_late_a_case_is_in_red(client, world):
    # Received Mon 5 Jan 2026: the 10 working days ended Mon 19 Jan; it is late since.
    case = world.register(received_on="2026-01-05")
    client.force_login(world.supervisor)
    html = client.get(f"/cases/case/{case.pk}/detail/", HTTP_ACCEPT_LANGUAGE="vi").content
    html = html.decode()
    next_due = re.search(r'data-testid="next-due">(.*?)</p>', html, re.S).group(1)
    assert "19/01/2026" in next_due and "quá hạn" in next_due
    assert 'class="casework-next-due casework-deadline--missed"' in html
    assert 'casework-deadline casework-deadline--missed" data-status="missed"' in html


def test_intake_adds_a_party_form_keeping_what_was_typed(client, world):
    client.force_login(world.intake)
    data = {**REGISTRATION, "parties-1-full_name": "Lê Thị Hoa", "add_party": "1"}
    response = client.post("/cases/case/register/", data)
    assert response.status_code == 200 and Case.objects.count() == 0
    html = response.content.decode()
    assert 'name="parties-TOTAL_FORMS" value="3"' in html
    assert 'name="parties-INITIAL_FORMS" value="0"' in html
    assert "Ngập nước đường Lê Lợi" in html and "Lê Thị Hoa" in html
    assert 'name="parties-2-full_name"' in html
    assert "errorlist" not in html
    # The three parties are then registered: two named, the empty third ignored.
    data = {**REGISTRATION, "parties-TOTAL_FORMS": "3", "parties-1-full_name": "Lê Thị Hoa"}
    assert client.post("/cases/case/register/", {**data, "save": ""}).status_code == 302
    names = Case.objects.get().parties.values_list("identity__full_name", flat=True)
    assert sorted(names) == ["Lê Thị Hoa", "Trần Văn Bình"]


def test_a_name_alone_with_an_unrelated_subject_is_not_a_duplicate(client, world):
    client.force_login(world.intake)
    first = {**REGISTRATION, "parties-0-id_number": ""}
    assert client.post("/cases/case/register/", {**first, "save": ""}).status_code == 302
    other = {**first, "subject": "Đề nghị cấp phép xây dựng nhà ở"}
    assert client.post("/cases/case/register/", {**other, "save": ""}).status_code == 302
    similar = {**first, "subject": "Ngập nước đường Lê Lợi kéo dài"}
    response = client.post("/cases/case/register/", {**similar, "save": ""})
    assert response.status_code == 200 and 'data-testid="duplicates"' in response.content.decode()


def test_a_duplicate_is_found_whatever_the_case_of_the_name(client, world):
    client.force_login(world.intake)
    first = {**REGISTRATION, "parties-0-id_number": ""}
    assert client.post("/cases/case/register/", {**first, "save": ""}).status_code == 302
    shouted = {**first, "parties-0-full_name": "TRẦN  VĂN BÌNH"}
    response = client.post("/cases/case/register/", {**shouted, "save": ""})
    assert response.status_code == 200 and 'data-testid="duplicates"' in response.content.decode()


def test_adding_a_party_with_a_forged_form_count_is_no_error(client, world):
    client.force_login(world.intake)
    data = {**REGISTRATION, "parties-TOTAL_FORMS": "abc", "add_party": "1"}
    response = client.post("/cases/case/register/", data)
    assert response.status_code == 200
    assert 'name="parties-TOTAL_FORMS" value="3"' in response.content.decode()


def test_the_legal_basis_of_a_deadline_reads_in_vietnamese(client, world):
    case = world.register()
    client.force_login(world.supervisor)
    html = client.get(f"/cases/case/{case.pk}/detail/", HTTP_ACCEPT_LANGUAGE="vi").content
    assert "Luật Khiếu nại, Điều 27" in html.decode()
    assert "Complaints Law" not in html.decode()
