"""The domain's vocabularies. Stored values never change; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PETITION = "petition", _("Petition")
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")


class Procedure(models.TextChoices):
    """The law's procedure a case is in. Every letter is first processed as a letter (Circular
    05/2021/TT-TTCP); once accepted it follows the procedure of its kind and round."""

    LETTER = "letter", _("Letter processing")
    COMPLAINT_1 = "complaint_1", _("Complaint, first round")
    COMPLAINT_2 = "complaint_2", _("Complaint, second round")
    DENUNCIATION = "denunciation", _("Denunciation")
    PETITION = "petition", _("Petition or report")


def procedure_of(kind: str, round: int = 1) -> "Procedure":
    """The procedure a letter of this kind (and round) follows once accepted."""
    if kind == Kind.COMPLAINT:
        return Procedure.COMPLAINT_2 if round == 2 else Procedure.COMPLAINT_1
    return Procedure(kind)


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    MAIL = "mail", _("Mail")
    EMAIL = "email", _("Email")
    ONLINE = "online", _("Online portal")
    HOTLINE = "hotline", _("Hotline")
    FORWARDED = "forwarded", _("Forwarded by another body")


class Forwarder(models.TextChoices):
    """Who forwarded a letter to the unit (channel ``forwarded``): that body is told the
    result (Citizen Reception Law Art. 27(2), DOMAIN.md). A letter another agency sent by a
    transfer slip has been transferred once already (Circular 05/2021/TT-TTCP)."""

    DEPUTY = "deputy", _("National Assembly deputy or delegation")
    PRESS = "press", _("The press")
    AGENCY = "agency", _("Another agency (by a transfer slip)")


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    ASSIGNED = "assigned", _("Under verification")
    INVESTIGATED = "investigated", _("Verified")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Not accepted")
    TRANSFERRED = "transferred", _("Transferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    FILED = "filed", _("Filed without action")
    SUSPENDED = "suspended", _("Suspended")
    # The further outcomes of letter processing (Circular 05/2021/TT-TTCP): the sender guided
    # to the competent body, the original papers returned, the letter joined to the open case
    # it repeats, or split into one case per content.
    GUIDED = "guided", _("Sender guided")
    RETURNED = "returned", _("Papers returned")
    LINKED = "linked", _("Joined to an open case")
    SPLIT = "split", _("Split into cases")
    # A complaint's or a denunciation's handling terminated on a lawful ground other than its
    # withdrawal (Complaints Law Art. 11a, from 1 July 2026; Denunciations Law Art. 34).
    TERMINATED = "terminated", _("Terminated")


#: States in which a case still waits for someone's move (suspended: lawfully paused).
ACTIVE_STATES = (
    State.RECEIVED,
    State.ACCEPTED,
    State.ASSIGNED,
    State.INVESTIGATED,
    State.SUSPENDED,
)
#: States that a suspension may pause, and to which a resumption returns.
SUSPENDABLE_STATES = (State.ACCEPTED, State.ASSIGNED, State.INVESTIGATED)
END_STATES = tuple(s for s in State if s not in ACTIVE_STATES)


class Role(models.TextChoices):
    INTAKE_OFFICER = "intake_officer", _("Intake officer")
    INVESTIGATOR = "investigator", _("Investigator")
    SUPERVISOR = "supervisor", _("Supervisor")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")


#: Roles held within a unit (the administrator's role is not tied to one).
UNIT_ROLES = (Role.INTAKE_OFFICER, Role.INVESTIGATOR, Role.SUPERVISOR, Role.AUDITOR)


class PartyRole(models.TextChoices):
    PETITIONER = "petitioner", _("Petitioner")
    COMPLAINANT = "complainant", _("Complainant")
    DENOUNCER = "denouncer", _("Denouncer")
    REPRESENTATIVE = "representative", _("Representative")
    ACCUSED = "accused", _("Accused")


#: The role of the person who brings a letter of each kind.
PETITIONER_ROLE = {
    Kind.PETITION: PartyRole.PETITIONER,
    Kind.COMPLAINT: PartyRole.COMPLAINANT,
    Kind.DENUNCIATION: PartyRole.DENOUNCER,
}


class ComplaintGrounds(models.TextChoices):
    """Grounds for not accepting a complaint (Complaints Law 02/2011, Art. 11)."""

    INTERNAL_ACT = "internal_act", _("Internal or normative act, or a matter of state secrets")
    NO_DIRECT_INTEREST = (
        "no_direct_interest",
        _("The decision or act does not directly concern the complainant's rights"),
    )
    NO_CAPACITY = (
        "no_capacity",
        _("The complainant lacks legal capacity and has no lawful representative"),
    )
    UNLAWFUL_REPRESENTATIVE = "unlawful_representative", _("The representative is not lawful")
    UNSIGNED = "unsigned", _("The complaint is not signed or fingerprinted")
    PERIOD_EXPIRED = "period_expired", _("The filing period has expired")
    SECOND_ROUND_DECIDED = (
        "second_round_decided",
        _("A second-round decision on the complaint already exists"),
    )
    TERMINATION_LAPSED = "termination_lapsed", _("Thirty days passed after a notice of termination")
    COURT_ACCEPTED = "court_accepted", _("A court has accepted the matter")


class ReDenunciationGrounds(models.TextChoices):
    """Why the superior does not resolve a re-denunciation again (Denunciations Law Art. 37):
    otherwise it accepts it and resolves it again."""

    EARLIER_LAWFUL = (
        "earlier_lawful",
        _("The earlier resolution was lawful: the denunciation is not resolved again"),
    )


class FiledReason(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous or unverifiable sender")
    DUPLICATE = "duplicate", _("Duplicate of a case already concluded")
    NO_CONTENT = "no_content", _("No specific content")
    # Anonymous, but specific and backed by evidence: not processed as a denunciation, its
    # content passed to inspection (Denunciations Law Art. 25(2)).
    INSPECTION = (
        "inspection",
        _("Anonymous, with specific content and evidence: passed to inspection"),
    )
    OTHER = "other", _("Other")


class ActDecision(models.TextChoices):
    """What a complaint decision does to the administrative act complained of (Complaints
    Law Art. 31): keeps it, amends it, or cancels it (or ends the act, for a behaviour)."""

    KEEP = "keep", _("Keep the act complained of")
    AMEND = "amend", _("Amend the act complained of")
    CANCEL = "cancel", _("Cancel the act complained of")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("Complaint upheld")
    PARTLY_UPHELD = "partly_upheld", _("Complaint partly upheld")
    REJECTED = "rejected", _("Complaint rejected")
    CORRECT = "correct", _("Denunciation correct")
    PARTLY_CORRECT = "partly_correct", _("Denunciation partly correct")
    FALSE = "false", _("Denunciation false")
    ANSWERED = "answered", _("Petition answered")


OUTCOMES_BY_KIND = {
    Kind.COMPLAINT: (Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.REJECTED),
    Kind.DENUNCIATION: (Outcome.CORRECT, Outcome.PARTLY_CORRECT, Outcome.FALSE),
    Kind.PETITION: (Outcome.ANSWERED,),
}
