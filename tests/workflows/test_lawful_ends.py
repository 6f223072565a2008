"""Every end is a lawful end (issue 16, point 8): each issues its procedure's own document,
and none a generic notice of closure."""

import pytest

from casework.choices import Kind, State
from casework.models import Document


def kinds(case) -> list[str]:
    return list(Document.objects.filter(case=case).order_by("pk").values_list("kind", flat=True))


@pytest.mark.parametrize(
    ("kind", "steps", "issued"),
    [
        # Letter processing: the refusal and the transfer have their own documents; a letter
        # filed, or withdrawn before it was accepted, ends without one.
        (Kind.COMPLAINT, ["reject"], ["non_acceptance_notice"]),
        (Kind.DENUNCIATION, ["reject"], ["non_acceptance_notice"]),
        (Kind.PETITION, ["transfer"], ["transfer_slip"]),
        (Kind.COMPLAINT, ["file"], []),
        (Kind.COMPLAINT, ["withdraw"], []),
        # Withdrawn once accepted: a complaint's or a denunciation's handling is terminated
        # by a decision; a petition's simply ends.
        (Kind.COMPLAINT, ["accept", "withdraw"], ["acceptance_notice", "termination_decision"]),
        (
            Kind.DENUNCIATION,
            ["accept", "notify_acceptance", "assign", "withdraw"],
            [
                "denunciation_acceptance_decision",
                "acceptance_notice",
                "content_notice",
                "verification_decision",
                "termination_decision",
            ],
        ),
        (Kind.PETITION, ["accept", "withdraw"], ["acceptance_notice"]),
        # Resolved: the decision, the conclusion (and the denouncer's notice), the answer.
        (
            Kind.PETITION,
            ["accept", "assign", "record_findings", "resolve"],
            ["acceptance_notice", "petition_reply"],
        ),
    ],
)
def test_each_end_issues_its_own_document_and_no_closure_notice(world, kind, steps, issued):
    parties = [
        {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
        {"full_name": "Lê Văn Bình", "role": "accused"},
    ]
    case = world.register(kind=kind, parties=parties)
    for step in steps:
        case = world.perform(case, step)
    assert case.state in (
        State.REJECTED,
        State.TRANSFERRED,
        State.FILED,
        State.WITHDRAWN,
        State.RESOLVED,
    )
    assert kinds(case) == issued


def test_a_denunciations_termination_goes_to_no_one_it_could_expose(world):
    from workflows.services.documents import document_context

    case = world.case_in(
        State.ASSIGNED,
        kind=Kind.DENUNCIATION,
        parties=[
            {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
            {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính"},
        ],
    )
    case = world.perform(case, "withdraw")
    decision = Document.objects.get(case=case, kind="termination_decision")
    assert not decision.identifying
    recipients = document_context(decision)["recipients"]
    assert not any("Lê Văn Bình" in r or "bị tố cáo" in r for r in recipients)
    assert not any("Nguyễn Văn An" in r for r in recipients)


@pytest.mark.parametrize("before", [[], ["accept", "notify_acceptance", "assign"]])
def test_signs_of_a_crime_are_referred_at_once(world, before, django_capture_on_commit_callbacks):
    from tests.workflows.test_notices import pdf_text
    from workflows.services.documents import document_context

    case = world.register(
        kind=Kind.DENUNCIATION,
        parties=[
            {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
            {"full_name": "Lê Văn Bình", "role": "accused", "position": "kế toán xã"},
        ],
    )
    for step in before:
        case = world.perform(case, step)
    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(
            case,
            "refer_crime",
            to_body="Cơ quan Cảnh sát điều tra Công an tỉnh",
            signs="Lập chứng từ khống để chiếm đoạt tiền hỗ trợ",
        )
    assert case.state == State.TRANSFERRED and case.next_due_on is None
    assert not case.clocks.filter(status__in=["running", "paused"]).exists()
    referral = Document.objects.get(case=case, kind="crime_referral")
    assert "/PC-" in referral.number
    text = pdf_text(referral)
    assert "Về việc chuyển tố cáo có dấu hiệu tội phạm" in text
    assert "Kính gửi: Cơ quan Cảnh sát điều tra Công an tỉnh" in text
    assert "Lập chứng từ khống để chiếm đoạt tiền hỗ trợ" in text
    assert "Điều 27 Luật Tố cáo ngày 12 tháng 6 năm 2018" in text
    assert "Nguyễn Văn An" not in text
    recipients = document_context(referral)["recipients"]
    assert not any("bị tố cáo" in r for r in recipients)


def test_only_a_denunciation_is_referred_so(world):
    from workflows.errors import StateConflict

    case = world.register()
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "refer_crime", to_body="Công an tỉnh", signs="Có dấu hiệu.")
    assert "Art. 27" in str(refused.value.detail)
    assert not case.events.filter(action="CRIME_REFERRED").exists()
