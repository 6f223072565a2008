from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseEvent(models.Model):
    """One act on a case, append-only.

    Each row holds the hash of the case's previous event and its own hash over its content, and
    the case keeps the hash of its newest event (``Case.audit_head``): editing, deleting or
    inserting any row breaks the chain, which ``manage.py verify_audit`` detects. Only the door
    in ``workflows.services`` writes these rows.

    The payload holds codes and references, never free text: what an officer types (a note, a
    reason, findings) may name people, so it sits in ``texts``, outside the chain, and the
    payload holds its SHA-256 (``payload["texts"]``). The text stays tamper-evident, and can
    still be redacted by a lawful order without breaking the chain.
    """

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    effective_on = models.DateField(_("effective date"))
    recorded_at = models.DateTimeField(_("recorded at"))
    payload = models.JSONField(default=dict, blank=True)
    texts = models.JSONField(
        _("free text"),
        default=dict,
        blank=True,
        help_text=_("The act's note, reasons and findings, as written"),
    )
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq")]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.action}"
