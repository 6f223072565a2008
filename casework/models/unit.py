from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

unit_code_validator = RegexValidator(
    r"^[A-Z][A-Z0-9]{1,15}$",
    _("Use 2 to 16 capital letters or digits, starting with a letter."),
)


class Unit(models.Model):
    """An agency or one of its offices: a node in the tree of agencies.

    Levels are data (province, commune, ministry, ...), never a hard-coded list: the map of
    Vietnamese local government changed in 2025 and will change again.
    """

    code = models.CharField(_("code"), max_length=16, unique=True, validators=[unit_code_validator])
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(
        _("level"), max_length=40, blank=True, help_text=_("e.g. province, commune, ministry")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    place = models.CharField(
        _("place"),
        max_length=100,
        blank=True,
        help_text=_("Where its documents are issued, as they print it: “Hà Nội”"),
    )
    signer_title = models.CharField(
        _("signer's title"),
        max_length=100,
        blank=True,
        help_text=_("Who signs its documents, as they print it: “Chánh Thanh tra”"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def units_above(self) -> list["Unit"]:
        """The units above this one, nearest first (a loop in the tree stops the walk)."""
        above, seen = [], {self.pk}
        unit = self.parent
        while unit is not None and unit.pk not in seen:
            above.append(unit)
            seen.add(unit.pk)
            unit = unit.parent
        return above


class User(AbstractUser):
    """A member of staff. Belongs to one unit; roles are the unit's role groups."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
