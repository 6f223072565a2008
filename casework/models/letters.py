"""The outcomes of letter processing other than acceptance (Circular 05/2021/TT-TTCP): not
accepted, transferred (out of the system, or moved within it), filed, the sender guided to
the competent body, the original papers returned, a repeated letter joined to the open case
it repeats, a mixed letter split into one case per content; and, at the end of any case a
body forwarded, the report of its result to that body. ``Case`` takes them from here; their
bodies change fields only (the door writes the cases a link or a split touches:
``workflows.services.letters``)."""

from django_fsm import transition

from casework.choices import END_STATES, State
from casework.models.conditions import (
    forwarded_by_a_body,
    forwarder_not_informed,
    is_complaint_to_guide,
    not_a_complaint_to_transfer,
    not_a_denunciation_to_split,
    not_transferred_before,
)

DECIDE = "casework.decide_case"

#: The ends after which the forwarding body is told the result: every end but a letter split
#: into cases (each of those reports; a letter joined to an open case is told it was).
REPORTED_ENDS = tuple(s for s in END_STATES if s != State.SPLIT)


class LetterSteps:
    """Mixed into ``Case``."""

    @transition(field="state", source=State.RECEIVED, target=State.REJECTED, permission=DECIDE)
    def reject(self, *, on, grounds):
        self.closure_reason = grounds
        self.last_act_on = on

    @transition(
        field="state",
        source=State.RECEIVED,
        target=State.TRANSFERRED,
        permission=DECIDE,
        conditions=[not_a_complaint_to_transfer, not_transferred_before],
    )
    def transfer(self, *, on, to_agency):
        self.closure_reason = to_agency
        self.last_act_on = on

    @transition(
        field="state",
        source=State.RECEIVED,
        target=None,
        permission=DECIDE,
        conditions=[not_transferred_before],
    )
    def move(self, *, on, to_unit, reason):
        """Transfer within the system: the competent unit receives the case as it stands. The
        competent authority named for the old unit is not the new one's: the new unit decides
        (or names its own by a new registration)."""
        self.unit = to_unit
        self.competent_unit = None
        self.assignee = None
        self.check_extended_on = None  # the receiving unit's check is its own
        self.transferred_in = True  # a denunciation is transferred once only
        self.last_act_on = on

    @transition(field="state", source=State.RECEIVED, target=State.FILED, permission=DECIDE)
    def file(self, *, on, reason):
        self.closure_reason = reason
        self.last_act_on = on

    @transition(
        field="state",
        source=State.RECEIVED,
        target=State.GUIDED,
        permission=DECIDE,
        conditions=[is_complaint_to_guide],
    )
    def guide(self, *, on, to_body, reason=""):
        """A complaint outside competence: the sender is guided to the competent body by a
        guidance slip (phiếu hướng dẫn)."""
        self.closure_reason = to_body
        self.last_act_on = on

    @transition(field="state", source=State.RECEIVED, target=State.RETURNED, permission=DECIDE)
    def return_papers(self, *, on, papers, reason):
        """The original papers sent with a letter that is not processed here, returned to the
        sender (trả lại giấy tờ, tài liệu)."""
        self.closure_reason = reason
        self.last_act_on = on

    @transition(field="state", source=State.RECEIVED, target=State.LINKED, permission=DECIDE)
    def link(self, *, on, repeats):
        """A letter that repeats an open case (đơn trùng) joins it: counted on that case and
        answered from it, never a second case. ``repeats`` is the open case."""
        self.linked_to = repeats
        self.last_act_on = on

    @transition(
        field="state",
        source=State.RECEIVED,
        target=State.SPLIT,
        permission=DECIDE,
        conditions=[not_a_denunciation_to_split],
    )
    def split(self, *, on, parts):
        """A letter with several contents of different kinds: one case per content, each
        registered by the door and linked to the letter (``Case.split_from``)."""
        self.last_act_on = on

    @transition(
        field="state",
        source=REPORTED_ENDS,
        target=None,
        permission=DECIDE,
        conditions=[forwarded_by_a_body, forwarder_not_informed],
    )
    def inform_forwarder(self, *, on, summary):
        """The body that forwarded the letter (a deputy, the press, another agency) is told
        the result."""
        self.forwarder_informed_on = on
        self.last_act_on = on
