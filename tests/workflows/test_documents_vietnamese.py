"""No English word reaches a Vietnamese document (issue 15, point 4).

Every kind of document the door issues, for cases whose data are Vietnamese, is rendered by the
real WeasyPrint and read back from its PDF: every word must be a possible Vietnamese syllable
(``tests.vietnamese``), whatever the user's language and whatever the catalogue holds. The
worst case is tested: every ``translation.override("vi")`` is made English, as if the Vietnamese
catalogue had none of the strings, so a label that still goes through gettext shows up.
"""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from casework.choices import (
    ActDecision,
    ComplaintGrounds,
    FiledReason,
    Kind,
    Outcome,
    ReDenunciationGrounds,
    Role,
    State,
)
from casework.crypto import identity_bytes_decrypt
from casework.deadlines.rules import SEEDED_RULES
from casework.models import DeadlineRule, Document, Unit, User
from casework.models.document import DOCUMENT_CODES, RETIRED_KINDS
from permissions.roles import role_groups_ensure
from tests.conftest import make_user
from tests.vietnamese import foreign_words, is_syllable
from workflows.procedures import ACTIONS
from workflows.services.documents import verification_url

COMPLAINANT = "Nguyễn Văn An"
ACCUSED = "Trần Văn Cường"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english_everywhere(monkeypatch):
    """The user works in English, and a document's ``override("vi")`` finds no Vietnamese."""
    real = translation.override

    def no_vietnamese(language, deactivate=False):
        return real("en", deactivate)

    monkeypatch.setattr(translation, "override", no_vietnamese)
    with real("en"):
        yield


@pytest.fixture
def vn(world):
    """The world's units and people with Vietnamese names, as a real installation has them
    (rolled back after the test; the shared Python objects are left as they are)."""
    province = Unit.objects.create(
        code="LDONG",
        name="Ủy ban nhân dân tỉnh Lâm Đồng",
        place="Lâm Đồng",
        signer_title="Chủ tịch",
    )
    role_groups_ensure(province)
    make_user("chairman", province, [Role.SUPERVISOR], first_name="Đỗ Minh", last_name="Khang")
    Unit.objects.filter(pk=world.prov.pk).update(
        name="Thanh tra tỉnh", parent=province, place="Lâm Đồng", signer_title="Chánh Thanh tra"
    )
    Unit.objects.filter(pk=world.comm.pk).update(
        name="Ủy ban nhân dân xã Tân Phú", place="Lâm Đồng", signer_title="Chủ tịch"
    )
    for user, (first, last) in {
        world.supervisor: ("Trần Văn", "Bình"),
        world.intake: ("Lê Thị", "Hoa"),
        world.investigator: ("Phạm Văn", "Dũng"),
        world.investigator2: ("Hoàng Thị", "Lan"),
    }.items():
        User.objects.filter(pk=user.pk).update(first_name=first, last_name=last)
    return world


def _parties():
    return [
        {"full_name": COMPLAINANT, "id_number": "001204012345", "phone": "0912345678"},
        {"role": "accused", "full_name": ACCUSED, "position": "Chủ tịch Ủy ban nhân dân xã"},
    ]


