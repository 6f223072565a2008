"""The procedures: for each kind of case, the table of its actions.

One row per action: the transition it fires, the form of the fields it asks for, who may take
it (the permission codename, held through the grants of ``permissions.grants``, and the roles
those grants go to), the notices it issues and what it does to the deadline clocks. The door,
the pages, the API and the documentation read this table; nothing else says what an action is.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from casework.choices import Kind, Role
from workflows import forms

DECIDE = "casework.decide_case"
INVESTIGATE = "casework.investigate_case"
RECORD_WITHDRAWAL = "casework.record_withdrawal_case"


@dataclass(frozen=True)
class Action:
    name: str  # the transition method on Case, and the verb on the button
    label: str
    form: type[forms.ActionForm]
    permission: str
    roles: tuple[str, ...]
    event: str  # the audit event type
    notices: tuple[str, ...] = ()  # documents the act issues ("decision": the kind's own)
    clocks: tuple[str, ...] = ()  # effect on the deadline clocks (read by the Deadlines issue)
    kinds: tuple[str, ...] = field(default=tuple(Kind.values))

    def notices_for(self, kind: str) -> tuple[str, ...]:
        """The documents the act issues on a case of ``kind``, in the order they are numbered."""
        return tuple(
            name
            for notice in self.notices
            for name in (DECISION_NOTICES[kind] if notice == "decision" else (notice,))
        )


#: What a resolution issues, for each kind (DOMAIN.md, "Documents issued"): the reply to a
#: petition, the complaint decision, the denunciation conclusion and the notice to the denouncer.
DECISION_NOTICES = {
    Kind.PETITION: ("petition_reply",),
    Kind.COMPLAINT: ("complaint_decision",),
    Kind.DENUNCIATION: ("denunciation_conclusion", "denouncer_notice"),
}


SUPERVISORS = (Role.SUPERVISOR,)

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action(
            "accept",
            _("Accept"),
            forms.NoFieldsForm,
            DECIDE,
            SUPERVISORS,
            "CASE_ACCEPTED",
            notices=("acceptance_notice",),
            clocks=("meet:acceptance", "start:resolution"),
        ),
        Action(
            "reject",
            _("Not accept"),
            forms.RejectForm,
            DECIDE,
            SUPERVISORS,
            "CASE_REJECTED",
            notices=("non_acceptance_notice", "closure_notice"),
            clocks=("meet:acceptance",),
        ),
        Action(
            "transfer",
            _("Transfer"),
            forms.TransferForm,
            DECIDE,
            SUPERVISORS,
            "CASE_TRANSFERRED",
            notices=("transfer_slip", "closure_notice"),
            clocks=("meet:acceptance",),
        ),
        Action(
            "move",
            _("Transfer within the system"),
            forms.MoveForm,
            DECIDE,
            SUPERVISORS,
            "CASE_MOVED",
            notices=("transfer_slip",),
            clocks=("restart:acceptance",),
        ),
        Action(
            "file",
            _("File without action"),
            forms.FileForm,
            DECIDE,
            SUPERVISORS,
            "CASE_FILED",
            notices=("closure_notice",),
            clocks=("meet:acceptance",),
        ),
        Action(
            "assign",
            _("Assign"),
            forms.AssignForm,
            DECIDE,
            SUPERVISORS,
            "CASE_ASSIGNED",
        ),
        Action(
            "record_findings",
            _("Record findings"),
            forms.FindingsForm,
            INVESTIGATE,
            (Role.INVESTIGATOR,),
            "CASE_INVESTIGATED",
        ),
        Action(
            "add_note",
            _("Add a note"),
            forms.NoteForm,
            INVESTIGATE,
            (Role.INVESTIGATOR,),
            "NOTE_ADDED",
        ),
        Action(
            "return_for_rework",
            _("Return for rework"),
            forms.ReasonForm,
            DECIDE,
            SUPERVISORS,
            "CASE_RETURNED",
        ),
        Action(
            "resolve",
            _("Resolve"),
            forms.ResolveForm,
            DECIDE,
            SUPERVISORS,
            "CASE_RESOLVED",
            notices=("decision", "closure_notice"),
            clocks=("meet:resolution",),
        ),
        Action(
            "extend",
            _("Extend"),
            forms.ExtendForm,
            DECIDE,
            SUPERVISORS,
            "CASE_EXTENDED",
            notices=("extension_decision",),
            clocks=("extend:resolution",),
            kinds=(Kind.DENUNCIATION,),
        ),
        Action(
            "suspend",
            _("Suspend"),
            forms.ReasonForm,
            DECIDE,
            SUPERVISORS,
            "CASE_SUSPENDED",
            notices=("suspension_decision",),
            clocks=("pause:all",),
        ),
        Action(
            "resume",
            _("Resume"),
            forms.NoFieldsForm,
            DECIDE,
            SUPERVISORS,
            "CASE_RESUMED",
            notices=("resumption_decision",),
            clocks=("resume:all",),
        ),
        Action(
            "amend",
            _("Correct the details"),
            forms.AmendForm,
            DECIDE,
            SUPERVISORS,
            "CASE_AMENDED",
            clocks=("recompute:all",),
        ),
        Action(
            "withdraw",
            _("Record withdrawal"),
            forms.NoFieldsForm,
            RECORD_WITHDRAWAL,
            (Role.SUPERVISOR, Role.INTAKE_OFFICER),
            "CASE_WITHDRAWN",
            notices=("closure_notice",),
            clocks=("stop:all",),
        ),
    ]
}

#: The registration act: the first event of every case.
REGISTER_EVENT = "CASE_REGISTERED"

#: Adding an attachment (evidence) to a case: an event of its trail, not a transition.
ATTACH_EVENT = "ATTACHMENT_ADDED"

#: A reading of a denouncer's identity by someone allowed to (Permissions issue): logged in
#: the trail, who and when, never what was read.
IDENTITY_VIEWED_EVENT = "IDENTITY_VIEWED"

#: A correction of an issued document: a new document that replaces it (the old file stays).
DOCUMENT_CORRECTED_EVENT = "DOCUMENT_CORRECTED"

#: How each event type reads in a timeline.
EVENT_LABELS = {
    REGISTER_EVENT: _("Registered"),
    ATTACH_EVENT: _("Attachment added"),
    IDENTITY_VIEWED_EVENT: _("Denouncer's identity viewed"),
    DOCUMENT_CORRECTED_EVENT: _("Document corrected"),
    **{a.event: a.label for a in ACTIONS.values()},
}


def procedure(kind: str) -> dict[str, Action]:
    """The actions of one kind of case, in the order of the procedure."""
    return {name: a for name, a in ACTIONS.items() if kind in a.kinds}


#: How each kind of document reads.
NOTICE_LABELS = {
    "acceptance_notice": _("Notice of acceptance"),
    "non_acceptance_notice": _("Notice of non-acceptance"),
    "closure_notice": _("Notice of closure"),
    "transfer_slip": _("Transfer slip"),
    "petition_reply": _("Reply to the petition"),
    "complaint_decision": _("Complaint decision"),
    "denunciation_conclusion": _("Denunciation conclusion"),
    "denouncer_notice": _("Notice to the denouncer"),
    "extension_decision": _("Extension decision"),
    "suspension_decision": _("Suspension decision"),
    "resumption_decision": _("Resumption decision"),
}

_STAGES = {"acceptance": _("acceptance"), "resolution": _("resolution"), "all": _("every stage")}
_CLOCK_VERBS = {
    "start": _("starts the %(stage)s deadline"),
    "meet": _("meets the %(stage)s deadline"),
    "extend": _("extends the %(stage)s deadline"),
    "pause": _("pauses %(stage)s"),
    "resume": _("resumes %(stage)s"),
    "stop": _("stops %(stage)s"),
    "recompute": _("recounts %(stage)s"),
    "restart": _("starts the %(stage)s deadline again"),
}


def clock_effect_label(effect: str) -> str:
    """``"meet:acceptance"`` as a person reads it: "meets the acceptance deadline"."""
    verb, stage = effect.split(":")
    return str(_CLOCK_VERBS[verb]) % {"stage": _STAGES[stage]}
