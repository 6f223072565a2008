"""Correcting the facts the deadlines are counted from (``amend``)."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from casework.choices import Kind
from casework.models import Case
from workflows.forms.actions import ActionForm
from workflows.forms.receipt import (
    acceptance_rule,
    appeal_window_refusal,
    no_acceptance_rule,
    receipt_date_check,
)


class FlagSelect(forms.NullBooleanSelect):
    """Yes / No, or (left empty) unchanged."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("Unchanged")), ("true", _("Yes")), ("false", _("No"))]


class AmendForm(ActionForm):
    """Correct the facts the deadlines are counted from: receipt, complexity, remoteness.

    A field left out (or ``null`` in the API) keeps its value; the due dates of the open
    clocks are recomputed from the corrected facts.
    """

    received_on = forms.DateField(label=_("Received on"), required=False)
    is_complex = forms.NullBooleanField(label=_("Complex"), required=False, widget=FlagSelect)
    is_especially_complex = forms.NullBooleanField(
        label=_("Especially complex"), required=False, widget=FlagSelect
    )
    is_remote_area = forms.NullBooleanField(
        label=_("Remote area"), required=False, widget=FlagSelect
    )
    reason = forms.CharField(
        label=_("Reason for the correction"), max_length=2000, widget=forms.Textarea
    )

    FACTS = ("received_on", "is_complex", "is_especially_complex", "is_remote_area")

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        for name in self.FACTS:
            self.fields[name].initial = getattr(case, name)

    def clean_received_on(self):
        received_on = self.cleaned_data.get("received_on")
        if received_on is None:
            return None
        receipt_date_check(received_on)
        first_act = (
            self.case.events.filter(seq__gt=1)
            .order_by("seq")
            .values_list("effective_on", flat=True)
            .first()
        )
        rule = acceptance_rule(
            kind=self.case.kind,
            round=self.case.round,
            flags={n: getattr(self.case, n) for n in self.FACTS[1:]},
            received_on=received_on,
        )
        if rule is None:
            raise forms.ValidationError(no_acceptance_rule(self.case.kind, received_on))
        if first_act is not None and received_on > first_act:
            raise forms.ValidationError(
                _("The date of receipt cannot be after %(date)s, the case's first act."),
                params={"date": date_format(first_act, "SHORT_DATE_FORMAT")},
            )
        return received_on

    def clean(self):
        data = super().clean()
        changed = {
            name: data[name]
            for name in self.FACTS
            if data.get(name) is not None and data[name] != getattr(self.case, name)
        }
        for name in self.FACTS:
            if name not in changed:
                data[name] = None  # unchanged: neither written nor recorded
        if not changed and not self.errors:
            raise forms.ValidationError(
                _("Nothing to correct: every fact given is as the case already records it.")
            )
        if (
            self.case.round == 2
            and self.case.appeal_from
            and ("received_on" in changed or "is_remote_area" in changed)
        ):
            # The corrected facts must still put the letter within its appeal window.
            refusal = appeal_window_refusal(
                {
                    "appeal_from": self.case.appeal_from,
                    "received_on": changed.get("received_on", self.case.received_on),
                    "is_remote_area": changed.get("is_remote_area", self.case.is_remote_area),
                }
            )
            if refusal:
                raise forms.ValidationError(refusal)
        if self.case.kind == Kind.DENUNCIATION and self.case.extensions_used:
            especially = changed.get("is_especially_complex", self.case.is_especially_complex)
            complex_ = changed.get("is_complex", self.case.is_complex) or especially
            rule = self.case.resolution_rule
            if rule is not None:
                allowed = (
                    rule.extensions_especially_complex
                    if especially
                    else rule.extensions_complex
                    if complex_
                    else 0
                )
                if self.case.extensions_used > allowed:
                    raise forms.ValidationError(
                        _(
                            "The case has been extended %(used)s times; it must stay complex "
                            "enough to allow that."
                        ),
                        params={"used": self.case.extensions_used},
                    )
        return data
