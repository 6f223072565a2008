"""The daily sweep: missed stages, warnings to whose move it is, escalation, each once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from casework.choices import Role, State
from casework.deadlines.calendar import working_calendar
from casework.models import Clock, Notification, Unit
from permissions.roles import role_groups_ensure
from tests.conftest import make_user


def ago(days):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def scene(world):
    district = Unit.objects.create(code="DIST", name="Thanh tra huyện", parent=world.prov)
    role_groups_ensure(district)
    dist_intake = make_user("intake.dist", district, [Role.INTAKE_OFFICER])
    dist_supervisor = make_user("sup.dist", district, [Role.SUPERVISOR])
    overdue = world.register(received_on=ago(40).isoformat())  # PROV, acceptance missed
    escalated = world.register(actor=dist_intake, received_on=ago(60).isoformat())
    # Assigned, with its resolution due within 3 working days.
    calendar, today = working_calendar(), timezone.localdate()
    accepted_on = today - timedelta(days=30)
    while calendar.next_working_day(accepted_on + timedelta(days=30)) > (
        calendar.add_working_days(today, 2)
    ):
        accepted_on -= timedelta(days=1)
    while calendar.next_working_day(accepted_on + timedelta(days=30)) < today:
        accepted_on += timedelta(days=1)
    soon = world.register(received_on=(accepted_on - timedelta(days=2)).isoformat())
    world.perform(soon, "accept", on=accepted_on)
    world.perform(soon, "assign", on=accepted_on)
    fine = world.register()
    return {
        "overdue": overdue,
        "escalated": escalated,
        "soon": soon,
        "fine": fine,
        "dist_supervisor": dist_supervisor,
    }


def warnings():
    return sorted(
        (n.case.reference, n.level, n.recipient.username)
        for n in Notification.objects.select_related("case", "recipient")
    )


def test_sweep_warns_each_once(scene, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_deadlines", stdout=open("/dev/null", "w"))  # noqa: SIM115
    expected = sorted(
        [
            (scene["overdue"].reference, "overdue", "sup"),
            (scene["escalated"].reference, "overdue", "sup.dist"),
            (scene["escalated"].reference, "escalated", "sup"),
            (scene["soon"].reference, "due_soon", "inv1"),
        ]
    )
    assert warnings() == expected
    references = {ref for ref, _level, _user in expected}
    mailed = sorted((m.to[0], ref) for m in mail.outbox for ref in references if ref in m.subject)
    assert mailed == sorted((f"{user}@x.test", ref) for ref, _level, user in expected)
    first_mails = len(mail.outbox)
    assert first_mails == 4
    missed = dict(Clock.objects.filter(missed_on__isnull=False).values_list("case_id", "missed_on"))
    assert set(missed) == {scene["overdue"].pk, scene["escalated"].pk}

    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_deadlines", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert warnings() == expected
    assert len(mail.outbox) == first_mails  # nothing twice
    assert (
        dict(Clock.objects.filter(missed_on__isnull=False).values_list("case_id", "missed_on"))
        == missed
    )


def test_no_warning_for_a_closed_or_paused_case(scene, world, django_capture_on_commit_callbacks):
    world.perform(scene["overdue"], "reject", grounds="unsigned")
    suspended = world.case_in(State.SUSPENDED)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_deadlines", stdout=open("/dev/null", "w"))  # noqa: SIM115
    refs = {ref for ref, _level, _user in warnings()}
    assert scene["overdue"].reference not in refs
    assert suspended.reference not in refs
    assert scene["fine"].reference not in refs


def test_escalation_mail_names_no_subject_to_who_may_not_see_the_case(
    scene, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_deadlines", stdout=open("/dev/null", "w"))  # noqa: SIM115
    escalated = [m for m in mail.outbox if scene["escalated"].reference in m.subject]
    to_parent = [m for m in escalated if m.to == [world.supervisor.email]]
    to_own = [m for m in escalated if m.to == [scene["dist_supervisor"].email]]
    assert to_parent and to_own
    assert scene["escalated"].subject not in to_parent[0].body
    assert scene["escalated"].subject in to_own[0].body


def test_a_new_due_date_is_warned_again(world, django_capture_on_commit_callbacks):
    from workflows.services.sweep import deadlines_sweep

    case = world.register(kind="denunciation", received_on=ago(40).isoformat(), is_complex=True)
    world.perform(case, "accept", on=ago(35))
    world.perform(case, "assign", on=ago(35))
    due = Clock.objects.get(case=case, stage="resolution").due_on
    with django_capture_on_commit_callbacks(execute=True):
        deadlines_sweep(today=due - timedelta(days=1))
        deadlines_sweep(today=due - timedelta(days=1))
    assert Notification.objects.filter(case=case, level="due_soon").count() == 1
    world.perform(case, "extend", days=10, on=ago(30))
    new_due = Clock.objects.get(case=case, stage="resolution").due_on
    assert new_due > due
    with django_capture_on_commit_callbacks(execute=True):
        deadlines_sweep(today=new_due - timedelta(days=1))
    assert Notification.objects.filter(case=case, level="due_soon").count() == 2


def test_where_another_unit_decides_its_moves_are_warned_to_its_supervisors(
    world, django_capture_on_commit_callbacks
):
    """The inspectorate handles, the province's Chairman decides: the acceptance due is the
    Chairman's move (as "my work" shows it), the assignment after it the inspectorate's."""
    from workflows.services.sweep import deadlines_sweep

    _top, _chairman = world.province()
    case = world.register(competent_unit="UBT", received_on=ago(3).isoformat())
    due = Clock.objects.get(case=case, stage="acceptance").due_on
    with django_capture_on_commit_callbacks(execute=True):
        deadlines_sweep(today=due - timedelta(days=1))
    assert warnings() == [(case.reference, "due_soon", "chairman")]
    Notification.objects.all().delete()
    case = world.perform(case, "accept", actor=_chairman)
    resolution = Clock.objects.get(case=case, stage="resolution").due_on
    with django_capture_on_commit_callbacks(execute=True):
        deadlines_sweep(today=resolution - timedelta(days=1))
    assert warnings() == [(case.reference, "due_soon", "sup")]  # assigning is the unit's


def test_the_notices_of_acceptance_due_are_the_supervisors_move_while_the_verifier_works(
    world, django_capture_on_commit_callbacks
):
    from workflows.services.sweep import deadlines_sweep

    case = world.register(kind="denunciation", received_on=ago(10).isoformat())
    case = world.perform(case, "accept", on=ago(2))
    case = world.perform(case, "assign", on=ago(1))  # the notices (Art. 29) not yet sent
    notices = Clock.objects.get(case=case, stage="notification").due_on
    with django_capture_on_commit_callbacks(execute=True):
        deadlines_sweep(today=notices - timedelta(days=1))
    assert (case.reference, "due_soon", "sup") in warnings()
    assert all(who != "inv1" for _ref, _level, who in warnings())
    # Where the province's Chairman decides, the notices are the Chairman's to send.
    Notification.objects.all().delete()
    _top, chairman = world.province()
    case = world.register(
        kind="denunciation", competent_unit="UBT", received_on=ago(10).isoformat()
    )
    case = world.perform(case, "accept", on=ago(2), actor=chairman)
    case = world.perform(case, "assign", on=ago(1))
    with django_capture_on_commit_callbacks(execute=True):
        deadlines_sweep(today=notices - timedelta(days=1))
    assert [w for w in warnings() if w[0] == case.reference] == [
        (case.reference, "due_soon", "chairman")
    ]


def test_due_soon_goes_to_whose_move_it_is(world, django_capture_on_commit_callbacks):
    from workflows.services.sweep import deadlines_sweep

    # Received, acceptance due: the move is the supervisors'; assigned: the investigator's.
    received = world.register(received_on=ago(3).isoformat())
    due = Clock.objects.get(case=received, stage="acceptance").due_on
    with django_capture_on_commit_callbacks(execute=True):
        result = deadlines_sweep(today=due - timedelta(days=1))
    assert result.created == 1
    assert warnings() == [(received.reference, "due_soon", "sup")]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = deadlines_sweep(today=due - timedelta(days=1))
    assert again.created == 0
    assert callbacks == []  # nothing new: no mail task queued
