"""The shapes of the API: requests are checked here for type, then by the door for the rules."""

import copy
from datetime import date

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.choices import Channel, Kind, PartyRole, State
from casework.deadlines.calendar import working_calendar
from casework.deadlines.clocks import clock_status, working_days_left
from casework.models import Case, CaseEvent, Unit
from casework.models.deadlines import DeadlineUnit, Stage
from permissions.identity import identity_visible
from workflows.forms import MAX_PARTIES
from workflows.procedures import ACTIONS, Action
from workflows.services.documents import documents_visible

IDENTITY_FIELDS = ("full_name", "id_number", "address", "phone", "email")


class PetitionerInSerializer(serializers.Serializer):
    """A party of a new case, as the intake page takes it (``PartyForm``): the door checks
    the rest (an anonymous denunciation names no denouncer, a complaint a complainant...)."""

    full_name = serializers.CharField(max_length=200)
    id_number = serializers.RegexField(
        r"^[0-9A-Za-z]{6,20}$", max_length=20, required=False, allow_blank=True
    )
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    phone = serializers.RegexField(
        r"^\+?[0-9 .-]{6,20}$", max_length=20, required=False, allow_blank=True
    )
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    role = serializers.ChoiceField(
        choices=PartyRole.choices,
        required=False,
        allow_blank=True,
        help_text=_(
            "Default: the one who brings a letter of the kind (petitioner, complainant, denouncer)"
        ),
    )
    position = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text=_("Position or workplace, e.g. of the accused"),
    )


class CaseCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    round = serializers.ChoiceField(choices=[(1, "1"), (2, "2")], required=False, default=1)
    previous_case = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text=_("Reference of the round-1 case, or of a decision made by another agency"),
    )
    channel = serializers.ChoiceField(choices=Channel.choices)
    received_on = serializers.DateField(required=False, help_text=_("Default: today"))
    unit = serializers.CharField(
        max_length=16, required=False, help_text=_("Unit code; default: the caller's unit")
    )
    subject = serializers.CharField(max_length=300)
    content = serializers.CharField(max_length=50000)
    is_complex = serializers.BooleanField(required=False, default=False)
    is_especially_complex = serializers.BooleanField(required=False, default=False)
    is_remote_area = serializers.BooleanField(required=False, default=False)
    anonymous = serializers.BooleanField(required=False, default=False)
    petitioners = PetitionerInSerializer(
        many=True,
        required=False,
        default=list,
        max_length=MAX_PARTIES,
        help_text=_("Every party: those who bring the letter, their representatives, the accused"),
    )


class PetitionerSerializer(serializers.Serializer):
    """A party: petitioner, complainant, denouncer, representative or accused.

    Where the caller may not see the identity, no identifying field is present at all (the
    position neither: it can name a person as well as a name does) and
    ``identity_protected`` is true.
    """

    role = serializers.ChoiceField(choices=PartyRole.choices)
    identity_protected = serializers.BooleanField()
    position = serializers.CharField(required=False)
    full_name = serializers.CharField(required=False)
    id_number = serializers.CharField(required=False)
    address = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    email = serializers.CharField(required=False)


class DeadlineSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    period = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=DeadlineUnit.choices)
    started_on = serializers.DateField()
    due_on = serializers.DateField(allow_null=True, help_text=_("Unknown while paused"))
    status = serializers.ChoiceField(choices=["running", "paused", "met", "missed", "stopped"])
    met_on = serializers.DateField(allow_null=True)
    basis = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_("The kind of document, e.g. acceptance_notice"))
    number = serializers.CharField(help_text=_("Number and code, e.g. 15/TB-PROV"))
    status = serializers.ChoiceField(choices=["pending", "ready", "failed"])
    issued_on = serializers.DateField()
    sha256 = serializers.CharField(help_text=_("SHA-256 of the PDF; empty until it is issued"))
    url = serializers.URLField(help_text=_("The PDF (GET /api/v1/documents/{id}/pdf/)"))


class _DueMethods:
    """``is_overdue`` and ``working_days_left`` of a case, or of a row of its values."""

    @staticmethod
    def _due(case) -> date | None:
        return case["next_due_on"] if isinstance(case, dict) else case.next_due_on

    def get_is_overdue(self, case) -> bool:
        due = self._due(case)
        return due is not None and due < timezone.localdate()

    def get_working_days_left(self, case) -> int | None:
        return working_days_left(working_calendar(), timezone.localdate(), self._due(case))


