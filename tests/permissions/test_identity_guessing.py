"""A denouncer's identity cannot be confirmed by guessing (issue 15, point 2).

An outside tester, as the assigned investigator, sent notes holding candidate names: a match
answered 400 "keep the denouncer's identity out", a miss 409 or 200, and halving a list of 800
names found the denouncer in 11 requests. The answer to a request must never depend on a
secret the caller may not see: whoever may not see the denouncer gets the same answer for the
real name and for a decoy, through the API, the pages and the attachment form, on an open
and on a resolved case. Whoever may see them (the registering officer, the supervisors) is
still kept from writing them into a shared text, however they are spelled.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.choices import Kind, State
from casework.models import Attachment, CaseEvent
from tests.workflows.test_attachments import PDF
from workflows.errors import InvalidPayload
from workflows.services.identity import DenouncerSecrets

REAL = "Nguyễn Văn An"  # the denouncer of ``world.register``
DECOY = "Trần Thị Bích"
ZWSP = "\u200b"

#: Each of these texts names the denouncer, each in another way.
NAMING = [
    "Đã gặp ông Nguyễn Văn An tại nhà.",
    "Đã gặp ông NGUYỄN VĂN AN tại nhà.",
    "Đã gặp ông An Nguyễn Văn tại nhà.",  # the words in another order
    "Đã gặp ông Văn, An Nguyễn tại nhà.",
    f"Đã gặp ông Nguy{ZWSP}ễn Văn{ZWSP} An tại nhà.",  # zero-width characters inside
    "Đã gặp ông Nguyen Van An tại nhà.",  # without diacritics
    "Đã gặp ông Ｎｇｕｙễｎ Văn An tại nhà.",  # full-width letters (NFKC)
    "Đã gặp ông Nguye\u0302\u0303n Va\u0306n An tại nhà.",  # decomposed diacritics
    "CCCD 001 204 012 345 của người tố cáo.",
    "CCCD 001.204.012.345 của người tố cáo.",
    "SĐT 0912.345.678 của người tố cáo.",
    "SĐT (+84) 912 345 678 của người tố cáo.",
    "SĐT ０９１２３４５６７８ của người tố cáo.",
    f"SĐT 0912{ZWSP}345{ZWSP}678 của người tố cáo.",
]
#: ... and these do not.
NOT_NAMING = [
    "Đã gặp ông Nguyễn Văn Bình tại nhà.",
    "Ông Nguyễn là trưởng thôn, ông An là công an xã, Văn phòng xã đã có ý kiến.",
    "Quyết định số 12/QĐ-UBND ngày 05/12/2026.",
    "Điện thoại của UBND xã: 0263 3822 111.",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def api_for(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="vi")
    return client


def page_for(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(user)
    return client


def note(name):
    return f"Đã làm việc với ông {name} tại nhà, CCCD 001204012345, SĐT 0912345678."


def decoy_note(name):
    return f"Đã làm việc với ông {name} tại nhà, CCCD 079188001122, SĐT 0988111222."


def strip_echo(text: str, *echoes: str) -> str:
    """A page without what the user typed (echoed back in the form) and per-response tokens."""
    for echo in echoes:
        text = text.replace(echo, "«typed»")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'csrf[^"]*"[^"]*"', "", text)


def comparable_headers(response) -> dict:
    skip = {"date", "expires", "set-cookie", "content-length"}
    return {k.lower(): v for k, v in response.headers.items() if k.lower() not in skip}


@pytest.fixture
def cases(world):
    open_case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    resolved = world.case_in(State.RESOLVED, kind=Kind.DENUNCIATION)
    assert resolved.assignee_id == world.investigator.pk
    return {"open": open_case, "resolved": resolved}


@pytest.mark.parametrize("which", [State.ASSIGNED, State.RESOLVED])
@pytest.mark.parametrize(
    ("action", "field"), [("add_note", "note"), ("record_findings", "findings")]
)
def test_the_api_answers_the_investigator_alike_for_the_real_name_and_a_decoy(
    world, which, action, field
):
    answers = []
    for text in (note(REAL), decoy_note(DECOY)):
        case = world.case_in(which, kind=Kind.DENUNCIATION)  # the same case, afresh
        response = api_for(world.investigator).post(
            f"/api/v1/cases/{case.pk}/transitions/{action}/", {field: text}, format="json"
        )
        # The answer is the case (or the refusal): the same but for its own numbers (its id,
        # reference, documents' numbers, dates), every digit masked.
        body = re.sub(r"\d", "0", response.content.decode())
        answers.append((response.status_code, body, comparable_headers(response)))
    assert answers[0] == answers[1]
    assert answers[0][0] == (409 if which == State.RESOLVED else 200)
    assert answers[0][0] != 400


def test_a_body_that_cannot_be_read_is_answered_after_the_state(world, cases):
    # The body is read at the door's 400 step: on a resolved case, 409 whatever the body.
    client = api_for(world.investigator)
    url = f"/api/v1/cases/{cases['resolved'].pk}/transitions/add_note/"
    response = client.post(url, data="{not json", content_type="application/json")
    assert response.status_code == 409
    other = world.register(kind=Kind.DENUNCIATION, actor=world.other_intake)
    url = f"/api/v1/cases/{other.pk}/transitions/add_note/"
    assert client.post(url, data="{not json", content_type="application/json").status_code == 404


@pytest.mark.parametrize("which", ["open", "resolved"])
def test_the_note_page_answers_the_investigator_alike_for_the_real_name_and_a_decoy(
    world, cases, which
):
    case = cases[which]
    client = page_for(world.investigator)
    answers = []
    for text in (note(REAL), decoy_note(DECOY)):
        response = client.post(f"/cases/case/{case.pk}/act/add_note/", {"note": text})
        content = response.content.decode() if response.status_code != 302 else response.url
        answers.append(
            (
                response.status_code,
                strip_echo(content, note(REAL), decoy_note(DECOY)),
                comparable_headers(response),
            )
        )
    assert answers[0] == answers[1]
    assert answers[0][0] == (409 if which == "resolved" else 302)
    assert "Điều 56" not in answers[0][1] and "Art. 56" not in answers[0][1]


@pytest.mark.parametrize("which", ["open", "resolved"])
def test_the_attachment_form_answers_the_investigator_alike_for_the_real_name_and_a_decoy(
    world, cases, which
):
    case = cases[which]
    client = page_for(world.investigator)
    answers = []
    for name, text in ((REAL, note(REAL)), (DECOY, decoy_note(DECOY))):
        response = client.post(
            f"/cases/case/{case.pk}/attachments/add/",
            {"file": SimpleUploadedFile(f"don-{name}.pdf", PDF), "description": text},
        )
        content = response.content.decode() if response.status_code != 302 else response.url
        answers.append(
            (
                response.status_code,
                strip_echo(content, note(REAL), decoy_note(DECOY)),
                comparable_headers(response),
            )
        )
    assert answers[0][0] == answers[1][0] == (409 if which == "resolved" else 302)
    assert answers[0] == answers[1]
    stored = Attachment.objects.filter(case=case).count()
    assert stored == (0 if which == "resolved" else 2)


def test_an_investigator_on_a_resolved_case_gets_409_whatever_the_text(world, cases):
    # The state wins over the fields: an empty note, a note naming the denouncer, a decoy.
    case = cases["resolved"]
    client = api_for(world.investigator)
    for body in ({}, {"note": ""}, {"note": note(REAL)}, {"note": decoy_note(DECOY)}):
        response = client.post(
            f"/api/v1/cases/{case.pk}/transitions/add_note/", body, format="json"
        )
        assert response.status_code == 409, (body, response.content)


@pytest.mark.parametrize("text", NAMING)
def test_the_registrar_is_refused_a_subject_naming_the_denouncer_however_spelled(world, text):
    events = CaseEvent.objects.count()
    with pytest.raises(InvalidPayload) as refused:
        world.register(kind=Kind.DENUNCIATION, content=text)
    assert set(refused.value.errors) == {"content"}
    assert CaseEvent.objects.count() == events


@pytest.mark.parametrize("text", NAMING)
def test_the_supervisor_is_refused_a_reason_naming_the_denouncer_however_spelled(world, text):
    case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "suspend", reason=text)
    assert set(refused.value.errors) == {"reason"}


@pytest.mark.parametrize("text", NOT_NAMING)
def test_texts_that_do_not_name_the_denouncer_pass(world, text):
    world.register(kind=Kind.DENUNCIATION, content=text)


def test_the_registrar_is_refused_through_the_api_with_reversed_words_and_a_zero_width_space(
    world,
):
    body = {
        "kind": "denunciation",
        "channel": "in_person",
        "subject": "Tố cáo cán bộ địa chính",
        "content": f"Người tố cáo là ông An Nguy{ZWSP}ễn Văn, đề nghị giữ bí mật.",
        "petitioners": [{"full_name": REAL, "id_number": "001204012345"}],
    }
    response = api_for(world.intake).post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"content"}


def test_an_address_is_found_as_written_and_its_house_and_street(world):
    secrets = DenouncerSecrets()
    secrets.add(full_name=REAL, address="Số 12 đường Lê Lợi, phường Xuân Hương, tỉnh Lâm Đồng")
    assert secrets.found_in("Người tố cáo ở số 12 đường Lê Lợi.")
    assert secrets.found_in("ở so 12 duong Le Loi, phuong Xuan Huong, tinh Lam Dong")
    assert not secrets.found_in("Trụ sở ở đường Lê Lợi, phường Xuân Hương.")


def test_the_registrar_cannot_hide_the_address_in_the_content(world):
    with pytest.raises(InvalidPayload) as refused:
        world.register(
            kind=Kind.DENUNCIATION,
            content="Liên hệ tại Số 12, Đường Lê-Lợi phường Xuân Hương để xác minh.",
            parties=[{"full_name": REAL, "address": "Số 12 đường Lê Lợi, phường Xuân Hương"}],
        )
    assert set(refused.value.errors) == {"content"}


def test_findings_naming_the_denouncer_never_reach_the_conclusion_sent_to_the_accused(
    world, django_capture_on_commit_callbacks
):
    # The investigator's text is taken (a refusal would tell them who the denouncer is); the
    # supervisor, who knows the denouncer and issues the conclusion, is stopped before it prints
    # them for the accused, and returns the findings for rework.
    from casework.models import Document
    from tests.workflows.test_notices import pdf_text

    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    world.perform(case, "record_findings", findings=f"Đã làm việc với ông {REAL} tại nhà.")
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "resolve")
    assert set(refused.value.errors) == {"findings"}
    assert not Document.objects.filter(case=case, kind="denunciation_conclusion").exists()
    world.perform(case, "return_for_rework", reason="Bỏ những gì làm lộ người tố cáo.")
    world.perform(case, "record_findings", findings="Đã làm việc với người tố cáo tại nhà.")
    with django_capture_on_commit_callbacks(execute=True):
        world.perform(case, "resolve")
    conclusion = Document.objects.get(case=case, kind="denunciation_conclusion")
    text = pdf_text(conclusion)
    assert "Đã làm việc với người tố cáo tại nhà." in " ".join(text.split())
    assert "Nguyễn" not in text and "Nguyen" not in text


def test_only_who_knows_the_denouncer_issues_the_conclusion(world):
    # A superuser holds every permission but may not see the denouncer: they could not check
    # that the conclusion names no one, so they may not issue it (whatever the findings say).
    from workflows.errors import ActionForbidden

    case = world.case_in(State.INVESTIGATED, kind=Kind.DENUNCIATION)
    with pytest.raises(ActionForbidden):
        world.perform(case, "resolve", actor=world.admin)
    complaint = world.case_in(State.INVESTIGATED)
    assert world.perform(complaint, "resolve", actor=world.admin).state == State.RESOLVED
