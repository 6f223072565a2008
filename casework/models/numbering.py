from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


class SequenceCounter(models.Model):
    """The last number handed out in one series (case references, notice numbers, ...).

    A series is a name, a unit and a year. Numbers are allocated under a row lock inside the
    caller's transaction, so a rolled-back registration gives its number back: no gaps.
    """

    name = models.CharField(max_length=40)
    unit = models.ForeignKey("casework.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "unit", "year"], name="sequence_counter_key")
        ]
        verbose_name = _("sequence counter")

    def __str__(self) -> str:
        return f"{self.name} {self.unit_id}/{self.year}: {self.last_value}"

    @classmethod
    def allocate(cls, *, name: str, unit_id: int, year: int) -> int:
        """The next number of the series. Must run inside ``transaction.atomic()``."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("SequenceCounter.allocate needs an atomic block")
        key = {"name": name, "unit_id": unit_id, "year": year}
        counter = cls.objects.select_for_update().filter(**key).first()
        if counter is None:
            try:
                with transaction.atomic():
                    cls.objects.create(**key)
            except IntegrityError:
                pass  # another transaction opened the series first; lock its row below
            counter = cls.objects.select_for_update().get(**key)
        counter.last_value += 1
        counter.save(update_fields=["last_value"])
        return counter.last_value
