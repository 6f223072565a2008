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
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.choices import (
    ActDecision,
    ComplaintGrounds,
    FiledReason,
    Kind,
    Outcome,
    PartyRole,
    Role,
    State,
)
from casework.crypto import identity_bytes_decrypt, identity_bytes_encrypt
from casework.documents.qr import qr_svg
from casework.documents.render import render_pdf
from casework.models import Case, CaseEvent, Document, SequenceCounter, Unit
from casework.models.document import DOCUMENT_CODES, verification_code
from permissions.identity import denouncer_identity_visible
from permissions.roles import user_roles
from permissions.selectors import case_is_visible, case_permissions
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.procedures import DOCUMENT_CORRECTED_EVENT, EVENT_LABELS, NOTICE_LABELS, Action
from workflows.services.audit import event_append
from workflows.services.identity import case_denouncer_secrets, texts_naming_the_denouncer

#: The longest reason for a correction.
CORRECTION_REASON_MAX = 2000

#: The law each kind of case is handled under, as a notice cites it.
LAWS = {
    Kind.PETITION: "Luật Tiếp công dân năm 2013; Thông tư số 05/2021/TT-TTCP",
    Kind.COMPLAINT: "Luật Khiếu nại năm 2011; Nghị định số 124/2020/NĐ-CP",
    Kind.DENUNCIATION: "Luật Tố cáo năm 2018; Nghị định số 31/2019/NĐ-CP",
}

#: What a complaint decision does to the act complained of (Complaints Law Arts. 31, 40), as
#: the supervisor decided it (``act_decision``).
ACT_VERDICTS = {
    ActDecision.KEEP: "Giữ nguyên quyết định hành chính, hành vi hành chính bị khiếu nại",
    ActDecision.AMEND: "Sửa đổi quyết định hành chính, hành vi hành chính bị khiếu nại",
    ActDecision.CANCEL: ("Hủy bỏ quyết định hành chính, chấm dứt hành vi hành chính bị khiếu nại"),
}

#: The article a suspension rests on (DOMAIN.md, "Counting days").
SUSPENSION_BASES = {
    Kind.COMPLAINT: "Điều 11a Luật Khiếu nại (bổ sung bởi Luật số 136/2025/QH15)",
    Kind.DENUNCIATION: "Điều 34 Luật Tố cáo năm 2018",
}


