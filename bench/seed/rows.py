"""A simulated case as rows: the case, its clocks and its grants.

The grants are those ``permissions.grants`` writes: the unit's groups, the administrators'
group and the registrar on registration; the assignee on assignment, the previous assignee's
grants removed by a reassignment, so what stays is the last assignee's.
"""

from .clocks import clocks_settle
from .copyformat import NULL, copy_bool, copy_day, copy_json


def case_rows(case) -> None:
    """Keep the rows of a case that has lived (``bench.seed.life.CaseLife``)."""
    f = case.f
    next_due = clocks_settle(case.clocks, f.today)
    for clock in case.clocks.values():
        f.ids["clock"] += 1
        f.rows["clock"].append(
            f"{f.ids['clock']}\t{clock.stage}\t{clock.started_on.isoformat()}\t"
            f"{clock.period}\t{clock.unit}\t{clock.extension_days}\t"
            f"{copy_json(clock.pauses)}\t{clock.status}\t{copy_day(clock.due_on)}\t"
            f"{copy_day(clock.met_on)}\t{case.pk}\t{clock.rule_id}\t{copy_day(clock.missed_on)}"
        )
    pools = f.pools
    f.rows["case"].append(
        "\t".join(
            (
                str(case.pk),
                case.reference,
                case.kind,
                str(case.round),
                case.previous_reference,
                case.channel,
                case.received_on.isoformat(),
                case.subject,
                case.content,
                copy_bool(case.is_complex or case.especially),
                copy_bool(case.especially),
                copy_bool(case.remote),
                copy_bool(case.anonymous),
                case.state,
                case.suspended_from,
                case.outcome,
                pools.escaped(case.decision_summary),
                pools.escaped(case.findings),
                pools.escaped(case.closure_reason),
                str(case.extensions_used),
                str(case.extension_days),
                case.cursor.isoformat(),
                str(case.events),
                case.head,
                case.created.isoformat(),
                case.recorded.isoformat(),
                NULL if case.assignee is None else str(case.assignee),
                NULL,
                str(case.registrar),
                str(case.unit.pk),
                copy_day(next_due),
                str(case.procedure),
                NULL if case.demand_differs is None else copy_bool(case.demand_differs),
                copy_day(case.dialogue_held_on),
                copy_day(case.appeal_from),
                copy_day(case.check_extended_on),
                copy_day(case.acceptance_notified_on),
                # Letter processing: no forwarded letter, move, link or split in the seed.
                "",
                "",
                copy_bool(False),
                "0",
                copy_day(case.decision_sent_on),
                copy_day(case.conclusion_handled_on),
            )
        )
    )
    # permissions.grants: on registration, then what the last assignment left.
    groups = case.unit.groups
    for role, permission in f.group_grants:
        f.ids["group_grant"] += 1
        f.rows["group_grant"].append(
            f"{f.ids['group_grant']}\t{case.pk}\t{groups[role]}\t{permission}"
        )
    for permission in f.admin_grants:
        f.ids["group_grant"] += 1
        f.rows["group_grant"].append(
            f"{f.ids['group_grant']}\t{case.pk}\t{f.org.administrators_group}\t{permission}"
        )
    held = [(case.registrar, p) for p in f.registrar_grants]
    if case.assignee is not None:
        held += [(case.assignee, p) for p in f.assignee_grants]
    for user, permission in dict.fromkeys(held):
        f.ids["user_grant"] += 1
        f.rows["user_grant"].append(f"{f.ids['user_grant']}\t{case.pk}\t{permission}\t{user}")
