"""The seeded rule set (DOMAIN.md "Deadlines") and how a clock finds its rule."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_noop

from casework.models.deadlines import DeadlineRule

W, C = "working_days", "calendar_days"
COMPLAINTS_LAW = date(2012, 7, 1)  # Complaints Law 02/2011/QH13 in force
DENUNCIATIONS_LAW = date(2019, 1, 1)  # Denunciations Law 25/2018/QH14 in force
CIRCULAR_05 = date(2021, 11, 16)  # Circular 05/2021/TT-TTCP in force
#: Law 136/2025/QH15 in force: it adds a complaint's suspension and termination on their own
#: grounds (Complaints Law Art. 11a) and the withdrawal of a complaint in part.
LAW_136_2025 = date(2026, 7, 1)
CITIZEN_RECEPTION_LAW = date(2014, 7, 1)  # Citizen Reception Law 42/2013/QH13 in force

# The texts as a document cites them (DOMAIN.md, "Texts to cite"): a law by its name and date,
# a decree or circular by number, date, issuer and title (Decree 30/2020).
CITE_COMPLAINTS_LAW = "Luật Khiếu nại ngày 11 tháng 11 năm 2011"
CITE_DENUNCIATIONS_LAW = "Luật Tố cáo ngày 12 tháng 6 năm 2018"
CITE_DECREE_31 = (
    "Nghị định số 31/2019/NĐ-CP ngày 10 tháng 4 năm 2019 của Chính phủ quy định chi tiết một "
    "số điều và biện pháp tổ chức thi hành Luật Tố cáo"
)
CITE_CITIZEN_RECEPTION_LAW = "Luật Tiếp công dân ngày 25 tháng 11 năm 2013"
CITE_CIRCULAR_05 = (
    "Thông tư số 05/2021/TT-TTCP ngày 01 tháng 10 năm 2021 của Thanh tra Chính phủ quy định "
    "quy trình xử lý đơn khiếu nại, đơn tố cáo, đơn kiến nghị, phản ánh"
)
# Short names for the table below.
_KN, _TC = CITE_COMPLAINTS_LAW, CITE_DENUNCIATIONS_LAW
_ND31, _TT05 = CITE_DECREE_31, CITE_CIRCULAR_05

# (kind, round, stage, complex, remote, period, unit, basis, effective from, extensions,
#  basis as a document cites it)
#
# Not confirmed (DOMAIN.md), so kept as editable data and never as logic:
# - the complaint acceptance period is "10 days" in Complaints Law Art. 27; that it counts
#   working days is unconfirmed (the earlier source, Circular 07/2013, was replaced by Decree
#   124/2020, which is not cited for it here: no article of it is known to say so);
# - Decree 155/2026 may cut complaint acceptance to 7 working days from 1 July 2026: not
#   seeded; once confirmed, an administrator adds a rule effective from that day.
# The petition's answer period is the agency's own service level, not a provision of law.
SEEDED_RULES = [
    ("petition", None, "acceptance", None, None, 10, W,
     "Circular 05/2021/TT-TTCP", CIRCULAR_05, None, _TT05),
    ("petition", None, "resolution", None, None, 30, C,
     "Agency service level (configurable)", CIRCULAR_05, None,
     "thời hạn giải quyết kiến nghị, phản ánh do cơ quan quy định"),
    ("complaint", 1, "acceptance", None, None, 10, W,
     "Complaints Law Art. 27 (10 days; working days unconfirmed)", COMPLAINTS_LAW, None,
     f"Điều 27 {_KN}"),
    ("complaint", 1, "resolution", False, False, 30, C, "Complaints Law Art. 28",
     COMPLAINTS_LAW, None, f"Điều 28 {_KN}"),
    ("complaint", 1, "resolution", True, False, 45, C, "Complaints Law Art. 28 (complex)",
     COMPLAINTS_LAW, None, f"Điều 28 {_KN}"),
    ("complaint", 1, "resolution", False, True, 45, C, "Complaints Law Art. 28 (remote area)",
     COMPLAINTS_LAW, None, f"Điều 28 {_KN}"),
    ("complaint", 1, "resolution", True, True, 60, C,
     "Complaints Law Art. 28 (remote area, complex)", COMPLAINTS_LAW, None, f"Điều 28 {_KN}"),
    ("complaint", 2, "acceptance", None, None, 10, W, "Complaints Law Art. 36",
     COMPLAINTS_LAW, None, f"Điều 36 {_KN}"),
    ("complaint", 2, "resolution", False, False, 45, C, "Complaints Law Art. 37",
     COMPLAINTS_LAW, None, f"Điều 37 {_KN}"),
    ("complaint", 2, "resolution", True, False, 60, C, "Complaints Law Art. 37 (complex)",
     COMPLAINTS_LAW, None, f"Điều 37 {_KN}"),
    ("complaint", 2, "resolution", False, True, 60, C, "Complaints Law Art. 37 (remote area)",
     COMPLAINTS_LAW, None, f"Điều 37 {_KN}"),
    ("complaint", 2, "resolution", True, True, 70, C,
     "Complaints Law Art. 37 (remote area, complex)", COMPLAINTS_LAW, None, f"Điều 37 {_KN}"),
    ("denunciation", None, "acceptance", None, None, 7, W, "Denunciations Law Art. 24(1)",
     DENUNCIATIONS_LAW, None, f"khoản 1 Điều 24 {_TC}"),
    ("denunciation", None, "resolution", None, None, 30, C,
     "Denunciations Law Art. 30; extensions: Decree 31/2019 Art. 3", DENUNCIATIONS_LAW,
     (1, 2, 30), f"Điều 30 {_TC}; Điều 3 {_ND31}"),
    # A re-denunciation (tố cáo tiếp): the superior of who concluded decides within 20 days
    # (DOMAIN.md, Art. 37), counted as calendar days: the law says "ngày" where it does not
    # say working days.
    ("denunciation", 2, "acceptance", None, None, 20, C,
     "Denunciations Law Art. 37 (re-denunciation reviewed by the superior)",
     DENUNCIATIONS_LAW, None, f"Điều 37 {_TC}"),
    # The further periods (DOMAIN.md): each its own clock, or (the check extended, the appeal
    # window) the length a step gives.
    ("denunciation", None, "check_extended", None, None, 10, W,
     "Denunciations Law Art. 24(1) (check extended once, verification at several places)",
     DENUNCIATIONS_LAW, None, f"khoản 1 Điều 24 {_TC}"),
    ("denunciation", None, "transfer", None, None, 5, W,
     "Denunciations Law Art. 24(2) (transfer outside competence)", DENUNCIATIONS_LAW, None,
     f"khoản 2 Điều 24 {_TC}"),
    ("denunciation", None, "notification", None, None, 5, W,
     "Denunciations Law Art. 29 (notices after the decision to accept)", DENUNCIATIONS_LAW,
     None, f"Điều 29 {_TC}"),
    ("complaint", 2, "appeal", None, False, 30, C, "Complaints Law Art. 33 (appeal window)",
     COMPLAINTS_LAW, None, f"Điều 33 {_KN}"),
    ("complaint", 2, "appeal", None, True, 45, C,
     "Complaints Law Art. 33 (appeal window, remote area)", COMPLAINTS_LAW, None,
     f"Điều 33 {_KN}"),
    # After the decision: sent within 3 working days (Complaints Law Art. 32); a conclusion
    # handled within 7 working days (Denunciations Law Art. 36).
    # Round 1 only: DOMAIN.md gives no period for sending a round-2 decision.
    ("complaint", 1, "sending", None, None, 3, W,
     "Complaints Law Art. 32 (sending of the decision)", COMPLAINTS_LAW, None,
     f"Điều 32 {_KN}"),
    # An overdue denunciation: the report the superior asks for, within 5 working days of the
    # request (DOMAIN.md: Art. 38).
    ("denunciation", None, "progress", None, None, 5, W,
     "Denunciations Law Art. 38 (report on an overdue denunciation)", DENUNCIATIONS_LAW, None,
     f"Điều 38 {_TC}"),
    ("denunciation", None, "handling", None, None, 7, W,
     "Denunciations Law Art. 36 (handling of the conclusion)", DENUNCIATIONS_LAW, None,
     f"Điều 36 {_TC}"),
    # The report of the result to the body that forwarded a letter: the period and the
    # article are unconfirmed in DOMAIN.md (7 working days, Citizen Reception Law Art. 27(2)).
    *(
        (kind, None, "report", None, None, 7, W,
         "Citizen Reception Law Art. 27(2) (report to the forwarding body; unconfirmed)",
         CITIZEN_RECEPTION_LAW, None, f"khoản 2 Điều 27 {CITE_CITIZEN_RECEPTION_LAW}")
        for kind in ("petition", "complaint", "denunciation")
    ),
]  # fmt: skip

#: Seeded bases found wrong since, and what they become (the complaint acceptance period is
#: Art. 27 alone: DOMAIN.md).
CORRECTED_BASES = {
    "Complaints Law Art. 27; Circular 07/2013 Art. 5": (
        "Complaints Law Art. 27 (10 days; working days unconfirmed)"
    ),
}


def _seeded_key(row) -> dict:
    kind, rnd, stage, cx, remote, *_rest = row
    return {
        "kind": kind,
        "round": rnd,
        "stage": stage,
        "is_complex": cx,
        "is_remote_area": remote,
        "effective_from": row[8],
    }


def rules_seed(rule_model=DeadlineRule) -> int:
    """Create the seeded rules that are missing (by kind, round, stage, flags, start).

    ``rule_model`` may be a migration's historical model from before ``basis_vi`` (migration
    0003): the citation is then left to ``rules_cite`` (migration 0014)."""
    cites = any(f.name == "basis_vi" for f in rule_model._meta.get_fields())
    created = 0
    for row in SEEDED_RULES:
        _k, _r, _s, _c, _m, period, unit, basis, _start, ext, basis_vi = row
        extensions = dict(
            zip(
                ("extensions_complex", "extensions_especially_complex", "extension_max_days"),
                ext or (0, 0, 0),
                strict=True,
            )
        )
        defaults = {"period": period, "unit": unit, "basis": basis, **extensions}
        if cites:
            defaults["basis_vi"] = basis_vi
        _rule, was_created = rule_model.objects.get_or_create(**_seeded_key(row), defaults=defaults)
        created += was_created
    return created


def rules_cite(rule_model=DeadlineRule) -> int:
    """Give each seeded rule that has none its Vietnamese citation, and correct the seeded
    bases found wrong (``CORRECTED_BASES``); an administrator's own wording is kept."""
    changed = 0
    for row in SEEDED_RULES:
        rules = rule_model.objects.filter(**_seeded_key(row))
        for wrong, right in CORRECTED_BASES.items():
            changed += rules.filter(basis=wrong).update(basis=right)
        changed += rules.filter(basis_vi="").update(basis_vi=row[10])
    return changed