def documents_issue(
    *, case: Case, event: CaseEvent, action: Action, actor, unit_id: int, clocks=None
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
    if not kinds:
        return []
    unit = case.unit if case.unit_id == unit_id else Unit.objects.get(pk=unit_id)
    facts = {**_case_facts(case, clocks), "signer": _signer_of(actor, unit)}
    documents = [
        _numbered(case=case, unit=unit, event=event, kind=kind, actor=actor, facts=facts)
        for kind in kinds
    ]
    Document.objects.bulk_create(documents)
    _render_after_commit([d.pk for d in documents])
    return documents


def _case_facts(case: Case, clocks=None) -> dict:
    """What a document reports of the case as the act left it."""
    if clocks is None:
        resolution = case.clocks.filter(stage="resolution").select_related("rule").first()
    else:
        resolution = next((c for c in clocks if c.stage == "resolution"), None)
    return {
        "state": case.state,
        "extensions_used": case.extensions_used,
        "resolution": resolution
        and {
            "period": resolution.period,
            "basis": resolution.rule.basis,
            "due_on": resolution.due_on and resolution.due_on.isoformat(),
        },
    }


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


#: A pending document older than this is queued again (its task was lost).
REQUEUE_AFTER = timedelta(minutes=10)


def documents_requeue() -> int:
    """Queue again every document left pending for longer than ``REQUEUE_AFTER``."""
    from workflows import tasks

    stale = Document.objects.filter(
        status=Document.Status.PENDING, created_at__lt=timezone.now() - REQUEUE_AFTER
    ).values_list("pk", flat=True)
    ids = list(stale[:1000])
    for pk in ids:
        tasks.document_render_task.delay(pk)
    return len(ids)


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
    case, event, unit = document.case, document.event, document.unit
    parties = list(case.parties.select_related("identity"))
    accused = [
        f"{_name(p)}{f', {p.position}' if p.position else ''}"
        for p in parties
        if p.role == PartyRole.ACCUSED and _name(p)
    ]
    bringing = [_name(p) for p in parties if p.role != PartyRole.ACCUSED and _name(p)]
    if case.kind == Kind.DENUNCIATION and not document.identifying:
        bringing = []
    facts = document.facts or _case_facts(case)
    resolution = facts.get("resolution") or {}
    texts, payload = event.texts or {}, event.payload or {}
    on = document.issued_on
    url = verification_url(document)
    context = {
        "document": document,
        "title": NOTICE_LABELS[document.kind],
        "case": case,
        "unit": unit,
        "place": unit.place or (unit.parent.place if unit.parent_id else ""),
        # Decree 30: a leading zero for days below 10 and for January and February only.
        "issued": {
            "day": f"{on.day:02d}",
            "month": f"{on.month:02d}" if on.month < 3 else str(on.month),
            "year": on.year,
        },
        "kind_name": f"đơn {case.get_kind_display().lower()}",
        "law": LAWS[Kind(case.kind)],
        "addressees": bringing,
        "by": f" của {', '.join(bringing)}" if bringing else "",
        "accused": accused,
        "basis": resolution.get("basis", ""),
        "period": f"{resolution['period']} ngày" if resolution else "",
        "due_on": date.fromisoformat(resolution["due_on"]) if resolution.get("due_on") else None,
        "state_label": State(facts.get("state", case.state)).label,
        "event": event,
        "event_label": EVENT_LABELS.get(event.action, event.action),
        "texts": texts,
        "note": _sentence(texts.get("note", "")),
        "signer": _signer(document),
        "replaced": document.replaces,
        "verify_url": url,
        "qr": qr_svg(url),
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


def _sentence(text: str) -> str:
    """Free text as the middle of a sentence: the template adds the full stop."""
    return (text or "").strip().rstrip(".").rstrip()


def _signer(document: Document) -> dict:
    """The signature block, as it stood when the document was issued."""
    return (document.facts or {}).get("signer") or _signer_of(document.issued_by, document.unit)


def _signer_of(actor, unit: Unit) -> dict:
    """The unit's signing title over the name of who took the act. Who is not a supervisor of
    the unit signs "by order" of its head (TL., Decree 30)."""
    title = unit.signer_title or "Thủ trưởng đơn vị"
    if Role.SUPERVISOR not in user_roles(actor):
        title = f"TL. {title}"
    return {"title": title, "name": actor.get_full_name()}


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
    facts = document.facts or {}
    if kind == "non_acceptance_notice":
        grounds = payload.get("grounds")
        if grounds in ComplaintGrounds.values:
            return {"grounds": _sentence(str(ComplaintGrounds(grounds).label))}
        return {"grounds": _sentence(texts.get("grounds", ""))}
    if kind == "transfer_slip":
        if event.action == "CASE_MOVED":
            to = Unit.objects.filter(code=payload.get("to_unit")).first()
            receiver = to.name if to is not None else payload.get("to_unit", "")
            return {"receiver": receiver, "reason": _sentence(texts.get("reason", ""))}
        return {"receiver": _sentence(texts.get("to_agency", "")), "reason": ""}
    if kind == "closure_notice":
        reason = texts.get("grounds") or texts.get("to_agency") or ""
        if payload.get("grounds") in ComplaintGrounds.values:
            reason = ComplaintGrounds(payload["grounds"]).label
        if payload.get("reason") in FiledReason.values:
            reason = FiledReason(payload["reason"]).label
        if payload.get("outcome") in Outcome.values:
            reason = Outcome(payload["outcome"]).label
        return {"ending_reason": _sentence(str(reason))}
    if kind == "extension_decision":
        return {
            "days": payload.get("days"),
            "extension_count": facts.get("extensions_used", case.extensions_used),
            "reason": _sentence(texts.get("reason", "")),
        }
    if kind in ("suspension_decision", "resumption_decision"):
        return {
            "reason": _sentence(texts.get("reason", "") or texts.get("note", "")),
            "suspension_basis": SUSPENSION_BASES.get(Kind(case.kind), ""),
        }
    if kind in (
        "complaint_decision",
        "denunciation_conclusion",
        "denouncer_notice",
        "petition_reply",
    ):
        outcome = payload.get("outcome", case.outcome)
        said = {
            "outcome": Outcome(outcome).label if outcome in Outcome.values else "",
            "summary": texts.get("decision_summary", case.decision_summary),
            "findings": case.findings,
        }
        if kind == "complaint_decision":
            said["verdict"] = ACT_VERDICTS.get(payload.get("act_decision"), "")
            said["appeal_days"] = 45 if case.is_remote_area else 30
        if kind == "denouncer_notice":
            conclusion = (  # the newest: a corrected conclusion is cited by its correction
                Document.objects.filter(event=event, kind="denunciation_conclusion")
                .order_by("-pk")
                .first()
            )
            said["conclusion"] = conclusion
            said["findings"] = ""  # nothing of the verification reaches the notice
        return said
    return {}


def document_render(document_id: int) -> Document:
    """Render a pending document and store its PDF and SHA-256; a ready one stays as it is.

    The attempt is counted in its own transaction first, so that a failed rendering still
    counts; a file stored by an attempt that then fails is removed.
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
            errors.update(
                texts_naming_the_denouncer(case_denouncer_secrets(case), {"reason": reason})
            )
        if errors:
            raise InvalidPayload(errors)
        correction = _numbered(
            case=case,
            unit=document.unit,
            event=document.event,
            kind=document.kind,
            actor=user,
            # What the act made of the case, as the original said; signed by the corrector.
            facts={**document.facts, "signer": _signer_of(user, document.unit)},
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
    """A supervisor's "retry" of a document that failed: rendered again, from the start."""
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
        if document.status != Document.Status.FAILED:
            raise StateConflict(
                _("Only a document that failed can be retried; %(number)s is %(status)s.")
                % {"number": document.number, "status": document.get_status_display()}
            )
        document.status, document.attempts, document.error = Document.Status.PENDING, 0, ""
        document.save(update_fields=["status", "attempts", "error"])
        _render_after_commit([document.pk])
    return document
