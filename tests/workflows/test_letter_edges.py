"""Edges of letter processing that the outcome tests leave out (Circular 05/2021/TT-TTCP): a
repeated letter joined while someone else holds the open case, a forwarded letter joined to
an open case (its forwarding body is still told the result), and what an auditor of the unit
reads of the open case a repeated letter joined."""

import re
import threading

import pytest
from django.db import connection, transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.choices import Kind, State
from casework.models import Case, CaseEvent, Clock
from tests.api.conftest import api  # noqa: F401 (the API's client, as its tests have it)
from workflows.procedures import REPEAT_EVENT
from workflows.selectors import case_actions_available

BY_DEPUTY = {
    "channel": "forwarded",
    "forwarded_by": "Đoàn đại biểu Quốc hội tỉnh",
    "forwarder_kind": "deputy",
}
#: The sender of the repeated letter (on a denunciation, its denouncer).
DENOUNCER = {"full_name": "Trần Thị Cúc", "id_number": "079301009876", "phone": "0987654321"}
SECRETS = tuple(DENOUNCER.values())
#: The timeline's words for ``REPEAT_EVENT`` (``EVENT_LABELS``), as the English page shows them.
JOINED_LABEL = "A repeated letter joined this case"


def timeline_of(html: str) -> str:
    """The case page's timeline, alone (the rest of the page names the case too)."""
    found = re.search(r'data-testid="timeline">(.*?)</ol>', html, re.S)
    assert found, "the case page has no timeline"
    return found.group(1)


# 1. The open case is held by another transaction: the join is refused at once, untouched.


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_joining_a_letter_while_the_open_case_is_locked_answers_409_and_writes_nothing(
    fresh_world, is_postgres
):
    assert is_postgres  # the marker skips it elsewhere: SQLite has no row locks to hold
    world = fresh_world
    open_case = world.case_in(State.ACCEPTED, kind=Kind.COMPLAINT)
    letter = world.register(kind=Kind.COMPLAINT)
    events_before = {
        open_case.pk: CaseEvent.objects.filter(case=open_case).count(),
        letter.pk: CaseEvent.objects.filter(case=letter).count(),
    }
    token, _ = Token.objects.get_or_create(user=world.supervisor)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = f"/api/v1/cases/{letter.pk}/transitions/link/"

    locked, release = threading.Event(), threading.Event()
    failures = []

    def hold_the_open_case():
        # Another user's act on the open case: its row locked in a transaction of its own.
        try:
            with transaction.atomic():
                Case.objects.select_for_update().get(pk=open_case.pk)
                locked.set()
                release.wait(timeout=30)
        except Exception as exc:  # reported to the test's thread
            failures.append(exc)
        finally:
            locked.set()
            connection.close()

    holder = threading.Thread(target=hold_the_open_case)
    holder.start()
    try:
        assert locked.wait(timeout=30) and not failures, failures
        answer = client.post(url, {"repeats": open_case.reference}, format="json")
    finally:
        release.set()
        holder.join(timeout=30)
    assert not holder.is_alive() and not failures, failures

    # The door's own refusal (the open case named), not a lock wait the API gave up on.
    assert answer.status_code == 409, answer.content
    assert answer.json() == {
        "detail": f"{open_case.reference} is being changed by someone else: try again."
    }
    letter.refresh_from_db()
    open_case.refresh_from_db()
    assert letter.state == State.RECEIVED and letter.linked_to_id is None
    assert open_case.repeat_count == 0 and open_case.state == State.ACCEPTED
    assert not CaseEvent.objects.filter(case=open_case, action=REPEAT_EVENT).exists()
    assert not CaseEvent.objects.filter(case=letter, action="LETTER_LINKED").exists()
    assert {
        pk: CaseEvent.objects.filter(case_id=pk).count() for pk in events_before
    } == events_before
    acceptance = Clock.objects.get(case=letter, stage="acceptance")
    assert acceptance.status == Clock.Status.RUNNING  # the letter still waits to be processed

    # Once the other act is done, the same request joins it: "try again" was true.
    again = client.post(url, {"repeats": open_case.reference}, format="json")
    assert again.status_code == 200, again.content
    assert again.json()["state"] == "linked"
    open_case.refresh_from_db()
    assert open_case.repeat_count == 1


