"""The API's request bodies: checked here for type, then by the door for the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from casework.choices import Channel, Forwarder, Kind, PartyRole
from workflows.forms import MAX_PARTIES
from workflows.procedures import ACTIONS, Step


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
    round = serializers.ChoiceField(
        choices=[(1, "1"), (2, "2")],
        required=False,
        default=1,
        help_text=_(
            "2: a complaint's second round, or a denunciation made again to the superior of "
            "who concluded it (Denunciations Law Art. 37)"
        ),
    )
    previous_case = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text=_(
            "Round 2: the reference of the round-1 case, or of the conclusion a re-denunciation "
            "disputes (Denunciations Law Art. 37), also one made by another agency"
        ),
    )
    appeal_from = serializers.DateField(
        required=False,
        help_text=_(
            "Round 2: the day the complainant received the round-1 decision, or the day the "
            "round-1 period ended without one (the appeal window runs from it)"
        ),
    )
    channel = serializers.ChoiceField(choices=Channel.choices)
    forwarded_by = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text=_("Channel forwarded: the body that forwarded the letter"),
    )
    forwarder_kind = serializers.ChoiceField(
        choices=Forwarder.choices,
        required=False,
        allow_blank=True,
        help_text=_("Channel forwarded: a deputy, the press, or another agency"),
    )
    received_on = serializers.DateField(required=False, help_text=_("Default: today"))
    unit = serializers.CharField(
        max_length=16, required=False, help_text=_("Unit code; default: the caller's unit")
    )
    competent_unit = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text=_(
            "Code of the unit whose head decides, when not the handling unit: a unit above it"
        ),
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


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


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


def transition_request_serializer(action: Step) -> type[serializers.Serializer]:
    fields = {name: _field_for(f) for name, f in action.form.base_fields.items()}
    name = "".join(part.title() for part in action.name.split("_")) + "Transition"
    return type(name, (serializers.Serializer,), fields)


TRANSITION_REQUESTS = {name: transition_request_serializer(a) for name, a in ACTIONS.items()}
