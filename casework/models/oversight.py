"""The oversight of an overdue denunciation by the unit above (Denunciations Law Art. 38): once
the sweep has escalated it, the superior asks for a report on its progress and the reasons for
the delay, which is given within 5 working days, and may take the case over, becoming the
authority that decides it. ``Case`` takes these steps from here; their bodies change fields
only (the door writes the grants and the clocks)."""

from django_fsm import transition

from casework.choices import State
from casework.models.conditions import (
    is_overseen,
    not_taken_over,
    report_not_given,
    report_not_requested,
    report_requested,
)

DECIDE = "casework.decide_case"
OVERSEE = "casework.oversee_case"  # permissions.selectors.case_permissions

#: Where a denunciation waits for its decision: what the superior may ask about or take over.
OVERSEEN_STATES = [State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED, State.SUSPENDED]


class OversightSteps:
    """Mixed into ``Case``."""

    @transition(
        field="state",
        source=OVERSEEN_STATES,
        target=None,
        permission=OVERSEE,
        conditions=[is_overseen, not_taken_over, report_not_requested],
    )
    def request_report(self, *, on, request):
        """The superior asks the authority whose decision is late for a report: its progress,
        the reasons for the delay, when it will decide."""
        self.report_requested_on = on
        self.last_act_on = on

    @transition(
        field="state",
        source=OVERSEEN_STATES,
        target=None,
        permission=DECIDE,
        conditions=[is_overseen, not_taken_over, report_requested, report_not_given],
    )
    def report_progress(self, *, on, progress, reasons):
        """The report the superior asked for, given."""
        self.report_given_on = on
        self.last_act_on = on

    @transition(
        field="state",
        source=OVERSEEN_STATES,
        target=None,
        permission=OVERSEE,
        conditions=[is_overseen, not_taken_over, report_requested],
    )
    def take_over(self, *, on, reason):
        """The superior takes the case over: from now on it decides, as its competent
        authority (the handling unit goes on verifying and drafting for it: a reading of
        Art. 38 to confirm). ``overseen_by`` stays, the record of who took it over; the sweep
        does not escalate a case taken over again."""
        self.competent_unit_id = self.overseen_by_id
        self.last_act_on = on
