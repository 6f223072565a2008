"""The supervisor's dashboard, the queue page's counts and filters, the notifications, the
header (unread count, language switch) and the menu."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.choices import Kind, Role, State
from casework.models import Notification
from workflows.services.sweep import deadlines_sweep


def ago(days):
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def test_dashboard_counts_charts_and_rates_what_the_supervisor_sees(client, world):
    world.register(received_on=ago(40))  # received, acceptance overdue
    world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    resolved = world.case_in(State.RESOLVED)
    world.register(actor=world.other_intake)  # another unit: not counted
    client.force_login(world.supervisor)
    response = client.get("/cases/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    counts = response.context["counts"]
    by_state = {row["state"].value: row["total"] for row in counts["rows"]}
    assert (by_state["received"], by_state["assigned"], by_state["resolved"]) == (1, 1, 1)
    assert counts["total"] == 3
    # This week: 2 received (the overdue one was received 40 days ago), 1 resolved.
    this_week = response.context["weeks"][-1]
    assert (this_week["received"], this_week["resolved"]) == (2, 1)
    bars = re.findall(r'data-series="(\w+)" data-value="(\d+)"', html)
    assert len(bars) == 24 and bars[-2:] == [("received", "2"), ("resolved", "1")]
    assert "<svg" in html and "cdn" not in html.lower()
    rates = {(r["unit"], r["kind"]): r for r in response.context["on_time"]}
    complaint = rates[("PROV", "complaint")]
    # One resolved on time, one open and overdue: 1 / 2.
    assert (complaint["resolved_on_time"], complaint["open_overdue"]) == (1, 1)
    assert complaint["on_time_rate"] == 0.5
    assert "50%" in html
    assert response.context["queue_counts"]["overdue"] == 1
    assert resolved.reference not in html.split('data-table="queue-head"')[1].split("</table>")[0]


@pytest.mark.parametrize(("role", "status"), [("intake", 403), ("investigator", 403)])
def test_dashboard_is_for_supervisors_auditors_and_administrators(client, world, role, status):
    client.force_login(getattr(world, role))
    assert client.get("/cases/dashboard/").status_code == status
    client.force_login(world.auditor)
    assert client.get("/cases/dashboard/").status_code == 200


def test_the_queue_page_counts_and_filters(client, world):
    late_complaint = world.register(received_on=ago(40))
    late_petition = world.register(kind=Kind.PETITION, received_on=ago(40))
    assigned = world.register(received_on=ago(45))
    today = timezone.localdate()
    world.perform(assigned, "accept", on=today - timedelta(days=44))
    world.perform(assigned, "assign", on=today - timedelta(days=43))
    world.perform(assigned, "suspend", on=today - timedelta(days=35))
    client.force_login(world.supervisor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/cases/queue/", HTTP_ACCEPT_LANGUAGE="vi")
    html = response.content.decode()
    # Its own title, in Vietnamese.
    assert re.search(r"<h1[^>]*>\s*Hồ sơ cần xử lý của đơn vị", html)
    chips = dict(re.findall(r'data-reason="(\w+)"><strong>(\d+)</strong>', html))
    assert chips == {"overdue": "2", "due_soon": "0", "suspended_long": "1", "unassigned": "0"}
    # The list's total is the reasons' counts added up, not counted a second time.
    assert 'data-total-items-count="3"' in html
    reading_cases = [q["sql"] for q in queries if 'FROM "casework_case"' in q["sql"]]
    assert len(reading_cases) == 2, reading_cases  # the reasons' counts, the page
    only_petitions = client.get("/cases/queue/?kind=petition").content.decode()
    assert 'data-total-items-count="1"' in only_petitions
    resolution_total = client.get("/cases/queue/?stage=resolution").content.decode()
    assert 'data-total-items-count="1"' in resolution_total
    # A refused filter is not applied: the whole queue, and its total.
    refused = client.get("/cases/queue/?kind=nonsense")
    assert refused.status_code == 200 and refused.context["view"].filterset.errors
    assert 'data-total-items-count="3"' in refused.content.decode()
    for page in ("2", "0", "abc"):  # past the end, or no page at all
        assert client.get(f"/cases/queue/?page={page}").status_code == 404
    assert late_petition.reference in only_petitions
    assert late_complaint.reference not in only_petitions
    resolution = client.get("/cases/queue/?stage=resolution").content.decode()
    assert assigned.reference in resolution and late_complaint.reference not in resolution
    mine = client.get(f"/cases/queue/?assignee={world.investigator.pk}").content.decode()
    assert assigned.reference in mine and late_complaint.reference not in mine


def test_notifications_count_in_the_header_list_and_mark_read(client, world):
    case = world.register(received_on=ago(40))
    deadlines_sweep()
    client.force_login(world.supervisor)
    html = client.get("/cases/mine/").content.decode()
    assert 'data-unread="1"' in html
    page = client.get("/cases/notifications/").content.decode()
    assert case.reference in page and f"/cases/case/{case.pk}/detail/" in page
    response = client.post("/cases/notifications/", follow=True)
    assert response.status_code == 200
    assert Notification.objects.filter(recipient=world.supervisor, read_at=None).count() == 0
    assert 'data-unread="' not in response.content.decode()


def test_a_notification_about_a_case_out_of_sight_names_it_without_a_link(client, world):
    case = world.register(received_on=ago(40))
    Notification.objects.create(
        recipient=world.other_supervisor,
        case=case,
        stage="acceptance",
        level="escalated",
        due_on=timezone.localdate(),
    )
    client.force_login(world.other_supervisor)
    page = client.get("/cases/notifications/").content.decode()
    assert case.reference in page
    assert f"/cases/case/{case.pk}/" not in page
    assert case.subject not in page


def test_notifications_page_queries_do_not_grow(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.supervisor)

    def count():
        client.get("/cases/notifications/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cases/notifications/").status_code == 200
        return len(queries)

    world.register(received_on=ago(40))
    deadlines_sweep()
    few = count()
    for days in range(41, 47):
        world.register(received_on=ago(days))
    deadlines_sweep()
    assert Notification.objects.filter(recipient=world.supervisor).count() == 7
    assert count() == few


def test_language_switch_in_the_header(client, world):
    client.force_login(world.supervisor)
    html = client.get("/cases/mine/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'name="language" value="en"' in html and "Việc của tôi" in html
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/cases/mine/"}, follow=True
    )
    assert response.status_code == 200
    assert re.search(r"<h1[^>]*>\s*My work", response.content.decode())
    assert 'aria-pressed="true">EN' in response.content.decode().replace("\n", "")


def test_the_menu_leads_to_the_procedures_dashboard_and_notifications(client, world):
    client.force_login(world.supervisor)
    html = client.get("/cases/mine/").content.decode()
    for url in ("/procedures/", "/cases/dashboard/", "/cases/notifications/"):
        assert f'href="{url}"' in html
    client.force_login(world.intake)
    html = client.get("/cases/case/").content.decode()
    assert 'href="/cases/dashboard/"' not in html


def test_every_page_tells_the_auditor_it_is_read_only(client, world):
    from casework.choices import State

    case = world.case_in(State.ASSIGNED)
    client.force_login(world.auditor)
    for url in ("/cases/case/", f"/cases/case/{case.pk}/detail/", "/cases/dashboard/"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
        assert 'data-testid="read-only"' in html and "Chỉ xem" in html, url
        assert "data-action=" not in html, url
    client.force_login(world.supervisor)
    assert 'data-testid="read-only"' not in client.get("/cases/case/").content.decode()


def test_the_queue_page_offers_the_units_investigators_only(client, world):
    from permissions.roles import role_groups_ensure
    from tests.conftest import make_user

    # A supervisor here who investigates in another unit: not an investigator of this one.
    elsewhere = make_user("sup.inv.comm", world.prov, [Role.SUPERVISOR], first_name="Elsewhere")
    elsewhere.groups.add(role_groups_ensure(world.comm)[Role.INVESTIGATOR])
    client.force_login(world.supervisor)
    response = client.get("/cases/queue/")
    assert response.status_code == 200
    field = response.context["view"].filterset.form.fields["assignee"]
    offered = [label for value, label in field.choices if value]
    assert offered == [str(world.investigator), str(world.investigator2)]
    html = response.content.decode()
    assert str(world.investigator) in html and "sup.inv.comm" not in html
    # Picking one still filters; a user who is not offered is refused, not a 500.
    assert client.get(f"/cases/queue/?assignee={world.investigator.pk}").status_code == 200
    refused = client.get(f"/cases/queue/?assignee={elsewhere.pk}")
    assert refused.status_code == 200 and refused.context["view"].filterset.errors
