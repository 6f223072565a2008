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
