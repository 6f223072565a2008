"""Every kind of document, issued by the door for a case and read back from its PDF: the number,
the date, the parties it must name and those it must not (DOMAIN.md, "Documents issued")."""

import hashlib
import io
import re
from dataclasses import dataclass, field

import pytest
from pypdf import PdfReader

from casework.choices import ComplaintGrounds, Kind, Outcome
from casework.crypto import identity_bytes_decrypt
from casework.models import Document
from casework.models.document import DOCUMENT_CODES, RETIRED_KINDS
from tests.pdfcheck import pdfa_problems, pdffonts, qr_codes
from workflows.services.notice_context import GROUNDS, OUTCOMES

COMPLAINANT = "Nguyễn Văn An"
ID_NUMBER = "001204012345"
PHONE = "0912345678"
ACCUSED = "Trần Văn Cường"
FINDINGS = "Đã xác minh tại hiện trường."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Scenario:
    document: str
    kind: str
    path: list[str]
    names: list[str] = field(default_factory=list)  # must be in the text
    never: list[str] = field(default_factory=list)  # must not
    says: list = field(default_factory=list)  # further text it must carry
    extra: dict = field(default_factory=dict)  # registration fields


def _accused(**extra):
    return [
        {"full_name": COMPLAINANT, "id_number": ID_NUMBER, "phone": PHONE},
        {"role": "accused", "full_name": ACCUSED, "position": "Chủ tịch UBND xã"},
    ]


RESOLVE = ["accept", "assign", "record_findings", "resolve"]
# A denunciation's denouncer and accused are told of its acceptance first (Art. 29).
CONCLUDE = ["accept", "notify_acceptance", "assign", "record_findings", "resolve"]
DIALOGUE = ["accept", "assign", "record_findings", "record_dialogue"]
SCENARIOS = [
    Scenario(
        "dialogue_minutes",
        Kind.COMPLAINT,
        DIALOGUE,
        names=[COMPLAINANT, ACCUSED],
        never=[ID_NUMBER, PHONE],
        says=[
            "BIÊN BẢN",
            "Đối thoại giải quyết khiếu nại lần đầu",
            "Giữ nguyên yêu cầu, đề nghị hủy quyết định bị khiếu nại",
            "Hai bên chưa thống nhất",
        ],
        extra={"parties": _accused()},
    ),
    Scenario(
        "acceptance_notice",
        Kind.COMPLAINT,
        ["accept"],
        names=[COMPLAINANT],
        never=[ID_NUMBER, PHONE],
        says=["THÔNG BÁO", "Về việc thụ lý đơn khiếu nại", "Luật Khiếu nại"],
    ),
    Scenario(
        "denunciation_acceptance_decision",
        Kind.DENUNCIATION,
        ["accept"],
        names=[ACCUSED],
        never=[COMPLAINANT, ID_NUMBER, PHONE],
        says=["QUYẾT ĐỊNH", "Về việc thụ lý tố cáo", "Luật Tố cáo", "05 ngày làm việc"],
        extra={"parties": _accused()},
    ),
    Scenario(
        "acceptance_notice",
        Kind.DENUNCIATION,
        ["accept", "notify_acceptance"],
        names=[ACCUSED],
        never=[COMPLAINANT, ID_NUMBER, PHONE],
        says=["Về việc thụ lý đơn tố cáo", "giữ bí mật"],
        extra={"is_complex": True, "parties": _accused()},
    ),
    Scenario(
        "content_notice",
        Kind.DENUNCIATION,
        ["accept", "notify_acceptance"],
        names=[ACCUSED],
        never=[COMPLAINANT, ID_NUMBER, PHONE],
        says=["Về nội dung bị tố cáo", "Kính gửi", "giải trình"],
        extra={"is_complex": True, "parties": _accused()},
    ),
    Scenario(
        "non_acceptance_notice",
        Kind.COMPLAINT,
        ["reject"],
        names=[COMPLAINANT],
        never=[ID_NUMBER],
        says=["Về việc không thụ lý", GROUNDS[ComplaintGrounds.UNSIGNED]],
    ),
    Scenario(
        "transfer_slip",
        Kind.PETITION,
        ["transfer"],
        names=[COMPLAINANT],
        says=["PHIẾU CHUYỂN ĐƠN", "Kính gửi: Sở Tài nguyên và Môi trường"],
    ),
    Scenario(
        "transfer_slip",
        Kind.DENUNCIATION,
        ["move"],
        never=[COMPLAINANT, ID_NUMBER],
        says=[
            "PROVINCIAL INSPECTORATE",
            "Kính gửi: Commune committee",
            "Provincial inspectorate chuyển đơn đến Commune committee",
            "Lý do: Thuộc thẩm quyền của UBND xã.",
        ],
    ),
    Scenario(
        "crime_referral",
        Kind.DENUNCIATION,
        ["accept", "notify_acceptance", "assign", "refer_crime"],
        names=[ACCUSED],
        never=[COMPLAINANT, ID_NUMBER, PHONE],
        says=[
            "Về việc chuyển tố cáo có dấu hiệu tội phạm",
            "Kính gửi: Cơ quan Cảnh sát điều tra Công an tỉnh",
            "Có dấu hiệu tội tham ô tài sản",
            "giữ bí mật thông tin về người tố cáo",
        ],
        extra={"parties": _accused()},
    ),
    Scenario(
        "termination_decision",
        Kind.COMPLAINT,
        ["accept", "withdraw"],
        names=[COMPLAINANT, ACCUSED],
        never=[ID_NUMBER, PHONE],
        says=[
            "QUYẾT ĐỊNH",
            "Về việc đình chỉ việc giải quyết đơn khiếu nại",
            "Điều 10 Luật Khiếu nại ngày 11 tháng 11 năm 2011",
            "Người khiếu nại đã rút đơn khiếu nại",
        ],
        extra={"parties": _accused()},
    ),
    Scenario(
        "termination_decision",
        Kind.DENUNCIATION,
        ["accept", "notify_acceptance", "withdraw"],
        never=[COMPLAINANT, ACCUSED, ID_NUMBER, PHONE],  # not to the accused, nor naming
        says=[
            "Về việc đình chỉ việc giải quyết đơn tố cáo",
            "Điều 33 và Điều 34 Luật Tố cáo ngày 12 tháng 6 năm 2018",
            "Người tố cáo đã rút đơn tố cáo",
        ],
        extra={"parties": _accused()},
    ),
    Scenario(
        "extension_decision",
        Kind.DENUNCIATION,
        ["accept", "extend"],
        never=[COMPLAINANT],
        says=["QUYẾT ĐỊNH", "gia hạn thời hạn giải quyết tố cáo", "thêm 30 ngày", "lần 1"],
        extra={"is_complex": True},
    ),
    Scenario(
        "suspension_decision",
        Kind.COMPLAINT,
        ["accept", "assign", "suspend"],
        says=["tạm đình chỉ việc giải quyết đơn khiếu nại", "Chờ giám định."],
    ),
    Scenario(
        "resumption_decision",
        Kind.COMPLAINT,
        ["accept", "assign", "suspend", "resume"],
        says=["Về việc tiếp tục giải quyết đơn khiếu nại", "đến hết ngày"],
    ),
    Scenario(
        "complaint_decision",
        Kind.COMPLAINT,
        RESOLVE,
        names=[COMPLAINANT, ACCUSED],
        never=[ID_NUMBER, PHONE],
        says=[
            "Về việc giải quyết khiếu nại của Nguyễn Văn An (lần đầu)",
            OUTCOMES[Outcome.UPHELD],
            "Hủy bỏ quyết định hành chính, chấm dứt hành vi hành chính bị khiếu nại",
            FINDINGS,
            "trong thời hạn 30 ngày",
            "khởi kiện vụ án hành chính",
        ],
        extra={"parties": _accused()},
    ),
    Scenario(
        "denunciation_conclusion",
        Kind.DENUNCIATION,
        CONCLUDE,
        names=[ACCUSED],
        never=[COMPLAINANT, ID_NUMBER, PHONE],
        says=["KẾT LUẬN", "Tố cáo sai sự thật", FINDINGS, "Giữ nguyên quyết định."],
        extra={"is_complex": True, "parties": _accused()},
    ),
    Scenario(
        "denouncer_notice",
        Kind.DENUNCIATION,
        CONCLUDE,
        names=[COMPLAINANT],
        never=[FINDINGS, ID_NUMBER, PHONE],
        says=["Kết quả giải quyết tố cáo", f"Kính gửi: {COMPLAINANT}", OUTCOMES[Outcome.FALSE]],
        extra={"is_complex": True, "parties": _accused()},
    ),
    Scenario(
        "petition_reply",
        Kind.PETITION,
        RESOLVE,
        names=[COMPLAINANT],
        says=["Trả lời đơn kiến nghị, phản ánh", "Giữ nguyên quyết định."],
    ),
    # Verification: assigned by a decision, ended by a report to who decides.
    Scenario(
        "verification_decision",
        Kind.DENUNCIATION,
        ["accept", "notify_acceptance", "assign"],
        names=[ACCUSED],
        never=[COMPLAINANT, ID_NUMBER, PHONE],
        says=[
            "QUYẾT ĐỊNH",
            "Về việc giao nhiệm vụ xác minh nội dung tố cáo",
            "xác minh nội dung tố cáo đối với",
            "báo cáo kết quả xác minh bằng văn bản",
        ],
        extra={"parties": _accused()},
    ),
    Scenario(
        "verification_report",
        Kind.COMPLAINT,
        ["accept", "assign", "record_findings"],
        names=[COMPLAINANT],
        never=[ID_NUMBER, PHONE],
        says=[
            "BÁO CÁO",
            "Kết quả xác minh nội dung khiếu nại",
            "người được giao xác minh báo cáo kết quả xác minh",
            "Yêu cầu của người khiếu nại không khác với kết quả xác minh",
            "NGƯỜI ĐƯỢC GIAO XÁC MINH",
        ],
    ),
    # Letter processing (Circular 05/2021/TT-TTCP): a complaint outside competence.
    Scenario(
        "guidance_slip",
        Kind.COMPLAINT,
        ["guide"],
        names=[COMPLAINANT],
        never=[ID_NUMBER, PHONE],
        says=[
            "PHIẾU HƯỚNG DẪN",
            f"Kính gửi: {COMPLAINANT}",
            "không thuộc thẩm quyền giải quyết của",
            "hướng dẫn người khiếu nại gửi đơn khiếu nại đến Chủ tịch Ủy ban nhân dân xã",
        ],
    ),
    # Addressed to the denouncer, so it names them: stored encrypted (``pdf_bytes``).
    Scenario(
        "papers_return",
        Kind.COMPLAINT,
        ["return_papers"],
        names=[COMPLAINANT],
        never=[ID_NUMBER, PHONE],
        says=["Về việc trả lại giấy tờ, tài liệu", f"Kính gửi: {COMPLAINANT}"],
    ),
    Scenario(
        "denouncer_papers_return",
        Kind.DENUNCIATION,
        ["return_papers"],
        names=[COMPLAINANT],
        never=[ACCUSED, ID_NUMBER, PHONE],
        says=[
            "Về việc trả lại giấy tờ, tài liệu",
            "Bản gốc giấy chứng nhận quyền sử dụng đất",
        ],
        extra={"parties": _accused()},
    ),
    # A denunciation a deputy forwarded: the deputies are told the result, and never who
    # denounced.
    Scenario(
        "forwarder_report",
        Kind.DENUNCIATION,
        [*CONCLUDE, "inform_forwarder"],
        never=[COMPLAINANT, ID_NUMBER, PHONE],
        says=[
            "Kính gửi: Đoàn đại biểu Quốc hội tỉnh Lâm Đồng",
            "do Đoàn đại biểu Quốc hội tỉnh Lâm Đồng chuyển đến",
            "Đã giải quyết và ban hành văn bản theo thẩm quyền",
        ],
        extra={
            "is_complex": True,
            "parties": _accused(),
            "channel": "forwarded",
            "forwarded_by": "Đoàn đại biểu Quốc hội tỉnh Lâm Đồng",
            "forwarder_kind": "deputy",
        },
    ),
]


