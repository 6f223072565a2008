"""What the lists do not show, the door does not open; free text never carries the denouncer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.choices import Kind, Role, State
from casework.models import CaseEvent
from permissions.identity import denouncer_identity_visible
from permissions.roles import user_set_roles
from tests.workflows.test_attachments import PDF
from workflows.errors import CaseNotFound, InvalidPayload
from workflows.forms import AssignForm
from workflows.services.attachments import attachment_add


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def api_for(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_an_investigator_who_lost_the_role_can_no_longer_act_on_the_case(world):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    events = CaseEvent.objects.filter(case=case).count()
    user_set_roles(user=world.investigator, roles=[])
    response = api_for(world.investigator).post(
        f"/api/v1/cases/{case.pk}/transitions/record_findings/",
        {"findings": "Đã xác minh."},
        format="json",
    )
    assert response.status_code == 404
    with pytest.raises(CaseNotFound):
        attachment_add(
            case_id=case.pk, actor=world.investigator, upload=SimpleUploadedFile("a.pdf", PDF)
        )
    case.refresh_from_db()
    assert case.state == State.ASSIGNED
    assert CaseEvent.objects.filter(case=case).count() == events
    user_set_roles(user=world.investigator, roles=[Role.INVESTIGATOR])


def test_a_registrar_who_is_no_longer_an_intake_officer_no_longer_sees_the_denouncer(world):
    case = world.register(kind=Kind.DENUNCIATION)
    assert denouncer_identity_visible(world.intake, case)
    user_set_roles(user=world.intake, roles=[Role.AUDITOR])
    assert not denouncer_identity_visible(world.intake, case)
    user_set_roles(user=world.intake, roles=[Role.INTAKE_OFFICER])


def test_the_api_answers_an_act_that_takes_the_case_away_from_its_actor(world):
    case = world.register()
    response = api_for(world.supervisor).post(
        f"/api/v1/cases/{case.pk}/transitions/move/",
        {"to_unit": "COMM", "reason": "Thuộc thẩm quyền của xã."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "received"


@pytest.mark.parametrize(
    ("action", "field", "text"),
    [
        ("suspend", "reason", "Chờ ông Nguyễn Văn An bổ sung tài liệu."),
        ("suspend", "reason", "Chờ người tố cáo (CCCD 001 204 012 345) bổ sung."),
        ("extend", "reason", "Người tố cáo (SĐT 0912.345.678) bổ sung nội dung mới."),
    ],
)
def test_a_text_naming_the_denouncer_is_refused_to_who_knows_them(world, action, field, text):
    case = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION, is_complex=True)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, action, **{field: text})
    assert "Art. 56" in refused.value.errors[field][0]
    # The same words on a complaint are fine: the complainant is not a secret.
    complaint = world.case_in(State.ACCEPTED, is_complex=True)
    if action != "extend":
        world.perform(complaint, action, **{field: text})


@pytest.mark.parametrize(
    ("action", "field", "text"),
    [
        ("add_note", "note", "Đã gặp ông NGUYỄN VĂN AN tại nhà."),
        ("record_findings", "findings", "Người tố cáo (SĐT 0912.345.678) xác nhận nội dung."),
    ],
)
def test_an_investigators_text_is_judged_like_any_other(world, action, field, text):
    # The investigator does not know the denouncer: refusing their text because it names
    # them would tell them who it is (issue 15). Their text is taken like any other.
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    world.perform(case, action, **{field: text})


def test_registration_keeps_the_denouncer_out_of_the_subject_and_content(world):
    with pytest.raises(InvalidPayload) as refused:
        world.register(kind=Kind.DENUNCIATION, content="Tôi là Nguyễn Văn An, xin giữ bí mật.")
    assert set(refused.value.errors) == {"content"}
    world.register(kind=Kind.DENUNCIATION, content="Người tố cáo đề nghị giữ bí mật.")


def test_an_attachment_description_naming_the_denouncer_must_be_marked_identifying(world):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)

    def attach(**extra):
        return attachment_add(
            case_id=case.pk,
            actor=world.supervisor,
            upload=SimpleUploadedFile("don.pdf", PDF),
            description="Đơn của ông Nguyễn Văn An",
            **extra,
        )

    with pytest.raises(InvalidPayload) as refused:
        attach()
    assert "description" in refused.value.errors
    assert attach(identifying=True).identifying


def test_an_anonymous_denunciation_names_no_one_but_the_accused(world):
    with pytest.raises(InvalidPayload) as refused:
        world.register(
            kind=Kind.DENUNCIATION,
            anonymous=True,
            parties=[{"full_name": "Trần Văn Đại Diện", "role": "representative"}],
        )
    assert "parties" in refused.value.errors
    world.register(
        kind=Kind.DENUNCIATION,
        anonymous=True,
        parties=[{"full_name": "Lê Văn Bị Tố", "role": "accused"}],
    )


def test_the_registrar_is_never_the_verifier_of_a_denunciation(world):
    user_set_roles(user=world.intake, roles=[Role.INTAKE_OFFICER, Role.INVESTIGATOR])
    try:
        denunciation = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION)
        complaint = world.case_in(State.ACCEPTED)
        assert world.intake not in AssignForm(case=denunciation).fields["assignee"].queryset
        assert world.intake in AssignForm(case=complaint).fields["assignee"].queryset
    finally:
        user_set_roles(user=world.intake, roles=[Role.INTAKE_OFFICER])


def test_pages_and_answers_that_may_show_an_identity_are_never_cached(client, world):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    client.force_login(world.supervisor)
    for url in (f"/cases/case/{case.pk}/detail/", f"/cases/case/{case.pk}/act/suspend/"):
        assert "no-store" in client.get(url)["Cache-Control"]
    answer = api_for(world.supervisor).get(f"/api/v1/cases/{case.pk}/")
    assert "no-store" in answer["Cache-Control"]
