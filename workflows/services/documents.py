"""Issuing the notices an act requires: numbered in the act's transaction, rendered after it.

``documents_issue`` runs inside the door's transaction: a ``Document`` per notice, pending, its
number taken from the unit's series for the year under a row lock (no gap, no duplicate). After
the commit a task renders each one (``document_render``), once: a rendered document is never
rendered again, and a failed one is retried, then shown as failed until a supervisor retries it
(``document_retry``). Reading a document goes through ``document_read``: the case's permission
checks, and the denouncer's secret.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.choices import ComplaintGrounds, FiledReason, Kind, Outcome, PartyRole
from casework.crypto import identity_bytes_decrypt, identity_bytes_encrypt
from casework.documents.qr import qr_svg
from casework.documents.render import render_pdf
from casework.models import Case, CaseEvent, Document, SequenceCounter, Unit
from casework.models.document import DOCUMENT_CODES, IDENTIFYING_KINDS, verification_code
from permissions.identity import denouncer_identity_visible
from permissions.selectors import case_is_visible, case_permissions
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.procedures import DOCUMENT_CORRECTED_EVENT, EVENT_LABELS, NOTICE_LABELS, Action
from workflows.services.audit import event_prepare
from workflows.services.identity import case_denouncer_secrets, texts_naming_the_denouncer

#: The longest reason for a correction.
CORRECTION_REASON_MAX = 2000

#: The law each kind of case is handled under, as a notice cites it.
LAWS = {
    Kind.PETITION: "Luật Tiếp công dân năm 2013; Thông tư số 05/2021/TT-TTCP",
    Kind.COMPLAINT: "Luật Khiếu nại năm 2011; Nghị định số 124/2020/NĐ-CP",
    Kind.DENUNCIATION: "Luật Tố cáo năm 2018; Nghị định số 31/2019/NĐ-CP",
}

#: What a complaint decision does to the act complained of (Complaints Law Arts. 31, 40).
COMPLAINT_VERDICTS = {
    Outcome.UPHELD: "Hủy bỏ hoặc sửa đổi quyết định, hành vi hành chính bị khiếu nại",
    Outcome.PARTLY_UPHELD: "Sửa đổi một phần quyết định, hành vi hành chính bị khiếu nại",
    Outcome.REJECTED: "Giữ nguyên quyết định, hành vi hành chính bị khiếu nại",
}


def documents_issue(*, case: Case, event: CaseEvent, action: Action, actor, on) -> list[Document]:
    """A pending, numbered document for each notice of the act; each rendered after the commit."""
    kinds = list(action.notices_for(case.kind))
    if "denouncer_notice" in kinds and not case.parties.filter(role=PartyRole.DENOUNCER).exists():
        kinds.remove("denouncer_notice")  # no denouncer to tell
    documents = [_numbered(case=case, event=event, kind=kind, actor=actor, on=on) for kind in kinds]
    Document.objects.bulk_create(documents)
    _render_after_commit([d.pk for d in documents])
    return documents


def _numbered(*, case, event, kind, actor, on, **fields) -> Document:
    """A new document with the next number of its series (under the series' row lock)."""
    code = DOCUMENT_CODES[kind]
    # One series per type (TB, QĐ, KL, PC) in the unit and year: a printed number is unique.
    number = SequenceCounter.allocate(name=f"document:{code}", unit_id=case.unit_id, year=on.year)
    return Document(
        case=case,
        event=event,
        kind=kind,
        year=on.year,
        sequence=number,
        number=f"{number}/{code}-{case.unit.code}",
        code=verification_code(),
        issued_on=on,
        issued_by=actor,
        **fields,
    )


def _render_after_commit(ids: list[int]) -> None:
    from workflows import tasks

    if ids:
        transaction.on_commit(lambda: [tasks.document_render_task.delay(pk) for pk in ids])


def verification_url(document: Document) -> str:
    """Where anyone checks the document: printed on it, and in its QR code."""
    path = reverse("verify", kwargs={"code": document.code})
    return f"{settings.CASEWORK_PUBLIC_URL.rstrip('/')}{path}"


def _name(party) -> str:
    identity = getattr(party, "identity", None)
    return identity.full_name if identity is not None else ""


def document_context(document: Document) -> dict:
    """What a notice says, in Vietnamese.

    On a denunciation no notice names anyone on the denouncing side (it may reach the accused,
    and the denouncer's identity is a secret: Denunciations Law Art. 8), but the one addressed
    to the denouncer, which is an identifying document.
    """
    case, event, unit = document.case, document.event, document.case.unit
    parties = list(case.parties.select_related("identity"))
    accused = [
        f"{_name(p)}{f', {p.position}' if p.position else ''}"
        for p in parties
        if p.role == PartyRole.ACCUSED and _name(p)
    ]
    bringing = [_name(p) for p in parties if p.role != PartyRole.ACCUSED and _name(p)]
    if case.kind == Kind.DENUNCIATION and not document.identifying:
        bringing = []
    resolution = case.clocks.filter(stage="resolution").select_related("rule").first()
    texts, payload = event.texts or {}, event.payload or {}
    signer = document.issued_by
    context = {
        "document": document,
        "title": NOTICE_LABELS[document.kind],
        "case": case,
        "unit": unit,
        "place": unit.place or unit.name,
        "kind_name": f"đơn {case.get_kind_display().lower()}",
        "law": LAWS[Kind(case.kind)],
        "addressees": bringing,
        "by": f" của {', '.join(bringing)}" if bringing else "",
        "accused": accused,
        "basis": resolution.rule.basis if resolution else "",
        "period": f"{resolution.period} ngày" if resolution else "",
        "due_on": resolution.due_on if resolution else None,
        "event": event,
        "event_label": EVENT_LABELS.get(event.action, event.action),
        "texts": texts,
        "note": texts.get("note", ""),
        "signer": {
            "title": unit.signer_title or "Thủ trưởng đơn vị",
            "name": signer.get_full_name() or signer.get_username(),
        },
        "replaced": document.replaces,
        "verify_url": verification_url(document),
        "qr": qr_svg(verification_url(document)),
    }
    context.update(_facts(document, case, event, texts, payload))
    context["recipients"] = _recipients(document, case, bringing, accused, context)
    return context


#: How a notice's list of recipients names the two sides of each kind of case.
_SIDES = {
    Kind.PETITION: ("Người kiến nghị, phản ánh", ""),
    Kind.COMPLAINT: ("Người khiếu nại", "người bị khiếu nại"),
    Kind.DENUNCIATION: ("Người tố cáo", "người bị tố cáo"),
}


def _recipients(document, case, bringing, accused, context) -> list[str]:
    """Nơi nhận: the receiving body of a transfer, the side that brought the case (by name
    unless it is a denouncer), the accused of a decision, then the unit's leadership."""
    side, accused_side = _SIDES[Kind(case.kind)]
    recipients = list(bringing) or ([] if case.anonymous else [side])
    if context.get("receiver"):
        recipients.insert(0, context["receiver"])
    if accused and accused_side and document.kind not in ("transfer_slip", "denouncer_notice"):
        recipients += [f"{name} ({accused_side})" for name in accused]
    if document.kind != "denouncer_notice":
        recipients.append("Lãnh đạo đơn vị")
    return recipients


def _facts(document, case, event, texts, payload) -> dict:
    """What one kind of document says beyond the common parts."""
    kind = document.kind
    if kind == "non_acceptance_notice":
        grounds = payload.get("grounds")
        if grounds in ComplaintGrounds.values:
            return {"grounds": ComplaintGrounds(grounds).label}
        return {"grounds": texts.get("grounds", "")}
    if kind == "transfer_slip":
        if event.action == "CASE_MOVED":
            to = Unit.objects.filter(code=payload.get("to_unit")).first()
            receiver = to.name if to is not None else payload.get("to_unit", "")
            return {"receiver": receiver, "reason": texts.get("reason", "")}
        return {"receiver": texts.get("to_agency", ""), "reason": ""}
    if kind == "closure_notice":
        reason = texts.get("grounds") or texts.get("to_agency") or ""
        if payload.get("grounds") in ComplaintGrounds.values:
            reason = ComplaintGrounds(payload["grounds"]).label
        if payload.get("reason") in FiledReason.values:
            reason = FiledReason(payload["reason"]).label
        if payload.get("outcome") in Outcome.values:
            reason = Outcome(payload["outcome"]).label
        return {"ending": case.get_state_display(), "ending_reason": reason}
    if kind == "extension_decision":
        return {"days": payload.get("days"), "extension_count": case.extensions_used}
    if kind in ("suspension_decision", "resumption_decision"):
        return {"reason": texts.get("reason", "")}
    if kind in (
        "complaint_decision",
        "denunciation_conclusion",
        "denouncer_notice",
        "petition_reply",
    ):
        outcome = payload.get("outcome", case.outcome)
        facts = {
            "outcome": Outcome(outcome).label if outcome in Outcome.values else "",
            "summary": texts.get("decision_summary", case.decision_summary),
            "findings": case.findings,
        }
        if kind == "complaint_decision":
            facts["verdict"] = COMPLAINT_VERDICTS.get(outcome, "")
            facts["appeal_days"] = 45 if case.is_remote_area else 30
        if kind == "denouncer_notice":
            conclusion = (  # the newest: a corrected conclusion is cited by its correction
                Document.objects.filter(event=event, kind="denunciation_conclusion")
                .order_by("-pk")
                .first()
            )
            facts["conclusion_number"] = conclusion.number if conclusion else ""
            facts["findings"] = ""  # nothing of the verification reaches the notice
        return facts
    return {}


def document_render(document_id: int) -> Document:
    """Render a pending document and store its PDF and SHA-256; a ready one stays as it is."""
    with transaction.atomic():
        document = (
            Document.objects.select_for_update()
            .select_related("case__unit", "issued_by", "event", "replaces")
            .get(pk=document_id)
        )
        if document.status == Document.Status.READY:
            return document  # issued once: never rendered again
        document.attempts += 1
        with translation.override("vi"):
            pdf = render_pdf(f"notices/{document.kind}.html", document_context(document))
        stored = identity_bytes_encrypt(pdf) if document.identifying else pdf
        name = f"documents/{document.year}/{uuid.uuid4().hex}.pdf"
        document.file.save(name, ContentFile(stored), save=False)
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


def documents_visible(user, case: Case):
    """The case's documents this user may see: the notice to a denouncer only for who may see
    the denouncer's identity."""
    documents = case.documents.all()
    if case.kind == Kind.DENUNCIATION and not denouncer_identity_visible(user, case):
        documents = documents.exclude(kind__in=IDENTIFYING_KINDS)
    return documents


def document_read(user, document_id: int, *, case_id: int | None = None) -> tuple[Document, bytes]:
    """A document's PDF for ``user``: 404 (``CaseNotFound``) when they may not see its case, or
    it names a denouncer they may not know; 409 while it is not issued. Reading a notice that
    names the denouncer is logged in the case's trail, as every reading of the identity is."""
    from workflows.services.identity import identity_viewed

    document = Document.objects.select_related("case").filter(pk=document_id).first()
    if document is None or (case_id is not None and document.case_id != case_id):
        raise CaseNotFound
    case = document.case
    if not case_is_visible(user, case):
        raise CaseNotFound
    if document.identifying and not denouncer_identity_visible(user, case):
        raise CaseNotFound
    if not document.is_ready:
        raise StateConflict(
            _("Document %(number)s is not issued yet: %(status)s.")
            % {"number": document.number, "status": document.get_status_display()}
        )
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise CaseNotFound from None
    if document.identifying:
        data = identity_bytes_decrypt(data)
        identity_viewed(case_id=case.pk, actor=user)
    return document, data


def document_correct(user, document_id: int, *, reason: str) -> Document:
    """Issue a correction of a document: a new document of the same act and kind, with its own
    number, that replaces the old one, rendered from the case as it now stands. The old file
    stays as it was issued; the verification page of each points to the other. The correction
    is a ``DOCUMENT_CORRECTED`` event in the case's trail.

    Refusals: 404 (not visible, or a notice naming a denouncer one may not know), 403 (not a
    supervisor of the case), 409 (not issued yet, or already corrected), 400 (``reason``).
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        found = Document.objects.filter(pk=document_id).values_list("case_id", flat=True).first()
        case = Case.objects.select_for_update().select_related("unit").filter(pk=found).first()
        if case is None or not case_is_visible(user, case):
            raise CaseNotFound
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.identifying and not denouncer_identity_visible(user, case):
            raise CaseNotFound
        if "decide_case" not in case_permissions(user, case):
            raise ActionForbidden(_("Only a supervisor of the case may correct its documents."))
        if not document.is_ready:
            raise StateConflict(
                _("Document %(number)s is not issued yet: %(status)s.")
                % {"number": document.number, "status": document.get_status_display()}
            )
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
            errors.update(
                texts_naming_the_denouncer(case_denouncer_secrets(case), {"reason": reason})
            )
        if errors:
            raise InvalidPayload(errors)
        today = timezone.localdate()
        correction = _numbered(
            case=case,
            event=document.event,
            kind=document.kind,
            actor=user,
            on=today,
            replaces=document,
            correction_reason=reason,
        )
        correction.save(force_insert=True)
        event = event_prepare(
            case=case,
            action=DOCUMENT_CORRECTED_EVENT,
            from_state=case.state,
            actor=user,
            effective_on=today,
            payload={"document": document.number, "correction": correction.number},
            texts={"reason": reason},
        )
        case.save(update_fields=["event_count", "audit_head", "updated_at"])
        event.save(force_insert=True)
        _render_after_commit([correction.pk])
    return correction


def document_retry(user, document_id: int) -> Document:
    """A supervisor's "retry" of a document that failed: rendered again, from the start."""
    with transaction.atomic():
        document = (
            Document.objects.select_for_update()
            .select_related("case")
            .filter(pk=document_id)
            .first()
        )
        if document is None or not case_is_visible(user, document.case):
            raise CaseNotFound
        if "decide_case" not in case_permissions(user, document.case):
            raise ActionForbidden
        if document.status != Document.Status.FAILED:
            raise StateConflict(
                _("Only a document that failed can be retried; %(number)s is %(status)s.")
                % {"number": document.number, "status": document.get_status_display()}
            )
        document.status, document.attempts, document.error = Document.Status.PENDING, 0, ""
        document.save(update_fields=["status", "attempts", "error"])
        _render_after_commit([document.pk])
    return document
