"""The law's procedures, one table each: letter processing, a complaint's first and second
rounds, a denunciation, a petition or report (DOMAIN.md, "The lifecycle").

Each row is a ``Step``. A step that appears in several procedures is written once below and
given to each table, changed where that procedure differs (``Step.but``): its documents, its
clocks, its legal basis. Where a provision's article is not known here, the basis names the
text without an article rather than guess one.
"""

from django.utils.translation import gettext_lazy as _

from casework.choices import Procedure, Role, State
from workflows import forms
from workflows.procedures.endings import (
    CONTINUE_AFTER_WITHDRAWAL,
    HANDLE_CONCLUSION,
    SEND_DECISION,
    TERMINATE,
    WITHDRAW_IN_PART,
)
from workflows.procedures.letters import (
    ACCEPT,
    EXTEND_CHECK,
    FILE,
    GUIDE,
    INFORM_FORWARDER,
    LINK,
    MOVE,
    REFER_CRIME,
    REJECT,
    REPORT,
    RETURN_PAPERS,
    SPLIT,
    SUPERVISORS,
    TRANSFER,
)
from workflows.procedures.oversight import REPORT_PROGRESS, REQUEST_REPORT, TAKE_OVER
from workflows.procedures.steps import (
    COMPETENT,
    DECIDE,
    INVESTIGATE,
    RECORD_WITHDRAWAL,
    Step,
)

INVESTIGATORS = (Role.INVESTIGATOR,)

AMEND = Step(
    "amend",
    _("Correct the details"),
    forms.AmendForm,
    DECIDE,
    SUPERVISORS,
    "CASE_AMENDED",
    saves=("received_on", "is_complex", "is_especially_complex", "is_remote_area"),
    clocks=("recompute:all",),
)
WITHDRAW = Step(
    "withdraw",
    _("Record withdrawal"),
    forms.NoFieldsForm,
    RECORD_WITHDRAWAL,
    (Role.SUPERVISOR, Role.INTAKE_OFFICER),
    "CASE_WITHDRAWN",
    saves=("suspended_from",),
    # A letter withdrawn before it is accepted ends without a decision: nothing was opened.
    # Once accepted, a complaint's or a denunciation's handling is terminated by a decision
    # (its withdrawal, as ``_handling`` gives it, issues ``termination_decision``).
    clocks=("stop:all", REPORT),
)

# Handling, once accepted.
ASSIGN = Step(
    "assign",
    _("Assign"),
    forms.AssignForm,
    DECIDE,
    SUPERVISORS,
    "CASE_ASSIGNED",
    saves=("assignee",),
)
RECORD_FINDINGS = Step(
    "record_findings",
    _("Record findings"),
    forms.FindingsForm,
    INVESTIGATE,
    INVESTIGATORS,
    "CASE_INVESTIGATED",
    saves=("findings", "demand_differs"),
)
NOTIFY_ACCEPTANCE = Step(
    "notify_acceptance",
    _("Send the notices of acceptance"),
    forms.NoFieldsForm,
    DECIDE,
    SUPERVISORS,
    "ACCEPTANCE_NOTIFIED",
    saves=("acceptance_notified_on",),
    where=COMPETENT,
    # To the denouncer, and to the accused the content only (never who denounced).
    notices=("acceptance_notice", "content_notice"),
    clocks=("meet:notification",),
    basis=_("Denunciations Law Art. 29 (within 5 working days of the decision to accept)"),
)
RECORD_DIALOGUE = Step(
    "record_dialogue",
    _("Record the dialogue"),
    forms.DialogueForm,
    DECIDE,
    SUPERVISORS,
    "DIALOGUE_RECORDED",
    saves=("dialogue_held_on",),
    notices=("dialogue_minutes",),
)
ADD_NOTE = Step(
    "add_note", _("Add a note"), forms.NoteForm, INVESTIGATE, INVESTIGATORS, "NOTE_ADDED"
)
RETURN_FOR_REWORK = Step(
    "return_for_rework",
    _("Return for rework"),
    forms.ReasonForm,
    DECIDE,
    SUPERVISORS,
    "CASE_RETURNED",
    # New findings call for a new dialogue, and a new draft of the decision.
    saves=("dialogue_held_on", "decision_submitted_on"),
)
RESOLVE = Step(
    "resolve",
    _("Resolve"),
    forms.ResolveForm,
    DECIDE,
    SUPERVISORS,
    "CASE_RESOLVED",
    saves=("outcome", "decision_summary"),
    where=COMPETENT,
    clocks=("meet:resolution", REPORT),
)
SUBMIT_DECISION = Step(
    "submit_decision",
    _("Submit the draft decision"),
    forms.ResolveForm,
    DECIDE,
    SUPERVISORS,
    "DECISION_SUBMITTED",
    saves=("outcome", "decision_summary", "decision_submitted_on"),
    # Drafted by the handling unit (tham mưu), issued by the competent person.
)
APPROVE_DECISION = Step(
    "approve_decision",
    _("Approve and issue the decision"),
    forms.ApproveDecisionForm,
    DECIDE,
    SUPERVISORS,
    "DECISION_APPROVED",
    where=COMPETENT,
    clocks=("meet:resolution", REPORT),
)
RETURN_DRAFT = Step(
    "return_draft",
    _("Return the draft decision"),
    forms.ReasonForm,
    DECIDE,
    SUPERVISORS,
    "DRAFT_RETURNED",
    saves=("decision_submitted_on",),
    where=COMPETENT,
)
EXTEND = Step(
    "extend",
    _("Extend"),
    forms.ExtendForm,
    DECIDE,
    SUPERVISORS,
    "CASE_EXTENDED",
    saves=("extensions_used", "extension_days"),
    where=COMPETENT,
    notices=("extension_decision",),
    clocks=("extend:resolution",),
    basis=_("Denunciations Law Art. 30; Decree 31/2019/NĐ-CP Art. 3"),
)
SUSPEND = Step(
    "suspend",
    _("Suspend"),
    forms.ReasonForm,
    DECIDE,
    SUPERVISORS,
    "CASE_SUSPENDED",
    saves=("suspended_from",),
    where=COMPETENT,
    notices=("suspension_decision",),
    clocks=("pause:all",),
)
RESUME = Step(
    "resume",
    _("Resume"),
    forms.NoFieldsForm,
    DECIDE,
    SUPERVISORS,
    "CASE_RESUMED",
    saves=("suspended_from",),
    where=COMPETENT,
    notices=("resumption_decision",),
    clocks=("resume:all",),
)


