"""The forms of letter processing's further outcomes (Circular 05/2021/TT-TTCP): guidance,
papers returned, a repeated letter joined to its open case, a mixed letter split; and the
report of the result to the body that forwarded the letter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.choices import SUSPENDABLE_STATES, Kind, State
from casework.models import Case
from workflows.forms.actions import ActionForm

#: A mixed letter is split into at most this many cases (one per content).
MAX_PARTS = 3
#: The open cases a repeated letter joins: accepted and not yet decided (a letter still being
#: processed is not a case yet; it may itself be split, joined or transferred).
JOINABLE_STATES = (*SUSPENDABLE_STATES, State.SUSPENDED)


class GuideForm(ActionForm):
    to_body = forms.CharField(
        label=_("Competent body"),
        max_length=300,
        help_text=_("The body the sender is guided to, which has competence to settle it"),
    )
    reason = forms.CharField(
        label=_("Why it is not within competence"),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
    )


class ReturnPapersForm(ActionForm):
    papers = forms.CharField(
        label=_("Original papers returned"), max_length=2000, widget=forms.Textarea
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


class CaseReferenceField(forms.ModelChoiceField):
    """A case named by its reference, typed (a unit may have many open cases: they are not
    listed as choices, on the page or in the API)."""

    lists_choices = False
    widget = forms.TextInput


class LinkForm(ActionForm):
    repeats = CaseReferenceField(
        label=_("The open case it repeats"),
        queryset=Case.objects.none(),
        to_field_name="reference",
        help_text=_("Its reference, e.g. PROV-2026-000123"),
        error_messages={
            "invalid_choice": _(
                "Name a case of the same kind that this unit has accepted and not yet decided."
            )
        },
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["repeats"].queryset = Case.objects.filter(
            unit_id=case.unit_id, kind=case.kind, state__in=JOINABLE_STATES
        ).exclude(pk=case.pk)


def _part_fields() -> dict[str, forms.Field]:
    """Each content's kind, subject and content: the first two required."""
    fields = {}
    for n in range(1, MAX_PARTS + 1):
        required = n <= 2
        fields[f"part{n}_kind"] = forms.ChoiceField(
            label=_("Content %(n)s: kind") % {"n": n},
            choices=[("", "---------"), *Kind.choices],
            required=required,
        )
        fields[f"part{n}_subject"] = forms.CharField(
            label=_("Content %(n)s: subject") % {"n": n}, max_length=300, required=required
        )
        fields[f"part{n}_content"] = forms.CharField(
            label=_("Content %(n)s: content") % {"n": n},
            max_length=20000,
            required=required,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    return fields


class _Split(ActionForm):
    """The contents of a mixed letter, one case each: two at least, of different kinds."""

    def clean(self):
        data = super().clean()
        parts = self.parts()
        for n in range(3, MAX_PARTS + 1):
            given = [data.get(f"part{n}_{f}") for f in ("kind", "subject", "content")]
            if any(given) and not all(given):
                self.add_error(
                    f"part{n}_kind" if not given[0] else f"part{n}_subject",
                    _("Give the kind, the subject and the content of each content, or none."),
                )
        kinds = [p["kind"] for p in parts]
        if len(kinds) != len(set(kinds)) and not self.errors:
            raise forms.ValidationError(
                _(
                    "A letter is split when it holds contents of different kinds; contents "
                    "of one kind stay one case."
                )
            )
        if Kind.DENUNCIATION in kinds:
            # Its sender would be a denouncer tied to cases others read (Art. 8).
            field = f"part{kinds.index(Kind.DENUNCIATION) + 1}_kind"
            self.add_error(
                field,
                _(
                    "A letter is not split into a denunciation: guide the sender to send the "
                    "denunciation in a letter of its own (Citizen Reception Law Art. 25(3)), "
                    "so that who denounced stays apart from every other case."
                ),
            )
        return data

    def parts(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "kind": data[f"part{n}_kind"],
                "subject": data[f"part{n}_subject"],
                "content": data[f"part{n}_content"],
            }
            for n in range(1, MAX_PARTS + 1)
            if data.get(f"part{n}_kind")
            and data.get(f"part{n}_subject")
            and data.get(f"part{n}_content")
        ]

    #: The references of the cases the split registers, taken by the door before the letter's
    #: event is sealed, so that the event names them.
    references: tuple[str, ...] = ()

    def transition_kwargs(self) -> dict:
        return {"on": self.cleaned_data["on"], "parts": self.parts()}

    def audit_record(self) -> tuple[dict, dict[str, str]]:
        payload, texts = super().audit_record()
        return {**payload, "parts": list(self.references)}, texts


SplitForm = type("SplitForm", (_Split,), _part_fields())


class InformForwarderForm(ActionForm):
    summary = forms.CharField(
        label=_("The result reported"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_("What became of the letter, as the forwarding body is told"),
    )