def pdf_bytes(document) -> bytes:
    with document.file.open("rb") as handle:
        data = handle.read()
    if document.identifying:
        assert b"%PDF" not in data[:16]  # stored encrypted: it names a denouncer
        data = identity_bytes_decrypt(data)
    assert hashlib.sha256(data).hexdigest() == document.sha256
    return data


def pdf_text(document) -> str:
    reader = PdfReader(io.BytesIO(pdf_bytes(document)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def issue(world, scenario, capture):
    case = world.register(kind=scenario.kind, **scenario.extra)
    with capture(execute=True):
        for action in scenario.path:
            case = world.perform(case, action)
    return case, Document.objects.filter(case=case, kind=scenario.document).latest("pk")


def test_every_kind_of_document_has_a_scenario():
    assert {s.document for s in SCENARIOS} == set(DOCUMENT_CODES) - RETIRED_KINDS


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"{s.document}-{s.kind}" for s in SCENARIOS])
def test_each_document_names_who_it_must_and_no_one_else(
    world, scenario, django_capture_on_commit_callbacks
):
    case, document = issue(world, scenario, django_capture_on_commit_callbacks)
    assert document.status == "ready", document.error
    code = DOCUMENT_CODES[scenario.document]
    # Issued and numbered by the unit that took the act (a move's slip: the old unit).
    assert document.unit.code == "PROV"
    assert re.fullmatch(rf"\d+/{code}-PROV", document.number)
    text = pdf_text(document)
    on = document.issued_on
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"Số: {document.number}",
        # Decree 30: a zero before days under 10 and the months January and February only.
        f"{document.unit.place}, ngày {on:%d} tháng {month} năm {on:%Y}",
        case.reference,
        f"Mã xác thực: {document.code}",
        f"/verify/{document.code}/",
        *scenario.names,
        *scenario.says,
    ):
        assert expected in text, expected
    for name in scenario.never:
        assert name not in text, name
    data = pdf_bytes(document)
    assert pdfa_problems(data) == []
    fonts = pdffonts(data)
    assert fonts and all(fonts.values()), fonts