def _table(*steps: Step) -> dict[str, Step]:
    return {step.name: step for step in steps}


#: A re-denunciation (Art. 37) is decided by the superior within 20 days (DOMAIN.md): read
#: here as two outcomes, both steps of letter processing: accepted and resolved again, or
#: refused on the ground that the earlier resolution was lawful, the denouncer told. DOMAIN.md
#: does not detail the outcomes; the reading is to be confirmed.
LETTER = _table(
    ACCEPT.but(
        basis=_(
            "Complaints Law Arts. 27 and 36; Denunciations Law Arts. 29 and 37 (a "
            "re-denunciation resolved again); Circular 05/2021/TT-TTCP"
        )
    ),
    REJECT.but(
        basis=_(
            "Complaints Law Art. 11; Denunciations Law Arts. 29(1) and 37 (a re-denunciation "
            "not resolved again); Circular 05/2021/TT-TTCP"
        )
    ),
    EXTEND_CHECK,
    REFER_CRIME,
    TRANSFER,
    MOVE,
    FILE,
    GUIDE,
    RETURN_PAPERS,
    LINK,
    SPLIT,
    AMEND.but(basis=_("Circular 05/2021/TT-TTCP")),
    WITHDRAW.but(basis=_("Complaints Law Art. 10; Denunciations Law Art. 33")),
    INFORM_FORWARDER,
)


def _handling(
    *,
    verify_basis,
    verify_notices=((), ()),
    resolve_notices,
    resolve_basis,
    suspend_basis,
    withdraw_basis,
    amend_basis,
    extra=(),
    first=(),
    after=(),
    decided_clocks=(),
    withdraw_notices=("termination_decision",),
):
    """The steps from acceptance to the decision, as each kind's procedure has them."""
    return _table(
        *first,
        ASSIGN.but(basis=verify_basis, notices=verify_notices[0]),
        RECORD_FINDINGS.but(basis=verify_basis, notices=verify_notices[1]),
        ADD_NOTE.but(basis=verify_basis),
        RETURN_FOR_REWORK.but(basis=verify_basis),
        *extra,
        RESOLVE.but(
            notices=resolve_notices, basis=resolve_basis, clocks=RESOLVE.clocks + decided_clocks
        ),
        SUBMIT_DECISION.but(basis=resolve_basis),
        APPROVE_DECISION.but(
            notices=resolve_notices,
            basis=resolve_basis,
            clocks=APPROVE_DECISION.clocks + decided_clocks,
        ),
        RETURN_DRAFT.but(basis=resolve_basis),
        SUSPEND.but(basis=suspend_basis),
        RESUME.but(basis=suspend_basis),
        AMEND.but(basis=amend_basis),
        # Once accepted, the handling of a withdrawn complaint or denunciation is terminated
        # by the competent person's decision.
        WITHDRAW.but(basis=withdraw_basis, notices=withdraw_notices, where=COMPETENT),
        *after,
        INFORM_FORWARDER,
    )


