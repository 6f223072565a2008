"""The payload of each action, validated with the field messages the user sees."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from casework.choices import (
    OUTCOMES_BY_KIND,
    Channel,
    ComplaintGrounds,
    FiledReason,
    Kind,
    Outcome,
    Role,
)
from casework.models import Case
from permissions.roles import users_with_role

#: Letters received before this year are not registered as new cases.
EARLIEST_RECEIPT_YEAR = 2000


class ActionForm(forms.Form):
    """Fields every action takes: the date of the act and a note."""

    on = forms.DateField(label=_("Date of the act"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

    def clean_on(self):
        on = self.cleaned_data.get("on") or timezone.localdate()
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date of an act cannot be in the future."))
        earliest = max(self.case.received_on, self.case.last_act_on)
        if on < earliest:
            raise forms.ValidationError(
                _("The date cannot be before %(date)s, the case's previous act or receipt."),
                params={"date": date_format(earliest, "SHORT_DATE_FORMAT")},
            )
        return on

    def transition_kwargs(self) -> dict:
        """The arguments of the model's transition method."""
        data = dict(self.cleaned_data)
        data.pop("note", None)
        return data

    def audit_record(self) -> tuple[dict, dict[str, str]]:
        """What the audit trail keeps: (payload of codes and references, free texts).

        Free text (a note, a reason, findings) may name people, so it never enters the payload
        of the chain; ``event_prepare`` puts its digest there instead.
        """
        payload, texts = {}, {}
        for name, value in self.cleaned_data.items():
            if name == "on" or value in (None, ""):
                continue
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                payload[name] = getattr(value, field.to_field_name or "pk")
            elif isinstance(field, forms.CharField):
                texts[name] = value
            else:
                payload[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return payload, texts


class NoFieldsForm(ActionForm):
    pass


class RejectForm(ActionForm):
    grounds = forms.CharField(label=_("Grounds"), max_length=2000)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case.kind == Kind.COMPLAINT:
            self.fields["grounds"] = forms.ChoiceField(
                label=_("Grounds (Complaints Law Art. 11)"), choices=ComplaintGrounds.choices
            )


class TransferForm(ActionForm):
    to_agency = forms.CharField(label=_("Competent body"), max_length=300)


class FileForm(ActionForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=FiledReason.choices)


class AssignForm(ActionForm):
    assignee = forms.ModelChoiceField(
        label=_("Investigator"),
        queryset=None,
        to_field_name="username",
        error_messages={
            "invalid_choice": _("Choose an active investigator of the case's unit."),
        },
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["assignee"].queryset = users_with_role(case.unit, Role.INVESTIGATOR)


class FindingsForm(ActionForm):
    findings = forms.CharField(label=_("Findings"), max_length=20000, widget=forms.Textarea)


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


class ResolveForm(ActionForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    decision_summary = forms.CharField(
        label=_("Decision or conclusion"), max_length=20000, widget=forms.Textarea
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        allowed = OUTCOMES_BY_KIND[Kind(case.kind)]
        self.fields["outcome"].choices = [(o.value, o.label) for o in allowed]


class ExtendForm(ActionForm):
    days = forms.IntegerField(label=_("Days of extension"), min_value=1, max_value=30)


class PartyForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    id_number = forms.RegexField(
        label=_("ID number"),
        regex=r"^[0-9A-Za-z]{6,20}$",
        required=False,
        error_messages={"invalid": _("Use 6 to 20 letters or digits.")},
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?[0-9 .-]{6,20}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number of digits.")},
    )
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.CharField(required=False, max_length=20)
    position = forms.CharField(label=_("Position"), required=False, max_length=200)


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    round = forms.TypedChoiceField(
        label=_("Round"), choices=[(1, "1"), (2, "2")], coerce=int, required=False
    )
    previous_case = forms.CharField(label=_("Round-1 case"), max_length=100, required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_on = forms.DateField(label=_("Received on"), required=False)
    unit = forms.CharField(label=_("Unit"), max_length=16, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    content = forms.CharField(label=_("Content"), max_length=50000, widget=forms.Textarea)
    is_complex = forms.BooleanField(label=_("Complex"), required=False)
    is_especially_complex = forms.BooleanField(label=_("Especially complex"), required=False)
    is_remote_area = forms.BooleanField(label=_("Remote area"), required=False)
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False)

    def clean_received_on(self):
        received_on = self.cleaned_data.get("received_on") or timezone.localdate()
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        if received_on.year < EARLIEST_RECEIPT_YEAR:
            raise forms.ValidationError(
                _("The date of receipt cannot be before %(year)s."),
                params={"year": EARLIEST_RECEIPT_YEAR},
            )
        return received_on

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        data["round"] = data.get("round") or 1
        if data["round"] == 2 and kind != Kind.COMPLAINT:
            self.add_error("round", _("Only a complaint has a second round."))
        if data.get("previous_case") and data["round"] != 2:
            self.add_error("previous_case", _("Only a round-2 complaint refers to round 1."))
        if data.get("anonymous") and kind != Kind.DENUNCIATION:
            self.add_error("anonymous", _("Only a denunciation may be anonymous."))
        if data.get("is_especially_complex"):
            data["is_complex"] = True
        return data
