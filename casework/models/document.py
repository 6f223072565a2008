import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The type of each document, as its number prints it (Decree 30/2020, Annex III): thông báo
#: (TB), quyết định (QĐ), kết luận (KL), phiếu chuyển (PC), biên bản (BB). Numbers run per
#: unit, year and type, so that no two documents of a unit print the same number: 15/TB-PROV.
DOCUMENT_CODES = {
    "acceptance_notice": "TB",
    "non_acceptance_notice": "TB",
    "closure_notice": "TB",
    "petition_reply": "TB",
    "denouncer_notice": "TB",
    "content_notice": "TB",
    "transfer_slip": "PC",
    "complaint_decision": "QĐ",
    "extension_decision": "QĐ",
    "suspension_decision": "QĐ",
    "resumption_decision": "QĐ",
    "denunciation_conclusion": "KL",
    "dialogue_minutes": "BB",
    "denunciation_acceptance_decision": "QĐ",
    "termination_decision": "QĐ",
    "crime_referral": "PC",
    # Letter processing's slips (Circular 05/2021/TT-TTCP). The type code of a guidance slip
    # is not in Decree 30's list of abbreviations as such: "HD" (hướng dẫn) is used until
    # issue 17 settles each form's number.
    "guidance_slip": "HD",
    "papers_return": "TB",
    "denouncer_papers_return": "TB",
    "forwarder_report": "TB",
    # Verification: assigned by a decision, ended by a report (báo cáo, BC) to who decides.
    "verification_decision": "QĐ",
    "verification_report": "BC",
}

#: The series of decisions and conclusions: issued by the competent person (or a deputy on
#: their behalf), never by an intake officer.
DECISION_CODES = frozenset({"QĐ", "KL"})

#: Kinds of document no step issues any longer, kept so that those issued before still render
#: and verify: the generic notice of closure (each end now issues the law's own document).
RETIRED_KINDS = frozenset({"closure_notice"})

#: Documents that name a denouncer (the notices addressed to the sender): stored encrypted,
#: and shown and served only to who may see the identity, each reading logged.
IDENTIFYING_KINDS = frozenset({"denouncer_notice", "denouncer_papers_return"})

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed


def verification_code() -> str:
    """A short random code printed on the PDF: ``K7Q2-9XHD``."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


class Document(models.Model):
    """A notice an act issued: numbered when the act is committed, rendered after it.

    One per act and kind (a constraint), so a task run twice issues nothing twice. An issued
    file is never rewritten: a correction is a new document, with its own number, that
    ``replaces`` the old (at most once: a correction of the correction replaces that one).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("being issued")
        READY = "ready", _("issued")
        FAILED = "failed", _("failed")

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="documents")
    # The issuing unit: the case's unit when the act was taken (a transfer within the system
    # moves the case, not the slip its old unit issued).
    unit = models.ForeignKey(
        "casework.Unit", verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey("casework.CaseEvent", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    number = models.CharField(_("number"), max_length=40)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    code = models.CharField(_("verification code"), max_length=9, unique=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    # What the act made of the case, as it stood when the document was issued: the document
    # says that, however late it is rendered (state, due date, extensions).
    facts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When it was last sent to be rendered (issued, retried, or sent again by the requeue): a
    # document still pending long after that was lost on its way (STUCK_AFTER in
    # workflows.services.documents).
    queued_at = models.DateTimeField(default=timezone.now)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issued_on", "pk"]
        constraints = [
            # One per act and kind; a correction is a further document of the same act.
            models.UniqueConstraint(
                fields=["event", "kind"],
                condition=models.Q(replaces__isnull=True),
                name="document_once_per_act",
            ),
            models.UniqueConstraint(fields=["replaces"], name="document_corrected_once"),
            # Decree 30: a number and code are unique in the issuing unit's year.
            models.UniqueConstraint(fields=["unit", "year", "number"], name="document_number"),
        ]
        indexes = [
            models.Index(fields=["case", "issued_on"], name="document_case"),
            # The requeue's look for documents stuck being issued: the pending ones only.
            models.Index(
                fields=["queued_at"],
                name="document_pending_queued",
                condition=models.Q(status="pending"),
            ),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.number

    @property
    def identifying(self) -> bool:
        return self.kind in IDENTIFYING_KINDS

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY
