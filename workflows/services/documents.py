"""Issuing the notices an act requires: numbered in the act's transaction, rendered after it.

``documents_issue`` runs inside the door's transaction: a ``Document`` per notice, pending, its
number taken from the unit's series for the year under a row lock (no gap, no duplicate). After
the commit a task renders each one (``document_render``), once: a rendered document is never
rendered again, and a failed one is retried, then shown as failed until a supervisor retries it
(``document_retry``). One whose task was lost (a crash right after the commit) is stuck after
``STUCK_AFTER``: a supervisor may retry it too, and ``documents_requeue`` sends it again.
Reading a document goes through ``document_read``: the case's permission checks, and the
denouncer's secret. What a notice says is ``notice_context``'s.
"""

import hashlib
import uuid
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.choices import PartyRole
from casework.crypto import identity_bytes_decrypt, identity_bytes_encrypt
from casework.documents.render import render_pdf
from casework.models import Case, CaseEvent, Document, SequenceCounter, Unit
from casework.models.document import DOCUMENT_CODES, verification_code
from permissions.identity import denouncer_identity_visible
from permissions.selectors import case_is_visible, case_permissions
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.procedures import DOCUMENT_CORRECTED_EVENT, Step
from workflows.services.audit import event_append
from workflows.services.identity import denouncer_secrets_for, texts_naming_the_denouncer
from workflows.services.notice_context import (
    case_facts,
    document_context,
    signer_of,
    verification_url,
)

__all__ = [  # what a notice says lives in notice_context; these are read from here too
    "document_context",
    "verification_url",
]

#: The longest reason for a correction.
CORRECTION_REASON_MAX = 2000


def documents_issue(
    *, case: Case, event: CaseEvent, action: Step, actor, unit_id: int, clocks=None
) -> list[Document]:
    """A pending, numbered document for each notice of the act; each rendered after the commit.

    ``unit_id`` issues them: the case's unit when the act was taken (a transfer within the
    system has already moved the case). They are dated and numbered the day they are issued,
    in that day's year, so the unit's register runs in the order of issue even when the act
    is recorded late (its own date is in the text); what the act made of the case is kept
    with each (``facts``), so a late or repeated rendering says the same. ``clocks``: the
    case's clocks as the act left them, when the act has them in hand (else they are read).
    """
    kinds = list(action.notices_for(case.kind))
    if "denouncer_notice" in kinds and not case.parties.filter(role=PartyRole.DENOUNCER).exists():
        kinds.remove("denouncer_notice")  # no denouncer to tell
    if "content_notice" in kinds and not case.parties.filter(role=PartyRole.ACCUSED).exists():
        kinds.remove("content_notice")  # no one named to tell
    if not kinds:
        return []
    unit = case.unit if case.unit_id == unit_id else Unit.objects.get(pk=unit_id)
    facts = {**case_facts(case, clocks), "signer": signer_of(actor, unit)}
    documents = [
        _numbered(case=case, unit=unit, event=event, kind=kind, actor=actor, facts=facts)
        for kind in kinds
    ]
    Document.objects.bulk_create(documents)
    _render_after_commit([d.pk for d in documents])
    return documents


def _numbered(*, case, unit, event, kind, actor, **fields) -> Document:
    """A new document with the next number of its series (under the series' row lock)."""
    code = DOCUMENT_CODES[kind]
    today = timezone.localdate()
    # One series per type (TB, QĐ, KL, PC) in the unit and year: a printed number is unique.
    number = SequenceCounter.allocate(name=f"document:{code}", unit_id=unit.pk, year=today.year)
    return Document(
        case=case,
        unit=unit,
        event=event,
        kind=kind,
        year=today.year,
        sequence=number,
        number=f"{number}/{code}-{unit.code}",
        code=verification_code(),
        issued_on=today,
        issued_by=actor,
        **fields,
    )


def _render_after_commit(ids: list[int]) -> None:
    """Queue the rendering once the act is committed. ``robust``: a broker that is down must
    not turn a committed act into an error page; the documents stay pending, and the
    periodic ``documents_requeue`` sends them again."""
    from workflows import tasks

    for pk in ids:
        transaction.on_commit(lambda pk=pk: tasks.document_render_task.delay(pk), robust=True)


