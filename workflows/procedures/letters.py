"""Letter processing's steps (Circular 05/2021/TT-TTCP): what becomes of a letter before its
kind's procedure begins, one row each (``workflows.procedures.tables`` puts them in the
tables); and the report of the result to the body that forwarded a letter, at its end."""

from django.utils.translation import gettext_lazy as _

from casework.choices import Kind, Role
from workflows import forms
from workflows.procedures.steps import COMPETENT, DECIDE, Step

SUPERVISORS = (Role.SUPERVISOR,)

#: An end after which the body that forwarded the letter waits for its result: the clock of
#: the report to it starts (only where a body forwarded the letter: ``clocks_apply``).
REPORT = "start:report"

# Letter processing (Circular 05/2021/TT-TTCP): what becomes of a letter before its kind's
# procedure begins. Accepting it is the competent person's decision; where the unit that
# processes the letter is competent, its supervisor accepts it at once.
ACCEPT = Step(
    "accept",
    _("Accept"),
    forms.NoFieldsForm,
    DECIDE,
    SUPERVISORS,
    "CASE_ACCEPTED",
    where=COMPETENT,
    notices=("acceptance_notice",),
    # A denunciation is accepted by a decision to accept; the denouncer and the accused are
    # told within 5 working days (Art. 29: ``NOTIFY_ACCEPTANCE``).
    kind_notices=((Kind.DENUNCIATION, ("denunciation_acceptance_decision",)),),
    clocks=("meet:acceptance", "start:resolution"),
    kind_clocks=((Kind.DENUNCIATION, ("start:notification",)),),
    enters_kind=True,
)
EXTEND_CHECK = Step(
    "extend_check",
    _("Extend the check"),
    forms.ExtendCheckForm,
    DECIDE,
    SUPERVISORS,
    "CHECK_EXTENDED",
    saves=("check_extended_on",),
    where=COMPETENT,
    clocks=("extend:acceptance",),
    basis=_(
        "Denunciations Law Art. 24(1): once, to 10 working days from receipt, where "
        "verification at several places or by delegation is needed"
    ),
)
REJECT = Step(
    "reject",
    _("Not accept"),
    forms.RejectForm,
    DECIDE,
    SUPERVISORS,
    "CASE_REJECTED",
    saves=("closure_reason",),
    where=COMPETENT,
    notices=("non_acceptance_notice",),
    clocks=("meet:acceptance", REPORT),
)
TRANSFER = Step(
    "transfer",
    _("Transfer"),
    forms.TransferForm,
    DECIDE,
    SUPERVISORS,
    "CASE_TRANSFERRED",
    saves=("closure_reason",),
    notices=("transfer_slip",),
    clocks=("meet:acceptance", REPORT),
    # A denunciation outside competence is transferred within 5 working days of receipt
    # (Art. 24(2)): the transfer is counted against that period.
    kind_clocks=((Kind.DENUNCIATION, ("settle:transfer",)),),
    basis=_(
        "Circular 05/2021/TT-TTCP (a denunciation is transferred once only, Art. 14); "
        "Denunciations Law Art. 24(2) (within 5 working days)"
    ),
)
REFER_CRIME = Step(
    "refer_crime",
    _("Refer: signs of a crime"),
    forms.ReferCrimeForm,
    DECIDE,
    SUPERVISORS,
    "CRIME_REFERRED",
    saves=("closure_reason", "suspended_from"),
    where=COMPETENT,
    notices=("crime_referral",),
    clocks=("meet:acceptance", "stop:all", REPORT),
    basis=_("Denunciations Law Art. 27 (signs of a crime: referred at once)"),
)
MOVE = Step(
    "move",
    _("Transfer within the system"),
    forms.MoveForm,
    DECIDE,
    SUPERVISORS,
    "CASE_MOVED",
    saves=("unit", "assignee", "competent_unit", "check_extended_on", "transferred_in"),
    notices=("transfer_slip",),
    clocks=("restart:acceptance",),
    # A denunciation sent to the competent unit is counted against the 5 working days of a
    # transfer outside one's competence (Art. 24(2)), as one sent outside the system is.
    kind_clocks=((Kind.DENUNCIATION, ("settle:transfer",)),),
    basis=_("Circular 05/2021/TT-TTCP"),
)
FILE = Step(
    "file",
    _("File without action"),
    forms.FileForm,
    DECIDE,
    SUPERVISORS,
    "CASE_FILED",
    saves=("closure_reason",),
    # Filed with its ground, which the case and its event keep: no document goes out (an
    # anonymous sender cannot be told; a repeat of a concluded case was answered already).
    clocks=("meet:acceptance", REPORT),
    basis=_("Circular 05/2021/TT-TTCP (filed letters are kept one year, Art. 28)"),
)
GUIDE = Step(
    "guide",
    _("Guide the sender"),
    forms.GuideForm,
    DECIDE,
    SUPERVISORS,
    "SENDER_GUIDED",
    saves=("closure_reason",),
    notices=("guidance_slip",),
    clocks=("meet:acceptance", REPORT),
    basis=_("Circular 05/2021/TT-TTCP (a complaint outside competence: guidance slip)"),
)
RETURN_PAPERS = Step(
    "return_papers",
    _("Return the original papers"),
    forms.ReturnPapersForm,
    DECIDE,
    SUPERVISORS,
    "PAPERS_RETURNED",
    saves=("closure_reason",),
    notices=("papers_return",),
    # Addressed to the sender: on a denunciation the denouncer, so a document that names them.
    kind_notices=((Kind.DENUNCIATION, ("denouncer_papers_return",)),),
    clocks=("meet:acceptance", REPORT),
    basis=_("Circular 05/2021/TT-TTCP (original papers returned to the sender)"),
)
LINK = Step(
    "link",
    _("Join to the open case it repeats"),
    forms.LinkForm,
    DECIDE,
    SUPERVISORS,
    "LETTER_LINKED",
    # The open case counts the letter and shows it on its timeline (the door writes it:
    # ``workflows.services.letters``); it answers the sender, never a second case.
    saves=("linked_to",),
    clocks=("meet:acceptance", REPORT),
    basis=_("Circular 05/2021/TT-TTCP (a repeated letter is not a new case)"),
)
SPLIT = Step(
    "split",
    _("Split into one case per content"),
    forms.SplitForm,
    DECIDE,
    SUPERVISORS,
    "LETTER_SPLIT",
    # One case per content, each registered by the door with ``split_from`` the letter.
    clocks=("meet:acceptance",),
    basis=_("Citizen Reception Law Art. 25(3); Circular 05/2021/TT-TTCP"),
)
INFORM_FORWARDER = Step(
    "inform_forwarder",
    _("Report the result to the forwarding body"),
    forms.InformForwarderForm,
    DECIDE,
    SUPERVISORS,
    "FORWARDER_INFORMED",
    saves=("forwarder_informed_on",),
    notices=("forwarder_report",),
    clocks=("meet:report",),
    # DOMAIN.md marks the period (7 working days) and the article as unconfirmed.
    basis=_("Citizen Reception Law Art. 27(2) (report to the forwarding body; unconfirmed)"),
)
