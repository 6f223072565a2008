"""Contract tests of /api/v1/cases/: every endpoint, every error status."""

import pytest
from django.utils import timezone

from casework.choices import Kind, State
from casework.models import Case, CaseEvent, Unit

CASE_FIELDS = {
    "id", "reference", "kind", "round", "previous_case", "appeal_from", "channel", "received_on",
    "unit", "competent_authority", "subject", "content", "state", "procedure", "step",
    "step_label", "assignee", "is_complex", "is_especially_complex", "is_remote_area",
    "anonymous", "outcome", "petitioners", "created_at", "updated_at", "deadlines",
    "next_due_on", "is_overdue", "working_days_left", "documents",
    # Letter processing: who forwarded it (told the result), what it joined or was split from.
    "forwarded_by", "forwarder_kind", "forwarder_informed_on", "linked_to", "split_from",
    "repeat_count",
}  # fmt: skip

NEW_COMPLAINT = {
    "kind": "complaint",
    "channel": "online",
    "subject": "Khiếu nại quyết định xử phạt",
    "content": "Đề nghị xem xét lại quyết định xử phạt số 15/QĐ-XPHC.",
    "petitioners": [
        {"full_name": "Phạm Thị Cúc", "id_number": "079190001234", "phone": "0903123456"}
    ],
}


