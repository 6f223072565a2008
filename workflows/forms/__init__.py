"""The forms of the door: each action's payload (``actions``), a new letter and its parties
(``registration``), and when a letter was received (``receipt``)."""

from workflows.forms.actions import (
    ActionForm,
    AssignForm,
    DialogueForm,
    ExtendForm,
    FileForm,
    FindingsForm,
    MoveForm,
    NoFieldsForm,
    NoteForm,
    ReasonForm,
    RejectForm,
    ResolveForm,
    TransferForm,
)
from workflows.forms.amend import AmendForm, FlagSelect
from workflows.forms.further import (
    ApproveDecisionForm,
    ContinueAfterWithdrawalForm,
    ExtendCheckForm,
    HandleConclusionForm,
    ReferCrimeForm,
    SendDecisionForm,
    TerminateForm,
    WithdrawInPartForm,
)
from workflows.forms.letters import (
    MAX_PARTS,
    GuideForm,
    InformForwarderForm,
    LinkForm,
    ReturnPapersForm,
    SplitForm,
)
from workflows.forms.oversight import ReportProgressForm, RequestReportForm, TakeOverForm
from workflows.forms.receipt import EARLIEST_RECEIPT_YEAR, receipt_date_check
from workflows.forms.registration import MAX_PARTIES, PartyForm, RegistrationForm

__all__ = [
    "EARLIEST_RECEIPT_YEAR",
    "MAX_PARTIES",
    "MAX_PARTS",
    "ActionForm",
    "AmendForm",
    "ApproveDecisionForm",
    "AssignForm",
    "ContinueAfterWithdrawalForm",
    "DialogueForm",
    "ExtendCheckForm",
    "ExtendForm",
    "FileForm",
    "FindingsForm",
    "FlagSelect",
    "GuideForm",
    "HandleConclusionForm",
    "InformForwarderForm",
    "LinkForm",
    "MoveForm",
    "NoFieldsForm",
    "NoteForm",
    "PartyForm",
    "ReasonForm",
    "ReferCrimeForm",
    "RegistrationForm",
    "RejectForm",
    "ReportProgressForm",
    "RequestReportForm",
    "ResolveForm",
    "ReturnPapersForm",
    "SendDecisionForm",
    "SplitForm",
    "TakeOverForm",
    "TerminateForm",
    "TransferForm",
    "WithdrawInPartForm",
    "receipt_date_check",
]
