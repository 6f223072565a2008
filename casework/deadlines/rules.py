"""The seeded rule set (DOMAIN.md "Deadlines") and how a clock finds its rule."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_noop

from casework.models.deadlines import DeadlineRule

W, C = "working_days", "calendar_days"
COMPLAINTS_LAW = date(2012, 7, 1)  # Complaints Law 02/2011/QH13 in force
DENUNCIATIONS_LAW = date(2019, 1, 1)  # Denunciations Law 25/2018/QH14 in force
CIRCULAR_05 = date(2021, 11, 16)  # Circular 05/2021/TT-TTCP in force

# (kind, round, stage, complex, remote, period, unit, basis, effective from, extensions)
SEEDED_RULES = [
    ("petition", None, "acceptance", None, None, 10, W,
     "Circular 05/2021/TT-TTCP", CIRCULAR_05, None),
    ("petition", None, "resolution", None, None, 30, C,
     "Agency service level (configurable)", CIRCULAR_05, None),
    ("complaint", 1, "acceptance", None, None, 10, W,
     "Complaints Law Art. 27; Circular 07/2013 Art. 5", COMPLAINTS_LAW, None),
    ("complaint", 1, "resolution", False, False, 30, C, "Complaints Law Art. 28",
     COMPLAINTS_LAW, None),
    ("complaint", 1, "resolution", True, False, 45, C, "Complaints Law Art. 28 (complex)",
     COMPLAINTS_LAW, None),
    ("complaint", 1, "resolution", False, True, 45, C, "Complaints Law Art. 28 (remote area)",
     COMPLAINTS_LAW, None),
    ("complaint", 1, "resolution", True, True, 60, C,
     "Complaints Law Art. 28 (remote area, complex)", COMPLAINTS_LAW, None),
    ("complaint", 2, "acceptance", None, None, 10, W, "Complaints Law Art. 36",
     COMPLAINTS_LAW, None),
    ("complaint", 2, "resolution", False, False, 45, C, "Complaints Law Art. 37",
     COMPLAINTS_LAW, None),
    ("complaint", 2, "resolution", True, False, 60, C, "Complaints Law Art. 37 (complex)",
     COMPLAINTS_LAW, None),
    ("complaint", 2, "resolution", False, True, 60, C, "Complaints Law Art. 37 (remote area)",
     COMPLAINTS_LAW, None),
    ("complaint", 2, "resolution", True, True, 70, C,
     "Complaints Law Art. 37 (remote area, complex)", COMPLAINTS_LAW, None),
    ("denunciation", None, "acceptance", None, None, 7, W, "Denunciations Law Art. 24(1)",
     DENUNCIATIONS_LAW, None),
    ("denunciation", None, "resolution", None, None, 30, C,
     "Denunciations Law Art. 30; extensions: Decree 31/2019 Art. 3", DENUNCIATIONS_LAW,
     (1, 2, 30)),
]  # fmt: skip


def rules_seed(rule_model=DeadlineRule) -> int:
    """Create the seeded rules that are missing (by kind, round, stage, flags, start)."""
    created = 0
    for kind, rnd, stage, cx, remote, period, unit, basis, start, ext in SEEDED_RULES:
        key = {
            "kind": kind,
            "round": rnd,
            "stage": stage,
            "is_complex": cx,
            "is_remote_area": remote,
            "effective_from": start,
        }
        extensions = dict(
            zip(
                ("extensions_complex", "extensions_especially_complex", "extension_max_days"),
                ext or (0, 0, 0),
                strict=True,
            )
        )
        _rule, was_created = rule_model.objects.get_or_create(
            **key, defaults={"period": period, "unit": unit, "basis": basis, **extensions}
        )
        created += was_created
    return created


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
    gettext_noop("Complaints Law Art. 27; Circular 07/2013 Art. 5"),
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
    gettext_noop("Denunciations Law Art. 30; extensions: Decree 31/2019 Art. 3"),
)
