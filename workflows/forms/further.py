"""The forms of the further periods' steps (DOMAIN.md, "Deadlines"): the check of a
denunciation extended once."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.deadlines.rules import rule_for
from workflows.forms.actions import ActionForm


class ExtendCheckForm(ActionForm):
    """The check of a denunciation extended to the period of the rule set's "check_extended"
    row (10 working days from receipt, Art. 24(1)), with its reason. The days added are the
    difference between that period and the one running: the rule set says both."""

    reason = forms.CharField(
        label=_("Reason for extending the check"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_(
            "Where verification is needed at several places or by delegation (Denunciations "
            "Law Art. 24(1))"
        ),
    )

    def clean(self):
        data = super().clean()
        clock = self.case.clocks.filter(stage="acceptance").first()
        rule = rule_for(
            kind=self.case.kind,
            round=self.case.round,
            stage="check_extended",
            complex=False,
            remote=False,
            on=self.case.received_on,
        )
        if clock is None or rule is None or rule.unit != clock.unit or rule.period <= clock.period:
            raise forms.ValidationError(
                _("The rule set has no longer check for this letter: nothing to extend to.")
            )
        data["days"] = rule.period - clock.period
        return data
