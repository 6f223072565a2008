"""The supervisor's morning queue and "my work", from the clocks the door keeps."""

from datetime import timedelta

from django.utils import timezone

from casework.choices import Kind, State
from casework.deadlines.calendar import working_calendar


def ago(days):
    return timezone.localdate() - timedelta(days=days)


def build(world):
    today = timezone.localdate()
    calendar = working_calendar()
    very_late = world.register(kind=Kind.PETITION, received_on=ago(60).isoformat())
    late = world.register(kind=Kind.COMPLAINT, received_on=ago(30).isoformat())
    # Received so that its 10 working days end within the next 3 working days.
    day = today
    while calendar.add_working_days(day, 10) > calendar.add_working_days(today, 1):
        day -= timedelta(days=1)
    soon = world.register(kind=Kind.COMPLAINT, received_on=day.isoformat())
    suspended = world.register(received_on=ago(50).isoformat())
    world.perform(suspended, "accept", on=ago(45))
    world.perform(suspended, "suspend", on=ago(40))
    unassigned = world.register(kind=Kind.DENUNCIATION, received_on=ago(9).isoformat())
    world.perform(unassigned, "accept", on=ago(8))
    world.perform(unassigned, "notify_acceptance", on=ago(8))
    fresh = world.register()
    theirs = world.register(actor=world.other_intake, received_on=ago(60).isoformat())
    return {
        "very_late": very_late,
        "late": late,
        "soon": soon,
        "suspended": suspended,
        "unassigned": unassigned,
        "fresh": fresh,
        "theirs": theirs,
    }


def test_overdue_queue_order_reasons_and_counts(api, world):
    cases = build(world)
    response = api(world.supervisor).get("/api/v1/queues/overdue/")
    assert response.status_code == 200
    body = response.json()
    assert body["counts"] == {"overdue": 2, "due_soon": 1, "suspended_long": 1, "unassigned": 1}
    rows = [(r["reference"], r["reason"]) for r in body["results"]]
    assert rows == [
        (cases["very_late"].reference, "overdue"),
        (cases["late"].reference, "overdue"),
        (cases["soon"].reference, "due_soon"),
        (cases["suspended"].reference, "suspended_long"),
        (cases["unassigned"].reference, "unassigned"),
    ]
    assert body["results"][0]["is_overdue"] is True
    assert body["results"][0]["working_days_left"] < 0
    assert all(r["reference"] != cases["theirs"].reference for r in body["results"])


def test_a_queue_row_is_for_triage_and_names_no_one(api, world):
    cases = build(world)
    world.perform(cases["very_late"], "accept", on=ago(55))
    world.perform(cases["very_late"], "assign", on=ago(54))
    body = api(world.supervisor).get("/api/v1/queues/overdue/").json()
    row = next(r for r in body["results"] if r["reference"] == cases["very_late"].reference)
    assert row == {
        "id": cases["very_late"].pk,
        "reference": cases["very_late"].reference,
        "kind": "petition",
        "round": 1,
        "state": "assigned",
        "subject": cases["very_late"].subject,
        "unit": "PROV",
        "assignee": world.investigator.username,
        "received_on": ago(60).isoformat(),
        "last_act_on": ago(54).isoformat(),
        "next_due_on": row["next_due_on"],
        "is_overdue": True,
        "working_days_left": row["working_days_left"],
        "reason": "overdue",
    }
    assert row["next_due_on"] < timezone.localdate().isoformat()
    assert row["working_days_left"] < 0
    # Nobody's identity, no content: those are on the case, one click away.
    assert "Nguyễn Văn An" not in str(body)


def test_a_queue_row_reads_as_drf_would_write_it(api, world):
    from rest_framework import serializers

    from api.queues import queue_rows
    from api.serializers import QueueItemSerializer

    cases = build(world)
    world.perform(cases["very_late"], "accept", on=ago(55))
    world.perform(cases["very_late"], "assign", on=ago(54))
    rows = list(queue_rows(world.supervisor))
    assert len(rows) == 5
    assert any(row["assignee_username"] for row in rows)  # a name, and None, both compared
    assert any(row["assignee_username"] is None for row in rows)
    for row in rows:
        fast = QueueItemSerializer(row).data
        assert fast == serializers.Serializer.to_representation(QueueItemSerializer(), row)


