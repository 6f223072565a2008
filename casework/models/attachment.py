import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.party import EncryptedTextField


class AttachmentType(models.TextChoices):
    """The kinds of file a case may hold, as recognised from their content.

    The stored value is the MIME type a download is served with; the label is what a user
    reads. Stored values never change.
    """

    PDF = "application/pdf", _("PDF document")
    JPEG = "image/jpeg", _("JPEG image")
    PNG = "image/png", _("PNG image")
    DOCX = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _("Word document (DOCX)"),
    )
    XLSX = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _("Excel workbook (XLSX)"),
    )


#: The file name extension each type is stored and offered under.
ATTACHMENT_EXTENSIONS = {
    AttachmentType.PDF: ".pdf",
    AttachmentType.JPEG: ".jpg",
    AttachmentType.PNG: ".png",
    AttachmentType.DOCX: ".docx",
    AttachmentType.XLSX: ".xlsx",
}
#: The extensions a user's file name may already carry for each type.
_NAME_EXTENSIONS = {
    AttachmentType.PDF: (".pdf",),
    AttachmentType.JPEG: (".jpg", ".jpeg", ".jpe", ".jfif"),
    AttachmentType.PNG: (".png",),
    AttachmentType.DOCX: (".docx",),
    AttachmentType.XLSX: (".xlsx",),
}


def attachment_storage_name(content_type: str) -> str:
    """A fresh random name for a stored file: nothing of what the user called it.

    Two hex digits of the name make a directory level, so that no directory grows past a few
    thousand files.
    """
    token = uuid.uuid4().hex
    return f"attachments/{token[:2]}/{token}{ATTACHMENT_EXTENSIONS[content_type]}"


class Attachment(models.Model):
    """A file of evidence on a case: a scan, a photograph, a record of a visit.

    Only the door in ``workflows.services.attachments`` writes these rows, each with an event in
    the case's trail. The stored file has a random name and is never served from a public URL:
    downloads go through a view that checks who may see the case.
    """

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    # A file's name and description may name people: encrypted at rest like an identity.
    original_name = EncryptedTextField(_("file name"))
    file = models.FileField(_("stored file"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100, choices=AttachmentType.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = EncryptedTextField(_("description"), blank=True)
    identifying = models.BooleanField(
        _("identifies the denouncer"),
        default=False,
        help_text=_("Shown only to those who may see a denouncer's identity"),
    )

    class Meta:
        ordering = ["case", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The name a download is offered under: the user's, with the extension of its type.

        A PNG uploaded as ``scan.docx`` is downloaded as ``scan.docx.png``, so that the
        reader's computer opens it with the program for what it is.
        """
        if self.original_name.lower().endswith(_NAME_EXTENSIONS[self.content_type]):
            return self.original_name
        return self.original_name + ATTACHMENT_EXTENSIONS[self.content_type]
