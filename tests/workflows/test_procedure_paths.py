"""Every path of every procedure's table, walked through the door (issue 16, acceptance):
each end reached at least once, and at each step the documents it issued and the state of the
clocks, as written here by hand from the law (DOMAIN.md), not read from the tables."""

from datetime import date

import pytest

from casework.choices import Kind, Procedure, State
from casework.models import Case, Clock, Document
from workflows.procedures import TABLES
from workflows.services.sweep import deadlines_sweep

R, M, S, P = "running", "met", "stopped", "paused"
PARTIES = [
    {"full_name": "Nguyễn Văn An", "id_number": "001204012345"},
    {"full_name": "Lê Văn Bình", "role": "accused", "position": "cán bộ địa chính"},
]
DIFFERS = {"findings": "Đã xác minh.", "demand_differs": True}
#: Letters a body forwarded: that body is told the result once the case ends.
BY_DEPUTY = {
    "channel": "forwarded",
    "forwarded_by": "Đoàn đại biểu Quốc hội tỉnh",
    "forwarder_kind": "deputy",
}
BY_PRESS = {"channel": "forwarded", "forwarded_by": "Báo Lâm Đồng", "forwarder_kind": "press"}
TOLD = ("inform_forwarder", {}, ["forwarder_report"], {"report": M})
#: Once decided: a complaint decision sent within 3 working days (Complaints Law Art. 32), a
#: denunciation's conclusion handled within 7 (Denunciations Law Art. 36).
SENT = ("send_decision", {}, [], {"sending": M})
HANDLED = ("handle_conclusion", {}, [], {"handling": M})