class CaseSerializer(_DueMethods, serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    previous_case = serializers.CharField(source="previous_reference", read_only=True)
    petitioners = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()
    working_days_left = serializers.SerializerMethodField(
        help_text=_("Working days until the next due date; negative when overdue")
    )
    documents = serializers.SerializerMethodField()

    def get_fields(self):
        # ModelSerializer builds its fields from the model on every instance (one per answer):
        # build them once per class, and give each instance its own copies.
        cls = type(self)
        built = cls.__dict__.get("_fields_built")
        if built is None:
            built = super().get_fields()
            cls._fields_built = built
        return copy.deepcopy(built)

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "kind",
            "round",
            "previous_case",
            "channel",
            "received_on",
            "unit",
            "subject",
            "content",
            "state",
            "assignee",
            "is_complex",
            "is_especially_complex",
            "is_remote_area",
            "anonymous",
            "outcome",
            "petitioners",
            "deadlines",
            "next_due_on",
            "is_overdue",
            "working_days_left",
            "documents",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, case: Case) -> list[dict]:
        today = timezone.localdate()
        clocks = sorted(case.clocks.all(), key=lambda c: c.started_on)  # prefetched
        return [
            {
                "stage": c.stage,
                "period": c.period,
                "unit": c.unit,
                "started_on": c.started_on,
                "due_on": c.due_on,
                "status": clock_status(c, today),
                "met_on": c.met_on,
                "basis": c.rule.basis,
            }
            for c in clocks
        ]

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, case: Case) -> list[dict]:
        request = self.context["request"]
        return [
            {
                "id": d.pk,
                "kind": d.kind,
                "number": d.number,
                "status": d.status,
                "issued_on": d.issued_on,
                "sha256": d.sha256,
                "url": request.build_absolute_uri(reverse("api:document-pdf", kwargs={"pk": d.pk})),
            }
            for d in documents_visible(request.user, case, case.documents.all())  # prefetched
        ]

    @extend_schema_field(PetitionerSerializer(many=True))
    def get_petitioners(self, case: Case) -> list[dict]:
        user = self.context["request"].user
        # A denouncer's identity only in a reading of the one case, which is logged (the
        # view's retrieve); never in a list, a queue or the answer to an act.
        reading = self.context.get("identity_reading", False)
        rows = []
        for party in case.parties.all():  # prefetched with their identities
            row = {"role": party.role}
            identity = getattr(party, "identity", None)
            # The accused's identity is no secret (permissions.identity): shown wherever the
            # case is, as the case page shows it.
            protected = case.kind == Kind.DENUNCIATION and party.role != PartyRole.ACCUSED
            if (
                identity is not None
                and (reading or not protected)
                and identity_visible(user, case, party)
            ):
                row["identity_protected"] = False
                row["position"] = party.position
                row.update({name: getattr(identity, name) for name in IDENTITY_FIELDS})
            else:
                row["identity_protected"] = True
            rows.append(row)
        return rows


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = CaseEvent
        fields = [
            "seq",
            "action",
            "from_state",
            "to_state",
            "actor",
            "effective_on",
            "recorded_at",
            "payload",
            "texts",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields


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


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


def _field_for(form_field: forms.Field) -> serializers.Field:
    """The API field for one field of an action's form (the procedures table is the source)."""
    common = {
        "required": form_field.required,
        "label": form_field.label,
        "help_text": form_field.help_text or None,
    }
    if isinstance(form_field, forms.NullBooleanField):
        return serializers.BooleanField(**common, allow_null=True)
    if isinstance(form_field, forms.DateField):
        return serializers.DateField(**common, allow_null=True)
    if isinstance(form_field, forms.IntegerField):
        return serializers.IntegerField(
            **common, min_value=form_field.min_value, max_value=form_field.max_value
        )
    if isinstance(form_field, forms.ModelChoiceField):
        return serializers.CharField(**common, max_length=150)  # a username
    if isinstance(form_field, forms.ChoiceField):
        return serializers.ChoiceField(**common, choices=form_field.choices)
    return serializers.CharField(
        **common, allow_blank=not form_field.required, max_length=form_field.max_length
    )


def transition_request_serializer(action: Action) -> type[serializers.Serializer]:
    fields = {name: _field_for(f) for name, f in action.form.base_fields.items()}
    name = "".join(part.title() for part in action.name.split("_")) + "Transition"
    return type(name, (serializers.Serializer,), fields)


TRANSITION_REQUESTS = {name: transition_request_serializer(a) for name, a in ACTIONS.items()}


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
