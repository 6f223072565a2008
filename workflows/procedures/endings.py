"""The steps that end a case's handling early, or leave it open after a withdrawal, and those
the law asks once the decision is made (``workflows.procedures.tables`` puts them in the
tables of the procedures that have them)."""

from django.utils.translation import gettext_lazy as _

from casework.choices import Role
from workflows import forms
from workflows.procedures.letters import REPORT, SUPERVISORS
from workflows.procedures.steps import COMPETENT, DECIDE, RECORD_WITHDRAWAL, Step

# Termination, and the withdrawals that leave the case open.
TERMINATE = Step(
    "terminate",
    _("Terminate the handling"),
    forms.TerminateForm,
    DECIDE,
    SUPERVISORS,
    "CASE_TERMINATED",
    saves=("closure_reason", "suspended_from"),
    where=COMPETENT,
    notices=("termination_decision",),
    clocks=("stop:all", REPORT),
)
WITHDRAW_IN_PART = Step(
    "withdraw_in_part",
    _("Record a withdrawal in part"),
    forms.WithdrawInPartForm,
    RECORD_WITHDRAWAL,
    (Role.SUPERVISOR, Role.INTAKE_OFFICER),
    "WITHDRAWN_IN_PART",
    saves=("withdrawn_in_part_on",),
    basis=_("Complaints Law Art. 10 as amended by Law 136/2025/QH15 (from 1 July 2026)"),
)
CONTINUE_AFTER_WITHDRAWAL = Step(
    "continue_after_withdrawal",
    _("Withdrawn, but handling continues"),
    forms.ContinueAfterWithdrawalForm,
    DECIDE,
    SUPERVISORS,
    "WITHDRAWAL_OVERRIDDEN",
    saves=("withdrawal_continued_on",),
    where=COMPETENT,
    basis=_("Denunciations Law Art. 33 (the facts show a violation)"),
)

# After the decision: the steps the law requires once a case has ended.
SEND_DECISION = Step(
    "send_decision",
    _("Record the decision as sent"),
    forms.SendDecisionForm,
    DECIDE,
    SUPERVISORS,
    "DECISION_SENT",
    saves=("decision_sent_on",),
    where=COMPETENT,
    clocks=("meet:sending",),
    basis=_("Complaints Law Art. 32 (within 3 working days of the decision)"),
)
HANDLE_CONCLUSION = Step(
    "handle_conclusion",
    _("Handle the conclusion"),
    forms.HandleConclusionForm,
    DECIDE,
    SUPERVISORS,
    "CONCLUSION_HANDLED",
    saves=("conclusion_handled_on",),
    where=COMPETENT,
    clocks=("meet:handling",),
    basis=_("Denunciations Law Art. 36 (within 7 working days of the conclusion)"),
)
