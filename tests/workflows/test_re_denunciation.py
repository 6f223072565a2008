"""A re-denunciation (tố cáo tiếp, Denunciations Law Art. 37; issue 16, point 6): made to the
superior of who concluded, it refers to the disputed conclusion and is reviewed within 20 days
of its receipt (DOMAIN.md): the superior either finds the earlier resolution lawful and does
not resolve it again, telling the denouncer, or accepts it and resolves it again."""

from datetime import date

import pytest

from casework.choices import Kind, Procedure, ReDenunciationGrounds, State
from casework.models import Case, Clock, Document, Unit
from tests.workflows.test_notices import pdf_text
from workflows.errors import InvalidPayload, StateConflict

D = date
PARTIES = [
    {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
    {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính xã"},
]


def re_denunciation(world, received_on=None, **extra):
    return world.register(
        kind=Kind.DENUNCIATION,
        round=2,
        previous_case=extra.pop("previous_case", "Kết luận số 12/KL-UBND"),
        received_on=received_on or D(2026, 11, 3),
        parties=PARTIES,
        subject="Tố cáo tiếp việc cấp giấy chứng nhận sai đối tượng",
        **extra,
    )


def test_the_superior_reviews_a_re_denunciation_within_20_days_of_its_receipt(world):
    case = re_denunciation(world)
    acceptance = Clock.objects.get(case=case, stage="acceptance")
    # 20 days from Tuesday 3 November 2026: Monday 23 November (counted by hand).
    assert (acceptance.period, acceptance.unit, acceptance.due_on) == (
        20,
        "calendar_days",
        D(2026, 11, 23),
    )
    assert "Art. 37" in acceptance.rule.basis
    assert "Điều 37 Luật Tố cáo" in acceptance.rule.basis_vi
    assert case.next_due_on == D(2026, 11, 23)
    # The check of Art. 24(1) is not extended: the review has its own period.
    with pytest.raises(StateConflict) as refused:
        world.perform(case, "extend_check", on=D(2026, 11, 4))
    assert "Art. 37" in str(refused.value.detail)


def test_the_earlier_resolution_upheld_is_not_resolved_again_and_the_denouncer_is_told(
    world, django_capture_on_commit_callbacks
):
    case = re_denunciation(world)
    with pytest.raises(InvalidPayload) as refused:
        world.perform(case, "reject", on=D(2026, 11, 10), grounds="Không có căn cứ")
    assert "grounds" in refused.value.errors  # only the ground Art. 37 gives
    with django_capture_on_commit_callbacks(execute=True):
        case = world.perform(
            case, "reject", on=D(2026, 11, 10), grounds=ReDenunciationGrounds.EARLIER_LAWFUL
        )
    assert case.state == State.REJECTED and case.next_due_on is None
    acceptance = Clock.objects.get(case=case, stage="acceptance")
    assert acceptance.met_on == D(2026, 11, 10)
    notice = Document.objects.get(case=case, kind="non_acceptance_notice")
    text = pdf_text(notice)
    assert "Về việc không giải quyết lại tố cáo" in text
    assert "đơn tố cáo tiếp" in text and "(Kết luận số 12/KL-UBND)" in text
    assert "Việc giải quyết tố cáo trước đó là đúng pháp luật" in text
    # It goes to the denouncer, never to the accused: nothing but the notice is issued (the
    # content notice and the conclusion are the only documents for the accused, Arts. 29
    # and 35), and the notice names no accused among its recipients.
    assert list(Document.objects.filter(case=case).values_list("kind", flat=True)) == [
        "non_acceptance_notice"
    ]
    assert "Người tố cáo" in text.split("Nơi nhận")[1]
    assert "Lê Văn Bình" not in text.split("Nơi nhận")[1]
    assert "Căn cứ Điều 37 Luật Tố cáo ngày 12 tháng 6 năm 2018" in text


def test_a_re_denunciation_resolved_again_is_accepted_into_the_denunciation_procedure(world):
    case = re_denunciation(world)
    case = world.perform(case, "accept", on=D(2026, 11, 16))
    assert case.procedure == Procedure.DENUNCIATION and case.state == State.ACCEPTED
    assert list(Document.objects.filter(case=case).values_list("kind", flat=True)) == [
        "denunciation_acceptance_decision"
    ]
    resolution = Clock.objects.get(case=case, stage="resolution")
    # Resolved again in the denunciation's 30 days (Art. 30), from the decision to accept.
    assert (resolution.period, resolution.started_on) == (30, D(2026, 11, 16))


def test_a_re_denunciation_names_the_conclusion_and_goes_to_the_superior(world):
    with pytest.raises(InvalidPayload) as refused:
        world.register(kind=Kind.DENUNCIATION, round=2, parties=PARTIES)
    assert "Art. 37" in refused.value.errors["previous_case"][0]
    with pytest.raises(InvalidPayload) as refused:
        re_denunciation(world, appeal_from=D(2026, 11, 20))
    assert "appeal_from" in refused.value.errors
    with pytest.raises(InvalidPayload) as refused:
        world.register(kind=Kind.PETITION, round=2, previous_case="12/KL-UBND")
    assert "Art. 37" in refused.value.errors["round"][0]
    # Concluded here: the unit that concluded does not review its own conclusion.
    concluded = world.case_in(State.RESOLVED, kind=Kind.DENUNCIATION, parties=PARTIES)
    with pytest.raises(InvalidPayload) as refused:
        re_denunciation(world, previous_case=concluded.reference)
    assert "superior" in refused.value.errors["previous_case"][0]
    # Not a concluded denunciation: refused with a field message.
    open_one = world.case_in(State.ACCEPTED, kind=Kind.DENUNCIATION, parties=PARTIES)
    with pytest.raises(InvalidPayload) as refused:
        re_denunciation(world, previous_case=open_one.reference)
    assert "not a concluded denunciation" in refused.value.errors["previous_case"][0]
    # At the superior, the conclusion of the unit below is linked.
    top, _chairman = world.province()
    again = re_denunciation(
        world, previous_case=concluded.reference, unit=top.code, actor=world.admin
    )
    assert (again.round, again.previous_case, again.unit) == (2, concluded, top)


def test_a_re_denunciation_is_decided_above_who_concluded_even_out_of_sight(world):
    top, _chairman = world.province()
    # Concluded by the province's Chairman (the inspectorate handled it): made again with the
    # Chairman as the competent authority, it would be the Chairman reviewing their own.
    concluded = world.case_in(State.RESOLVED, kind=Kind.DENUNCIATION, parties=PARTIES)
    Case.objects.filter(pk=concluded.pk).update(competent_unit=top)  # as if UBT concluded
    with pytest.raises(InvalidPayload) as refused:
        re_denunciation(
            world,
            previous_case=concluded.reference,
            competent_unit="UBT",
            unit="PROV",
            actor=world.admin,
        )
    assert "is not above" in refused.value.errors["previous_case"][0]
    # A conclusion of another unit, out of the registrar's sight: its reference names the
    # unit, and the inspectorate is not above the commune.
    with pytest.raises(InvalidPayload) as refused:
        re_denunciation(world, previous_case="COMM-2026-000007")
    assert "Commune committee" in refused.value.errors["previous_case"][0]
    Unit.objects.filter(pk=world.comm.pk).update(parent=world.prov)
    again = re_denunciation(world, previous_case="COMM-2026-000007")
    assert (again.previous_case, again.previous_reference) == (None, "COMM-2026-000007")


def test_the_disputed_conclusion_named_never_carries_the_denouncers_name(world):
    with pytest.raises(InvalidPayload) as refused:
        re_denunciation(world, previous_case="Kết luận về đơn của Nguyễn Văn An")
    assert "previous_case" in refused.value.errors
