"""Changes to a user that reach both their roles and their per-case grants.

Apart from ``permissions.roles`` and ``permissions.grants`` so that neither imports the other
back: the grants build on the roles' groups, and moving a user revokes grants.
"""

from django.db import transaction

from casework.models import Unit, User
from permissions.grants import user_grants_outside_unit_revoke


@transaction.atomic
def user_move_unit(*, user: User, unit: Unit | None) -> None:
    """Move a user to another unit: the old unit's roles and per-case grants stay behind."""
    user.unit = unit
    user.save(update_fields=["unit"])
    user.groups.remove(
        *user.groups.filter(unit_role__unit__isnull=False).exclude(unit_role__unit=unit)
    )
    user_grants_outside_unit_revoke(user)
    user.__dict__.pop("_casework_roles", None)
