import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The code of each notice in its number (Decree 30/2020, Annex III): 15/TB-PROV.
DOCUMENT_CODES = {
    "acceptance_notice": "TB",
    "non_acceptance_notice": "TB",
    "closure_notice": "TB",
    "transfer_slip": "PC",
    "decision": "QĐ",
    "extension_decision": "QĐ",
    "suspension_decision": "QĐ",
    "resumption_decision": "QĐ",
}

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed


def verification_code() -> str:
    """A short random code printed on the PDF: ``K7Q2-9XHD``."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


class Document(models.Model):
    """A notice an act issued: numbered when the act is committed, rendered after it.

    One per act and kind (a constraint), so a task run twice issues nothing twice. An issued
    file is never rewritten: a correction is a new document that ``replaces`` the old.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("being issued")
        READY = "ready", _("issued")
        FAILED = "failed", _("failed")

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="documents")
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
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="document_once_per_act"),
        ]
        indexes = [models.Index(fields=["case", "issued_on"], name="document_case")]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.number
