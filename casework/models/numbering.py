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
        """The next number of the series. Must run inside ``transaction.atomic()``.

        One ``UPDATE ... RETURNING``: the update takes the series' row lock until the caller's
        transaction ends, and answers the number it wrote. A series' first number creates
        its row (a concurrent first number finds the row and counts on from it).
        """
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            raise RuntimeError("SequenceCounter.allocate needs an atomic block")
        number = cls._next(connection, name=name, unit_id=unit_id, year=year)
        if number is not None:
            return number
        try:
            with transaction.atomic():
                cls.objects.create(name=name, unit_id=unit_id, year=year, last_value=1)
            return 1
        except IntegrityError:
            pass  # another transaction opened the series first: count on from its row
        return cls._next(connection, name=name, unit_id=unit_id, year=year)

    @classmethod
    def _next(cls, connection, **key) -> int | None:
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last_value = last_value + 1"  # noqa: S608 - our table name
                " WHERE name = %s AND unit_id = %s AND year = %s RETURNING last_value",
                [key["name"], key["unit_id"], key["year"]],
            )
            row = cursor.fetchone()
        return row[0] if row else None
