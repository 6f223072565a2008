"""The payload of each action, validated with the field messages the user sees."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from casework.choices import (
    OUTCOMES_BY_KIND,
    ActDecision,
    ComplaintGrounds,
    FiledReason,
    Kind,
    Outcome,
    ReDenunciationGrounds,
    Role,
)
from casework.models import Case, Unit
from permissions.roles import users_with_role


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
            field = self.fields.get(name)  # None: a value the form worked out itself
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
        elif case.kind == Kind.DENUNCIATION and case.round == 2:
            # A re-denunciation the superior does not resolve again; to resolve it again is
            # to accept it (Art. 37).
            self.fields["grounds"] = forms.ChoiceField(
                label=_("Grounds (Denunciations Law Art. 37)"),
                choices=ReDenunciationGrounds.choices,
            )


class TransferForm(ActionForm):
    to_agency = forms.CharField(label=_("Competent body"), max_length=300)


class MoveForm(ActionForm):
    to_unit = forms.ModelChoiceField(
        label=_("Competent unit"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        error_messages={"invalid_choice": _("Choose another unit of the system.")},
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["to_unit"].queryset = Unit.objects.exclude(pk=case.unit_id).order_by("code")


class FileForm(ActionForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=FiledReason.choices)

    def clean_reason(self):
        reason = self.cleaned_data["reason"]
        anonymous = self.case.kind == Kind.DENUNCIATION and self.case.anonymous
        if reason == FiledReason.INSPECTION and not anonymous:
            raise forms.ValidationError(
                _("Only an anonymous denunciation is passed to inspection (Art. 25(2)).")
            )
        return reason


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
        investigators = users_with_role(case.unit_id, Role.INVESTIGATOR)
        if case.kind == Kind.DENUNCIATION:
            # The officer who registered it knows the denouncer: never its verifier (Art. 56).
            investigators = investigators.exclude(pk=case.registered_by_id)
        self.fields["assignee"].queryset = investigators


class YesNoSelect(forms.NullBooleanSelect):
    """Yes / No, to be chosen (left empty: not answered)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "—"), ("true", _("Yes")), ("false", _("No"))]


class FindingsForm(ActionForm):
    findings = forms.CharField(label=_("Findings"), max_length=20000, widget=forms.Textarea)
    demand_differs = forms.NullBooleanField(
        label=_("The complainant's demand differs from the verification result"),
        required=False,
        widget=YesNoSelect,
        help_text=_(
            "Complaints only. Yes: a dialogue is held before the decision (Complaints Law "
            "Art. 30; in the second round always, Art. 39)."
        ),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case.kind == Kind.COMPLAINT:
            self.fields["demand_differs"].required = True
        else:
            del self.fields["demand_differs"]

    def clean_demand_differs(self):
        # A NullBooleanField takes "unknown" even when required: here it must be answered.
        value = self.cleaned_data.get("demand_differs")
        if value is None:
            raise forms.ValidationError(
                _("Say whether the complainant's demand differs from what was found.")
            )
        return value


class DialogueForm(ActionForm):
    """The minutes of the dialogue with the complainant (biên bản đối thoại): who took part,
    what each side said, what came of it, who signed. The date of the act is the day it was
    held."""

    participants = forms.CharField(
        label=_("Participants"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_("The complainant, the party complained against, the verifier, others"),
    )
    complainant_views = forms.CharField(
        label=_("The complainant's views"), max_length=20000, widget=forms.Textarea
    )
    respondent_views = forms.CharField(
        label=_("The views of the party complained against"),
        max_length=20000,
        widget=forms.Textarea,
    )
    result = forms.CharField(label=_("Result"), max_length=20000, widget=forms.Textarea)
    signed_by = forms.CharField(
        label=_("Signed by"),
        max_length=2000,
        help_text=_("Who signed the minutes, and who refused to"),
    )


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


class ResolveForm(ActionForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    decision_summary = forms.CharField(
        label=_("Decision or conclusion"), max_length=20000, widget=forms.Textarea
    )
    dialogue_skipped = forms.CharField(
        label=_("Why no dialogue was held"),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "First-round complaints whose demand differs from the verification result: the "
            "minutes of the dialogue come first (Complaints Law Art. 30), or the reason here"
        ),
    )
    act_decision = forms.ChoiceField(
        label=_("The act complained of"),
        choices=ActDecision.choices,
        required=False,
        help_text=_(
            "Complaints only: kept when the complaint is rejected, else amended or "
            "cancelled (Complaints Law Art. 31)"
        ),
    )

    #: Which decisions on the act each outcome of a complaint allows.
    ACT_DECISIONS = {
        Outcome.REJECTED: (ActDecision.KEEP,),
        Outcome.PARTLY_UPHELD: (ActDecision.AMEND, ActDecision.CANCEL),
        Outcome.UPHELD: (ActDecision.AMEND, ActDecision.CANCEL),
    }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        allowed = OUTCOMES_BY_KIND[Kind(case.kind)]
        self.fields["outcome"].choices = [(o.value, o.label) for o in allowed]
        if case.kind != Kind.COMPLAINT:
            del self.fields["act_decision"]
        if not self.dialogue_due():
            del self.fields["dialogue_skipped"]

    def dialogue_due(self) -> bool:
        """A first-round complaint whose demand differs from the verification result (or was
        not asked), and no dialogue yet: the decision says why (the second round cannot skip
        it at all)."""
        case = self.case
        return (
            case.kind == Kind.COMPLAINT
            and case.round == 1
            # Unknown (findings recorded before the question was asked) counts as differing:
            # the decision then holds the dialogue or says why not, never neither.
            and case.demand_differs is not False
            and case.dialogue_held_on is None
        )

    def clean(self):
        data = super().clean()
        if "dialogue_skipped" in self.fields and not (data.get("dialogue_skipped") or "").strip():
            self.add_error(
                "dialogue_skipped",
                _(
                    "The complainant's demand differs from the verification result: record "
                    "the dialogue's minutes first, or say why none was held (Complaints Law "
                    "Art. 30)."
                ),
            )
        if "act_decision" not in self.fields or "outcome" not in data:
            return data
        allowed = self.ACT_DECISIONS[Outcome(data["outcome"])]
        decided = data.get("act_decision")
        if not decided and len(allowed) == 1:
            data["act_decision"] = allowed[0]  # a rejected complaint keeps the act
        elif decided not in allowed:
            self.add_error(
                "act_decision",
                _("With this outcome the act complained of is: %(choices)s.")
                % {"choices": ", ".join(str(a.label).lower() for a in allowed)},
            )
        return data


class ExtendForm(ActionForm):
    days = forms.IntegerField(label=_("Days of extension"), min_value=1)
    reason = forms.CharField(
        label=_("Reason for the extension"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("Why the case is complex: the decision states it (Decree 31/2019, Form 01)"),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        rule = case.resolution_rule if case.kind == Kind.DENUNCIATION else None
        if rule is not None and rule.extension_max_days:
            field = self.fields["days"]
            field.max_value = rule.extension_max_days
            field.validators.append(MaxValueValidator(rule.extension_max_days))
            field.widget.attrs["max"] = rule.extension_max_days
            field.help_text = _("At most %(days)s days (%(basis)s).") % {
                "days": rule.extension_max_days,
                "basis": rule.basis,
            }


class NoteForm(ActionForm):
    """A note of the verification: the note is the whole of it."""

    note = forms.CharField(label=_("Note"), max_length=20000, widget=forms.Textarea)
