"""The attachments section of the case page: the files the user may see and the upload form.

Apart from the upload and download views (``workflows.pages.attachments``), which show the
case page again when an upload is refused: the case page imports this module, those views
import the case page, and neither imports the other back.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import Case
from workflows.selectors import attachments_visible
from workflows.services.attachments import (
    DESCRIPTION_MAX_LENGTH,
    attachment_may_add,
    attachment_may_mark_identifying,
)


class AttachmentForm(forms.Form):
    """What the upload form shows and keeps; the door (``attachment_add``) judges the file."""

    file = forms.FileField(label=gettext_lazy("File"), required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": DESCRIPTION_MAX_LENGTH}),
    )

    identifying = forms.BooleanField(
        label=gettext_lazy("Identifies the denouncer"),
        help_text=gettext_lazy(
            "Shown only to the registering officer and the unit's supervisors, never to the "
            "investigators."
        ),
        required=False,
    )

    def __init__(self, *args, limit_mb: int, case: Case | None = None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is None or user is None or not attachment_may_mark_identifying(user, case):
            # Only who may see the denouncer marks a file as identifying them: an investigator
            # does not know who it is, and would hide their own evidence from themselves.
            del self.fields["identifying"]
        elif user.pk == case.registered_by_id:
            # The officer who registers the letter attaches what the denouncer brought: taken
            # to identify them unless unticked (a mistake hides a paper, it exposes no one).
            self.fields["identifying"].initial = True
        self.fields["file"].help_text = _("PDF, JPEG, PNG, DOCX or XLSX, at most %(limit)s MB.") % {
            "limit": limit_mb
        }


def attachments_context(*, case: Case, user, form=None) -> dict:
    """The attachments section of the case page: the files (one query) and the upload form."""
    may_add = attachment_may_add(user, case)
    if form is None and may_add:
        form = AttachmentForm(limit_mb=settings.CASEWORK_ATTACHMENT_MAX_MB, case=case, user=user)
    return {
        "attachments": attachments_visible(user, case)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk"),
        "attachment_form": form,
        "may_attach": may_add,
    }
