"""Transitions of the case beyond the design card's common path, on the same ``state``
field: a denunciation's own steps (the check extended, the notices of its acceptance, the
referral of signs of a crime) and the decision drafted by the handling unit and approved by
the competent authority. ``Case`` takes them from here; their bodies change fields only."""

from django_fsm import transition

from casework.choices import SUSPENDABLE_STATES, State
from casework.models.conditions import (
    acceptance_not_notified,
    acceptance_notified_if_required,
    check_not_extended,
    conclusion_not_handled,
    decided_elsewhere,
    decision_not_sent,
    decision_not_submitted,
    decision_submitted,
    dialogue_held_if_required,
    is_complaint,
    is_complaint_or_denunciation,
    is_denunciation,
    is_denunciation_to_refer,
    not_a_re_denunciation,
    withdrawal_not_continued,
)

DECIDE = "casework.decide_case"
RECORD_WITHDRAWAL = "casework.record_withdrawal_case"


class FurtherSteps:
    """Mixed into ``Case``."""

    @transition(
        field="state",
        source=State.RECEIVED,
        target=None,  # the check goes on: only its deadline moves
        permission=DECIDE,
        conditions=[is_denunciation, check_not_extended, not_a_re_denunciation],
    )
    def extend_check(self, *, on, reason, days=0):
        """The check of a denunciation extended once, to 10 working days from receipt, where
        verification at several places or by delegation is needed (Art. 24(1))."""
        self.check_extended_on = on
        self.last_act_on = on

    @transition(
        field="state",
        source=[State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED],
        target=None,
        permission=DECIDE,
        conditions=[is_denunciation, acceptance_not_notified],
    )
    def notify_acceptance(self, *, on):
        """The notice of acceptance to the denouncer and of the content to the accused, within
        5 working days of the decision to accept (Art. 29)."""
        self.acceptance_notified_on = on
        self.last_act_on = on

    @transition(
        field="state",
        source=[State.RECEIVED, *SUSPENDABLE_STATES, State.SUSPENDED],
        target=State.TRANSFERRED,
        permission=DECIDE,
        conditions=[is_denunciation_to_refer],
    )
    def refer_crime(self, *, on, to_body, signs):
        """A denunciation whose act shows signs of a crime, referred at once to the
        investigating body or the procuracy, whenever they appear (Art. 27)."""
        self.closure_reason = to_body
        self.suspended_from = ""
        self.last_act_on = on

    @transition(
        field="state",
        source=State.INVESTIGATED,
        target=None,  # the draft waits for the competent authority
        permission=DECIDE,
        conditions=[
            decided_elsewhere,
            decision_not_submitted,
            dialogue_held_if_required,
            acceptance_notified_if_required,
        ],
    )
    def submit_decision(
        self, *, on, outcome, decision_summary, act_decision=None, dialogue_skipped=""
    ):
        """The handling unit's draft of the decision or conclusion, to the competent person."""
        self.outcome = outcome
        self.decision_summary = decision_summary
        self.decision_submitted_on = on
        self.last_act_on = on

    @transition(
        field="state",
        source=State.INVESTIGATED,
        target=State.RESOLVED,
        permission=DECIDE,
        conditions=[decided_elsewhere, decision_submitted, dialogue_held_if_required],
    )
    def approve_decision(
        self, *, on, outcome, decision_summary, act_decision=None, dialogue_skipped=""
    ):
        """The competent authority approves the submitted draft and issues it as its own: the
        case keeps the draft's outcome and summary (the arguments are the draft's, for the
        act's record)."""
        self.last_act_on = on

    @transition(
        field="state",
        source=State.INVESTIGATED,
        target=None,
        permission=DECIDE,
        conditions=[decided_elsewhere, decision_submitted],
    )
    def return_draft(self, *, on, reason):
        """The competent person sends the draft back to the handling unit, with the reason."""
        self.decision_submitted_on = None
        self.last_act_on = on

    # Termination and the withdrawals that do not end a case.

    @transition(
        field="state",
        source=[*SUSPENDABLE_STATES, State.SUSPENDED],
        target=State.TERMINATED,
        permission=DECIDE,
        conditions=[is_complaint_or_denunciation],
    )
    def terminate(self, *, on, grounds):
        """The handling terminated by the competent person's decision, on a lawful ground
        other than the withdrawal (Complaints Law Art. 11a; Denunciations Law Art. 34)."""
        self.closure_reason = grounds
        self.suspended_from = ""
        self.last_act_on = on

    @transition(
        field="state",
        source=[*SUSPENDABLE_STATES, State.SUSPENDED],
        target=None,
        permission=RECORD_WITHDRAWAL,
        conditions=[is_complaint],
    )
    def withdraw_in_part(self, *, on, withdrawn_part):
        """Part of a complaint withdrawn in writing: the rest is handled (from 1 July 2026)."""
        self.withdrawn_in_part_on = on
        self.last_act_on = on

    @transition(
        field="state",
        source=[*SUSPENDABLE_STATES, State.SUSPENDED],
        target=None,
        permission=DECIDE,
        conditions=[is_denunciation, withdrawal_not_continued],
    )
    def continue_after_withdrawal(self, *, on, violation):
        """The denouncer withdrew, but the facts show a violation: handling continues, with
        its reason (Denunciations Law Art. 33)."""
        self.withdrawal_continued_on = on
        self.last_act_on = on

    # After the decision (steps taken once the case has ended).

    @transition(
        field="state",
        source=State.RESOLVED,
        target=None,
        permission=DECIDE,
        conditions=[decision_not_sent],
    )
    def send_decision(self, *, on, sent_to):
        """A complaint decision sent to the complainant and the bodies the law names, within 3
        working days (Complaints Law Art. 32)."""
        self.decision_sent_on = on
        self.last_act_on = on

    @transition(
        field="state",
        source=State.RESOLVED,
        target=None,
        permission=DECIDE,
        conditions=[conclusion_not_handled],
    )
    def handle_conclusion(self, *, on, measures, recovered="", referrals=""):
        """The conclusion of a denunciation handled within 7 working days (Denunciations Law
        Art. 36): the measures taken, money and assets recovered, referrals."""
        self.conclusion_handled_on = on
        self.last_act_on = on
