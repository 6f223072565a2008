"""Where a case stands within its procedure: the detailed step beside the coarse stage (the
design card's state), named by what the case waits for next (issue 16, point 1)."""

from django.utils.translation import gettext_lazy as _

from casework.choices import END_STATES, Kind, State
from casework.models.letters import REPORTED_ENDS

#: Each detailed step: its code (stable, for the API) and how a person reads it.
STEPS = {
    "classification": _("Letter being classified"),
    "check": _("Preliminary check of the denunciation"),
    "acceptance_notices": _("Notices of acceptance to send"),
    "assignment": _("To assign for verification"),
    "verification": _("Under verification"),
    "dialogue": _("Dialogue to hold"),
    "decision": _("Decision to make"),
    "draft_decision": _("Draft decision to submit"),
    "approval": _("Draft decision awaiting approval"),
    "suspended": _("Suspended"),
    "decision_sending": _("Decision to send"),
    "conclusion_handling": _("Conclusion to handle"),
    "forwarder_report": _("Result to report to the forwarding body"),
    "ended": _("Ended"),
}


def case_step(case) -> str:
    """The code of the step the case is at (a key of ``STEPS``)."""
    state = case.state
    if state == State.RESOLVED:  # what the law asks after the decision, in this order
        # (a first round's: DOMAIN.md gives the second round no period to send it in)
        if case.kind == Kind.COMPLAINT and case.round == 1 and not case.decision_sent_on:
            return "decision_sending"
        if case.kind == Kind.DENUNCIATION and not case.conclusion_handled_on:
            return "conclusion_handling"
    if state in END_STATES:
        waits = case.forwarded_by and case.forwarder_informed_on is None
        return "forwarder_report" if waits and state in REPORTED_ENDS else "ended"
    if state == State.SUSPENDED:
        return "suspended"
    if state == State.RECEIVED:
        return "check" if case.kind == Kind.DENUNCIATION else "classification"
    if case.kind == Kind.DENUNCIATION and case.acceptance_notified_on is None:
        return "acceptance_notices"
    if state == State.ACCEPTED:
        return "assignment"
    if state == State.ASSIGNED:
        return "verification"
    # Verified: the dialogue the decision waits for, then the decision (drafted and approved
    # where another unit decides).
    if _dialogue_awaited(case):
        return "dialogue"
    if case.decided_elsewhere:
        return "approval" if case.decision_submitted_on else "draft_decision"
    return "decision"


def _dialogue_awaited(case) -> bool:
    if case.kind != Kind.COMPLAINT or case.dialogue_held_on is not None:
        return False
    return case.round == 2 or case.demand_differs is True


def case_step_label(case) -> str:
    return str(STEPS[case_step(case)])
