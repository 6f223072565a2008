"""Which of a case's attachments a user may see."""

from django.db.models import QuerySet

from casework.choices import Kind
from casework.models import Attachment, Case
from permissions.identity import denouncer_identity_visible


def attachments_visible(user, case: Case) -> QuerySet[Attachment]:
    """The case's attachments this user may see: on a denunciation, those that identify the
    denouncer only for who may see the identity."""
    files = case.attachments.all()
    if case.kind == Kind.DENUNCIATION and not denouncer_identity_visible(user, case):
        files = files.filter(identifying=False)
    return files