#: (name, kind, registration fields, [(step, payload, documents it issues, clocks after it)]).
#: A step by ``chairman`` is the competent authority's (the case names it).
WALKS = [
    # Letter processing: each way a letter ends there.
    ("letter: not accepted", Kind.COMPLAINT, {}, [
        ("reject", {}, ["non_acceptance_notice"], {"acceptance": M}),
    ]),
    ("letter: transferred", Kind.PETITION, {}, [
        ("transfer", {}, ["transfer_slip"], {"acceptance": M}),
    ]),
    ("letter: filed", Kind.COMPLAINT, {}, [
        ("file", {}, [], {"acceptance": M}),
    ]),
    ("letter: moved, then withdrawn", Kind.PETITION, {}, [
        ("amend", {"is_remote_area": True, "reason": "Sai địa bàn."}, [], {"acceptance": R}),
        ("move", {}, ["transfer_slip"], {"acceptance": R}),
        ("withdraw", {"actor": "other_supervisor"}, [], {"acceptance": S}),
    ]),
    ("letter: a denunciation's check extended, then transferred", Kind.DENUNCIATION, {}, [
        ("extend_check", {}, [], {"acceptance": R}),
        ("transfer", {}, ["transfer_slip"], {"acceptance": M, "transfer": M}),
    ]),
    ("letter: signs of a crime", Kind.DENUNCIATION, {}, [
        ("refer_crime", {}, ["crime_referral"], {"acceptance": M}),
    ]),
    ("letter: a complaint's sender guided", Kind.COMPLAINT, {}, [
        ("guide", {}, ["guidance_slip"], {"acceptance": M}),
    ]),
    ("letter: original papers returned", Kind.PETITION, {}, [
        ("return_papers", {}, ["papers_return"], {"acceptance": M}),
    ]),
    ("letter: joined to the open case it repeats", Kind.COMPLAINT, {}, [
        ("link", {}, [], {"acceptance": M}),
    ]),
    ("letter: split into one case per content", Kind.COMPLAINT, {}, [
        ("split", {}, [], {"acceptance": M}),
    ]),
    ("letter: forwarded by a deputy, not accepted, the deputy told", Kind.COMPLAINT,
     BY_DEPUTY, [
        ("reject", {}, ["non_acceptance_notice"], {"acceptance": M, "report": R}),
        TOLD,
    ]),
    # Complaint, first round: the dialogue where the demand differs, a suspension, rework.
    ("complaint 1: decided after a dialogue", Kind.COMPLAINT, {}, [
        ("accept", {}, ["acceptance_notice"], {"acceptance": M, "resolution": R}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("add_note", {}, [], {"resolution": R}),
        ("suspend", {}, ["suspension_decision"], {"resolution": P}),
        ("resume", {}, ["resumption_decision"], {"resolution": R}),
        ("record_findings", DIFFERS, ["verification_report"], {"resolution": R}),
        ("record_dialogue", {}, ["dialogue_minutes"], {"resolution": R}),
        ("return_for_rework", {}, [], {"resolution": R}),
        ("record_findings", {"demand_differs": False}, ["verification_report"], {"resolution": R}),
        ("amend", {"is_complex": True, "reason": "Phức tạp."}, [], {"resolution": R}),
        ("resolve", {}, ["complaint_decision"],
         {"acceptance": M, "resolution": M, "sending": R}),
        SENT,
    ]),
    ("complaint 1: withdrawn", Kind.COMPLAINT, {}, [
        ("accept", {}, ["acceptance_notice"], {"resolution": R}),
        ("withdraw", {}, ["termination_decision"], {"acceptance": M, "resolution": S}),
    ]),
    ("complaint 1: forwarded by the press, decided, the press told", Kind.COMPLAINT, BY_PRESS, [
        ("accept", {}, ["acceptance_notice"], {"resolution": R}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("resolve", {}, ["complaint_decision"], {"resolution": M, "report": R, "sending": R}),
        SENT,
        TOLD,
    ]),
    ("complaint 1: withdrawn in part, then terminated", Kind.COMPLAINT, {}, [
        ("accept", {}, ["acceptance_notice"], {"resolution": R}),
        ("withdraw_in_part", {}, [], {"resolution": R}),
        ("terminate", {}, ["termination_decision"], {"resolution": S}),
    ]),
    ("complaint 1: decided by the competent authority", Kind.COMPLAINT, {"above": True}, [
        ("accept", {"actor": "chairman"}, ["acceptance_notice"], {"resolution": R}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("return_draft", {"actor": "chairman"}, [], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("approve_decision", {"actor": "chairman"}, ["complaint_decision"],
         {"resolution": M, "sending": R}),
        ("send_decision", {"actor": "chairman"}, [], {"sending": M}),
    ]),
    # Complaint, second round: always a dialogue.
    ("complaint 2: decided", Kind.COMPLAINT, {"round": 2, "previous_case": "12/QĐ-UBND"}, [
        ("accept", {}, ["acceptance_notice"], {"acceptance": M, "resolution": R}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("record_dialogue", {}, ["dialogue_minutes"], {"resolution": R}),
        ("resolve", {}, ["complaint_decision"], {"resolution": M}),
    ]),
    ("complaint 2: decided by the competent authority", Kind.COMPLAINT,
     {"round": 2, "previous_case": "12/QĐ-UBND", "above": True}, [
        ("accept", {"actor": "chairman"}, ["acceptance_notice"], {"resolution": R}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("add_note", {}, [], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("return_for_rework", {}, [], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("amend", {"is_complex": True, "reason": "Phức tạp."}, [], {"resolution": R}),
        ("record_dialogue", {}, ["dialogue_minutes"], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("return_draft", {"actor": "chairman"}, [], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("approve_decision", {"actor": "chairman"}, ["complaint_decision"],
         {"resolution": M}),
    ]),
    ("complaint 2: forwarded by the press, decided, the press told", Kind.COMPLAINT,
     {"round": 2, "previous_case": "12/QĐ-UBND", **BY_PRESS}, [
        ("accept", {}, ["acceptance_notice"], {"resolution": R}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("record_dialogue", {}, ["dialogue_minutes"], {"resolution": R}),
        ("resolve", {}, ["complaint_decision"], {"resolution": M, "report": R}),
        TOLD,
    ]),
    ("complaint 2: withdrawn in part, suspended, then terminated", Kind.COMPLAINT,
     {"round": 2, "previous_case": "12/QĐ-UBND"}, [
        ("accept", {}, ["acceptance_notice"], {"resolution": R}),
        ("withdraw_in_part", {}, [], {"resolution": R}),
        ("suspend", {}, ["suspension_decision"], {"resolution": P}),
        ("terminate", {}, ["termination_decision"], {"resolution": S}),
    ]),
    ("complaint 2: suspended, then withdrawn", Kind.COMPLAINT,
     {"round": 2, "previous_case": "12/QĐ-UBND"}, [
        ("accept", {}, ["acceptance_notice"], {"resolution": R}),
        ("suspend", {}, ["suspension_decision"], {"resolution": P}),
        ("resume", {}, ["resumption_decision"], {"resolution": R}),
        ("withdraw", {}, ["termination_decision"], {"resolution": S}),
    ]),
    # Denunciation: decision to accept, notices, extension, conclusion.
    ("denunciation: concluded", Kind.DENUNCIATION, {"is_complex": True}, [
        ("accept", {}, ["denunciation_acceptance_decision"],
         {"acceptance": M, "resolution": R, "notification": R}),
        ("notify_acceptance", {}, ["acceptance_notice", "content_notice"],
         {"resolution": R, "notification": M}),
        ("extend", {}, ["extension_decision"], {"resolution": R}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("add_note", {}, [], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("return_for_rework", {}, [], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("amend", {"is_remote_area": True, "reason": "Sai địa bàn."}, [], {"resolution": R}),
        ("resolve", {}, ["denunciation_conclusion", "denouncer_notice"],
         {"resolution": M, "handling": R}),
        HANDLED,
    ]),
    ("denunciation: suspended, then signs of a crime", Kind.DENUNCIATION, {}, [
        ("accept", {}, ["denunciation_acceptance_decision"], {"notification": R}),
        ("notify_acceptance", {}, ["acceptance_notice", "content_notice"], {"notification": M}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("suspend", {}, ["suspension_decision"], {"resolution": P}),
        ("resume", {}, ["resumption_decision"], {"resolution": R}),
        ("refer_crime", {}, ["crime_referral"], {"resolution": S}),
    ]),
    ("denunciation: forwarded by a deputy, withdrawn, the deputy told", Kind.DENUNCIATION,
     BY_DEPUTY, [
        ("accept", {}, ["denunciation_acceptance_decision"], {"notification": R}),
        ("notify_acceptance", {}, ["acceptance_notice", "content_notice"], {"notification": M}),
        ("withdraw", {}, ["termination_decision"], {"resolution": S, "report": R}),
        TOLD,
    ]),
    ("denunciation: withdrawn, but handling continues, then terminated", Kind.DENUNCIATION,
     {}, [
        ("accept", {}, ["denunciation_acceptance_decision"], {"notification": R}),
        ("notify_acceptance", {}, ["acceptance_notice", "content_notice"], {"notification": M}),
        ("continue_after_withdrawal", {}, [], {"resolution": R}),
        ("terminate", {}, ["termination_decision"], {"resolution": S}),
    ]),
    ("denunciation: withdrawn", Kind.DENUNCIATION, {}, [
        ("accept", {}, ["denunciation_acceptance_decision"], {"notification": R}),
        ("notify_acceptance", {}, ["acceptance_notice", "content_notice"], {"notification": M}),
        ("withdraw", {}, ["termination_decision"], {"resolution": S}),
    ]),
    ("denunciation: concluded by the competent authority", Kind.DENUNCIATION, {"above": True}, [
        ("accept", {"actor": "chairman"}, ["denunciation_acceptance_decision"],
         {"notification": R}),
        ("notify_acceptance", {"actor": "chairman"}, ["acceptance_notice", "content_notice"],
         {"notification": M}),
        ("assign", {}, ["verification_decision"], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("return_draft", {"actor": "chairman"}, [], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("approve_decision", {"actor": "chairman"},
         ["denunciation_conclusion", "denouncer_notice"], {"resolution": M, "handling": R}),
        ("handle_conclusion", {"actor": "chairman"}, [], {"handling": M}),
    ]),
    # Petition or report.
    ("petition: answered", Kind.PETITION, {}, [
        ("accept", {}, ["acceptance_notice"], {"acceptance": M, "resolution": R}),
        ("assign", {}, [], {"resolution": R}),
        ("add_note", {}, [], {"resolution": R}),
        ("suspend", {}, ["suspension_decision"], {"resolution": P}),
        ("resume", {}, ["resumption_decision"], {"resolution": R}),
        ("record_findings", {}, [], {"resolution": R}),
        ("return_for_rework", {}, [], {"resolution": R}),
        ("record_findings", {}, [], {"resolution": R}),
        ("amend", {"is_complex": True, "reason": "Phức tạp."}, [], {"resolution": R}),
        ("resolve", {}, ["petition_reply"], {"resolution": M}),
    ]),
    ("petition: forwarded by a deputy, withdrawn, the deputy told", Kind.PETITION, BY_DEPUTY, [
        ("accept", {}, ["acceptance_notice"], {"resolution": R}),
        ("withdraw", {}, [], {"resolution": S, "report": R}),
        TOLD,
    ]),
    ("petition: withdrawn", Kind.PETITION, {}, [
        ("accept", {}, ["acceptance_notice"], {"resolution": R}),
        ("withdraw", {}, [], {"resolution": S}),
    ]),
    # Overdue: escalated by the sweep to the unit above (the province's Committee), which asks
    # for a report and takes the case over; it then decides what the inspectorate drafts.
    ("denunciation: overdue, overseen, taken over by the unit above", Kind.DENUNCIATION,
     {"received_on": "2026-09-01", "above_exists": True}, [
        ("accept", {"on": "2026-09-04"}, ["denunciation_acceptance_decision"],
         {"notification": R, "resolution": R}),
        ("notify_acceptance", {"on": "2026-09-04"}, ["acceptance_notice", "content_notice"],
         {"notification": M}),
        ("assign", {"on": "2026-09-07"}, ["verification_decision"], {"resolution": R}),
        ("sweep", {"today": "2026-10-20"}, [], {"resolution": R}),
        ("request_report", {"actor": "chairman", "on": "2026-10-20"}, [], {"progress": R}),
        ("report_progress", {"on": "2026-10-22"}, [], {"progress": M}),
        ("take_over", {"actor": "chairman", "on": "2026-10-23"}, [], {"resolution": R}),
        ("record_findings", {}, ["verification_report"], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("approve_decision", {"actor": "chairman"},
         ["denunciation_conclusion", "denouncer_notice"], {"resolution": M, "handling": R}),
        ("handle_conclusion", {"actor": "chairman"}, [], {"handling": M}),
    ]),
    ("petition: decided by the competent authority", Kind.PETITION, {"above": True}, [
        ("accept", {"actor": "chairman"}, ["acceptance_notice"], {"resolution": R}),
        ("assign", {}, [], {"resolution": R}),
        ("record_findings", {}, [], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("return_draft", {"actor": "chairman"}, [], {"resolution": R}),
        ("submit_decision", {}, [], {"resolution": R}),
        ("approve_decision", {"actor": "chairman"}, ["petition_reply"], {"resolution": M}),
    ]),
]  # fmt: skip

#: How each walk ends.
ENDS = {
    "letter: not accepted": State.REJECTED,
    "letter: transferred": State.TRANSFERRED,
    "letter: filed": State.FILED,
    "letter: moved, then withdrawn": State.WITHDRAWN,
    "letter: a denunciation's check extended, then transferred": State.TRANSFERRED,
    "letter: signs of a crime": State.TRANSFERRED,
    "complaint 2: suspended, then withdrawn": State.WITHDRAWN,
    "denunciation: suspended, then signs of a crime": State.TRANSFERRED,
    "denunciation: withdrawn": State.WITHDRAWN,
    "complaint 1: withdrawn": State.WITHDRAWN,
    "petition: withdrawn": State.WITHDRAWN,
    "complaint 1: withdrawn in part, then terminated": State.TERMINATED,
    "complaint 2: withdrawn in part, suspended, then terminated": State.TERMINATED,
    "denunciation: withdrawn, but handling continues, then terminated": State.TERMINATED,
    "letter: a complaint's sender guided": State.GUIDED,
    "letter: original papers returned": State.RETURNED,
    "letter: joined to the open case it repeats": State.LINKED,
    "letter: split into one case per content": State.SPLIT,
    "letter: forwarded by a deputy, not accepted, the deputy told": State.REJECTED,
    "denunciation: forwarded by a deputy, withdrawn, the deputy told": State.WITHDRAWN,
    "petition: forwarded by a deputy, withdrawn, the deputy told": State.WITHDRAWN,
}


@pytest.fixture
def chairman(world):
    return world.province()[1]


@pytest.mark.parametrize(("name", "kind", "extra", "steps"), WALKS, ids=[w[0] for w in WALKS])
def test_each_path_issues_its_documents_and_moves_its_clocks(
    world, chairman, name, kind, extra, steps
):
    extra = dict(extra)
    if extra.pop("above", False):
        extra["competent_unit"] = "UBT"
    extra.pop("above_exists", None)  # the chairman fixture puts the Committee above
    case = world.register(kind=kind, parties=PARTIES, **extra)
    for step, payload, documents, clocks in steps:
        payload = dict(payload)
        if step == "sweep":  # the morning's sweep, which escalates what is overdue
            deadlines_sweep(today=date.fromisoformat(payload["today"]))
            case = Case.objects.get(pk=case.pk)
            assert case.overseen_by is not None, name
            continue
        who = payload.pop("actor", None)
        actor = {"chairman": chairman, "other_supervisor": world.other_supervisor}.get(who)
        before = set(Document.objects.filter(case=case).values_list("pk", flat=True))
        case = world.perform(case, step, actor=actor, **payload)
        issued = list(
            Document.objects.filter(case=case)
            .exclude(pk__in=before)
            .order_by("pk")
            .values_list("kind", flat=True)
        )
        assert issued == documents, (name, step)
        found = dict(Clock.objects.filter(case=case).values_list("stage", "status"))
        assert {stage: found.get(stage) for stage in clocks} == clocks, (name, step, found)
    case = Case.objects.get(pk=case.pk)
    assert case.state == ENDS.get(name, State.RESOLVED), name
    # An ended case waits on no clock.
    assert case.next_due_on is None
    assert not Clock.objects.filter(case=case, status__in=[R, P]).exists()


def test_the_walks_take_every_step_of_every_table():
    walked = {Procedure.LETTER: set()}
    for _name, kind, extra, steps in WALKS:
        procedure = Procedure.LETTER
        for step, *_rest in steps:
            walked.setdefault(procedure, set()).add(step)
            if step == "accept":
                round_ = extra.get("round", 1)
                procedure = (
                    Procedure.COMPLAINT_2
                    if kind == Kind.COMPLAINT and round_ == 2
                    else Procedure.COMPLAINT_1
                    if kind == Kind.COMPLAINT
                    else Procedure(kind)
                )
    for procedure, table in TABLES.items():
        assert set(table) <= walked.get(procedure, set()), (
            procedure,
            set(table) - walked.get(procedure, set()),
        )
