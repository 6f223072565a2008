"""A refused upload says why beside the file and keeps the description; a valid one is listed."""

import pytest

from casework.choices import State
from casework.models import Attachment

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
DESCRIPTION = "Biên bản làm việc với UBND xã ngày 12/11"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def choose(page, name, content, mime):
    page.set_input_files(
        "[data-testid=attachment-form] input[type=file][name=file]",
        files=[{"name": name, "mimeType": mime, "buffer": content}],
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_a_refused_upload_then_a_valid_one(fresh_world, page_for, shoot, width):
    world = fresh_world
    case = world.case_in(State.ASSIGNED)
    investigator = page_for(world.investigator, width=width)
    investigator.goto(f"/cases/case/{case.pk}/detail/")
    investigator.wait_for_selector("[data-testid=attachment-form]")
    shoot(investigator, "case-attachments-empty")

    # An HTML page renamed to .pdf: refused by its content, the description kept.
    choose(
        investigator, "bien-ban.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    investigator.fill("textarea[name=description]", DESCRIPTION)
    investigator.click("[data-testid=attach]")
    # The reason, under the file field (the message is translated with the catalogue).
    error_under_field = (
        "[data-testid=attachment-form] vf-field-file[error] .mdc-text-field-helper-text"
    )
    investigator.wait_for_selector(error_under_field)
    shoot(investigator, "upload-refused")
    error = investigator.inner_text(error_under_field)
    assert "PDF, JPEG, PNG, DOCX, XLSX" in error
    assert investigator.input_value("textarea[name=description]") == DESCRIPTION
    assert investigator.inner_text("[data-testid=state]") == "Đang xác minh"
    assert not Attachment.objects.exists()

    # The same form, now with a real PDF: listed on the case page.
    choose(investigator, "Biên bản.pdf", PDF, "application/pdf")
    investigator.click("[data-testid=attach]")
    investigator.wait_for_selector("[data-testid=attachment]")
    shoot(investigator, "upload-accepted")
    item = investigator.inner_text("[data-testid=attachment]")
    assert "Biên bản.pdf" in item
    assert DESCRIPTION in item
    attachment = Attachment.objects.get(case=case)
    assert (attachment.original_name, attachment.content_type) == (
        "Biên bản.pdf",
        "application/pdf",
    )
    assert attachment.description == DESCRIPTION
    assert investigator.input_value("textarea[name=description]") == ""
    width_used = investigator.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width + 1, f"the case page is {width_used}px wide at {width}px"

    # The link downloads the very bytes.
    with investigator.expect_download() as download:
        investigator.click("[data-testid=attachment-download]")
    assert download.value.suggested_filename == "Biên bản.pdf"
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == PDF
