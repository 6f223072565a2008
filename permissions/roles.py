"""Who holds which role, in which unit."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q, QuerySet

from casework.choices import UNIT_ROLES, Role
from casework.models import Unit, User
from permissions.models import UnitRole

#: Model-level permissions of each role group (object-level grants are in permissions.grants).
ROLE_MODEL_PERMISSIONS = {
    Role.INTAKE_OFFICER: ["casework.add_case"],
    Role.SUPERVISOR: ["casework.add_case"],
    Role.INVESTIGATOR: [],
    Role.AUDITOR: [],
    Role.ADMINISTRATOR: [
        "casework.add_unit",
        "casework.change_unit",
        "casework.view_unit",
        "casework.add_user",
        "casework.change_user",
        "casework.view_user",
        "casework.view_caseevent",
        "auth.view_group",
    ],
}


def role_group_name(unit: Unit | None, role: str) -> str:
    return role if unit is None else f"{unit.code}:{role}"


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


@transaction.atomic
def role_groups_ensure(unit: Unit | None) -> dict[str, Group]:
    """Create (or find) the role groups of a unit; ``None`` gives the administrators' group."""
    roles = [Role.ADMINISTRATOR] if unit is None else list(UNIT_ROLES)
    groups = {}
    for role in roles:
        link = UnitRole.objects.select_related("group").filter(unit=unit, role=role).first()
        if link is None:
            group, _created = Group.objects.get_or_create(name=role_group_name(unit, role))
            link = UnitRole.objects.create(group=group, unit=unit, role=role)
            group.permissions.set(_permissions(ROLE_MODEL_PERMISSIONS[role]))
        groups[role] = link.group
    return groups


@transaction.atomic
def user_set_roles(*, user: User, roles: list[str]) -> None:
    """Give a user exactly these roles in their own unit (administrator: everywhere)."""
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    unit_roles = [r for r in roles if r != Role.ADMINISTRATOR]
    if unit_roles and user.unit_id is None:
        raise ValueError("a user needs a unit before a unit role")
    # The groups of the unit (and the administrators') are looked up once, not per role.
    unit_groups = role_groups_ensure(user.unit) if unit_roles else {}
    groups = [unit_groups[r] for r in unit_roles]
    if Role.ADMINISTRATOR in roles:
        groups.append(role_groups_ensure(None)[Role.ADMINISTRATOR])
    others = user.groups.exclude(unit_role__isnull=False)
    user.groups.set([*others, *groups])
    user.__dict__.pop("_casework_roles", None)


def user_roles(user) -> frozenset[str]:
    """The roles a user holds in their own unit (cached on the user object for the request).

    ``user_set_roles``, ``user_move_unit`` (``permissions.users``) and the admin form keep a
    user out of the role groups of other units; were one to slip in (through the shell), its
    group grants would still open the cases (guardian honours them) while the lists here
    ignore it.
    """
    if not user.is_authenticated:
        return frozenset()
    cached = user.__dict__.get("_casework_roles")
    if cached is None:
        cached = user_roles_keep(user, user_role_rows(user))
    return cached


def user_role_rows(user) -> QuerySet:
    """``(unit_id, role)`` of every role group the user is in."""
    return UnitRole.objects.filter(group__user=user).values_list("unit_id", "role")


def user_roles_keep(user, rows) -> frozenset[str]:
    """Keep on the user, for the request, the roles that these ``(unit_id, role)`` rows give
    in their own unit (administrator: everywhere). Returns them."""
    roles = frozenset(role for unit_id, role in rows if unit_id is None or unit_id == user.unit_id)
    user.__dict__["_casework_roles"] = roles
    return roles


def user_may_register(user) -> bool:
    """``user.has_perm("casework.add_case")``, in one query instead of two (the user's own
    permissions and their groups'): asked on every registration."""
    if not (user.is_active and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    return Permission.objects.filter(
        Q(user=user) | Q(group__user=user),
        content_type__app_label="casework",
        codename="add_case",
    ).exists()


def users_with_role(unit: Unit | int, role: str) -> QuerySet[User]:
    """Active members of the unit who hold the role there."""
    return User.objects.filter(
        is_active=True,
        unit=unit,
        groups__unit_role__unit=unit,
        groups__unit_role__role=role,
    ).distinct()
