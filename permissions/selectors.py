"""The one place that says which cases a user may see. Every list starts here."""

from django.db.models import Q, QuerySet

from casework.choices import Role
from casework.models import Case
from permissions.roles import user_roles


def user_sees_all(user) -> bool:
    return user.is_superuser or Role.ADMINISTRATOR in user_roles(user)


def case_list_visible(user) -> QuerySet[Case]:
    """Cases the user may see: the same scope the per-case grants give, as one query.

    Supervisors and auditors see their unit's cases, investigators those assigned to them,
    intake officers those they registered in their unit; administrators see all.
    """
    if not (user.is_authenticated and user.is_active):
        return Case.objects.none()
    if user_sees_all(user):
        return Case.objects.all()
    roles = user_roles(user)
    scope = Q(pk__in=[])
    if roles & {Role.SUPERVISOR, Role.AUDITOR}:
        scope |= Q(unit_id=user.unit_id)
    if Role.INVESTIGATOR in roles:
        scope |= Q(assignee_id=user.pk)
    if Role.INTAKE_OFFICER in roles:
        scope |= Q(registered_by_id=user.pk, unit_id=user.unit_id)
    return Case.objects.filter(scope)


def case_is_visible(user, case: Case) -> bool:
    """Whether the user may see this case: the object grants decide (guardian)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user_sees_all(user) or user.has_perm("casework.view_case", case)