#: Every procedure's paths to its documents: (kind, registration fields, [(action, fields)]).
PATHS = [
    (Kind.COMPLAINT, {"parties": _parties()}, [
        ("accept", {}), ("assign", {}), ("suspend", {}), ("resume", {}),
        ("record_findings", {}),
        ("resolve", {"outcome": "upheld", "act_decision": "cancel"}),
    ]),
    (Kind.COMPLAINT,
     {"round": 2, "previous_case": "Quyết định số 12/QĐ-UBND", "is_remote_area": True},
     [("accept", {}), ("assign", {}), ("record_findings", {}), ("record_dialogue", {}),
      ("resolve", {"outcome": "rejected", "act_decision": "keep"})]),
    (Kind.COMPLAINT, {"is_complex": True},
     [("accept", {}), ("assign", {}), ("record_findings", {}),
      ("resolve", {"outcome": "partly_upheld", "act_decision": "amend"})]),
    (Kind.COMPLAINT, {}, [("reject", {"grounds": "period_expired"})]),
    (Kind.PETITION, {}, [("transfer", {})]),
    # Decided by the province's Chairman, drafted by its inspectorate.
    (Kind.COMPLAINT, {"competent_unit": "LDONG", "parties": _parties()}, [
        ("accept", {}), ("assign", {}), ("record_findings", {}),
        ("submit_decision", {"outcome": "rejected", "decision_summary": "Giữ nguyên."}),
        ("approve_decision", {}),
    ]),
    (Kind.COMPLAINT, {}, [("accept", {}), ("withdraw", {})]),
    (Kind.DENUNCIATION, {"is_complex": True, "parties": _parties()}, [
        ("accept", {}), ("notify_acceptance", {}), ("extend", {}), ("assign", {}),
        ("record_findings", {}),
        ("resolve", {"outcome": "false"}),
    ]),
    (Kind.DENUNCIATION, {"parties": _parties()}, [
        ("accept", {}), ("notify_acceptance", {}), ("assign", {}), ("record_findings", {}),
        ("resolve", {"outcome": "partly_correct"}),
    ]),
    (Kind.DENUNCIATION, {}, [("move", {})]),
    (Kind.DENUNCIATION, {"parties": _parties()}, [("refer_crime", {})]),
    (Kind.DENUNCIATION, {"parties": _parties()}, [
        ("accept", {}), ("notify_acceptance", {}), ("withdraw", {}),
    ]),
    (Kind.DENUNCIATION, {}, [("reject", {"grounds": "Không đủ điều kiện thụ lý"})]),
    (Kind.PETITION, {}, [
        ("accept", {}), ("assign", {}), ("record_findings", {}), ("resolve", {}),
    ]),
    (Kind.PETITION, {}, [("reject", {"grounds": "Không thuộc thẩm quyền"})]),
    # Letter processing's further outcomes, and the report to the body that forwarded a letter.
    (Kind.COMPLAINT, {"parties": _parties()}, [("guide", {})]),
    (Kind.DENUNCIATION, {"parties": _parties()}, [("return_papers", {})]),
    (Kind.PETITION, {"parties": _parties()}, [("return_papers", {})]),
    (Kind.COMPLAINT, {"parties": _parties()}, [("accept", {}), ("terminate", {})]),
    (Kind.PETITION, {"channel": "forwarded", "forwarded_by": "Đoàn đại biểu Quốc hội tỉnh",
                     "forwarder_kind": "deputy"},
     [("accept", {}), ("assign", {}), ("record_findings", {}), ("resolve", {}),
      ("inform_forwarder", {})]),
]  # fmt: skip


def pdf_text(document) -> str:
    with document.file.open("rb") as handle:
        data = handle.read()
    if document.identifying:
        data = identity_bytes_decrypt(data)
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def english_in(document) -> list[str]:
    return foreign_words(pdf_text(document), ignore=(verification_url(document), document.code))


def walk(world, kind, extra, steps) -> list[Document]:
    """Register a case as the intake officer, take each step, and return its documents."""
    supervisor = User.objects.get(pk=world.supervisor.pk)  # with the names given above
    case = world.register(kind=kind, actor=User.objects.get(pk=world.intake.pk), **extra)
    for action, fields in steps:
        actor = case.assignee if action == "record_findings" else supervisor
        if case.decided_elsewhere and ACTIONS[action].unit_of(case) == case.competent_unit_id:
            actor = User.objects.get(username="chairman")
        case = world.perform(case, action, actor=actor, **fields)
    return list(case.documents.order_by("pk"))


