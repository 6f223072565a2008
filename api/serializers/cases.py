"""A case as the API answers it: its parties, deadlines, documents, steps and events."""

import copy
from datetime import date

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.choices import Forwarder, Kind, PartyRole
from casework.deadlines.calendar import working_calendar
from casework.deadlines.clocks import clock_status, working_days_left
from casework.models import Case, CaseEvent
from casework.models.deadlines import DeadlineUnit, Stage
from permissions.identity import identity_visible
from workflows.procedures.progress import case_step, case_step_label
from workflows.selectors.letters import tie_shown
from workflows.services.documents import documents_visible

IDENTITY_FIELDS = ("full_name", "id_number", "address", "phone", "email")


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
    # Declared, not built: a read-only field built from the model loses ``blank``, and the
    # schema would then refuse the blank kind of a letter that no body forwarded.
    forwarder_kind = serializers.ChoiceField(
        choices=Forwarder.choices, allow_blank=True, read_only=True
    )
    petitioners = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()
    working_days_left = serializers.SerializerMethodField(
        help_text=_("Working days until the next due date; negative when overdue")
    )
    documents = serializers.SerializerMethodField()
    competent_authority = serializers.SerializerMethodField(
        help_text=_(
            "Who decides: the unit (code and name) and its head's title; the handling unit "
            "(``unit``) when no other unit is named"
        )
    )

    step = serializers.SerializerMethodField(
        help_text=_(
            "The detailed step within the procedure, by what the case waits for next "
            "(classification, check, acceptance_notices, assignment, verification, dialogue, "
            "decision, draft_decision, approval, suspended, decision_sending, "
            "conclusion_handling, forwarder_report, ended); "
            "``state`` is the coarse stage"
        )
    )
    step_label = serializers.SerializerMethodField()
    linked_to = serializers.SerializerMethodField(
        help_text=_("The open case this repeated letter joined (its id), when you may see it")
    )
    split_from = serializers.SerializerMethodField(
        help_text=_(
            "The mixed letter this case's content was split from (its id), when you may see it"
        )
    )

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_linked_to(self, case: Case) -> int | None:
        return tie_shown(self._caller(), case.linked_to_id)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_split_from(self, case: Case) -> int | None:
        return tie_shown(self._caller(), case.split_from_id)

    def _caller(self):
        request = self.context.get("request")
        return request.user if request is not None else None

    def get_step(self, case: Case) -> str:
        return case_step(case)

    def get_step_label(self, case: Case) -> str:
        return case_step_label(case)

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_competent_authority(self, case: Case) -> dict:
        unit = case.competent_unit if case.competent_unit_id is not None else case.unit
        return {"unit": unit.code, "name": unit.name, "title": unit.signer_title}

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
            "appeal_from",
            "channel",
            "forwarded_by",
            "forwarder_kind",
            "forwarder_informed_on",
            "received_on",
            "unit",
            "competent_authority",
            "subject",
            "content",
            "state",
            "procedure",
            "step",
            "step_label",
            "assignee",
            "is_complex",
            "is_especially_complex",
            "is_remote_area",
            "anonymous",
            "linked_to",
            "split_from",
            "repeat_count",
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


class StepFieldSerializer(serializers.Serializer):
    """A field of a step's request body, as its form asks for it."""

    name = serializers.CharField()
    label = serializers.CharField()
    required = serializers.BooleanField()
    type = serializers.ChoiceField(choices=["date", "text", "choice", "integer", "boolean", "user"])
    choices = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=_("The values a choice takes")
    )


def _field_type(field: forms.Field) -> str:
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.BooleanField):
        return "boolean"
    if isinstance(field, forms.IntegerField):
        return "integer"
    if not getattr(field, "lists_choices", True):
        return "text"  # typed, e.g. a case's reference
    if isinstance(field, forms.ModelChoiceField):
        return "user" if field.to_field_name == "username" else "choice"
    if isinstance(field, forms.ChoiceField):
        return "choice"
    return "text"


def step_fields(step, case: Case) -> list[dict]:
    """The fields of a step's body for this case, as its form asks for them (the choices of a
    choice, e.g. the investigators one may assign, are the case's own)."""
    form = step.form(case=case)
    described = []
    for name, field in form.fields.items():
        row = {
            "name": name,
            "label": str(field.label or name),
            "required": field.required,
            "type": _field_type(field),
        }
        if not getattr(field, "lists_choices", True):
            pass  # typed, never listed: a unit's open cases
        elif isinstance(field, forms.ModelChoiceField):
            key = field.to_field_name or "pk"
            row["choices"] = [str(getattr(o, key)) for o in field.queryset]
        elif isinstance(field, forms.ChoiceField):
            row["choices"] = [str(value) for value, _label in field.choices if value != ""]
        described.append(row)
    return described


class TransitionSerializer(serializers.Serializer):
    """A step the caller may take now: ``POST /api/v1/cases/{id}/transitions/{name}/``."""

    name = serializers.CharField()
    label = serializers.CharField()
    fields = StepFieldSerializer(many=True)


#: The keys of an event's payload that name the case a letter is tied to: the repeated letter
#: that joined, the open case it joined, the cases a letter was split into.
TIE_KEYS = ("letter", "repeats", "parts")


class EventSerializer(serializers.ModelSerializer):
    """An event of the case's trail. On a denunciation, who may not see the denouncer reads
    no tie to another letter (it says who denounced: the sender of the other case): those
    payload values are withheld (null), as the case's ``linked_to`` is; the event's hash
    then covers a value the caller does not read."""

    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    def to_representation(self, event):
        data = super().to_representation(event)
        if self.context.get("ties_withheld") and isinstance(data.get("payload"), dict):
            data["payload"] = {
                key: (None if key in TIE_KEYS else value) for key, value in data["payload"].items()
            }
        return data

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
