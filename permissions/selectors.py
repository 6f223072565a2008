"""The one place that says which cases a user may see. Every list starts here."""

from django.db.models import CharField, IntegerField, Q, QuerySet, Value

from casework.choices import Role
from casework.models import Case
from permissions.grants import DECIDE, OVERSEE, VIEW
from permissions.models import CaseGroupObjectPermission, CaseUserObjectPermission
from permissions.roles import user_role_rows, user_roles, user_roles_keep

ALL_CASE_PERMISSIONS = frozenset(
    {"view_case", "decide_case", "investigate_case", "record_withdrawal_case"}
)


def user_sees_all(user) -> bool:
    return user.is_superuser or Role.ADMINISTRATOR in user_roles(user)


def case_list_visible(user, among: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Cases the user may see (of ``among``, a queryset of cases; by default all of them): the
    same scope the per-case grants give, as one query.

    Supervisors and auditors see their unit's cases, investigators those assigned to them,
    intake officers those they registered in their unit; administrators see all.
    """
    among = Case.objects.all() if among is None else among
    if not (user.is_authenticated and user.is_active):
        return among.none()
    if user_sees_all(user):
        return among.all()
    roles = user_roles(user)
    scope = Q(pk__in=[])
    if roles & {Role.SUPERVISOR, Role.AUDITOR}:
        # Their unit's cases, those it decides as the competent authority, and the overdue
        # denunciations it oversees as the unit above (Denunciations Law Art. 38).
        scope |= (
            Q(unit_id=user.unit_id)
            | Q(competent_unit_id=user.unit_id)
            | Q(overseen_by_id=user.unit_id)
        )
    if Role.INVESTIGATOR in roles:
        scope |= Q(assignee_id=user.pk, unit_id=user.unit_id)
    if Role.INTAKE_OFFICER in roles:
        scope |= Q(registered_by_id=user.pk, unit_id=user.unit_id)
    return among.filter(scope)


def case_in_scope(user, case: Case) -> bool:
    """Whether ``case_list_visible(user)`` includes this case, decided on the row in hand."""
    if user_sees_all(user):
        return True
    roles = user_roles(user)
    decides_here = case.competent_unit_id is not None and case.competent_unit_id == user.unit_id
    oversees = case.overseen_by_id is not None and case.overseen_by_id == user.unit_id
    if (decides_here or oversees) and roles & {Role.SUPERVISOR, Role.AUDITOR}:
        return True
    if case.unit_id != user.unit_id:
        return False
    if roles & {Role.SUPERVISOR, Role.AUDITOR}:
        return True
    if Role.INVESTIGATOR in roles and case.assignee_id == user.pk:
        return True
    return Role.INTAKE_OFFICER in roles and case.registered_by_id == user.pk


def case_permissions(user, case: Case) -> frozenset[str]:
    """The codenames the user holds on this case (``view_case``, ``decide_case``, ...).

    The same answer as guardian's ``user.has_perm("casework.<codename>", case)`` for each
    codename, read from the direct grant tables in one query instead of two per codename (with
    the user's roles, when the request has not read them yet): the door asks on every act,
    and every query shows in its throughput.
    """
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_superuser:
        return ALL_CASE_PERMISSIONS
    source, unit = Value("", output_field=CharField()), Value(None, output_field=IntegerField())
    grants = [
        CaseUserObjectPermission.objects.filter(content_object=case, user=user),
        CaseGroupObjectPermission.objects.filter(content_object=case, group__user=user),
    ]
    grants = [
        q.annotate(source=source, unit=unit).values_list("source", "unit", "permission__codename")
        for q in grants
    ]
    if "_casework_roles" in user.__dict__:
        rows = grants[0].union(grants[1])  # read below, once the case is in scope
    else:
        # The user's roles (for the scope) come in the same round trip as the grants.
        roles = user_role_rows(user).annotate(source=Value("role", output_field=CharField()))
        rows = list(roles.values_list("source", "unit_id", "role").union(*grants, all=True))
        user_roles_keep(user, [(unit_id, role) for src, unit_id, role in rows if src == "role"])
    if not case_in_scope(user, case):
        # A grant outlives a change of role or unit until it is revoked; the scope does not:
        # what the lists do not show, the door does not open either.
        return frozenset()
    held = frozenset(codename for src, _unit, codename in rows if src != "role")
    if case.overseen_by_id == user.unit_id and user.unit_id not in (
        case.unit_id,
        case.competent_unit_id,
    ):
        # The unit above, overseeing an overdue denunciation, reads it and takes the
        # oversight's own steps (``OVERSEE``), nothing its supervisors' grant would otherwise
        # allow (an attachment, a correction) until it takes the case over.
        return (held & {VIEW}) | ({OVERSEE} if DECIDE in held else frozenset())
    return held


def case_is_visible(user, case: Case) -> bool:
    # The administrators' group holds view_case on every case (permissions.grants).
    """Whether the user may see this case: the object grants decide (guardian)."""
    return "view_case" in case_permissions(user, case)
