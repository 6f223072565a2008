"""What a notice says: every word of it Vietnamese, whatever the user's language.

A document is Vietnamese (Decree 30/2020): nothing in it goes through the translation
catalogue, where a missing entry would print the English msgid. The words it takes from the
case's choices (grounds, reasons, outcomes, states, kinds) are the literals below; the legal
basis of a deadline is the rule's ``basis_vi``, as a document cites it, never ``basis`` (the
pages' wording, in English); the rest is the case's and the unit's own data.
"""

from datetime import date

from django.conf import settings
from django.urls import reverse

from casework.choices import Kind, PartyRole, Role
from casework.deadlines.rules import LAW_136_2025, rule_for
from casework.documents.qr import qr_svg
from casework.models import Case, DeadlineRule, Document, Unit, User
from permissions.roles import user_roles
from workflows.services.notice_words import (
    ACT_VERDICTS,
    FILED_REASONS,
    GROUNDS,
    KIND_NAMES,
    LAWS,
    OUTCOMES,
    RE_DENUNCIATION_BASIS,
    REFERRAL_BASIS,
    SIDES,
    STATE_NAMES,
    SUSPENSION_BASES,
    TERMINATION_BASES,
    TERMINATION_GROUND_BASES,
    TITLES,
    VERIFIED,
    WITHDRAWING,
)

__all__ = [  # the words are notice_words'; these are read from here too
    "FILED_REASONS",
    "GROUNDS",
    "OUTCOMES",
    "STATE_NAMES",
    "TITLES",
]


def case_facts(case: Case, clocks=None) -> dict:
    """What a document reports of the case as the act left it (kept with the document, so
    that a late or repeated rendering says the same)."""
    if clocks is None:
        clocks = case.clocks.select_related("rule")
    by_stage = {c.stage: c for c in clocks}
    resolution, notification = by_stage.get("resolution"), by_stage.get("notification")
    return {
        "state": case.state,
        "extensions_used": case.extensions_used,
        "resolution": resolution
        and {
            "period": resolution.period,
            "unit": resolution.unit,
            "basis": resolution.rule.basis,
            "basis_vi": resolution.rule.basis_vi,
            "due_on": resolution.due_on and resolution.due_on.isoformat(),
            "started_on": resolution.started_on.isoformat(),
        },
        **(
            {"notices_due_on": notification.due_on.isoformat()}
            if notification is not None and notification.due_on
            else {}
        ),
    }


def signer_of(actor, unit: Unit) -> dict:
    """The unit's signing title over the name of who took the act. Who is not a supervisor of
    the unit signs "by order" of its head (TL., Decree 30)."""
    title = unit.signer_title or "Thủ trưởng đơn vị"
    if Role.SUPERVISOR not in user_roles(actor):
        title = f"TL. {title}"
    return {"title": title, "name": actor.get_full_name()}


def verification_url(document: Document) -> str:
    """Where anyone checks the document: printed on it, and in its QR code."""
    path = reverse("verify", kwargs={"code": document.code})
    return f"{settings.CASEWORK_PUBLIC_URL.rstrip('/')}{path}"


def _bases(resolution: dict) -> list[str]:
    """The rule's provisions as the document cites them, one line each; none when the rule
    has no Vietnamese citation (an administrator's rule without one): the English ``basis``
    is never printed. A document issued before the citations existed kept only ``basis``:
    the rule with that basis gives its citation."""
    if not resolution:
        return []
    cited = resolution.get("basis_vi")
    if cited is None and resolution.get("basis"):
        cited = (
            DeadlineRule.objects.filter(basis=resolution["basis"])
            .exclude(basis_vi="")
            .values_list("basis_vi", flat=True)
            .first()
        )
    return [part.strip() for part in (cited or "").split(";") if part.strip()]


def _citations(laws, bases: list[str]) -> list[str]:
    """The "Căn cứ" lines of a document that cites the rule: the laws of the kind in order,
    each replaced by the rule's provisions of it ("Điều 28 Luật Khiếu nại ..." for "Luật Khiếu
    nại ..."), then the rule's other provisions."""
    lines = []
    for law in laws:
        lines += [basis for basis in bases if law in basis] or [law]
    return lines + [basis for basis in bases if basis not in lines]


def _period(resolution: dict) -> str:
    if not resolution:
        return ""
    working = resolution.get("unit") == "working_days"
    return f"{resolution['period']} ngày{' làm việc' if working else ''}"


def _name(party) -> str:
    identity = getattr(party, "identity", None)
    return identity.full_name if identity is not None else ""