#: A document still being issued this long after it was sent to be rendered is stuck: its
#: task was lost (the process died after the commit, or the broker was down). It then counts as
#: failed for a supervisor's retry, and ``documents_requeue`` sends it again. A rendering takes
#: a fraction of a second; on a worker, its three retries 30 s apart take two minutes.
STUCK_AFTER = timedelta(minutes=5)
STUCK_MINUTES = int(STUCK_AFTER.total_seconds() // 60)

#: The most documents one pass of ``documents_requeue`` sends again.
REQUEUE_BATCH = 1000


def _stuck(now: datetime) -> Q:
    """Pending, and last sent to be rendered (``queued_at``: issued, retried or sent again)
    more than ``STUCK_AFTER`` before ``now``."""
    return Q(status=Document.Status.PENDING, queued_at__lt=now - STUCK_AFTER)


def document_is_stuck(document: Document, now: datetime | None = None) -> bool:
    """Whether ``document`` is stuck "being issued" (``STUCK_AFTER``): a supervisor may retry it."""
    if document.status != Document.Status.PENDING:
        return False
    return document.queued_at < (now or timezone.now()) - STUCK_AFTER


def documents_requeue() -> int:
    """Send again every stuck document (at most ``REQUEUE_BATCH``): Celery beat runs this every
    10 minutes under a broker, and the web process itself in the embedded default
    (``workflows.tasks.embedded_requeue_start``). Each is marked as sent first, so that the
    next pass and the case page wait ``STUCK_AFTER`` again; a task that turns up late anyway
    renders nothing twice (``document_render``)."""
    from workflows import tasks

    now = timezone.now()
    stuck = Document.objects.filter(_stuck(now)).order_by("pk")
    ids = list(stuck.values_list("pk", flat=True)[:REQUEUE_BATCH])
    Document.objects.filter(_stuck(now), pk__in=ids).update(queued_at=now)
    for pk in ids:
        tasks.document_render_task.delay(pk)
    return len(ids)


def document_render(document_id: int) -> Document:
    """Render a pending document and store its PDF and SHA-256; a ready one stays as it is.

    The attempt is counted in its own transaction first, so that a failed rendering still
    counts; a file stored by an attempt that then fails is removed. Two runs at once (a task
    sent again by the requeue or a retry, and the lost one turning up late) are serialised by
    the document's row lock (PostgreSQL) or by the write lock a SQLite transaction takes as it
    begins (``transaction_mode="IMMEDIATE"``): the second finds it ready and renders nothing.
    """
    counted = (
        Document.objects.filter(pk=document_id)
        .exclude(status=Document.Status.READY)
        .update(attempts=F("attempts") + 1)
    )
    stored_name = None
    try:
        with transaction.atomic():
            document = (
                # Only the document's row is locked (PostgreSQL locks no outer-joined row).
                Document.objects.select_for_update(of=("self",))
                .select_related("case", "unit__parent", "issued_by", "event", "replaces")
                .get(pk=document_id)
            )
            if not counted or document.status == Document.Status.READY:
                return document  # issued once: never rendered again
            with translation.override("vi"):
                pdf = render_pdf(f"notices/{document.kind}.html", document_context(document))
            stored = identity_bytes_encrypt(pdf) if document.identifying else pdf
            name = f"documents/{document.year}/{uuid.uuid4().hex}.pdf"
            document.file.save(name, ContentFile(stored), save=False)
            stored_name = document.file.name
            document.sha256 = hashlib.sha256(pdf).hexdigest()
            document.status, document.error = Document.Status.READY, ""
            document.rendered_at = timezone.now()
            document.save()
            return document
    except BaseException:
        if stored_name is not None:
            Document._meta.get_field("file").storage.delete(stored_name)
        raise


def document_failed(document_id: int, error: str) -> None:
    """After the last retry: shown as failed, for a supervisor to retry."""
    Document.objects.filter(pk=document_id).exclude(status=Document.Status.READY).update(
        status=Document.Status.FAILED, error=error[:2000]
    )


def documents_visible(user, case: Case, documents=None) -> list[Document]:
    """The case's documents this user may see (of ``documents``, e.g. prefetched, or all of the
    case's): the notice to a denouncer only for who may see the denouncer's identity."""
    documents = list(case.documents.all() if documents is None else documents)
    if any(d.identifying for d in documents) and not denouncer_identity_visible(user, case):
        documents = [d for d in documents if not d.identifying]
    return sorted(documents, key=lambda d: d.pk)


def _reachable(user, document: Document | None, case: Case | None, case_id: int | None) -> None:
    """Raise ``CaseNotFound`` (404) unless ``user`` may reach this document of this case:
    it exists, belongs to the case the URL names (if any), the case is in the user's sight,
    and a notice that names the denouncer goes only to who may know them."""
    if document is None or case is None or (case_id is not None and document.case_id != case_id):
        raise CaseNotFound
    if not case_is_visible(user, case):
        raise CaseNotFound
    if document.identifying and not denouncer_identity_visible(user, case):
        raise CaseNotFound


def _not_issued(document: Document) -> StateConflict:
    return StateConflict(
        _("Document %(number)s is not issued yet: %(status)s.")
        % {"number": document.number, "status": document.get_status_display()}
    )


def document_read(user, document_id: int, *, case_id: int | None = None) -> tuple[Document, bytes]:
    """A document's PDF for ``user``: 404 (``CaseNotFound``) when they may not see its case, or
    it names a denouncer they may not know; 409 while it is not issued. Reading a notice that
    names the denouncer is logged in the case's trail, as every reading of the identity is."""
    from workflows.services.identity import identity_viewed

    document = Document.objects.select_related("case").filter(pk=document_id).first()
    case = document and document.case
    _reachable(user, document, case, case_id)
    if not document.is_ready:
        raise _not_issued(document)
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise CaseNotFound from None
    if document.identifying:
        data = identity_bytes_decrypt(data)
        identity_viewed(case_id=case.pk, actor=user)
    return document, data


def document_correct(
    user, document_id: int, *, reason: str, case_id: int | None = None
) -> Document:
    """Issue a correction of a document: a new document of the same act and kind, with its own
    number, that replaces the old one, rendered from the case as it now stands. The old file
    stays as it was issued; the verification page of each points to the other. The correction
    is a ``DOCUMENT_CORRECTED`` event in the case's trail.

    Refusals: 404 (not visible, or a notice naming a denouncer one may not know), 403 (not a
    supervisor of the case), 409 (not issued yet, or already corrected), 400 (``reason``).
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        # The case's row lock first, as the door takes it, then the document's.
        found = Document.objects.filter(pk=document_id).values_list("case_id", flat=True).first()
        case = Case.objects.select_for_update().filter(pk=found).first()
        document = Document.objects.select_for_update().filter(pk=document_id).first()
        _reachable(user, document, case, case_id)
        if "decide_case" not in case_permissions(user, case):
            raise ActionForbidden(_("Only a supervisor of the case may correct its documents."))
        if not document.is_ready:
            raise _not_issued(document)
        newer = Document.objects.filter(replaces=document).first()
        if newer is not None:
            raise StateConflict(
                _("%(number)s was already corrected by %(newer)s: correct that one.")
                % {"number": document.number, "newer": newer.number}
            )
        errors = {}
        if not reason:
            errors["reason"] = [_("Say what the correction corrects.")]
        elif len(reason) > CORRECTION_REASON_MAX:
            errors["reason"] = [
                _("At most %(count)s characters.") % {"count": CORRECTION_REASON_MAX}
            ]
        else:
            secrets = denouncer_secrets_for(case, user)
            errors.update(texts_naming_the_denouncer(secrets, {"reason": reason}))
            if document.kind == "denunciation_conclusion" and texts_naming_the_denouncer(
                secrets, {"findings": case.findings}
            ):
                # Rendered again from the findings, for the accused to read: never with them.
                errors["findings"] = [
                    _(
                        "The findings name the denouncer, and the conclusion prints them for "
                        "the accused (Denunciations Law Art. 40): they cannot be issued again."
                    )
                ]
        if errors:
            raise InvalidPayload(errors)
        correction = _numbered(
            case=case,
            unit=document.unit,
            event=document.event,
            kind=document.kind,
            actor=user,
            # What the act made of the case, as the original said; signed by the corrector.
            facts={**document.facts, "signer": signer_of(user, document.unit)},
            replaces=document,
            correction_reason=reason,
        )
        correction.save(force_insert=True)
        event_append(
            case=case,
            action=DOCUMENT_CORRECTED_EVENT,
            actor=user,
            payload={"document": document.number, "correction": correction.number},
            texts={"reason": reason},
        )
        _render_after_commit([correction.pk])
    return correction


def document_retry(user, document_id: int, *, case_id: int | None = None) -> Document:
    """A supervisor's "retry" of a document that failed, or is stuck being issued
    (``STUCK_AFTER``): rendered again, from the start. Refusals: 404 (not visible), 403 (not a
    supervisor of the case), 409 (issued, or being issued for less than ``STUCK_AFTER``)."""
    with transaction.atomic():
        document = (
            Document.objects.select_for_update()
            .select_related("case")
            .filter(pk=document_id)
            .first()
        )
        _reachable(user, document, document and document.case, case_id)
        if "decide_case" not in case_permissions(user, document.case):
            raise ActionForbidden
        if document.status == Document.Status.PENDING and not document_is_stuck(document):
            raise StateConflict(
                _(
                    "%(number)s is being issued: it may be retried if it is still not issued "
                    "%(minutes)s minutes after it was sent."
                )
                % {"number": document.number, "minutes": STUCK_MINUTES}
            )
        if document.status == Document.Status.READY:
            raise StateConflict(
                _("Only a document that failed can be retried; %(number)s is %(status)s.")
                % {"number": document.number, "status": document.get_status_display()}
            )
        document.status, document.attempts, document.error = Document.Status.PENDING, 0, ""
        document.queued_at = timezone.now()  # sent again: not stuck for STUCK_AFTER
        document.save(update_fields=["status", "attempts", "error", "queued_at"])
        _render_after_commit([document.pk])
    return document