def test_the_detector_finds_english_and_lets_vietnamese_through():
    assert foreign_words("Căn cứ Complaints Law Art. 28;") == ["Complaints", "Law", "Art"]
    assert foreign_words("Căn cứ Agency service level (configurable);") == [
        "Agency",
        "service",
        "level",
        "configurable",
    ]
    assert foreign_words("Denunciations Law Art. 30; extensions: Decree 31/2019 Art. 3") == [
        "Denunciations",
        "Law",
        "Art",
        "extensions",
        "Decree",
        "Art",
    ]
    assert foreign_words("Provincial inspectorate, Commune committee") != []
    # In capitals (a title, a signer's title) and English words shaped like syllables.
    assert foreign_words("QUYẾT ĐỊNH DRAFT NOTE FALSE") == ["DRAFT", "NOTE", "FALSE"]
    assert foreign_words("the notice is not due") == ["the", "notice", "is", "not", "due"]
    vietnamese = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG THANH TRA TỈNH Số: 03/QĐ-TTr "
        "Lâm Đồng, ngày 07 tháng 12 năm 2026 QUYẾT ĐỊNH Về việc giải quyết khiếu nại lần đầu "
        "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011; Căn cứ Nghị định số 124/2020/NĐ-CP; "
        "Căn cứ Thông tư số 05/2021/TT-TTCP; khoản 1 Điều 24; Điều 11a; "
        "Người khiếu nại, người bị tố cáo, ông Nguyễn Văn An, bà Phạm Thị Xuyên, UBND xã; "
        "khuyên, quyết, nghiêng, gì, giữ, hoặc, khuya, chuyển, hướng dẫn, thuở, quý, gửi. "
        "Nơi nhận: Lưu: VT, hồ sơ PROV-2026-000001. KT. CHÁNH THANH TRA, TL. Mã xác thực K7Q2-9XHD"
    )
    assert foreign_words(vietnamese) == []
    assert not is_syllable("Law") and is_syllable("Luật") and is_syllable("nghiêng")
    url = "https://kiemtra.example.vn/verify/ABCD-EFGH/"
    assert foreign_words(f"quét mã QR hoặc mở {url}", ignore=(url,)) == []


def test_every_kind_of_document_is_walked_here():
    from workflows.procedures import ACTIONS

    issuing = {a.name for a in ACTIONS.values() if a.notices}
    assert issuing <= {action for _kind, _extra, steps in PATHS for action, _ in steps}


@pytest.mark.parametrize(
    ("kind", "extra", "steps"),
    PATHS,
    ids=[f"{kind}-{'-'.join(a for a, _ in steps)}" for kind, _e, steps in PATHS],
)
def test_no_english_word_in_any_document(
    vn, english_everywhere, django_capture_on_commit_callbacks, kind, extra, steps
):
    with django_capture_on_commit_callbacks(execute=True):
        documents = walk(vn, kind, extra, steps)
    assert documents
    for document in documents:
        document.refresh_from_db()
        assert document.status == "ready", document.error
        assert english_in(document) == [], (document.kind, pdf_text(document))


def test_the_walk_issues_every_kind_of_document(vn, django_capture_on_commit_callbacks):
    kinds = set()
    with django_capture_on_commit_callbacks(execute=False):  # numbered only: fast
        for kind, extra, steps in PATHS:
            kinds |= {d.kind for d in walk(vn, kind, extra, steps)}
    assert kinds == set(DOCUMENT_CODES) - RETIRED_KINDS


