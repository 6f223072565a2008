"""Evidence attachments: recognised by content, stored under random names, served only to
those who may see the case, and recorded in the case's trail."""

import hashlib
import io
import re
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casework.choices import State
from casework.models import Attachment, CaseEvent
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.services.attachments import attachment_add, attachment_name_clean

# Minimal real files, built here.

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes() -> bytes:
    def chunk(kind, data):
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # filter byte, one red pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    from PIL import Image  # WeasyPrint's dependency

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def ooxml(main_type: str, parts: dict[str, str]) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{next(iter(parts))}" ContentType="{main_type}"/>'
        "</Types>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/officeDocument" Target="{next(iter(parts))}"/></Relationships>',
        )
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def docx_bytes(main_type=DOCX_MAIN) -> bytes:
    body = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Biên bản</w:t></w:r></w:p>'
    return ooxml(main_type, {"word/document.xml": body + "</w:body></w:document>"})


def xlsx_bytes() -> bytes:
    return ooxml(
        XLSX_MAIN,
        {
            "xl/workbook.xml": f'<workbook xmlns="{S}"><sheets><sheet name="A" sheetId="1" '
            'r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"/></sheets></workbook>',
            "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{S}"><sheetData/></worksheet>',
        },
    )


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALLOWED = {
    "pdf": (PDF, "application/pdf", ".pdf"),
    "png": (png_bytes(), "image/png", ".png"),
    "jpeg": (jpeg_bytes(), "image/jpeg", ".jpg"),
    "docx": (docx_bytes(), DOCX_TYPE, ".docx"),
    "xlsx": (xlsx_bytes(), XLSX_TYPE, ".xlsx"),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media):
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def upload(client, case, content, name="evidence", description="", content_type=None):
    file = SimpleUploadedFile(name, content, content_type=content_type or "application/pdf")
    return client.post(
        f"/cases/case/{case.pk}/attachments/add/", {"file": file, "description": description}
    )


def add(world, case, content=PDF, name="scan.pdf", actor=None, description=""):
    return attachment_add(
        case_id=case.pk,
        actor=actor or world.supervisor,
        upload=SimpleUploadedFile(name, content),
        description=description,
    )


@pytest.mark.parametrize("kind", list(ALLOWED))
def test_each_allowed_type_is_recognised_by_its_content(client, world, media, kind):
    content, content_type, extension = ALLOWED[kind]
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    # No extension and a misleading browser type: only the bytes can tell.
    response = upload(client, case, content, name="evidence", content_type="text/plain")
    assert response.status_code == 302
    assert response["Location"] == f"/cases/case/{case.pk}/detail/"
    attachment = Attachment.objects.get(case=case)
    assert attachment.content_type == content_type
    assert attachment.file.name.endswith(extension)
    assert (media / attachment.file.name).read_bytes() == content


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,  # Windows .exe
        b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
        b"<html><script>alert(1)</script>%PDF-1.4</html>",
        b"  %PDF-1.4 leading blanks are not a PDF header",
        b"PK\x03\x04 not really a zip",
        b"\xff\xd8\xff",
        b"GIF89a\x01\x00\x01\x00",
    ],
    ids=["exe", "elf", "html", "late-header", "broken-zip", "jpeg-start-only", "gif"],
)
def test_a_file_named_pdf_that_is_not_one_is_refused(client, world, media, content):
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    response = upload(client, case, content, name="x.pdf", content_type="application/pdf")
    assert response.status_code == 400
    html = response.content.decode()
    assert "PDF, JPEG, PNG, DOCX, XLSX" in html
    assert not Attachment.objects.exists()
    assert stored_files(media) == []
    case.refresh_from_db()
    assert case.event_count == 2


