from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from casework.choices import Role
from casework.models import Case, Unit


class UnitRole(models.Model):
    """Makes a group the role group of one unit (``PROV:supervisor``).

    Roles are groups; a group is tied to a unit so that a per-case grant to "the supervisors of
    PROV" is one row, and a supervisor who joins later sees the unit's cases at once. The
    administrator's group has no unit.
    """

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="unit_role")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "role"], name="unit_role_once"),
        ]
        verbose_name = _("role group")
        verbose_name_plural = _("role groups")

    def __str__(self) -> str:
        return self.group.name


# Direct foreign-key grant tables: guardian finds them through the relation to Case, and the
# joins stay on integer keys (no generic object_pk text column) at a million cases.
class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