def test_queue_pages_and_their_links(api, world):
    build(world)
    client = api(world.supervisor)
    first = client.get("/api/v1/queues/overdue/", {"page_size": 2}).json()
    assert first["count"] == 5
    assert len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"]
    last = client.get("/api/v1/queues/overdue/", {"page_size": 2, "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None
    assert "page=2" in last["previous"]
    assert last["counts"] == first["counts"]
    every = first["results"] + client.get(first["next"]).json()["results"] + last["results"]
    assert len({r["id"] for r in every}) == 5
    for page in (4, 0, -1, "two", 10**6 + 1, "9" * 30):
        answer = client.get("/api/v1/queues/overdue/", {"page_size": 2, "page": page})
        assert answer.status_code == 404, page
    assert client.get("/api/v1/queues/overdue/", {"page_size": 2, "page": "last"}).json() == last
    # More than the largest page asked for: the largest page.
    assert len(client.get("/api/v1/queues/overdue/", {"page_size": 10**6}).json()["results"]) == 5
    # An empty queue is a first page with nothing in it, and counts of zero.
    empty = api(world.other_supervisor).get("/api/v1/queues/overdue/", {"kind": "petition"})
    assert empty.status_code == 200
    assert empty.json() == {
        "counts": {"overdue": 0, "due_soon": 0, "suspended_long": 0, "unassigned": 0},
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_overdue_queue_filters(api, world):
    cases = build(world)
    client = api(world.supervisor)

    def refs(**params):
        body = client.get("/api/v1/queues/overdue/", params).json()
        return [r["reference"] for r in body["results"]], body["counts"]

    found, counts = refs(kind="petition")
    assert found == [cases["very_late"].reference]
    assert counts["overdue"] == 1
    found, _counts = refs(stage="resolution")
    assert found == [cases["suspended"].reference, cases["unassigned"].reference]
    found, _counts = refs(assignee=world.investigator.username)
    assert found == []
    assert client.get("/api/v1/queues/overdue/", {"stage": "appeal"}).status_code == 400


def test_the_other_unit_sees_its_own_queue(api, world):
    cases = build(world)
    body = api(world.other_supervisor).get("/api/v1/queues/overdue/").json()
    assert [r["reference"] for r in body["results"]] == [cases["theirs"].reference]


def test_my_work(api, world):
    cases = build(world)
    assigned = world.case_in(State.ASSIGNED)
    mine = api(world.investigator).get("/api/v1/queues/mine/").json()
    assert [r["reference"] for r in mine["results"]] == [assigned.reference]
    supervisor = api(world.supervisor).get("/api/v1/queues/mine/").json()
    refs = [r["reference"] for r in supervisor["results"]]
    assert assigned.reference not in refs  # the investigator's move, not the supervisor's
    # Paused: the supervisors' move is to resume it; with no running deadline it comes last.
    assert refs[-1] == cases["suspended"].reference
    assert refs[:2] == [cases["very_late"].reference, cases["late"].reference]
    dues = [r["next_due_on"] for r in supervisor["results"][:-1]]
    assert None not in dues and dues == sorted(dues)
    assert api().get("/api/v1/queues/mine/").status_code == 401


def test_on_time_rate_counts_open_overdue_cases_as_late(api, world):
    world.case_in(State.RESOLVED)  # resolved today, long before its due date
    late = world.register(received_on=ago(120).isoformat())
    world.perform(late, "accept", on=ago(110))
    world.perform(late, "assign", on=ago(110))
    world.perform(late, "record_findings", on=ago(20))
    world.perform(late, "resolve", on=ago(5))  # 30 days from acceptance: resolved late
    world.register(received_on=ago(40).isoformat())  # open, overdue
    world.register()  # open, on time: not counted
    world.register(kind=Kind.PETITION)
    rows = api(world.supervisor).get("/api/v1/reports/on-time/").json()
    complaints = next(r for r in rows if (r["unit"], r["kind"]) == ("PROV", "complaint"))
    assert complaints == {
        "unit": "PROV",
        "kind": "complaint",
        "resolved": 2,
        "resolved_on_time": 1,
        "open_overdue": 1,
        "on_time_rate": round(1 / 3, 4),
    }
    petitions = next(r for r in rows if r["kind"] == "petition")
    assert petitions["on_time_rate"] is None  # nothing to count yet
    assert api(world.other_supervisor).get("/api/v1/reports/on-time/").json() == []


def test_on_time_rate_lists_every_unit_in_code_order_for_whoever_sees_them(api, world):
    late = world.register(received_on=ago(120).isoformat())
    world.perform(late, "accept", on=ago(110))
    world.perform(late, "assign", on=ago(110))
    world.perform(late, "record_findings", on=ago(20))
    world.perform(late, "resolve", on=ago(5))  # PROV: resolved late
    world.case_in(State.RESOLVED)  # PROV: on time
    world.register(actor=world.other_intake, received_on=ago(40).isoformat())  # COMM: overdue
    assert world.prov.pk < world.comm.pk  # the ids' order is not the codes'
    rows = api(world.admin).get("/api/v1/reports/on-time/").json()
    assert [(r["unit"], r["kind"]) for r in rows] == [("COMM", "complaint"), ("PROV", "complaint")]
    assert rows[0] == {
        "unit": "COMM",
        "kind": "complaint",
        "resolved": 0,
        "resolved_on_time": 0,
        "open_overdue": 1,
        "on_time_rate": 0.0,
    }
    assert (rows[1]["resolved"], rows[1]["resolved_on_time"], rows[1]["on_time_rate"]) == (
        2,
        1,
        0.5,
    )
    # The investigator counts the cases assigned to them only: both resolved, not COMM's.
    mine = api(world.investigator).get("/api/v1/reports/on-time/").json()
    assert [(r["unit"], r["resolved"], r["resolved_on_time"]) for r in mine] == [("PROV", 2, 1)]
    assert api(world.investigator2).get("/api/v1/reports/on-time/").json() == []
