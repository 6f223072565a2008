"""The intake page: register a letter with the keyboard alone, warned of likely duplicates."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from casework.choices import PartyRole
from casework.models import Unit
from permissions.selectors import user_sees_all
from workflows.errors import ActionForbidden, InvalidPayload, StateConflict
from workflows.forms import MAX_PARTIES, PartyForm, RegistrationForm
from workflows.selectors import possible_duplicates
from workflows.services import case_register


class IntakeForm(RegistrationForm):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"), queryset=Unit.objects.none(), to_field_name="code"
    )
    competent_unit = forms.ModelChoiceField(
        label=gettext_lazy("Competent authority"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("(the handling unit decides)"),
        help_text=RegistrationForm.base_fields["competent_unit"].help_text,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("code")
        if not user_sees_all(user):
            units = units.filter(pk=user.unit_id)
        self.fields["unit"].queryset = units
        # The units above the user's, whose head may be the competent person.
        above = [u.pk for u in user.unit.units_above()] if user.unit_id else []
        self.fields["competent_unit"].queryset = (
            Unit.objects.order_by("code")
            if user_sees_all(user)
            else Unit.objects.filter(pk__in=above).order_by("code")
        )
        self.fields["unit"].initial = user.unit.code if user.unit_id else None
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["kind"].widget.attrs["autofocus"] = True
        self.fields["previous_case"].required = False


class IntakePartyForm(PartyForm):
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=[("", gettext_lazy("(petitioner of the kind)")), *PartyRole.choices],
        required=False,
    )


PartyFormSet = forms.formset_factory(
    IntakePartyForm,
    extra=2,
    max_num=MAX_PARTIES,
    validate_max=True,
    absolute_max=MAX_PARTIES,  # a hand-made POST cannot send more forms than the page offers
)


class RefilledPartyFormSet(PartyFormSet):
    """The party forms again, with what was typed, all of them new ("extra") forms: a party
    left empty is simply not registered, as on the first showing."""

    def initial_form_count(self):
        return 0


class IntakeView(LoginRequiredMixin, generic.TemplateView):
    template_name = "workflows/intake.html"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("casework.add_case"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", IntakeForm(user=self.request.user))
        kwargs.setdefault("parties", PartyFormSet(prefix="parties"))
        return {**super().get_context_data(**kwargs), "viewset": self.viewset}

    def post(self, request, *args, **kwargs):
        if "add_party" in request.POST:
            return self.add_party(request)
        form = IntakeForm(request.POST, user=request.user)
        parties = PartyFormSet(request.POST, prefix="parties")
        if not (form.is_valid() and parties.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, parties=parties))
        rows = [p for p in parties.cleaned_data if p and p.get("full_name")]
        competent = form.cleaned_data.get("competent_unit")
        data = {
            **form.cleaned_data,
            "unit": form.cleaned_data["unit"].code,
            "competent_unit": competent.code if competent else "",
            "parties": rows,
        }
        duplicates = possible_duplicates(
            user=request.user, unit_code=data["unit"], subject=data["subject"], parties=rows
        )
        if duplicates and not request.POST.get("confirm_not_duplicate"):
            return self.render_to_response(
                self.get_context_data(form=form, parties=parties, duplicates=duplicates)
            )
        try:
            case = case_register(actor=request.user, data=data)
        except (ActionForbidden, StateConflict) as refused:
            form.add_error(None, str(refused.detail))
            return self.render_to_response(self.get_context_data(form=form, parties=parties))
        except InvalidPayload as refused:
            for field, errors in refused.errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            return self.render_to_response(self.get_context_data(form=form, parties=parties))
        messages.success(request, _("Registered as %(reference)s.") % {"reference": case.reference})
        if "register_another" in request.POST:
            return redirect(self.viewset.reverse("register"))
        return redirect(self.viewset.reverse("detail", kwargs={"pk": case.pk}))

    def add_party(self, request):
        """One more party form, with everything typed so far kept (no JavaScript needed)."""
        data = request.POST.copy()
        try:
            total = max(0, int(data.get("parties-TOTAL_FORMS") or 0))
        except ValueError:
            total = PartyFormSet.extra
        data["parties-TOTAL_FORMS"] = str(min(total + 1, PartyFormSet.max_num))
        count = int(data["parties-TOTAL_FORMS"])
        form = IntakeForm(initial=_values(data, IntakeForm), user=request.user)
        parties = RefilledPartyFormSet(
            prefix="parties",
            initial=[_values(data, IntakePartyForm, prefix=f"parties-{i}") for i in range(count)],
        )
        parties.extra = count
        context = self.get_context_data(form=form, parties=parties, focus_party=total)
        return self.render_to_response(context)


def _values(data, form_class, prefix=None) -> dict:
    """What was typed into a form's fields, as initial values (no validation, no errors)."""
    key = (lambda name: f"{prefix}-{name}") if prefix else (lambda name: name)
    return {name: data.get(key(name)) for name in form_class.base_fields if data.get(key(name))}
