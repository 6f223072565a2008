"""The answer to an act is the door's own copy of the case: it must say what a reading of the
case says right after, for every kind of act (states, clocks, documents, unit, assignee)."""

import pytest
from django.utils import timezone

from casework.choices import Kind, State
from casework.models import Case

SEQUENCES = [
    (Kind.COMPLAINT, {}, ["accept", "suspend", "resume", "assign", "record_findings"]),
    (Kind.COMPLAINT, {}, ["accept", "assign", "record_findings", "return_for_rework"]),
    (Kind.COMPLAINT, {}, ["accept", "assign", "record_findings", "resolve"]),
    (Kind.COMPLAINT, {}, ["amend", "move"]),
    (Kind.COMPLAINT, {}, ["accept", "assign", "add_note", "withdraw"]),
    (Kind.PETITION, {}, ["reject"]),
    (Kind.PETITION, {}, ["transfer"]),
    (Kind.PETITION, {}, ["file"]),
    (Kind.DENUNCIATION, {"is_complex": True}, ["accept", "extend", "assign", "record_findings"]),
]

#: What differs between an act's answer and a reading by design: the reading (GET of the one
#: case, logged) may show a denouncer's identity; an act's answer never does.
READING_ONLY = {"petitioners"}


@pytest.mark.parametrize(("kind", "flags", "actions"), SEQUENCES)
def test_an_acts_answer_is_what_a_reading_says_right_after(api, world, kind, flags, actions):
    case = world.register(kind=kind, **flags)
    for action in actions:
        case = Case.objects.get(pk=case.pk)
        actor = world.actor_for(action, case)
        if action == "withdraw" and case.state == State.RECEIVED:
            actor = world.intake  # the registrar records a withdrawal before acceptance
        body = {**world.payload(action, case), "on": timezone.localdate().isoformat()}
        answer = api(actor).post(
            f"/api/v1/cases/{case.pk}/transitions/{action}/", body, format="json"
        )
        assert answer.status_code == 200, (action, answer.content)
        reading = api(world.admin).get(f"/api/v1/cases/{case.pk}/")
        assert reading.status_code == 200
        said, read = answer.json(), reading.json()
        if kind == Kind.DENUNCIATION:
            said, read = (
                {k: v for k, v in d.items() if k not in READING_ONLY} for d in (said, read)
            )
        assert said == read, action
