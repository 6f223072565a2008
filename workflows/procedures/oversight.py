"""The steps of the oversight of an overdue denunciation (Denunciations Law Art. 38, as
DOMAIN.md has it: the superior asks for a report within 5 working days and may take the case
over). ``workflows.procedures.tables`` puts them in the denunciation's table."""

from django.utils.translation import gettext_lazy as _

from workflows import forms
from workflows.procedures.letters import SUPERVISORS
from workflows.procedures.steps import COMPETENT, DECIDE, SUPERIOR, Step

#: The unit above's steps need this, which its supervisors hold on the cases it oversees
#: (``permissions.selectors.case_permissions``) and nothing else there gives.
OVERSEE = "casework.oversee_case"

BASIS = _("Denunciations Law Art. 38 (a denunciation overdue)")

REQUEST_REPORT = Step(
    "request_report",
    _("Ask for a report on the delay"),
    forms.RequestReportForm,
    OVERSEE,
    SUPERVISORS,
    "REPORT_REQUESTED",
    saves=("report_requested_on",),
    where=SUPERIOR,
    clocks=("start:progress",),
    basis=BASIS,
)
REPORT_PROGRESS = Step(
    "report_progress",
    _("Report on the delay"),
    forms.ReportProgressForm,
    DECIDE,
    SUPERVISORS,
    "PROGRESS_REPORTED",
    saves=("report_given_on",),
    where=COMPETENT,
    clocks=("meet:progress",),
    basis=BASIS,
)
TAKE_OVER = Step(
    "take_over",
    _("Take the case over"),
    forms.TakeOverForm,
    OVERSEE,
    SUPERVISORS,
    "CASE_TAKEN_OVER",
    saves=("competent_unit",),
    where=SUPERIOR,
    # A report still owed is owed no more: the unit that asked for it now decides.
    clocks=("stop:progress",),
    basis=BASIS,
)
