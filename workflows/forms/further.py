"""The forms of a denunciation's own steps: the check extended once (DOMAIN.md, "Deadlines"),
the referral of signs of a crime."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.choices import Kind
from casework.deadlines.rules import LAW_136_2025, rule_for
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


class ReferCrimeForm(ActionForm):
    """Where a denunciation is sent when its act shows signs of a crime, and what they are."""

    to_body = forms.CharField(
        label=_("Investigating body or procuracy"),
        max_length=300,
        help_text=_("E.g. Cơ quan Cảnh sát điều tra Công an tỉnh"),
    )
    signs = forms.CharField(label=_("The signs of a crime"), max_length=5000, widget=forms.Textarea)


class ApproveDecisionForm(ActionForm):
    """The competent authority approves the draft the handling unit submitted, as it stands:
    the approval's record carries what was approved (the outcome and the decision on the act
    in its payload, the texts outside the chain), so the documents it issues print exactly
    that draft."""

    def clean(self):
        data = super().clean()
        draft = (
            self.case.events.filter(action="DECISION_SUBMITTED").order_by("-seq").first()
            if self.case.pk
            else None
        )
        payload = draft.payload if draft is not None else {}
        texts = draft.texts if draft is not None else {}
        data["outcome"] = self.case.outcome
        data["decision_summary"] = self.case.decision_summary
        data["act_decision"] = payload.get("act_decision")
        data["dialogue_skipped"] = (texts or {}).get("dialogue_skipped", "")
        return data

    def audit_record(self) -> tuple[dict, dict[str, str]]:
        payload, texts = super().audit_record()
        for name in ("decision_summary", "dialogue_skipped"):  # free text stays outside
            if name in payload:
                texts[name] = payload.pop(name)
        return payload, texts


class SendDecisionForm(ActionForm):
    sent_to = forms.CharField(
        label=_("Sent to"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The complainant, the party complained against, and the bodies the law names "
            "(Complaints Law Art. 32)"
        ),
    )


class HandleConclusionForm(ActionForm):
    measures = forms.CharField(
        label=_("Measures taken"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_("Discipline, administrative sanctions, acts corrected or cancelled"),
    )
    recovered = forms.CharField(
        label=_("Money and assets recovered"), max_length=2000, required=False
    )
    referrals = forms.CharField(
        label=_("Referrals"),
        max_length=2000,
        required=False,
        help_text=_("To the investigating body, or to another competent body"),
    )


def _law_136_in_force(form, field: str) -> None:
    on = form.cleaned_data.get("on")
    if on is not None and on < LAW_136_2025:
        form.add_error(
            field,
            _(
                "This exists for a complaint from 1 July 2026 (Law 136/2025/QH15); before, "
                "record the withdrawal of the whole complaint."
            ),
        )


class TerminateForm(ActionForm):
    grounds = forms.CharField(
        label=_("Grounds for terminating"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_(
            "The lawful ground, e.g. the complainant died with no one to take up the "
            "complaint, or a court has taken the matter"
        ),
    )

    def clean(self):
        data = super().clean()
        if self.case.kind == Kind.COMPLAINT:
            _law_136_in_force(self, "grounds")
        return data


class WithdrawInPartForm(ActionForm):
    withdrawn_part = forms.CharField(
        label=_("The part withdrawn"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("As the complainant's letter of withdrawal says it; the rest is handled"),
    )

    def clean(self):
        data = super().clean()
        _law_136_in_force(self, "withdrawn_part")
        return data


class ContinueAfterWithdrawalForm(ActionForm):
    violation = forms.CharField(
        label=_("The violation the facts show"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("Why handling continues although the denouncer withdrew (Art. 33)"),
    )
