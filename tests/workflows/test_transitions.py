"""Every action in every state of every kind: what the door answers, and what it writes."""

import pytest

from casework.choices import Kind, State
from casework.models import CaseEvent
from tests.conftest import STATES_OF_KINDS
from workflows.errors import StateConflict

ACTIONS = [
    "accept", "reject", "transfer", "file", "assign", "record_findings",
    "return_for_rework", "resolve", "extend", "suspend", "resume", "withdraw",
    "add_note", "amend", "move", "guide", "return_papers", "link", "split",
    "inform_forwarder", "terminate",
]  # fmt: skip

# Written out by hand from the Foundation issue, not derived from the code under test.
ALLOWED = {
    State.RECEIVED: {
        "accept",
        "reject",
        "transfer",
        "file",
        "withdraw",
        "amend",
        "move",
        # Letter processing's further outcomes (Circular 05/2021/TT-TTCP).
        "guide",
        "return_papers",
        "link",
        "split",
    },
    State.ACCEPTED: {"assign", "extend", "suspend", "withdraw", "amend", "terminate"},
    State.ASSIGNED: {
        "assign",
        "record_findings",
        "extend",
        "suspend",
        "withdraw",
        "add_note",
        "amend",
        "terminate",
    },
    State.INVESTIGATED: {
        "return_for_rework",
        "resolve",
        "extend",
        "suspend",
        "withdraw",
        "add_note",
        "amend",
        "terminate",
    },
    State.SUSPENDED: {"resume", "withdraw", "amend", "terminate"},
    State.RESOLVED: set(),
    State.REJECTED: set(),
    State.TRANSFERRED: set(),
    State.WITHDRAWN: set(),
    State.FILED: set(),
    State.GUIDED: set(),
    State.RETURNED: set(),
    State.LINKED: set(),
    State.SPLIT: set(),
    State.TERMINATED: set(),
}
TARGET = {
    "accept": State.ACCEPTED,
    "reject": State.REJECTED,
    "transfer": State.TRANSFERRED,
    "file": State.FILED,
    "assign": State.ASSIGNED,
    "record_findings": State.INVESTIGATED,
    "return_for_rework": State.ASSIGNED,
    "resolve": State.RESOLVED,
    "suspend": State.SUSPENDED,
    "withdraw": State.WITHDRAWN,
    "guide": State.GUIDED,
    "return_papers": State.RETURNED,
    "link": State.LINKED,
    "split": State.SPLIT,
    "terminate": State.TERMINATED,
}
EVENT = {
    "accept": "CASE_ACCEPTED",
    "reject": "CASE_REJECTED",
    "transfer": "CASE_TRANSFERRED",
    "file": "CASE_FILED",
    "assign": "CASE_ASSIGNED",
    "record_findings": "CASE_INVESTIGATED",
    "return_for_rework": "CASE_RETURNED",
    "resolve": "CASE_RESOLVED",
    "extend": "CASE_EXTENDED",
    "suspend": "CASE_SUSPENDED",
    "resume": "CASE_RESUMED",
    "withdraw": "CASE_WITHDRAWN",
    "add_note": "NOTE_ADDED",
    "amend": "CASE_AMENDED",
    "move": "CASE_MOVED",
    "guide": "SENDER_GUIDED",
    "return_papers": "PAPERS_RETURNED",
    "link": "LETTER_LINKED",
    "split": "LETTER_SPLIT",
    "terminate": "CASE_TERMINATED",
}


def expected_ok(kind, state, action):
    if action == "extend" and kind != Kind.DENUNCIATION:
        return False  # only denunciations are extended
    if action == "terminate" and kind == Kind.PETITION:
        return False  # a petition's handling is not terminated by a decision
    if action == "split" and kind == Kind.DENUNCIATION:
        return False  # its sender is guided to write the denunciation apart (Art. 25(3))
    if action == "transfer" and kind == Kind.COMPLAINT:
        return False  # a complaint's sender is guided instead
    if action == "guide" and kind != Kind.COMPLAINT:
        return False  # a denunciation or a petition outside competence is transferred
    # No body forwarded these letters: nobody to report to (``inform_forwarder``).
    return action in ALLOWED[state]


@pytest.mark.parametrize(("state", "kind"), STATES_OF_KINDS)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_in_every_state(world, kind, state, action):
    # Complex, so that a denunciation has an extension to use.
    case = world.case_in(state, kind=kind, is_complex=True)
    events_before = CaseEvent.objects.filter(case=case).count()

    if expected_ok(kind, state, action):
        after = world.perform(case, action)
        expected_state = TARGET.get(action, state)  # extend, add_note, amend keep it
        if action == "resume":
            expected_state = State.ACCEPTED  # the fixture suspended an accepted case
        after.refresh_from_db()
        assert after.state == expected_state
        events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
        assert len(events) == events_before + 1
        assert events[-1].from_state == state
        assert events[-1].to_state == expected_state
        assert events[-1].action == EVENT[action]
    else:
        with pytest.raises(StateConflict) as refused:
            world.perform(case, action)
        assert refused.value.status == 409
        assert str(refused.value.detail)
        case.refresh_from_db()
        assert case.state == state
        assert CaseEvent.objects.filter(case=case).count() == events_before