def test_a_macro_enabled_document_or_a_plain_zip_is_refused(world):
    case = world.case_in(State.ACCEPTED)
    docm = docx_bytes(main_type="application/vnd.ms-word.document.macroEnabled.main+xml")
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")  # a zip without [Content_Types].xml
    for content in (docm, plain.getvalue()):
        with pytest.raises(InvalidPayload) as refused:
            add(world, case, content, name="bien-ban.docx")
        assert list(refused.value.errors) == ["file"]
    assert not Attachment.objects.exists()


def test_a_png_named_docx_is_stored_and_served_as_a_png(client, world, media):
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    assert upload(client, case, png_bytes(), name="ảnh hiện trường.docx").status_code == 302
    attachment = Attachment.objects.get(case=case)
    assert attachment.content_type == "image/png"
    assert attachment.file.name.endswith(".png")
    response = client.get(f"/cases/case/{case.pk}/attachments/{attachment.pk}/")
    assert response["Content-Type"] == "image/png"
    # Offered with the extension of what it is, so it opens as the image it is.
    offered = "%E1%BA%A3nh%20hi%E1%BB%87n%20tr%C6%B0%E1%BB%9Dng.docx.png"
    assert f"filename*=utf-8''{offered}" in response["Content-Disposition"]


def test_an_oversized_file_is_refused_with_the_limit(client, world, media, settings):
    settings.CASEWORK_ATTACHMENT_MAX_MB = 1
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    big = PDF + b"0" * (1024 * 1024)
    response = upload(client, case, big, name="big.pdf", description="bản chụp")
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 1 MB" in html
    assert "bản chụp" in html
    assert not Attachment.objects.exists()
    assert stored_files(media) == []
    # Just under the limit is taken.
    fits = PDF + b"0" * (1024 * 1024 - len(PDF))
    assert upload(client, case, fits, name="fits.pdf").status_code == 302
    assert Attachment.objects.get().size == 1024 * 1024


def test_a_file_too_large_to_keep_in_memory_is_stored_whole(client, world, media, settings):
    # Past FILE_UPLOAD_MAX_MEMORY_SIZE Django spools the upload to a temporary file.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    content = PDF + bytes(range(256)) * 64
    assert upload(client, case, content, name="scan.pdf").status_code == 302
    attachment = Attachment.objects.get()
    assert (media / attachment.file.name).read_bytes() == content
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()


def test_the_door_refuses_an_oversized_file_from_any_caller(world, settings):
    settings.CASEWORK_ATTACHMENT_MAX_MB = 1
    case = world.case_in(State.ACCEPTED)
    with pytest.raises(InvalidPayload) as refused:
        add(world, case, PDF + b"0" * (1024 * 1024))
    assert refused.value.errors["file"] == ["The file is too large: at most 1 MB is accepted."]


def test_an_empty_file_is_refused(client, world, media):
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    response = upload(client, case, b"", name="empty.pdf")
    assert response.status_code == 400
    assert "The file is empty." in response.content.decode()
    assert not Attachment.objects.exists()


def test_no_file_is_refused(client, world):
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    response = client.post(
        f"/cases/case/{case.pk}/attachments/add/", {"description": "quên chọn tệp"}
    )
    assert response.status_code == 400
    assert "Choose a file to attach." in response.content.decode()


def test_stored_names_are_random_and_never_the_users(world, media):
    case = world.case_in(State.ACCEPTED)
    first = add(world, case, name="Biên bản xác minh.pdf")
    second = add(world, case, name="Biên bản xác minh.pdf")
    for attachment in (first, second):
        assert re.fullmatch(r"attachments/[0-9a-f]{2}/[0-9a-f]{32}\.pdf", attachment.file.name)
        assert attachment.original_name == "Biên bản xác minh.pdf"
    assert first.file.name != second.file.name
    assert [p.name for p in stored_files(media)] == sorted(
        [first.file.name.rsplit("/", 1)[1], second.file.name.rsplit("/", 1)[1]]
    )