# 2. A forwarded letter joined to an open case: the forwarding body is still told the result.


def test_a_forwarded_letter_joined_to_an_open_case_still_reports_to_its_forwarder(
    world,
    client,
    api,  # noqa: F811
):
    open_case = world.case_in(State.ACCEPTED, kind=Kind.PETITION)
    letter = world.register(kind=Kind.PETITION, **BY_DEPUTY)
    letter = world.perform(letter, "link", repeats=open_case.reference)
    assert letter.state == State.LINKED

    # The report to the deputies runs on its own clock from the day the letter was joined.
    report = Clock.objects.get(case=letter, stage="report")
    assert report.status == Clock.Status.RUNNING and report.started_on == letter.last_act_on
    assert report.due_on is not None and letter.next_due_on == report.due_on
    acceptance = Clock.objects.get(case=letter, stage="acceptance")
    assert acceptance.status == Clock.Status.MET

    # The supervisors see that it is owed: in their work, at its step, with the action.
    supervisor = api(world.supervisor)
    body = supervisor.get(f"/api/v1/cases/{letter.pk}/").json()
    assert body["step"] == "forwarder_report"
    assert body["forwarded_by"] == BY_DEPUTY["forwarded_by"]
    mine = supervisor.get("/api/v1/queues/mine/").json()
    assert letter.reference in [r["reference"] for r in mine["results"]]
    steps = [s["name"] for s in supervisor.get(f"/api/v1/cases/{letter.pk}/transitions/").json()]
    assert "inform_forwarder" in steps
    client.force_login(world.supervisor)
    assert letter.reference in client.get("/cases/mine/").content.decode()
    page = client.get(f"/cases/case/{letter.pk}/detail/").content.decode()
    assert "Result to report to the forwarding body" in page

    # Reported: the clock is met, the report issued, nothing more owed.
    letter = world.perform(letter, "inform_forwarder")
    report.refresh_from_db()
    assert (report.status, report.met_on) == (Clock.Status.MET, letter.forwarder_informed_on)
    assert letter.forwarder_informed_on is not None and letter.next_due_on is None
    assert list(letter.documents.values_list("kind", flat=True)) == ["forwarder_report"]
    assert supervisor.get(f"/api/v1/cases/{letter.pk}/").json()["step"] == "ended"
    mine = supervisor.get("/api/v1/queues/mine/").json()
    assert letter.reference not in [r["reference"] for r in mine["results"]]
    assert "inform_forwarder" not in [
        a.name for a in case_actions_available(case=letter, user=world.supervisor)
    ]
    # The open case is the one that answers the matter: untouched by the report.
    open_case.refresh_from_db()
    assert open_case.repeat_count == 1 and open_case.state == State.ACCEPTED


# 3. The unit's auditor reads the open case a repeated letter joined.


@pytest.mark.parametrize("kind", [Kind.COMPLAINT, Kind.DENUNCIATION])
def test_the_auditor_reads_the_repeat_on_the_open_cases_timeline(
    world,
    client,
    api,  # noqa: F811
    kind,
):
    open_case = world.case_in(State.ACCEPTED, kind=kind)
    letter = world.register(kind=kind, parties=[DENOUNCER])
    world.perform(letter, "link", repeats=open_case.reference)

    client.force_login(world.auditor)
    answer = client.get(f"/cases/case/{open_case.pk}/detail/")
    assert answer.status_code == 200
    assert JOINED_LABEL in timeline_of(answer.content.decode())
    assert 'data-testid="repeat-count">1<' in answer.content.decode()

    events = api(world.auditor).get(f"/api/v1/cases/{open_case.pk}/events/")
    assert events.status_code == 200
    joined = [e for e in events.json() if e["action"] == REPEAT_EVENT]
    assert len(joined) == 1
    assert joined[0]["payload"]["repeat_count"] == 1
    assert joined[0]["actor"] == world.supervisor.username
    # The auditor reads; the auditor never acts.
    assert case_actions_available(case=open_case, user=world.auditor) == []