def rule_for(*, kind: str, round: int, stage: str, complex: bool, remote: bool, on: date):
    """The rule for a clock of this case and stage started on ``on``; the most specific wins."""
    candidates = (
        DeadlineRule.objects.filter(kind=kind, stage=stage, effective_from__lte=on)
        .filter(Q(round__isnull=True) | Q(round=round))
        .filter(Q(is_complex__isnull=True) | Q(is_complex=complex))
        .filter(Q(is_remote_area__isnull=True) | Q(is_remote_area=remote))
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
    )

    def specificity(rule):
        named = (rule.round, rule.is_complex, rule.is_remote_area)
        return (sum(v is not None for v in named), rule.effective_from)

    return max(candidates, key=specificity, default=None)


#: The seeded legal bases, for the translation catalogue: the pages show a rule's basis in the
#: user's language when it is one of these (an administrator's own wording shows as written).
SEEDED_BASES = (
    gettext_noop("Circular 05/2021/TT-TTCP"),
    gettext_noop("Agency service level (configurable)"),
    gettext_noop("Complaints Law Art. 27 (10 days; working days unconfirmed)"),
    gettext_noop("Complaints Law Art. 28"),
    gettext_noop("Complaints Law Art. 28 (complex)"),
    gettext_noop("Complaints Law Art. 28 (remote area)"),
    gettext_noop("Complaints Law Art. 28 (remote area, complex)"),
    gettext_noop("Complaints Law Art. 36"),
    gettext_noop("Complaints Law Art. 37"),
    gettext_noop("Complaints Law Art. 37 (complex)"),
    gettext_noop("Complaints Law Art. 37 (remote area)"),
    gettext_noop("Complaints Law Art. 37 (remote area, complex)"),
    gettext_noop("Denunciations Law Art. 24(1)"),
    gettext_noop("Denunciations Law Art. 37 (re-denunciation reviewed by the superior)"),
    gettext_noop("Denunciations Law Art. 38 (report on an overdue denunciation)"),
    gettext_noop("Denunciations Law Art. 30; extensions: Decree 31/2019 Art. 3"),
    gettext_noop(
        "Denunciations Law Art. 24(1) (check extended once, verification at several places)"
    ),
    gettext_noop("Denunciations Law Art. 24(2) (transfer outside competence)"),
    gettext_noop("Denunciations Law Art. 29 (notices after the decision to accept)"),
    gettext_noop("Complaints Law Art. 33 (appeal window)"),
    gettext_noop("Complaints Law Art. 33 (appeal window, remote area)"),
    gettext_noop("Citizen Reception Law Art. 27(2) (report to the forwarding body; unconfirmed)"),
    gettext_noop("Complaints Law Art. 32 (sending of the decision)"),
    gettext_noop("Denunciations Law Art. 36 (handling of the conclusion)"),
)