def test_register_a_complaint(api, world):
    response = api(world.intake).post("/api/v1/cases/", NEW_COMPLAINT, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == CASE_FIELDS
    assert body["reference"] == f"PROV-{timezone.localdate().year}-000001"
    assert (body["state"], body["procedure"], body["unit"], body["round"], body["assignee"]) == (
        "received",
        "letter",  # every letter is processed as a letter first
        "PROV",
        1,
        None,
    )
    assert body["received_on"] == timezone.localdate().isoformat()
    assert body["petitioners"] == [
        {
            "role": "complainant",
            "identity_protected": False,
            "position": "",
            "full_name": "Phạm Thị Cúc",
            "id_number": "079190001234",
            "address": "",
            "phone": "0903123456",
            "email": "",
        }
    ]
    assert Case.objects.get(pk=body["id"]).registered_by == world.intake
    [deadline] = body["deadlines"]
    assert deadline["stage"] == "acceptance"
    assert (deadline["period"], deadline["unit"]) == (10, "working_days")
    assert deadline["status"] == "running"
    assert deadline["basis"].startswith("Complaints Law Art. 27")
    assert body["next_due_on"] == deadline["due_on"]
    assert body["working_days_left"] == 10
    assert body["is_overdue"] is False


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "lawsuit"}, "kind"),
        ({"channel": None}, "channel"),
        ({"subject": ""}, "subject"),
        ({"received_on": "2999-12-31"}, "received_on"),
        ({"received_on": [1, 2]}, "received_on"),
        ({"is_complex": "perhaps"}, "is_complex"),
        ({"round": 3}, "round"),
        ({"kind": "petition", "round": 2}, "round"),
        ({"unit": "NOPE"}, "unit"),
        ({"petitioners": []}, "petitioners"),
        ({"petitioners": [{"id_number": "0791"}]}, "petitioners"),
        ({"petitioners": [{"full_name": "A", "email": "x"}]}, "petitioners"),
        ({"petitioners": "Phạm Thị Cúc"}, "petitioners"),
    ],
)
def test_bad_registration_is_400_with_field_messages(api, world, changes, field):
    response = api(world.intake).post("/api/v1/cases/", {**NEW_COMPLAINT, **changes}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Case.objects.exists()


def test_a_body_that_is_not_an_object_is_400(api, world):
    response = api(world.intake).post("/api/v1/cases/", ["a"], format="json")
    assert response.status_code == 400
    response = api(world.intake).post(
        "/api/v1/cases/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_registration_refusals(api, world):
    assert api().post("/api/v1/cases/", NEW_COMPLAINT, format="json").status_code == 401
    response = api(world.investigator).post("/api/v1/cases/", NEW_COMPLAINT, format="json")
    assert response.status_code == 403
    assert "detail" in response.json()
    response = api(world.intake).post(
        "/api/v1/cases/", {**NEW_COMPLAINT, "unit": "COMM"}, format="json"
    )
    assert response.status_code == 403


def test_errors_in_the_callers_language(api, world):
    response = api(world.intake, language="vi").post(
        "/api/v1/cases/", {**NEW_COMPLAINT, "subject": ""}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["subject"] == ["Trường này không được để trống."]
    case = world.case_in(State.RESOLVED)
    response = api(world.supervisor, language="vi").post(
        f"/api/v1/cases/{case.pk}/transitions/accept/", {}, format="json"
    )
    assert response.status_code == 409
    assert "Đã giải quyết" in response.json()["detail"]
    response = api(world.supervisor, language="en").post(
        f"/api/v1/cases/{case.pk}/transitions/accept/", {}, format="json"
    )
    assert "Resolved" in response.json()["detail"]


def test_list_is_paginated_and_scoped(api, world):
    mine = [world.register(subject=f"Đơn {i}") for i in range(3)]
    theirs = world.register(actor=world.other_intake)
    body = api(world.supervisor).get("/api/v1/cases/", {"page_size": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] and body["previous"] is None
    second = api(world.supervisor).get(body["next"]).json()
    refs = {c["reference"] for c in body["results"] + second["results"]}
    assert refs == {c.reference for c in mine}
    assert theirs.reference not in refs
    assert api(world.investigator).get("/api/v1/cases/").json()["count"] == 0
    assert api().get("/api/v1/cases/").status_code == 401


def test_list_filters(api, world):
    received = world.register(kind=Kind.PETITION, subject="Ngập nước đường Lê Lợi")
    assigned = world.case_in(State.ASSIGNED, kind=Kind.COMPLAINT)
    resolved = world.case_in(State.RESOLVED, kind=Kind.DENUNCIATION)
    client = api(world.supervisor)

    def refs(**params):
        response = client.get("/api/v1/cases/", params)
        assert response.status_code == 200, response.content
        return {c["reference"] for c in response.json()["results"]}

    assert refs(state="assigned") == {assigned.reference}
    assert refs(kind="denunciation") == {resolved.reference}
    assert refs(assignee=world.investigator.username) == {assigned.reference, resolved.reference}
    assert refs(q="lê lợi") == {received.reference}
    assert refs(q=received.reference) == {received.reference}
    assert refs(q="  ") == {received.reference, assigned.reference, resolved.reference}
    bad = client.get("/api/v1/cases/", {"state": "lost"})
    assert bad.status_code == 400
    assert "state" in bad.json()


def test_list_runs_a_constant_number_of_queries(api, world, django_assert_max_num_queries):
    for kind in Kind:
        world.case_in(State.ASSIGNED, kind=kind)
    client = api(world.supervisor)
    client.get("/api/v1/cases/")  # warm the caches of the first request
    with django_assert_max_num_queries(9):
        assert len(client.get("/api/v1/cases/").json()["results"]) == 3
    for _ in range(10):
        world.case_in(State.ASSIGNED)
    with django_assert_max_num_queries(9):
        assert len(client.get("/api/v1/cases/").json()["results"]) == 13


def test_retrieve(api, world):
    case = world.case_in(State.ASSIGNED)
    body = api(world.investigator).get(f"/api/v1/cases/{case.pk}/").json()
    assert (body["reference"], body["state"], body["assignee"]) == (
        case.reference,
        "assigned",
        world.investigator.username,
    )
    # A complainant's identity is not secret (Complaints Law Art. 12).
    assert body["petitioners"][0]["full_name"] == "Nguyễn Văn An"
    for outsider in (world.investigator2, world.other_supervisor):
        response = api(outsider).get(f"/api/v1/cases/{case.pk}/")
        assert response.status_code == 404
        assert "detail" in response.json()
    assert api(world.supervisor).get(f"/api/v1/cases/{case.pk + 99}/").status_code == 404
    assert api().get(f"/api/v1/cases/{case.pk}/").status_code == 401


def test_denouncer_identity_is_protected_from_the_verifiers(api, world):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    for user in (world.investigator, world.auditor, world.admin):
        body = api(user).get(f"/api/v1/cases/{case.pk}/").json()
        assert body["petitioners"] == [{"role": "denouncer", "identity_protected": True}], user
        assert "Nguyễn Văn An" not in str(body)
        assert "001204012345" not in str(body)
    for user in (world.intake, world.supervisor):
        body = api(user).get(f"/api/v1/cases/{case.pk}/").json()
        assert body["petitioners"][0]["full_name"] == "Nguyễn Văn An", user
        assert body["petitioners"][0]["identity_protected"] is False


def test_transitions_offered_to_each_role(api, world):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION, is_complex=True)

    def names(user):
        response = api(user).get(f"/api/v1/cases/{case.pk}/transitions/")
        assert response.status_code == 200
        return [t["name"] for t in response.json()]

    assert names(world.supervisor) == [
        "assign",
        "extend",
        "refer_crime",
        "terminate",
        "continue_after_withdrawal",
        "suspend",
        "amend",
        "withdraw",
    ]
    assert names(world.investigator) == ["record_findings", "add_note"]
    # Accepted: a withdrawal ends in a decision to terminate, not the intake officer's to issue.
    assert names(world.intake) == []
    assert names(world.auditor) == []
    steps = api(world.supervisor, language="vi").get(f"/api/v1/cases/{case.pk}/transitions/")
    assign = next(s for s in steps.json() if s["name"] == "assign")
    assert assign["label"] == "Giao xác minh"
    # Each step says its fields, with the case's own choices: whom one may assign it to.
    fields = {f["name"]: f for f in assign["fields"]}
    assert set(fields) == {"on", "note", "assignee"}
    assert fields["assignee"]["type"] == "user" and fields["assignee"]["required"]
    assert set(fields["assignee"]["choices"]) == {world.investigator.username, "inv2"}
    assert fields["on"]["type"] == "date" and not fields["on"]["required"]
    extend = next(s for s in steps.json() if s["name"] == "extend")
    assert {f["name"]: f["type"] for f in extend["fields"]}["days"] == "integer"
    assert (
        api(world.other_supervisor).get(f"/api/v1/cases/{case.pk}/transitions/").status_code == 404
    )


def test_fire_a_transition(api, world):
    case = world.register()
    url = f"/api/v1/cases/{case.pk}/transitions/accept/"
    response = api(world.supervisor).post(url, {"note": "Đủ điều kiện thụ lý"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "accepted"
    assert response.json()["procedure"] == "complaint_1"  # accepted: the complaint's own
    event = CaseEvent.objects.filter(case=case).latest("seq")
    assert (event.action, event.actor, event.texts["note"]) == (
        "CASE_ACCEPTED",
        world.supervisor,
        "Đủ điều kiện thụ lý",
    )
    assert event.payload["procedure"] == "complaint_1"  # what the row writes, in its event
    response = api(world.supervisor).post(
        f"/api/v1/cases/{case.pk}/transitions/assign/",
        {"assignee": world.investigator.username, "on": timezone.localdate().isoformat()},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["assignee"] == world.investigator.username


def test_transition_errors(api, world):
    case = world.case_in(State.ACCEPTED)
    base = f"/api/v1/cases/{case.pk}/transitions"
    supervisor = api(world.supervisor)

    response = supervisor.post(f"{base}/assign/", {"assignee": "nobody"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["assignee"]
    response = supervisor.post(f"{base}/assign/", {}, format="json")
    assert response.status_code == 400
    assert "assignee" in response.json()
    response = supervisor.post(
        f"{base}/suspend/", {"reason": "x", "on": "yesterday"}, format="json"
    )
    assert response.status_code == 400
    assert "on" in response.json()

    response = api(world.intake).post(f"{base}/suspend/", {"reason": "x"}, format="json")
    assert response.status_code == 403
    assert "detail" in response.json()

    response = supervisor.post(f"{base}/accept/", {}, format="json")
    assert response.status_code == 409
    assert "detail" in response.json()

    response = supervisor.post(f"{base}/promote/", {}, format="json")
    assert response.status_code == 404
    response = api(world.other_supervisor).post(f"{base}/suspend/", {"reason": "x"}, format="json")
    assert response.status_code == 404
    response = supervisor.post(
        f"/api/v1/cases/{case.pk + 999}/transitions/suspend/", {"reason": "x"}, format="json"
    )
    assert response.status_code == 404
    assert api().post(f"{base}/suspend/", {"reason": "x"}, format="json").status_code == 401
    assert CaseEvent.objects.filter(case=case).count() == 2  # registered, accepted


def test_session_auth_needs_csrf(world):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.intake)
    assert client.get("/api/v1/cases/").status_code == 200
    response = client.post("/api/v1/cases/", NEW_COMPLAINT, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_events_newest_last(api, world):
    case = world.case_in(State.INVESTIGATED)
    response = api(world.auditor).get(f"/api/v1/cases/{case.pk}/events/")
    assert response.status_code == 200
    events = response.json()
    assert [e["action"] for e in events] == [
        "CASE_REGISTERED",
        "CASE_ACCEPTED",
        "CASE_ASSIGNED",
        "CASE_INVESTIGATED",
    ]
    assert [e["seq"] for e in events] == [1, 2, 3, 4]
    assert events[2]["payload"] == {"assignee": world.investigator.username}
    assert events[1]["prev_hash"] == events[0]["hash"]
    assert api(world.investigator2).get(f"/api/v1/cases/{case.pk}/events/").status_code == 404


def test_visibility_and_permission_come_before_the_body(api, world):
    case = world.case_in(State.ACCEPTED)
    theirs = world.register(actor=world.other_intake)
    bad = {"on": ["not", "a", "date"], "reason": {"x": 1}}
    assert (
        api(world.supervisor)
        .post(f"/api/v1/cases/{theirs.pk}/transitions/suspend/", bad, format="json")
        .status_code
        == 404
    )
    assert (
        api(world.intake)
        .post(f"/api/v1/cases/{case.pk}/transitions/suspend/", bad, format="json")
        .status_code
        == 403
    )
    response = api(world.supervisor).post(
        f"/api/v1/cases/{case.pk}/transitions/suspend/", bad, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"on", "reason"}
    assert api(world.investigator).post("/api/v1/cases/", {}, format="json").status_code == 403
    response = api(world.intake).post("/api/v1/cases/", {"unit": "COMM"}, format="json")
    assert response.status_code == 403


def test_a_denunciations_representative_is_protected_too(api, world):
    case = world.register(
        kind=Kind.DENUNCIATION,
        parties=[
            {"full_name": "Nguyễn Văn An", "role": "denouncer"},
            {"full_name": "Trần Thị Bé", "role": "representative", "phone": "0912000111"},
            {"full_name": "Lý Văn Cường", "role": "accused", "position": "Cán bộ địa chính"},
        ],
    )
    world.perform(case, "accept")
    world.perform(case, "assign")
    for url in (f"/api/v1/cases/{case.pk}/", "/api/v1/cases/"):
        body = api(world.investigator).get(url).json()
        text = str(body)
        assert "Trần Thị Bé" not in text and "0912000111" not in text, url
        assert "Nguyễn Văn An" not in text, url
    body = api(world.supervisor).get(f"/api/v1/cases/{case.pk}/").json()
    assert {p["role"] for p in body["petitioners"]} == {"denouncer", "representative", "accused"}
    assert all(p["identity_protected"] is False for p in body["petitioners"])
    # The accused is no secret: the investigator reads who it is.
    body = api(world.investigator).get(f"/api/v1/cases/{case.pk}/").json()
    [accused] = [p for p in body["petitioners"] if p["role"] == "accused"]
    assert (accused["full_name"], accused["position"]) == ("Lý Văn Cường", "Cán bộ địa chính")


def test_a_cases_url_ignores_list_filters(api, world):
    case = world.register()
    response = api(world.supervisor).get(f"/api/v1/cases/{case.pk}/", {"state": "bogus"})
    assert response.status_code == 200


def test_an_invisible_round_one_reference_is_kept_as_text(api, world):
    theirs = world.case_in(State.ACCEPTED)  # PROV's, unresolved
    # Round 2 goes above who decided round 1: here the commune is above the inspectorate,
    # so that the reference (which names PROV) is one the commune may decide round 2 of.
    Unit.objects.filter(pk=world.prov.pk).update(parent=world.comm)
    response = api(world.other_intake).post(
        "/api/v1/cases/",
        {
            **NEW_COMPLAINT,
            "round": 2,
            "previous_case": theirs.reference,
            "appeal_from": str(timezone.localdate()),
        },
        format="json",
    )
    assert response.status_code == 201  # no word on whether PROV's case exists
    created = Case.objects.get(pk=response.json()["id"])
    assert created.previous_case is None
    assert created.previous_reference == theirs.reference


def test_receipt_before_2000_is_refused(api, world):
    response = api(world.intake).post(
        "/api/v1/cases/", {**NEW_COMPLAINT, "received_on": "0001-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "received_on" in response.json()


NEW_DENUNCIATION = {
    "kind": "denunciation",
    "channel": "in_person",
    "subject": "Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận",
    "content": "Cán bộ địa chính xã nhận tiền của người dân khi làm thủ tục cấp giấy chứng nhận.",
    "petitioners": [
        {
            "full_name": "Đỗ Minh Khang",
            "id_number": "001199004321",
            "role": "denouncer",
            "position": "Giáo viên trường THCS Tân Phú",
        },
        {"full_name": "Lý Văn Cường", "role": "accused", "position": "Cán bộ địa chính xã"},
    ],
}


def test_a_denunciation_registered_through_the_api_keeps_its_accused(api, world):
    response = api(world.intake).post("/api/v1/cases/", NEW_DENUNCIATION, format="json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert sorted(case.parties.values_list("role", "position")) == [
        ("accused", "Cán bộ địa chính xã"),
        ("denouncer", "Giáo viên trường THCS Tân Phú"),
    ]
    # The supervisor reads both, each with its role and position.
    body = api(world.supervisor).get(f"/api/v1/cases/{case.pk}/").json()
    parties = {p["role"]: p for p in body["petitioners"]}
    assert set(parties) == {"denouncer", "accused"}
    assert (parties["denouncer"]["full_name"], parties["denouncer"]["position"]) == (
        "Đỗ Minh Khang",
        "Giáo viên trường THCS Tân Phú",
    )
    assert parties["denouncer"]["identity_protected"] is False
    assert (parties["accused"]["full_name"], parties["accused"]["position"]) == (
        "Lý Văn Cường",
        "Cán bộ địa chính xã",
    )
    # The investigator sees who is accused, and nothing of who denounced (not even where
    # they work: a position can name a person as well as a name does).
    world.perform(case, "accept")
    world.perform(case, "assign")
    for url in (f"/api/v1/cases/{case.pk}/", "/api/v1/cases/"):
        body = api(world.investigator).get(url).json()
        text = str(body)
        assert "Đỗ Minh Khang" not in text and "001199004321" not in text, url
        assert "Giáo viên" not in text, url
    body = api(world.investigator).get(f"/api/v1/cases/{case.pk}/").json()
    parties = {p["role"]: p for p in body["petitioners"]}
    assert parties["denouncer"] == {"role": "denouncer", "identity_protected": True}
    assert parties["accused"]["full_name"] == "Lý Văn Cường"
    assert parties["accused"]["identity_protected"] is False


def test_a_party_s_role_is_checked_and_the_parties_are_capped(api, world):
    from workflows.pages.intake import PartyFormSet

    intake = api(world.intake)
    unknown = {**NEW_DENUNCIATION["petitioners"][1], "role": "witness"}
    response = intake.post(
        "/api/v1/cases/",
        {**NEW_DENUNCIATION, "petitioners": [NEW_DENUNCIATION["petitioners"][0], unknown]},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["petitioners"]["1"]["role"]  # the second party's role
    long_position = {**NEW_DENUNCIATION["petitioners"][1], "position": "x" * 201}
    response = intake.post(
        "/api/v1/cases/", {**NEW_DENUNCIATION, "petitioners": [long_position]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["petitioners"]["0"]["position"]
    # As many parties as the page takes, and not one more.
    cap = PartyFormSet.max_num
    crowd = [{"full_name": f"Người khiếu nại {i}"} for i in range(cap + 1)]
    response = intake.post("/api/v1/cases/", {**NEW_COMPLAINT, "petitioners": crowd}, format="json")
    assert response.status_code == 400
    assert "petitioners" in response.json()
    assert not Case.objects.exists()
    response = intake.post(
        "/api/v1/cases/", {**NEW_COMPLAINT, "petitioners": crowd[:cap]}, format="json"
    )
    assert response.status_code == 201
    assert len(response.json()["petitioners"]) == cap


def test_a_registration_wrong_everywhere_is_400_not_500(api, world):
    # Found by Schemathesis: a denunciation "in round 2", from a date before the calendar,
    # naming an unknown unit and competent authority, in a multipart body.
    response = api(world.intake).post(
        "/api/v1/cases/",
        {
            "kind": "denunciation",
            "round": "2",
            "channel": "mail",
            "received_on": "1514-10-04",
            "appeal_from": "0173-10-25",
            "unit": "\U0009c934ØÞ4",
            "competent_unit": "\x1b\x8f",
            "subject": "|x",
            "content": "aV",
        },
        format="multipart",
    )
    assert response.status_code == 400, response.content
    # A denunciation in round 2 is a re-denunciation (Art. 37): it names the conclusion it
    # disputes and has no appeal window.
    assert {"previous_case", "appeal_from", "received_on", "unit"} <= set(response.json())
    assert not Case.objects.exists()
