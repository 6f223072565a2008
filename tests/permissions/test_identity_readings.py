"""Each reading of a denouncer's identity by an allowed user is an IDENTITY_VIEWED event: who
and when, never what; lists never carry the identity."""

import pytest
from django.core.management import call_command

from casework.choices import Kind, State
from casework.models import CaseEvent
from workflows.selectors import case_list_done


def readings(case):
    return list(CaseEvent.objects.filter(case=case, action="IDENTITY_VIEWED").order_by("seq"))


def test_the_supervisor_reading_the_case_page_is_logged(client, world):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    client.force_login(world.supervisor)
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert "Nguyễn Văn An" in html
    client.get(f"/cases/case/{case.pk}/detail/")
    logged = readings(case)
    assert [(e.actor, e.payload, e.texts) for e in logged] == [(world.supervisor, {}, {})] * 2
    assert logged[0].from_state == logged[0].to_state == State.ASSIGNED
    call_command("verify_audit")


@pytest.mark.parametrize("role", ["investigator", "auditor"])
def test_who_may_not_see_the_identity_reads_nothing_and_nothing_is_logged(client, world, role):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    client.force_login(getattr(world, role))
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert "Nguyễn Văn An" not in html and 'data-testid="identity-protected"' in html
    assert readings(case) == []


def test_other_kinds_log_no_reading(client, world):
    case = world.case_in(State.ASSIGNED, kind=Kind.COMPLAINT)
    client.force_login(world.supervisor)
    assert "Nguyễn Văn An" in client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert readings(case) == []


def test_a_reading_alone_does_not_put_a_case_in_done_recently(client, world):
    case = world.register(kind=Kind.DENUNCIATION, actor=world.intake)
    client.force_login(world.supervisor)
    client.get(f"/cases/case/{case.pk}/detail/")
    assert readings(case)
    assert not case_list_done(user=world.supervisor).filter(pk=case.pk).exists()
