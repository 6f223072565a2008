"""The procedures: for each procedure of the law, the table of its steps.

One table per procedure (``tables``): letter processing, a complaint's first and second
rounds, a denunciation, a petition. One row per step (``steps.Step``): the transition it
fires, the form of the fields it asks for, the fields of the case it writes, who may take it
and in which unit, the documents it issues, what it does to the deadline clocks and the
provision it rests on. The door, the pages, the API and ``/procedures/`` read these tables;
nothing else says what a step is.
"""

from django.utils.translation import gettext_lazy as _

from casework.choices import Procedure
from workflows.procedures.steps import (
    ALWAYS_SAVED,
    COMPETENT,
    DECIDE,
    HANDLING,
    INVESTIGATE,
    RECORD_WITHDRAWAL,
    SUPERIOR,
    Step,
)
from workflows.procedures.tables import TABLES, WAITING_STATES

__all__ = [
    "ACTIONS",
    "AFTER_THE_END",
    "ALWAYS_SAVED",
    "ATTACH_EVENT",
    "COMPETENT",
    "DECIDE",
    "DOCUMENT_CORRECTED_EVENT",
    "EVENT_LABELS",
    "HANDLING",
    "IDENTITY_VIEWED_EVENT",
    "INVESTIGATE",
    "NOTICE_LABELS",
    "OVERSIGHT_EVENT",
    "RECORD_WITHDRAWAL",
    "REGISTER_EVENT",
    "REPEAT_EVENT",
    "SUPERIOR",
    "TABLES",
    "WAITING_STATES",
    "Step",
    "clock_effect_label",
    "procedure_steps",
    "step_of",
]

#: Every step by name, as the API and the pages address it: a name has one form, one
#: permission and one event wherever it appears (a test holds the tables to that).
ACTIONS: dict[str, Step] = {}
for _table in TABLES.values():
    for _name, _step in _table.items():
        ACTIONS.setdefault(_name, _step)


def procedure_steps(procedure: str) -> dict[str, Step]:
    """The steps of one procedure, in the order of its table."""
    return TABLES[Procedure(procedure)]


def step_of(case, name: str) -> Step | None:
    """The step ``name`` as the case's procedure has it, or None when it is not part of it."""
    return TABLES[Procedure(case.procedure)].get(name)


#: Steps taken once a case has ended: a complaint decision sent, a conclusion handled, the
#: result reported to the body that forwarded the letter.
AFTER_THE_END = ("send_decision", "handle_conclusion", "inform_forwarder")

#: The registration act: the first event of every case.
REGISTER_EVENT = "CASE_REGISTERED"

#: Adding an attachment (evidence) to a case: an event of its trail, not a transition.
ATTACH_EVENT = "ATTACHMENT_ADDED"

#: A reading of a denouncer's identity by someone allowed to (Permissions issue): logged in
#: the trail, who and when, never what was read.
IDENTITY_VIEWED_EVENT = "IDENTITY_VIEWED"

#: A correction of an issued document: a new document that replaces it (the old file stays).
DOCUMENT_CORRECTED_EVENT = "DOCUMENT_CORRECTED"

#: A repeated letter joined to an open case, on that case's timeline.
REPEAT_EVENT = "REPEAT_LETTER_JOINED"

#: An overdue denunciation put under the oversight of the unit above by the sweep (Art. 38).
OVERSIGHT_EVENT = "OVERSIGHT_BEGUN"

#: How each event type reads in a timeline.
EVENT_LABELS = {
    REGISTER_EVENT: _("Registered"),
    ATTACH_EVENT: _("Attachment added"),
    IDENTITY_VIEWED_EVENT: _("Denouncer's identity viewed"),
    DOCUMENT_CORRECTED_EVENT: _("Document corrected"),
    REPEAT_EVENT: _("A repeated letter joined this case"),
    OVERSIGHT_EVENT: _("Overdue: overseen by the unit above (Art. 38)"),
    **{a.event: a.label for a in ACTIONS.values()},
}

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
    "dialogue_minutes": _("Dialogue minutes"),
    "content_notice": _("Notice of the content to the accused"),
    "denunciation_acceptance_decision": _("Decision to accept the denunciation"),
    "termination_decision": _("Decision to terminate"),
    "crime_referral": _("Referral of signs of a crime"),
    "guidance_slip": _("Guidance slip"),
    "papers_return": _("Return of the original papers"),
    "denouncer_papers_return": _("Return of the original papers to the denouncer"),
    "forwarder_report": _("Report to the forwarding body"),
    "verification_decision": _("Decision to assign verification"),
    "verification_report": _("Verification report"),
}

_STAGES = {
    "acceptance": _("acceptance"),
    "resolution": _("resolution"),
    "transfer": _("transfer"),
    "notification": _("notices of acceptance"),
    "report": _("report to the forwarding body"),
    "sending": _("sending of the decision"),
    "handling": _("handling of the conclusion"),
    "progress": _("report on the delay"),
    "all": _("every stage"),
}
_CLOCK_VERBS = {
    "start": _("starts the %(stage)s deadline"),
    "meet": _("meets the %(stage)s deadline"),
    "extend": _("extends the %(stage)s deadline"),
    "pause": _("pauses %(stage)s"),
    "resume": _("resumes %(stage)s"),
    "stop": _("stops %(stage)s"),
    "recompute": _("recounts %(stage)s"),
    "restart": _("starts the %(stage)s deadline again"),
    "settle": _("counts the %(stage)s deadline from receipt, met or missed by this act"),
}


def clock_effect_label(effect: str) -> str:
    """``"meet:acceptance"`` as a person reads it: "meets the acceptance deadline"."""
    verb, stage = effect.split(":")
    return str(_CLOCK_VERBS[verb]) % {"stage": _STAGES[stage]}