def test_the_users_file_name_is_cleaned():
    assert attachment_name_clean("C:\\Users\\an\\Desktop\\đơn.pdf") == "đơn.pdf"
    assert attachment_name_clean("../../etc/passwd") == "passwd"
    # A right-to-left override would show "annexe.pdf" for a file named "annexe\u202efdp.exe".
    assert attachment_name_clean("annexe\u202efdp.exe") == "annexefdp.exe"
    assert attachment_name_clean("a\x00b\n c.pdf") == "ab c.pdf"
    long = attachment_name_clean("x" * 300 + ".pdf")
    assert len(long) == 255 and long.endswith(".pdf")
    assert attachment_name_clean(" .. ") == "attachment"


@pytest.mark.parametrize("who", ["supervisor", "investigator", "auditor", "admin"])
def test_who_may_see_the_case_downloads_the_exact_bytes(client, world, who):
    case = world.case_in(State.ASSIGNED)
    attachment = add(world, case, PDF, name="Biên bản.pdf", actor=world.investigator)
    client.force_login(getattr(world, who))
    response = client.get(f"/cases/case/{case.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Bi%C3%AAn%20b%E1%BA%A3n.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["other_supervisor", "other_investigator", "investigator2"])
def test_who_may_not_see_the_case_gets_404(client, world, who):
    case = world.case_in(State.ASSIGNED)
    attachment = add(world, case)
    client.force_login(getattr(world, who))
    assert client.get(f"/cases/case/{case.pk}/attachments/{attachment.pk}/").status_code == 404
    response = upload(client, case, PDF, name="x.pdf")
    assert response.status_code == 404
    assert Attachment.objects.count() == 1


def test_an_attachment_is_found_only_under_its_own_case(client, world):
    case = world.case_in(State.ACCEPTED)
    other = world.case_in(State.ACCEPTED)
    attachment = add(world, case)
    client.force_login(world.supervisor)
    assert client.get(f"/cases/case/{other.pk}/attachments/{attachment.pk}/").status_code == 404


def test_anonymous_users_go_to_the_login_page(client, world):
    case = world.case_in(State.ACCEPTED)
    attachment = add(world, case)
    for response in (
        client.get(f"/cases/case/{case.pk}/attachments/{attachment.pk}/"),
        upload(client, case, PDF, name="x.pdf"),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    assert Attachment.objects.count() == 1


def test_media_is_not_served_by_url(client, world):
    case = world.case_in(State.ACCEPTED)
    attachment = add(world, case)
    client.force_login(world.supervisor)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_a_refused_upload_keeps_the_description_and_says_why_by_the_field(client, world):
    case = world.case_in(State.ACCEPTED)
    client.force_login(world.supervisor)
    typed = "Ảnh chụp hiện trường ngày 12/11, do ông Tám cung cấp"
    response = upload(client, case, b"GIF89a....", name="anh.png", description=typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert case.reference in html  # the case page again, not a bare error
    field = re.search(r"<vf-field-file[^>]*>", html).group(0)
    assert 'name="file"' in field
    assert 'error="This type of file is not accepted.' in field
    textarea = re.search(r'<vf-field-textarea[^>]*name="description"[^>]*>', html).group(0)
    assert f'value="{typed}"' in textarea


def test_the_event_is_in_the_timeline_and_the_trail_verifies(client, world, capsys):
    case = world.case_in(State.ASSIGNED)
    client.force_login(world.investigator)
    response = upload(client, case, PDF, name="Biên bản.pdf", description="Làm việc với UBND xã")
    assert response.status_code == 302
    attachment = Attachment.objects.get(case=case)
    event = CaseEvent.objects.filter(case=case).latest("seq")
    assert event.action == "ATTACHMENT_ADDED"
    assert event.actor == world.investigator
    assert (event.from_state, event.to_state) == (State.ASSIGNED, State.ASSIGNED)
    assert {k: v for k, v in event.payload.items() if k != "texts"} == {
        "attachment": attachment.pk,
        "sha256": attachment.sha256,
        "size": len(PDF),
        "content_type": "application/pdf",
    }
    assert "Biên bản" not in str(event.payload) and "UBND" not in str(event.payload)
    assert event.texts == {"file_name": "Biên bản.pdf", "description": "Làm việc với UBND xã"}
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    case.refresh_from_db()
    assert (case.event_count, case.audit_head) == (event.seq, event.hash)
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    timeline = re.search(r'data-testid="timeline">(.*?)</ol>', html, re.S).group(1)
    assert "Attachment added" in timeline and "Làm việc với UBND xã" in timeline
    call_command("verify_audit", reference=case.reference)
    assert "intact" in capsys.readouterr().out
    call_command("verify_audit")


def test_a_closed_case_takes_no_attachment(client, world, media):
    case = world.case_in(State.RESOLVED)
    client.force_login(world.supervisor)
    page = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert 'data-testid="attachment-form"' not in page
    response = upload(client, case, PDF, name="x.pdf")
    assert response.status_code == 409
    assert 'data-testid="attachment-errors"' in response.content.decode()
    with pytest.raises(StateConflict):
        add(world, case)
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_who_sees_but_may_not_attach_gets_403(client, world, media):
    case = world.case_in(State.ASSIGNED)
    client.force_login(world.auditor)
    page = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    assert 'data-testid="attachments"' in page
    assert 'data-testid="attachment-form"' not in page
    assert upload(client, case, PDF, name="x.pdf").status_code == 403
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_the_assignee_attaches_until_reassigned(world):
    case = world.case_in(State.ASSIGNED)
    assert add(world, case, actor=world.investigator).uploaded_by == world.investigator
    world.perform(case, "assign")  # to inv2
    with pytest.raises(CaseNotFound):
        add(world, case, actor=world.investigator)
    assert add(world, case, actor=world.investigator2).uploaded_by == world.investigator2
    with pytest.raises(ActionForbidden):
        add(world, case, actor=world.auditor)


def test_a_failure_after_storing_removes_the_file(world, media, monkeypatch):
    case = world.case_in(State.ACCEPTED)

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("workflows.services.attachments.event_append", broken)
    with pytest.raises(RuntimeError):
        add(world, case)
    assert stored_files(media) == []
    assert not Attachment.objects.exists()


def test_the_upload_form_checks_the_csrf_token(world):
    case = world.case_in(State.ACCEPTED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.supervisor)
    assert upload(client, case, PDF, name="x.pdf").status_code == 403
    page = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/cases/case/{case.pk}/attachments/add/",
        {"file": SimpleUploadedFile("x.pdf", PDF), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Attachment.objects.count() == 1


def test_the_case_page_lists_attachments_at_a_constant_number_of_queries(client, world):
    case = world.case_in(State.ASSIGNED)
    client.force_login(world.supervisor)
    url = f"/cases/case/{case.pk}/detail/"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        return len(queries), html.count('data-testid="attachment"')

    add(world, case, actor=world.investigator)
    few, shown = count()
    assert shown == 1
    for uploader in [world.supervisor, world.investigator] * 3:
        add(world, case, actor=uploader)
    many, shown = count()
    assert shown == 7
    assert many == few


def test_the_case_page_shows_each_attachment(client, world):
    case = world.case_in(State.ASSIGNED)
    attachment = add(world, case, png_bytes(), name="ảnh.png", description="Ảnh hiện trường")
    client.force_login(world.investigator)
    html = client.get(f"/cases/case/{case.pk}/detail/").content.decode()
    item = re.search(r'data-testid="attachment">(.*?)</li>', html, re.S).group(1)
    assert f"/cases/case/{case.pk}/attachments/{attachment.pk}/" in item
    for shown in ("ảnh.png", "PNG image", "bytes", "sup", "Ảnh hiện trường"):
        assert shown in item
    assert 'data-testid="attachment-form"' in html