def test_a_resolved_denunciation_issues_the_conclusion_and_the_notice_it_cites(
    world, django_capture_on_commit_callbacks
):
    scenario = SCENARIOS[[s.document for s in SCENARIOS].index("denouncer_notice")]
    case, notice = issue(world, scenario, django_capture_on_commit_callbacks)
    kinds = list(case.documents.filter(event=notice.event).values_list("kind", flat=True))
    assert kinds == ["denunciation_conclusion", "denouncer_notice"]  # no closure notice
    conclusion = case.documents.get(kind="denunciation_conclusion")
    assert conclusion.number.startswith(tuple("123456789")) and "/KL-" in conclusion.number
    text = pdf_text(notice)
    assert f"số {conclusion.number}" in text
    assert ACCUSED in pdf_text(conclusion)


def test_a_round_two_complaint_decision_leaves_only_the_court(
    world, django_capture_on_commit_callbacks
):
    scenario = Scenario(
        "complaint_decision",
        Kind.COMPLAINT,
        [*DIALOGUE, "resolve"],  # the second round is decided after a dialogue, always
        extra={"round": 2, "previous_case": "QĐ 12/QĐ-UBND"},
    )
    _case, document = issue(world, scenario, django_capture_on_commit_callbacks)
    text = pdf_text(document)
    assert "(lần hai)" in text and "QĐ 12/QĐ-UBND" in text
    assert "khiếu nại lần hai đến" not in text and "khởi kiện vụ án hành chính" in text


def test_the_qr_code_on_the_notice_opens_its_verification_page(
    world, client, django_capture_on_commit_callbacks
):
    _case, document = issue(world, SCENARIOS[0], django_capture_on_commit_callbacks)
    [url] = qr_codes(pdf_bytes(document))
    assert url == f"http://127.0.0.1:8000/verify/{document.code}/"
    response = client.get(url.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200 and document.sha256 in response.content.decode()
