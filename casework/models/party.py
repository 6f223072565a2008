from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.choices import PartyRole


class Party(models.Model):
    """Someone a case is about or from. Who they are lives in ``PartyIdentity``.

    The identity is a model of its own so that it can be guarded (a denouncer's identity is a
    secret under Denunciations Law Arts. 8, 47) and left out of every list that has no right
    to it.
    """

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("For an accused official")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["case", "order", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return f"{self.get_role_display()} #{self.pk}"


class PartyIdentity(models.Model):
    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="identity")
    full_name = models.CharField(_("full name"), max_length=200)
    id_number = models.CharField(_("ID number"), max_length=20, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")

    def __str__(self) -> str:
        return self.full_name
