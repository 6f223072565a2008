"""Issuing the notices an act requires: numbered in the act's transaction, rendered after it.

``documents_issue`` runs inside the door's transaction: a ``Document`` per notice, pending, its
number taken from the unit's series for the year under a row lock (no gap, no duplicate). After
the commit a task renders each one (``document_render``), once: a rendered document is never
rendered again, and a failed one is retried, then shown as failed.
"""

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from casework.choices import Kind, PartyRole
from casework.documents.render import render_pdf
from casework.models import Case, CaseEvent, Document, SequenceCounter
from casework.models.document import DOCUMENT_CODES, verification_code
from workflows.procedures import EVENT_LABELS


def documents_issue(*, case: Case, event: CaseEvent, notices, actor, on) -> list[Document]:
    """A pending, numbered document for each notice; each rendered after the commit."""
    from workflows import tasks

    documents = []
    for kind in notices:
        code = DOCUMENT_CODES[kind]
        # One series per code (TB, QĐ, PC) in the unit and year: a printed number is unique.
        number = SequenceCounter.allocate(
            name=f"document:{code}", unit_id=case.unit_id, year=on.year
        )
        documents.append(
            Document(
                case=case,
                event=event,
                kind=kind,
                year=on.year,
                sequence=number,
                number=f"{number}/{code}-{case.unit.code}",
                code=verification_code(),
                issued_on=on,
                issued_by=actor,
            )
        )
    Document.objects.bulk_create(documents)
    ids = [d.pk for d in documents]
    if ids:
        transaction.on_commit(lambda: [tasks.document_render_task.delay(pk) for pk in ids])
    return documents


def document_context(document: Document) -> dict:
    """What a notice says. On a denunciation it names no one on the denouncing side: it may
    reach the accused, and the denouncer's identity is a secret (Denunciations Law Art. 8)."""
    case = document.case
    addressees = []
    if case.kind != Kind.DENUNCIATION:
        for party in case.parties.exclude(role=PartyRole.ACCUSED).select_related("identity"):
            identity = getattr(party, "identity", None)
            if identity is not None:
                addressees.append(identity.full_name)
    resolution = case.clocks.filter(stage="resolution").select_related("rule").first()
    signer = document.issued_by
    return {
        "document": document,
        "case": case,
        "unit": case.unit,
        "place": case.unit.name,
        "kind_name": f"đơn {case.get_kind_display().lower()}",
        "addressees": addressees,
        "basis": resolution.rule.basis if resolution else "",
        "period": f"{resolution.period} ngày" if resolution else "",
        "due_on": resolution.due_on if resolution else None,
        "event": document.event,
        "event_label": EVENT_LABELS.get(document.event.action, document.event.action),
        "recipients": [*addressees, "Lãnh đạo đơn vị"],
        "signer": {
            "title": "Thủ trưởng đơn vị",
            "name": signer.get_full_name() or signer.get_username(),
        },
    }


def document_render(document_id: int) -> Document:
    """Render a pending document and store its PDF and SHA-256; a ready one stays as it is."""
    with transaction.atomic():
        document = (
            Document.objects.select_for_update()
            .select_related("case__unit", "issued_by", "event")
            .get(pk=document_id)
        )
        if document.status == Document.Status.READY:
            return document  # issued once: never rendered again
        document.attempts += 1
        templates = [f"notices/{document.kind}.html", "notices/notice.html"]
        pdf = render_pdf(templates, document_context(document))
        name = f"documents/{document.year}/{uuid.uuid4().hex}.pdf"
        document.file.save(name, ContentFile(pdf), save=False)
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.status, document.error = Document.Status.READY, ""
        document.rendered_at = timezone.now()
        document.save()
        return document


def document_failed(document_id: int, error: str) -> None:
    """After the last retry: shown as failed, for a supervisor to retry."""
    Document.objects.filter(pk=document_id).exclude(status=Document.Status.READY).update(
        status=Document.Status.FAILED, error=error[:2000]
    )