#: Verification assigned by a decision and ended by a report to the competent person
#: (DOMAIN.md: Decree 124/2020 for a complaint, Decree 31/2019 for a denunciation).
VERIFIED_BY_DECISION = (("verification_decision",), ("verification_report",))

#: A complaint's handling ends early by the competent person's decision (from 1 July 2026),
#: or is withdrawn in part.
COMPLAINT_ENDS_EARLY = (
    TERMINATE.but(basis=_("Complaints Law Art. 11a (Law 136/2025/QH15, from 1 July 2026)")),
    WITHDRAW_IN_PART,
)

COMPLAINT_1 = _handling(
    verify_basis=_("Complaints Law Art. 29 (verification)"),
    verify_notices=VERIFIED_BY_DECISION,
    extra=(
        RECORD_DIALOGUE.but(basis=_("Complaints Law Art. 30 (dialogue)")),
        *COMPLAINT_ENDS_EARLY,
    ),
    resolve_notices=("complaint_decision",),
    resolve_basis=_("Complaints Law Arts. 28 and 31"),
    suspend_basis=_("Complaints Law Art. 11a (Law 136/2025/QH15)"),
    withdraw_basis=_("Complaints Law Art. 10"),
    amend_basis=_("Complaints Law Art. 28"),
    decided_clocks=("start:sending",),
    after=(SEND_DECISION,),
)
COMPLAINT_2 = _handling(
    verify_basis=_("Complaints Law Art. 38 (verification)"),
    verify_notices=VERIFIED_BY_DECISION,
    extra=(
        RECORD_DIALOGUE.but(basis=_("Complaints Law Art. 39 (dialogue, always)")),
        *COMPLAINT_ENDS_EARLY,
    ),
    resolve_notices=("complaint_decision",),
    resolve_basis=_("Complaints Law Arts. 37 and 40"),
    suspend_basis=_("Complaints Law Art. 11a (Law 136/2025/QH15)"),
    withdraw_basis=_("Complaints Law Art. 10"),
    amend_basis=_("Complaints Law Art. 37"),
    # The sending of a round-2 decision (Art. 32 is round 1's) has no period in DOMAIN.md:
    # neither a clock nor a step until one is confirmed.
)
DENUNCIATION = _handling(
    # The article on verification is not confirmed here: the text is cited without it.
    verify_basis=_("Denunciations Law 2018 (verification of the content)"),
    verify_notices=VERIFIED_BY_DECISION,
    resolve_notices=("denunciation_conclusion", "denouncer_notice"),
    resolve_basis=_("Denunciations Law Arts. 30 and 35"),
    suspend_basis=_("Denunciations Law Art. 34"),
    withdraw_basis=_("Denunciations Law Art. 33"),
    amend_basis=_("Denunciations Law Art. 30"),
    first=(NOTIFY_ACCEPTANCE,),
    extra=(
        EXTEND,
        REFER_CRIME,
        TERMINATE.but(basis=_("Denunciations Law Art. 34")),
        CONTINUE_AFTER_WITHDRAWAL,
        REQUEST_REPORT,
        REPORT_PROGRESS,
        TAKE_OVER,
    ),
    # A report on the delay still owed when the conclusion comes is owed no more.
    decided_clocks=("stop:progress", "start:handling"),
    after=(HANDLE_CONCLUSION,),
)
PETITION = _handling(
    verify_basis=_("Circular 05/2021/TT-TTCP"),
    resolve_notices=("petition_reply",),
    resolve_basis=_("Citizen Reception Law 2013; Circular 05/2021/TT-TTCP"),
    suspend_basis=_("Circular 05/2021/TT-TTCP"),
    withdraw_basis=_("Circular 05/2021/TT-TTCP"),
    amend_basis=_("Circular 05/2021/TT-TTCP"),
    withdraw_notices=(),  # a petition withdrawn ends: the law has no decision for it
)

#: Every procedure's table, in the order a letter meets them.
TABLES: dict[str, dict[str, Step]] = {
    Procedure.LETTER: LETTER,
    Procedure.COMPLAINT_1: COMPLAINT_1,
    Procedure.COMPLAINT_2: COMPLAINT_2,
    Procedure.DENUNCIATION: DENUNCIATION,
    Procedure.PETITION: PETITION,
}

#: The states in which a case waits in each procedure: a letter until it is accepted or ends,
#: a case of a kind from its acceptance to its end.
HANDLING_STATES = (State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED, State.SUSPENDED)
WAITING_STATES: dict[str, tuple[str, ...]] = {
    Procedure.LETTER: (State.RECEIVED,),
    **{p: HANDLING_STATES for p in TABLES if p != Procedure.LETTER},
}