def _sentence(text: str) -> str:
    """Free text as the middle of a sentence: the template adds the full stop."""
    return (text or "").strip().rstrip(".").rstrip()


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
    facts = document.facts or case_facts(case)
    resolution = facts.get("resolution") or {}
    texts, payload = event.texts or {}, event.payload or {}
    on = document.issued_on
    url = verification_url(document)
    context = {
        "document": document,
        "title": TITLES.get(document.kind, ""),
        "case": case,
        "unit": unit,
        "place": unit.place or (unit.parent.place if unit.parent_id else ""),
        # Decree 30: a leading zero for days below 10 and for January and February only.
        "issued": {
            "day": f"{on.day:02d}",
            "month": f"{on.month:02d}" if on.month < 3 else str(on.month),
            "year": on.year,
        },
        "kind_name": KIND_NAMES[Kind(case.kind)],
        "laws": LAWS[Kind(case.kind)],
        "addressees": bringing,
        "by": f" của {', '.join(bringing)}" if bringing else "",
        "accused": accused,
        "citations": _citations(LAWS[Kind(case.kind)], _bases(resolution)),
        "period": _period(resolution),
        "due_on": date.fromisoformat(resolution["due_on"]) if resolution.get("due_on") else None,
        # The day of acceptance (the resolution clock's start), which notices sent after it
        # report: the act's own date where an older document kept no start.
        "accepted_on": (
            date.fromisoformat(resolution["started_on"])
            if resolution.get("started_on")
            else event.effective_on
        ),
        "notices_due_on": (
            date.fromisoformat(facts["notices_due_on"]) if facts.get("notices_due_on") else None
        ),
        "state_label": STATE_NAMES.get(facts.get("state", case.state), ""),
        "event": event,
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


def _appeal_days(case, on) -> int:
    """The days a complainant has to complain again: the rule set's appeal window (Complaints
    Law Art. 33), 30 days or 45 in a remote area where the rule set has none."""
    rule = rule_for(
        kind=Kind.COMPLAINT,
        round=2,
        stage="appeal",
        complex=False,
        remote=case.is_remote_area,
        on=on,
    )
    return rule.period if rule is not None else (45 if case.is_remote_area else 30)


def _signer(document: Document) -> dict:
    """The signature block, as it stood when the document was issued; a verification report
    is signed by who verified, in their own name."""
    if document.kind == "verification_report":
        who = document.issued_by
        return {"title": "Người được giao xác minh", "name": who.get_full_name() or who.username}
    return (document.facts or {}).get("signer") or signer_of(document.issued_by, document.unit)


#: What the accused of a denunciation is sent: the notice of the content denounced (Art. 29)
#: and the conclusion (Art. 35). Nothing else: not that it was refused, withdrawn, transferred,
#: suspended or extended, nothing that could expose the denouncer to pressure.
TO_THE_DENOUNCED = frozenset({"content_notice", "denunciation_conclusion"})


def _goes_to_the_accused(case, kind: str) -> bool:
    if case.kind == Kind.DENUNCIATION:
        return kind in TO_THE_DENOUNCED
    return kind not in _NOT_TO_THE_ACCUSED


#: What goes to the sender or another body only, whatever the kind.
_NOT_TO_THE_ACCUSED = frozenset(
    {
        "transfer_slip",
        "denouncer_notice",
        "guidance_slip",
        "papers_return",
        "denouncer_papers_return",
        "forwarder_report",
    }
)


def _recipients(document, case, bringing, accused, context) -> list[str]:
    """Nơi nhận: the receiving body of a transfer, the side that brought the case (by name
    unless it is a denouncer), the accused of a decision, then the unit's leadership."""
    side, accused_side = SIDES[Kind(case.kind)]
    if document.kind == "content_notice":  # addressed to the accused, and to no one else
        return [*(f"{name} ({accused_side})" for name in accused), "Lãnh đạo đơn vị"]
    if document.kind == "denunciation_acceptance_decision":  # to those who verify, on file
        return ["Người được giao xác minh", "Lãnh đạo đơn vị"]
    if document.kind == "forwarder_report":  # to the body that forwarded the letter
        return [context["receiver"], "Lãnh đạo đơn vị"]
    if document.kind == "verification_decision":  # to who verifies, on file
        return [context["verifier"], "Lãnh đạo đơn vị"]
    if document.kind == "verification_report":  # to who decides
        return [context["decider"], "Lưu hồ sơ xác minh"]
    recipients = list(bringing) or ([] if case.anonymous else [side])
    if context.get("receiver"):
        recipients.insert(0, context["receiver"])
    if accused and accused_side and _goes_to_the_accused(case, document.kind):
        recipients += [f"{name} ({accused_side})" for name in accused]
    if document.kind == "acceptance_notice" and case.forwarded_by:
        # The body that forwarded the letter is told it was accepted (Complaints Law Art. 27).
        recipients.append(case.forwarded_by)
    if document.kind != "denouncer_notice":
        recipients.append("Lãnh đạo đơn vị")
    return recipients


def _facts(document, case, event, texts, payload) -> dict:
    """What one kind of document says beyond the common parts."""
    kind = document.kind
    facts = document.facts or {}
    if kind == "non_acceptance_notice":
        grounds = payload.get("grounds")
        said = {"grounds": GROUNDS.get(grounds) or _sentence(texts.get("grounds", ""))}
        if case.kind == Kind.DENUNCIATION and case.round == 2:  # the superior's review
            said["citations"] = _citations(LAWS[Kind.DENUNCIATION], [RE_DENUNCIATION_BASIS])
        return said
    if kind == "transfer_slip":
        if event.action == "CASE_MOVED":
            to = Unit.objects.filter(code=payload.get("to_unit")).first()
            receiver = to.name if to is not None else payload.get("to_unit", "")
            return {"receiver": receiver, "reason": _sentence(texts.get("reason", ""))}
        return {"receiver": _sentence(texts.get("to_agency", "")), "reason": ""}
    if kind in ("verification_decision", "verification_report"):
        return _verification(document, case, texts, payload)
    if kind == "guidance_slip":
        return {
            "receiver": _sentence(texts.get("to_body", "")),
            "reason": _sentence(texts.get("reason", "")),
            "side": SIDES[Kind(case.kind)][0],
        }
    if kind in ("papers_return", "denouncer_papers_return"):
        return {
            "papers": _sentence(texts.get("papers", "")),
            "reason": _sentence(texts.get("reason", "")),
        }
    if kind == "forwarder_report":
        return {"receiver": case.forwarded_by, "summary": _sentence(texts.get("summary", ""))}
    if kind == "closure_notice":
        reason = texts.get("grounds") or texts.get("to_agency") or ""
        for code, words in (
            (payload.get("grounds"), GROUNDS),
            (payload.get("reason"), FILED_REASONS),
            (payload.get("outcome"), OUTCOMES),
        ):
            if code in words:
                reason = words[code]
        return {"ending_reason": _sentence(reason)}
    if kind == "extension_decision":
        return {
            "days": payload.get("days"),
            "extension_count": facts.get("extensions_used", case.extensions_used),
            "reason": _sentence(texts.get("reason", "")),
        }
    if kind == "dialogue_minutes":
        # What was said is in the act's texts (outside the audit chain, sealed by digest).
        return {
            name: _sentence(texts.get(name, ""))
            for name in (
                "participants",
                "complainant_views",
                "respondent_views",
                "result",
                "signed_by",
            )
        }
    if kind == "crime_referral":
        return {
            "receiver": _sentence(texts.get("to_body", "")),
            "signs": _sentence(texts.get("signs", "")),
            "referral_basis": REFERRAL_BASIS,
        }
    if kind == "termination_decision":
        grounds = texts.get("grounds", "")
        bases = TERMINATION_GROUND_BASES if grounds else TERMINATION_BASES
        return {
            "termination_basis": bases.get(Kind(case.kind), ""),
            "withdrawing": WITHDRAWING[Kind(case.kind)],
            # Terminated on another lawful ground than the withdrawal (``terminate``).
            "grounds": _sentence(texts.get("grounds", "")),
        }
    if kind in ("suspension_decision", "resumption_decision"):
        return {
            "reason": _sentence(texts.get("reason", "") or texts.get("note", "")),
            # Art. 11a is cited only once Law 136/2025/QH15 that adds it is in force.
            "suspension_basis": ""
            if case.kind == Kind.COMPLAINT and event.effective_on < LAW_136_2025
            else SUSPENSION_BASES.get(Kind(case.kind), ""),
        }
    if kind in (
        "complaint_decision",
        "denunciation_conclusion",
        "denouncer_notice",
        "petition_reply",
    ):
        said = {
            "outcome": OUTCOMES.get(payload.get("outcome", case.outcome), ""),
            "summary": texts.get("decision_summary", case.decision_summary),
            "findings": case.findings,
        }
        if kind == "complaint_decision":
            said["verdict"] = ACT_VERDICTS.get(payload.get("act_decision"), "")
            said["appeal_days"] = _appeal_days(case, document.issued_on)
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


def _verification(document, case, texts, payload) -> dict:
    """Who verifies (the decision names them; the report is theirs), what, and for whom."""
    decider_unit = case.competent_unit or document.unit
    said = {
        "verify_what": VERIFIED[Kind(case.kind)],
        "decider": f"{decider_unit.signer_title or 'Thủ trưởng'} {decider_unit.name}",
    }
    if document.kind == "verification_decision":
        who = User.objects.filter(username=payload.get("assignee")).first()
        said["verifier"] = (who.get_full_name() or who.username) if who else "người được giao"
        return said
    said["findings"] = _sentence(texts.get("findings", "") or case.findings)
    said["demand_differs"] = payload.get("demand_differs")
    return said
