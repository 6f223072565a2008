"""On a denunciation the accused is sent the content notice and the conclusion, nothing else
(Denunciations Law Arts. 29 and 35; issue 16, point 6)."""

from casework.choices import Kind, State
from casework.models import Document
from workflows.services.documents import document_context

PARTIES = [
    {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
    {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính xã"},
]


def recipients_by_kind(case) -> dict[str, list[str]]:
    return {d.kind: document_context(d)["recipients"] for d in Document.objects.filter(case=case)}


def names_the_accused(recipients) -> bool:
    return any("Lê Văn Bình" in r or "người bị tố cáo" in r for r in recipients)


def test_only_the_conclusion_goes_to_the_accused_of_a_denunciation(world):
    cases = [
        world.case_in(State.REJECTED, kind=Kind.DENUNCIATION, parties=PARTIES),
        world.case_in(State.TRANSFERRED, kind=Kind.DENUNCIATION, parties=PARTIES),
        world.case_in(State.FILED, kind=Kind.DENUNCIATION, parties=PARTIES),
        world.case_in(State.WITHDRAWN, kind=Kind.DENUNCIATION, parties=PARTIES),
        # Withdrawn once accepted: the handling is terminated by a decision.
        world.perform(
            world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION, parties=PARTIES), "withdraw"
        ),
    ]
    resolved = world.case_in(
        State.ACCEPTED, kind=Kind.DENUNCIATION, is_complex=True, parties=PARTIES
    )
    for action in ("extend", "suspend", "resume", "assign", "record_findings", "resolve"):
        resolved = world.perform(resolved, action)
    seen = {}
    for case in [*cases, resolved]:
        seen.update(recipients_by_kind(case))
    assert {
        "non_acceptance_notice",
        "transfer_slip",
        "denunciation_acceptance_decision",
        "acceptance_notice",
        "termination_decision",
        "extension_decision",
        "suspension_decision",
        "resumption_decision",
        "denunciation_conclusion",
        "denouncer_notice",
    } <= set(seen)
    assert "content_notice" in seen  # the accused is told what they are denounced for
    sent = {kind for kind, recipients in seen.items() if names_the_accused(recipients)}
    assert sent == {"content_notice", "denunciation_conclusion"}
    # The content notice goes to the accused and the leadership: not to the denouncer.
    assert not any("tố cáo (" in r and "bị" not in r for r in seen["content_notice"])
    assert "Người tố cáo" not in seen["content_notice"]


def test_a_complaints_decision_still_goes_to_the_party_complained_against(world):
    case = world.case_in(
        State.RESOLVED,
        parties=[
            {"full_name": "Phạm Thị Cúc"},
            {"full_name": "Trần Văn Đông", "role": "accused", "position": "Chủ tịch UBND xã"},
        ],
    )
    recipients = recipients_by_kind(case)["complaint_decision"]
    assert any("Trần Văn Đông" in r for r in recipients)


def test_no_content_notice_without_someone_named_to_tell(world):
    case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION)  # no accused named
    assert not Document.objects.filter(case=case, kind="content_notice").exists()
    assert Document.objects.filter(case=case, kind="acceptance_notice").exists()
