"""Background work started by the door after its transaction commits. Each task is idempotent.

Under Celery (``CELERY_BROKER_URL``) a worker runs the tasks and beat the periodic ones. The
embedded default runs each task in-process, eagerly, and has no beat: the web process re-queues
the notices whose task was lost itself (``embedded_requeue_start``).
"""

import logging
import os
import threading

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


@shared_task
def notifications_email_task() -> int:
    """Mail every warning not mailed yet, each once: a row is claimed, mailed and marked in its
    own transaction, so one failed mail neither blocks nor repeats the others."""
    from django.db import transaction
    from django.utils import timezone

    from casework.models import Notification

    sent, failed = 0, set()
    while True:
        with transaction.atomic():
            note = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(emailed_at__isnull=True)
                .exclude(pk__in=failed)
                .select_related("case", "recipient")
                .order_by("pk")
                .first()
            )
            if note is None:
                return sent
            try:
                if note.recipient.email and note.recipient.is_active:
                    _notification_mail(note)
                    sent += 1
            except OSError:
                failed.add(note.pk)  # left unmarked: the next run tries it again
                continue
            note.emailed_at = timezone.now()
            note.save(update_fields=["emailed_at"])


def _notification_mail(note) -> None:
    from casework.models.deadlines import Stage
    from permissions.selectors import case_is_visible

    # A superior unit's supervisor warned by escalation may not see the case yet: the mail
    # then names it by reference only.
    subject_line = note.case.subject if case_is_visible(note.recipient, note.case) else "—"

    with translation.override("vi"):
        subject = _("%(level)s: case %(reference)s, due %(due)s") % {
            "level": note.get_level_display(),
            "reference": note.case.reference,
            "due": note.due_on.strftime("%d/%m/%Y"),
        }
        body = _(
            "Case %(reference)s (%(kind)s), stage: %(stage)s, due on %(due)s.\n"
            "Subject: %(subject)s\n"
        ) % {
            "reference": note.case.reference,
            "kind": note.case.get_kind_display(),
            "stage": Stage(note.stage).label,
            "due": note.due_on.strftime("%d/%m/%Y"),
            "subject": subject_line,
        }
    send_mail(subject, body, None, [note.recipient.email])


@shared_task
def deadlines_sweep_task() -> dict:
    """Celery beat runs this daily at 07:00 (config.settings.CELERY_BEAT_SCHEDULE)."""
    from workflows.services.sweep import deadlines_sweep

    result = deadlines_sweep()
    return {"missed": result.missed, "created": result.created}


@shared_task
def clocks_recompute_task(days: list[str]) -> int:
    """After a calendar change: move the open deadlines it touches (idempotent)."""
    from datetime import date

    from casework.deadlines.calendar import calendar_invalidate
    from workflows.services.clocks import clocks_recompute

    calendar_invalidate()
    return sum(clocks_recompute(changed_day=date.fromisoformat(d)) for d in sorted(set(days)))


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def document_render_task(self, document_id: int) -> str:
    """Render one notice after the act's commit; retried, then shown as failed.

    On a worker each attempt is a run of its own, 30 s apart. Run eagerly (the embedded
    default, inside the request that acted), the attempts follow one another at once and
    nothing is raised: the act is committed whatever becomes of its notice.
    """
    from workflows.services.documents import document_failed, document_render

    attempts = 1 + self.max_retries if self.request.is_eager else 1
    failure = None
    for _attempt in range(attempts):
        try:
            return document_render(document_id).status
        except Exception as error:  # any failure of a render is retried, then recorded
            failure = error
    if self.request.is_eager or self.request.retries >= self.max_retries:
        document_failed(document_id, f"{type(failure).__name__}: {failure}")
        return "failed"
    raise self.retry(exc=failure)


@shared_task
def documents_requeue_task() -> int:
    """Every 10 minutes (Celery beat): send again the documents stuck being issued (their task
    was lost)."""
    from workflows.services.documents import documents_requeue

    return documents_requeue()


logger = logging.getLogger(__name__)

#: How often the embedded default's web process looks for notices whose task was lost.
EMBEDDED_REQUEUE_EVERY = 5 * 60  # seconds

_requeue_lock = threading.Lock()
_requeue_started_in: int | None = None  # the process (pid) whose loop is running


def embedded_requeue_pass() -> int:
    """One look for the lost notices: each stuck one is rendered, eagerly, in this thread."""
    from workflows.services.documents import documents_requeue

    return documents_requeue()


def embedded_requeue_loop(every: float = EMBEDDED_REQUEUE_EVERY, stop=None) -> None:
    """Look for lost notices at once (the notices of a process that died before rendering
    them), then every ``every`` seconds, until ``stop`` (a ``threading.Event``) is set. A
    failed pass is logged and the next one tries again; the thread's database connection is
    closed after each pass, as a request's is."""
    from django.db import connections

    stop = stop or threading.Event()
    while True:
        try:
            sent = embedded_requeue_pass()
            if sent:
                logger.info("Rendered %s notice(s) whose rendering was lost.", sent)
        except Exception:
            logger.exception("Looking for lost notices failed; trying again later.")
        finally:
            connections.close_all()
        if stop.wait(every):
            return


def embedded_requeue_start(**_signal) -> None:
    """Start ``embedded_requeue_loop`` in a daemon thread, once per process: connected by
    ``WorkflowsConfig.ready`` to the first request a server process handles, when there is no
    broker (no beat to do it). Per process, not per import: a gunicorn worker forked from a
    master that loaded the application has no thread of its master's."""
    global _requeue_started_in
    with _requeue_lock:
        if _requeue_started_in == os.getpid():
            return
        _requeue_started_in = os.getpid()
    thread = threading.Thread(
        target=embedded_requeue_loop, args=(), name="casework-requeue", daemon=True
    )
    thread.start()
