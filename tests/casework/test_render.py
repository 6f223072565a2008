"""A notice rendered to PDF: Decree 30/2020's layout in its text, PDF/A-3b, fonts embedded."""

import io
import re
from datetime import date
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from casework.documents.qr import qr_svg
from casework.documents.render import render_pdf
from tests.pdfcheck import pdfa_problems, pdffonts


@pytest.fixture
def acceptance_pdf(world):
    case = world.register(received_on="2026-03-02")
    context = {
        "document": SimpleNamespace(
            number="15/TB-TTT", issued_on=date(2026, 3, 4), code="K7Q2-9XHD"
        ),
        "title": "Thông báo thụ lý",
        "verify_url": "https://casework.example.vn/verify/K7Q2-9XHD/",
        "qr": qr_svg("https://casework.example.vn/verify/K7Q2-9XHD/"),
        "citations": [
            "Điều 28 Luật Khiếu nại ngày 11 tháng 11 năm 2011",
            "Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020",
        ],
        "unit": SimpleNamespace(name="Thanh tra tỉnh", parent=None),
        "place": "Hà Nội",
        "issued": {"day": "04", "month": "3", "year": 2026},
        "case": case,
        "kind_name": "đơn khiếu nại",
        "by": " của ông Nguyễn Văn An",
        "period": "30 ngày",
        "due_on": date(2026, 4, 3),
        "recipients": ["Ông Nguyễn Văn An", "Chánh Thanh tra tỉnh (để b/c)"],
        "signer": SimpleNamespace(title="Chánh Thanh tra", name="Trần Văn Bình"),
    }  # fmt: skip
    return case, render_pdf("notices/acceptance_notice.html", context)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_notice_reads_as_a_vietnamese_official_document(acceptance_pdf):
    case, pdf = acceptance_pdf
    text = text_of(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "THANH TRA TỈNH",
        "Số: 15/TB-TTT",
        "Hà Nội, ngày 04 tháng 3 năm 2026",
        "Về việc thụ lý đơn khiếu nại",
        "Căn cứ Điều 28 Luật Khiếu nại ngày 11 tháng 11 năm 2011;",
        "Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020;",
        "ông Nguyễn Văn An",
        case.reference,
        "03/04/2026",
        "Nơi nhận:",
        "Trần Văn Bình",
        "K7Q2-9XHD",
    ):
        assert expected in text, expected


def test_the_pdf_is_pdf_a_3b_with_every_font_embedded(acceptance_pdf):
    _case, pdf = acceptance_pdf
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(=\"|>)3", xmp) and re.search(r"pdfaid:conformance(=\"|>)B", xmp)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            descriptor = descriptor.get_object()
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert any("Liberation-Serif" in name or "DejaVu" in name for name in fonts), fonts


def test_pikepdf_and_pdffonts_find_an_archival_pdf(acceptance_pdf):
    _case, pdf = acceptance_pdf
    assert pdfa_problems(pdf) == []
    fonts = pdffonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert any("Liberation-Serif" in name for name in fonts), fonts
    # Not PDF/A: the same checks tell the difference.
    from weasyprint import HTML

    plain = HTML(string="<p>Bản nháp</p>").write_pdf()
    assert pdfa_problems(plain) != []
