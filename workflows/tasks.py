"""Background work started by the door after its transaction commits. Each task is idempotent."""

from celery import shared_task
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from casework.models import Case, User


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def case_assignment_notify_task(case_id: int, assignee_id: int) -> bool:
    """Tell an investigator that a case is now theirs. No party's identity goes in the mail.

    Skipped (returns False) when the case has since gone to someone else or the investigator
    has no address, so a retried or late task never tells the wrong person.
    """
    case = Case.objects.filter(pk=case_id, assignee_id=assignee_id).first()
    user = User.objects.filter(pk=assignee_id, is_active=True).first()
    if case is None or user is None or not user.email:
        return False
    with translation.override("vi"):
        subject = _("Case %(reference)s is assigned to you") % {"reference": case.reference}
        body = _(
            "Case %(reference)s (%(kind)s) has been assigned to you for verification.\n"
            "Subject: %(subject)s\n"
        ) % {
            "reference": case.reference,
            "kind": case.get_kind_display(),
            "subject": case.subject,
        }
    send_mail(subject, body, None, [user.email])
    return True
