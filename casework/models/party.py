from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.choices import PartyRole
from casework.crypto import blind_index, identity_decrypt, identity_encrypt


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


class EncryptedTextField(models.TextField):
    """Text stored encrypted (``casework.crypto``): the database holds a token, Python the text.

    Not for lookups: a token differs at every save. Find identities by their blind index.
    """

    def from_db_value(self, value, expression, connection):
        return identity_decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return identity_encrypt(value) if value else value


class PartyIdentity(models.Model):
    """Who a party is: every field encrypted at rest; ``*_key`` find it again (blind index)."""

    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="identity")
    full_name = EncryptedTextField(_("full name"))
    id_number = EncryptedTextField(_("ID number"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    name_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.keys_set()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "name_key", "id_number_key"}
        super().save(*args, **kwargs)

    def keys_set(self) -> "PartyIdentity":
        """Compute the blind index from the clear values (``save`` does; a bulk insert must)."""
        self.name_key = blind_index("full_name", self.full_name)
        self.id_number_key = blind_index("id_number", self.id_number)
        return self
