from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A deadline warning for one person: one per case, stage, level, due date and recipient.

    The unique constraint is what makes the daily sweep idempotent: however often it runs, a
    warning is written (and mailed) once; a new due date (an extension, a resumption) is a new
    warning.
    """

    class Level(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        ESCALATED = "escalated", _("Overdue, escalated to the superior unit")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(_("stage"), max_length=20)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "stage", "level", "due_on", "recipient"],
                name="notification_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_unread",
                condition=models.Q(read_at__isnull=True),
            )
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.level} {self.case_id}/{self.stage} -> {self.recipient_id}"