def test_the_notice_cites_the_rule_in_vietnamese_in_full(vn, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [notice] = walk(vn, Kind.COMPLAINT, {}, [("accept", {})])
        denunciation = walk(vn, Kind.DENUNCIATION, {}, [("accept", {})])[0]
    notice.refresh_from_db()
    denunciation.refresh_from_db()
    text = pdf_text(notice)
    # The law cited by the rule's article, in its place, then the decree (Decree 30's order).
    assert (
        "Căn cứ Điều 28 Luật Khiếu nại ngày 11 tháng 11 năm 2011; Căn cứ Nghị định số "
        "124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ"
    ) in text
    assert "Căn cứ Luật Khiếu nại" not in text and "Complaints Law" not in text
    text = pdf_text(denunciation)
    assert "Căn cứ Điều 30 Luật Tố cáo ngày 12 tháng 6 năm 2018;" in text
    assert "Căn cứ Điều 3 Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019" in text


def test_a_rule_without_its_vietnamese_basis_leaves_the_line_out(
    vn, english_everywhere, django_capture_on_commit_callbacks
):
    # An administrator's rule, without the citation: its English wording is never printed.
    DeadlineRule.objects.filter(kind=Kind.COMPLAINT, round=1, stage="resolution").update(
        basis="Provincial service charter, section 4", basis_vi=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        [notice] = walk(vn, Kind.COMPLAINT, {}, [("accept", {})])
    notice.refresh_from_db()
    text = pdf_text(notice)
    assert "Provincial" not in text and "Điều 28" not in text
    assert "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;" in text
    assert english_in(notice) == []


def test_every_seeded_rule_carries_its_vietnamese_citation(world):
    for rule in DeadlineRule.objects.all():
        assert rule.basis_vi, rule
        assert foreign_words(rule.basis_vi) == [], rule.basis_vi
    assert len(SEEDED_RULES) == DeadlineRule.objects.count()
    # DOMAIN.md: Art. 27 is the complaint acceptance period; Circular 07/2013 is replaced.
    acceptance = DeadlineRule.objects.get(kind=Kind.COMPLAINT, round=1, stage="acceptance")
    assert "07/2013" not in acceptance.basis and "07/2013" not in acceptance.basis_vi
    assert acceptance.basis_vi == "Điều 27 Luật Khiếu nại ngày 11 tháng 11 năm 2011"


def test_the_seeded_bases_are_in_the_catalogue_list():
    from casework.deadlines.rules import SEEDED_BASES

    assert {rule[7] for rule in SEEDED_RULES} == set(SEEDED_BASES)


def test_the_admin_asks_for_the_vietnamese_basis(client, world):
    client.force_login(world.admin)
    response = client.get("/admin/casework/deadlinerule/add/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'name="basis_vi"' in response.content.decode()
    form = {
        "kind": "petition",
        "stage": "resolution",
        "period": "20",
        "unit": "calendar_days",
        "extensions_complex": "0",
        "extensions_especially_complex": "0",
        "extension_max_days": "0",
        "basis": "Provincial service charter",
        "basis_vi": "",
        "effective_from": "2027-01-01",
    }
    response = client.post("/admin/casework/deadlinerule/add/", form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # the form again, with the field's message
    assert "This field is required." in response.content.decode()
    assert not DeadlineRule.objects.filter(basis="Provincial service charter").exists()
    form["basis_vi"] = "Quy chế tiếp nhận và giải quyết kiến nghị, phản ánh của tỉnh"
    response = client.post("/admin/casework/deadlinerule/add/", form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert DeadlineRule.objects.get(basis="Provincial service charter").basis_vi == form["basis_vi"]


def test_every_word_a_document_takes_from_a_choice_is_vietnamese():
    """The labels a document prints (grounds, reasons, outcomes, what the decision does to the
    act, the end state, the kind of case) are Vietnamese literals, not the catalogue's."""
    from workflows.services.notice_context import (
        ACT_VERDICTS,
        FILED_REASONS,
        GROUNDS,
        KIND_NAMES,
        OUTCOMES,
        STATE_NAMES,
        TITLES,
    )

    for words, choices in (
        (GROUNDS, [*ComplaintGrounds, *ReDenunciationGrounds]),
        (FILED_REASONS, FiledReason),
        (OUTCOMES, Outcome),
        (ACT_VERDICTS, ActDecision),
        (STATE_NAMES, State),
        (KIND_NAMES, Kind),
        (TITLES, DOCUMENT_CODES),
    ):
        assert set(words) == set(choices), choices
        for value, text in words.items():
            assert text and foreign_words(text) == [], (value, text)
    # DOMAIN.md's glossary: "tố cáo sai sự thật", never "tố cáo sai".
    assert OUTCOMES[Outcome.FALSE] == "Tố cáo sai sự thật"


def test_a_document_issued_before_the_citations_still_cites_in_vietnamese(
    vn, english_everywhere, django_capture_on_commit_callbacks
):
    """A document left pending by an older version kept only the English basis in its facts:
    it cites the rule's Vietnamese wording, found by that English basis."""
    with django_capture_on_commit_callbacks(execute=False):
        [notice] = walk(vn, Kind.COMPLAINT, {}, [("accept", {})])
    facts = dict(notice.facts)
    facts["resolution"] = {
        k: v for k, v in facts["resolution"].items() if k in ("period", "basis", "due_on")
    }
    Document.objects.filter(pk=notice.pk).update(facts=facts)
    from workflows.services.documents import document_render

    document_render(notice.pk)
    notice.refresh_from_db()
    assert "Căn cứ Điều 28 Luật Khiếu nại ngày 11 tháng 11 năm 2011;" in pdf_text(notice)
    assert english_in(notice) == []
