"""Per-case object grants (django-guardian, direct foreign-key tables).

Who may do what with one case is written here when the case is registered and when it is
(re)assigned; ``user.has_perm(codename, case)`` then reads it. Called by the door only.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q

from casework.choices import Role
from casework.models import Case, Unit
from permissions.models import CaseGroupObjectPermission, CaseUserObjectPermission, UnitRole
from permissions.roles import role_groups_ensure

VIEW = "view_case"
DECIDE = "decide_case"
#: Not a grant of its own: what ``case_permissions`` makes of a supervisor's grant for the unit
#: above that oversees an overdue denunciation (its two steps, nothing else).
OVERSEE = "oversee_case"
INVESTIGATE = "investigate_case"
RECORD_WITHDRAWAL = "record_withdrawal_case"

#: What each role group of the case's unit holds on every case of that unit.
UNIT_GROUP_GRANTS = {
    Role.SUPERVISOR: (VIEW, DECIDE, RECORD_WITHDRAWAL),
    Role.AUDITOR: (VIEW,),
}
#: What the role groups of a case's competent authority hold on it, when it is not the unit
#: that handles the case.
COMPETENT_GROUP_GRANTS = {
    Role.SUPERVISOR: (VIEW, DECIDE),
    Role.AUDITOR: (VIEW,),
}
#: What the administrators' group (no unit) holds on every case.
ADMINISTRATOR_GRANTS = (VIEW,)
#: What the registering intake officer holds on the cases they registered.
REGISTRAR_GRANTS = (VIEW, RECORD_WITHDRAWAL)
#: What the assigned investigator holds while the case is theirs.
ASSIGNEE_GRANTS = (VIEW, INVESTIGATE)


#: The case permissions' ids, read once per process: the rows are written by ``migrate`` and
#: never change after it (``permission_ids_forget`` runs after every migrate and flush).
_PERMISSION_IDS: dict[str, int] = {}


def _permission_ids(codenames) -> dict[str, int]:
    missing = set(codenames) - _PERMISSION_IDS.keys()
    if missing:
        _PERMISSION_IDS.update(
            Permission.objects.filter(
                content_type__app_label="casework",
                content_type__model="case",
                codename__in=missing,
            ).values_list("codename", "pk")
        )
    return {code: _PERMISSION_IDS[code] for code in codenames}


def permission_ids_forget(**kwargs) -> None:
    """Forget the permissions' ids (connected to ``post_migrate``)."""
    _PERMISSION_IDS.clear()


def _unit_group_ids(unit_id: int, *, administrators: bool = False) -> dict[str, int]:
    """The unit's role groups that hold grants on its cases, by role; with
    ``administrators``, the administrators' group too (under ``Role.ADMINISTRATOR``). One
    query, unless a group is missing (it is then created)."""
    wanted = Q(unit_id=unit_id, role__in=UNIT_GROUP_GRANTS)
    if administrators:
        wanted |= Q(unit__isnull=True, role=Role.ADMINISTRATOR)
    rows = dict(UnitRole.objects.filter(wanted).values_list("role", "group_id"))
    if len(rows) < len(UNIT_GROUP_GRANTS) + administrators:
        ensured = role_groups_ensure(Unit.objects.get(pk=unit_id))
        rows = {role: ensured[role].pk for role in UNIT_GROUP_GRANTS}
        if administrators:
            rows[Role.ADMINISTRATOR] = role_groups_ensure(None)[Role.ADMINISTRATOR].pk
    return rows


def case_grant_on_move(
    case: Case, previous_unit_id: int, previous_competent_id: int | None = None
) -> None:
    """The case moved to another unit of the system: the previous unit's groups (and those of
    the competent authority named for it), its registrar and its assignee lose it; the new
    unit's groups gain it."""
    old_groups = list(_unit_group_ids(previous_unit_id).values())
    if previous_competent_id is not None:
        old_groups += _unit_group_ids(previous_competent_id).values()
    CaseGroupObjectPermission.objects.filter(content_object=case, group_id__in=old_groups).delete()
    CaseUserObjectPermission.objects.filter(content_object=case).delete()
    groups = _unit_group_ids(case.unit_id)
    perms = _permission_ids({VIEW, DECIDE, INVESTIGATE, RECORD_WITHDRAWAL})
    CaseGroupObjectPermission.objects.bulk_create(
        CaseGroupObjectPermission(
            group_id=groups[role], permission_id=perms[code], content_object=case
        )
        for role, codenames in UNIT_GROUP_GRANTS.items()
        for code in codenames
    )


