"""The forms of the oversight of an overdue denunciation by the unit above (Denunciations Law
Art. 38): the report asked for, the report given, the case taken over."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.forms.actions import ActionForm


class RequestReportForm(ActionForm):
    request = forms.CharField(
        label=_("What the report must say"),
        max_length=2000,
        widget=forms.Textarea,
        initial=_("The progress of the resolution, the reasons for the delay, when it ends"),
    )


class ReportProgressForm(ActionForm):
    progress = forms.CharField(label=_("Progress"), max_length=5000, widget=forms.Textarea)
    reasons = forms.CharField(
        label=_("Reasons for the delay"), max_length=5000, widget=forms.Textarea
    )


class TakeOverForm(ActionForm):
    reason = forms.CharField(
        label=_("Why the case is taken over"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("E.g. the delay has no good reason (Denunciations Law Art. 38)"),
    )
