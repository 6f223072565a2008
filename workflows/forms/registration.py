"""A new letter's fields and its parties, as registration takes them (the page and the API)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.choices import Channel, Forwarder, Kind
from workflows.forms.receipt import (
    acceptance_rule,
    appeal_window_refusal,
    no_acceptance_rule,
    receipt_date_check,
)

#: The most parties one letter registers: the page's forms and the API alike (a group of more
#: than ten chooses up to five representatives, Citizen Reception Law Art. 29; the rest are
#: the accused and the persons concerned).
MAX_PARTIES = 20


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
        label=_("Round"),
        choices=[(1, "1"), (2, _("2: a complaint's second round, or a re-denunciation"))],
        coerce=int,
        required=False,
    )
    previous_case = forms.CharField(
        label=_("Round-1 case"),
        max_length=100,
        required=False,
        help_text=_(
            "Round 2: the round-1 complaint, or the conclusion a re-denunciation disputes "
            "(Denunciations Law Art. 37)"
        ),
    )
    appeal_from = forms.DateField(
        label=_("Round-1 decision received on"),
        required=False,
        help_text=_(
            "Round 2: the day the complainant received the round-1 decision, or the day the "
            "round-1 period ended without one"
        ),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_on = forms.DateField(label=_("Received on"), required=False)
    forwarded_by = forms.CharField(
        label=_("Forwarded by"),
        max_length=300,
        required=False,
        help_text=_("A letter forwarded by another body: its name, told the result at the end"),
    )
    forwarder_kind = forms.ChoiceField(
        label=_("Forwarding body"),
        choices=[("", "---------"), *Forwarder.choices],
        required=False,
    )
    unit = forms.CharField(label=_("Unit"), max_length=16, required=False)
    competent_unit = forms.CharField(
        label=_("Competent authority"),
        max_length=16,
        required=False,
        help_text=_(
            "The unit whose head decides, when it is not the unit that handles the letter "
            "(e.g. the province's People's Committee for a complaint its inspectorate "
            "handles); empty: the handling unit decides"
        ),
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    content = forms.CharField(label=_("Content"), max_length=50000, widget=forms.Textarea)
    is_complex = forms.BooleanField(label=_("Complex"), required=False)
    is_especially_complex = forms.BooleanField(label=_("Especially complex"), required=False)
    is_remote_area = forms.BooleanField(label=_("Remote area"), required=False)
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False)

    def clean_received_on(self):
        received_on = self.cleaned_data.get("received_on") or timezone.localdate()
        receipt_date_check(received_on)
        return received_on

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        data["round"] = data.get("round") or 1
        # Round 2: a complaint's second round, or a denunciation made again to the superior
        # of who concluded it (tố cáo tiếp, Denunciations Law Art. 37).
        if data["round"] == 2 and kind not in (Kind.COMPLAINT, Kind.DENUNCIATION):
            self.add_error(
                "round",
                _(
                    "Only a complaint has a second round, and only a denunciation is made "
                    "again to the superior (Denunciations Law Art. 37)."
                ),
            )
        if data.get("previous_case") and data.get("round") != 2:
            self.add_error(
                "previous_case",
                _("Only a round-2 complaint or a re-denunciation refers to an earlier case."),
            )
        if data.get("round") == 2 and kind == Kind.DENUNCIATION and not data.get("previous_case"):
            self.add_error(
                "previous_case",
                _("Give the reference of the conclusion the denouncer disputes (Art. 37)."),
            )
        if data.get("appeal_from") and (data.get("round") != 2 or kind != Kind.COMPLAINT):
            self.add_error("appeal_from", _("Only a round-2 complaint has an appeal window."))
        elif data.get("round") == 2 and kind == Kind.COMPLAINT and "received_on" not in self.errors:
            refusal = appeal_window_refusal(data)
            if refusal:
                self.add_error("appeal_from", refusal)
        self._forwarder_check(data)
        if data.get("anonymous") and kind != Kind.DENUNCIATION:
            self.add_error("anonymous", _("Only a denunciation may be anonymous."))
        if data.get("is_especially_complex"):
            data["is_complex"] = True
        if kind in Kind.values and data.get("received_on") and "received_on" not in self.errors:
            # Kept for the door, which starts the acceptance clock with it.
            data["acceptance_rule"] = acceptance_rule(
                kind=kind, round=data.get("round"), flags=data, received_on=data["received_on"]
            )
            if data["acceptance_rule"] is None:
                self.add_error("received_on", no_acceptance_rule(kind, data["received_on"]))
        return data

    def _forwarder_check(self, data: dict) -> None:
        """A forwarded letter names the body that forwarded it and what body it is; no other
        letter names one."""
        forwarded = data.get("channel") == Channel.FORWARDED
        if forwarded and not data.get("forwarded_by"):
            self.add_error("forwarded_by", _("Name the body that forwarded the letter."))
        if forwarded and not data.get("forwarder_kind"):
            self.add_error("forwarder_kind", _("Say what body forwarded the letter."))
        if not forwarded and (data.get("forwarded_by") or data.get("forwarder_kind")):
            self.add_error(
                "forwarded_by", _("Only a letter forwarded by another body names who sent it.")
            )