def case_grant_on_register(case: Case) -> None:
    groups = _unit_group_ids(case.unit_id, administrators=True)
    administrators = groups[Role.ADMINISTRATOR]
    perms = _permission_ids({VIEW, DECIDE, INVESTIGATE, RECORD_WITHDRAWAL})
    rows = [
        (groups[role], codename)
        for role, codenames in UNIT_GROUP_GRANTS.items()
        for codename in codenames
    ] + [(administrators, codename) for codename in ADMINISTRATOR_GRANTS]
    CaseGroupObjectPermission.objects.bulk_create(
        CaseGroupObjectPermission(group_id=group_id, permission_id=perms[code], content_object=case)
        for group_id, code in rows
    )
    if case.decided_elsewhere:
        # The competent authority's supervisors decide, its auditors read.
        competent = _unit_group_ids(case.competent_unit_id)
        rows = [
            (competent[role], codename)
            for role, codenames in COMPETENT_GROUP_GRANTS.items()
            for codename in codenames
        ]
        CaseGroupObjectPermission.objects.bulk_create(
            CaseGroupObjectPermission(
                group_id=group_id, permission_id=perms[code], content_object=case
            )
            for group_id, code in rows
        )
    CaseUserObjectPermission.objects.bulk_create(
        CaseUserObjectPermission(
            user=case.registered_by, permission_id=perms[codename], content_object=case
        )
        for codename in REGISTRAR_GRANTS
    )


def user_grants_outside_unit_revoke(user) -> int:
    """Remove a user's own per-case grants on cases outside their (new) unit.

    Called when a user moves to another unit: what they held as registrar or assignee there
    goes with the move, as the unit's groups do.
    """
    deleted, _ = (
        CaseUserObjectPermission.objects.filter(user=user)
        .exclude(content_object__unit_id=user.unit_id)
        .delete()
    )
    return deleted


def case_grant_on_assign(case: Case, previous_id: int | None) -> None:
    """The new assignee gains the case; the previous one loses what the assignment gave."""
    perms = _permission_ids(ASSIGNEE_GRANTS)
    if previous_id is not None and previous_id != case.assignee_id:
        keep = set(REGISTRAR_GRANTS) if previous_id == case.registered_by_id else set()
        CaseUserObjectPermission.objects.filter(
            content_object=case,
            user_id=previous_id,
            permission_id__in=[pk for code, pk in perms.items() if code not in keep],
        ).delete()
    # What the assignee already holds (as registrar, or from an earlier assignment) stays:
    # the grants' unique key (user, permission, case) skips it.
    CaseUserObjectPermission.objects.bulk_create(
        (
            CaseUserObjectPermission(
                user_id=case.assignee_id, permission_id=pk, content_object=case
            )
            for pk in perms.values()
        ),
        ignore_conflicts=True,
    )


def case_grant_on_oversight(cases: list[Case]) -> None:
    """Overdue denunciations escalated to the unit above (``Case.overseen_by``): its
    supervisors may act on them (ask for a report, take them over: Denunciations Law Art. 38)
    and its auditors read them, as a competent authority's do. Nobody there sees the
    denouncer until the case is taken over (``permissions.identity``)."""
    perms = _permission_ids({VIEW, DECIDE})
    rows, groups_of = [], {}
    for case in cases:
        if case.overseen_by_id not in groups_of:
            groups_of[case.overseen_by_id] = _unit_group_ids(case.overseen_by_id)
        groups = groups_of[case.overseen_by_id]
        rows += [
            CaseGroupObjectPermission(
                group_id=groups[role], permission_id=perms[code], content_object=case
            )
            for role, codenames in COMPETENT_GROUP_GRANTS.items()
            for code in codenames
        ]
    CaseGroupObjectPermission.objects.bulk_create(rows, ignore_conflicts=True)
