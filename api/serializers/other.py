"""The API's other answers: units, the caller, tokens, errors, the queue's rows, the report."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers.cases import _DueMethods
from casework.choices import Kind, State
from casework.models import Unit


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Unit
        fields = ["code", "name", "level", "parent"]
        read_only_fields = fields


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class QueueItemSerializer(_DueMethods, serializers.Serializer):
    """A row of the supervisor's queue: what a triage needs, and nothing of anyone's identity
    (the parties, the content and the documents are on the case: ``GET /api/v1/cases/{id}/``).
    Read from the queue's values, not from whole cases: the queue is read every morning by
    every supervisor, and a row costs little this way."""

    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    round = serializers.IntegerField()
    state = serializers.ChoiceField(choices=State.choices)
    subject = serializers.CharField()
    unit = serializers.CharField(source="unit_code", help_text=_("The unit's code"))
    assignee = serializers.CharField(
        source="assignee_username", allow_null=True, help_text=_("The investigator's username")
    )
    received_on = serializers.DateField()
    last_act_on = serializers.DateField(help_text=_("The date of the latest act"))
    next_due_on = serializers.DateField(allow_null=True)
    is_overdue = serializers.SerializerMethodField()
    working_days_left = serializers.SerializerMethodField(
        help_text=_("Working days until the next due date; negative when overdue")
    )
    reason = serializers.ChoiceField(
        choices=["overdue", "due_soon", "suspended_long", "unassigned"],
        help_text=_("Why the case is in the queue"),
    )

    def to_representation(self, row: dict) -> dict:
        # The rows are plain values already (text, numbers, dates): each field's conversion
        # is skipped, a date written as DRF writes it (ISO 8601); the same answer as
        # ``Serializer.to_representation``, for a fraction of its cost on every row.
        out = {}
        for field in self._readable_fields:
            if isinstance(field, serializers.SerializerMethodField):
                out[field.field_name] = getattr(self, f"get_{field.field_name}")(row)
            else:
                value = row[field.source]
                out[field.field_name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def columns(cls) -> list[str]:
        """What a row is read with: each field's source, but the computed ones."""
        return [
            field.source or name
            for name, field in cls._declared_fields.items()
            if not isinstance(field, serializers.SerializerMethodField)
        ]


class OnTimeRateSerializer(serializers.Serializer):
    unit = serializers.CharField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    resolved = serializers.IntegerField()
    resolved_on_time = serializers.IntegerField()
    open_overdue = serializers.IntegerField()
    on_time_rate = serializers.FloatField(
        allow_null=True, help_text=_("resolved on time / (resolved + open and overdue)")
    )