def test_the_auditor_never_reads_the_repeated_denouncers_identity(
    world,
    client,
    api,  # noqa: F811
):
    open_case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION)
    letter = world.register(kind=Kind.DENUNCIATION, parties=[DENOUNCER])
    world.perform(letter, "link", repeats=open_case.reference)

    # Who may see it does: the texts below would carry it if they carried it to anyone.
    client.force_login(world.supervisor)
    assert DENOUNCER["full_name"] in client.get(f"/cases/case/{letter.pk}/detail/").content.decode()

    client.force_login(world.auditor)
    auditor = api(world.auditor)
    texts = {
        "open case page": client.get(f"/cases/case/{open_case.pk}/detail/"),
        "letter page": client.get(f"/cases/case/{letter.pk}/detail/"),
        "open case events": auditor.get(f"/api/v1/cases/{open_case.pk}/events/"),
        "letter events": auditor.get(f"/api/v1/cases/{letter.pk}/events/"),
        "open case": auditor.get(f"/api/v1/cases/{open_case.pk}/"),
        "letter": auditor.get(f"/api/v1/cases/{letter.pk}/"),
    }
    for name, answer in texts.items():
        assert answer.status_code == 200, name
        shown = answer.content.decode()
        assert not [s for s in SECRETS if s in shown], name
    assert texts["letter"].json()["petitioners"] == [
        {"role": "denouncer", "identity_protected": True}
    ]
    # Reading nothing secret, the auditor's readings are not logged as identity readings.
    assert not CaseEvent.objects.filter(
        case__in=[open_case, letter], action="IDENTITY_VIEWED", actor=world.auditor
    ).exists()


def test_the_auditor_reads_no_tie_of_a_repeated_denunciation_in_the_events(
    world,
    api,  # noqa: F811
):
    open_case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION)
    letter = world.register(kind=Kind.DENUNCIATION, parties=[DENOUNCER])
    world.perform(letter, "link", repeats=open_case.reference)
    auditor = api(world.auditor)
    # As the rest of the API has it: no tie for the auditor.
    assert auditor.get(f"/api/v1/cases/{letter.pk}/").json()["linked_to"] is None
    open_events = auditor.get(f"/api/v1/cases/{open_case.pk}/events/").content.decode()
    letter_events = auditor.get(f"/api/v1/cases/{letter.pk}/events/").content.decode()
    assert letter.reference not in open_events
    assert open_case.reference not in letter_events
    # Who may see the denouncer reads the tie.
    supervisor = api(world.supervisor)
    assert (
        letter.reference in supervisor.get(f"/api/v1/cases/{open_case.pk}/events/").content.decode()
    )


def test_the_notice_of_acceptance_goes_to_the_body_that_forwarded_the_letter(
    world, django_capture_on_commit_callbacks
):
    from casework.models import Document
    from tests.workflows.test_notices import pdf_text

    case = world.register(
        channel="forwarded",
        forwarded_by="Đoàn đại biểu Quốc hội tỉnh Lâm Đồng",
        forwarder_kind="deputy",
    )
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(case, "accept")
    notice = Document.objects.get(case=case, kind="acceptance_notice")
    recipients = pdf_text(notice).split("Nơi nhận")[1]
    assert "Đoàn đại biểu Quốc hội tỉnh Lâm Đồng" in recipients
    assert "Nguyễn Văn An" in recipients
