"""The case page and the action forms: every button is an action the door would accept."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.cache import never_cache

from casework.choices import Outcome
from casework.deadlines.calendar import working_calendar
from casework.deadlines.clocks import clock_status, working_days_left
from casework.models import Case
from permissions.identity import identity_visible, protected_identity_shown
from permissions.selectors import case_list_visible
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.exports import cases_csv_response
from workflows.filters import CaseFilter
from workflows.pages.attachment_section import attachments_context
from workflows.pages.documents import documents_context
from workflows.procedures import ACTIONS, EVENT_LABELS
from workflows.procedures.progress import case_step_label
from workflows.selectors import case_actions_available
from workflows.selectors.letters import letters_related
from workflows.services import case_perform
from workflows.services.identity import identity_viewed

STATUS_LABELS = {
    "running": gettext_lazy("running"),
    "paused": gettext_lazy("paused"),
    "met": gettext_lazy("met"),
    "missed": gettext_lazy("missed"),
    "stopped": gettext_lazy("stopped"),
}


def visible_case(request, pk) -> Case:
    """The case, or 404 when the user may not see it (its existence is not disclosed)."""
    return get_object_or_404(
        case_list_visible(request.user).select_related("unit", "assignee", "registered_by"),
        pk=pk,
    )


@method_decorator(never_cache, name="dispatch")
class CasePageView(LoginRequiredMixin, generic.TemplateView):
    template_name = "workflows/case_detail.html"
    viewset = None

    def get_context_data(self, **kwargs):
        # A refused upload comes back with its form, errors and typed text in it.
        attachment_form = kwargs.pop("attachment_form", None)
        case = visible_case(self.request, kwargs["pk"])
        user = self.request.user
        today = timezone.localdate()
        parties = []
        rows = list(case.parties.select_related("identity"))
        for party in rows:
            identity = getattr(party, "identity", None)
            shown = identity is not None and identity_visible(user, case, party)
            parties.append({"party": party, "identity": identity if shown else None})
        if protected_identity_shown(user, case, rows):
            identity_viewed(case_id=case.pk, actor=user)
        ordered_clocks = case.clocks.select_related("rule").order_by("started_on", "pk")
        clocks = [
            {"clock": c, "code": code, "status": STATUS_LABELS[code]}
            for c, code in ((c, clock_status(c, today)) for c in ordered_clocks)
        ]
        left = working_days_left(working_calendar(), today, case.next_due_on)
        events = [
            {"event": e, "label": EVENT_LABELS.get(e.action, e.action)}
            for e in case.events.select_related("actor").order_by("seq")
        ]
        return {
            **super().get_context_data(**kwargs),
            "case": case,
            "step": case_step_label(case),
            "parties": parties,
            "events": events,
            "outcome": Outcome(case.outcome).label if case.outcome else "",
            "clocks": clocks,
            "next_due": {
                "on": case.next_due_on,
                "left": left,
                "overdue": left is not None and left < 0,
                "late": -left if left is not None and left < 0 else 0,
            },
            "actions": case_actions_available(case=case, user=user),
            "related": letters_related(user, case),
            **attachments_context(case=case, user=user, form=attachment_form),
            **documents_context(case=case, user=user),
            "viewset": self.viewset,
        }


@method_decorator(never_cache, name="dispatch")
class ActionFormView(LoginRequiredMixin, generic.FormView):
    """One action's form: exactly the fields the procedures table gives it, then the door."""

    template_name = "workflows/action_form.html"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.spec = ACTIONS.get(kwargs["action"])
        self.case = visible_case(request, kwargs["pk"])
        if self.spec is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return self.spec.form(case=self.case, **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        offered = {a.name for a in case_actions_available(case=self.case, user=self.request.user)}
        return {
            **super().get_context_data(**kwargs),
            "case": self.case,
            "action": self.spec,
            "offered": self.spec.name in offered,
            "viewset": self.viewset,
        }

    def post(self, request, *args, **kwargs):
        """The door judges the form, in its own order (404, 403, 409, then the fields): a
        refused state is said before any field, whatever the fields hold."""
        form = self.get_form()
        try:
            case_perform(
                case_id=self.case.pk,
                action=self.spec.name,
                actor=self.request.user,
                data=self.request.POST,
            )
        except CaseNotFound:
            raise Http404 from None
        except InvalidPayload as refused:
            form.is_valid()  # the form's own messages, once: the door's are added if new
            for field, errors in refused.errors.items():
                name = field if field in form.fields else None
                shown = form.errors.get(name or NON_FIELD_ERRORS, [])
                for error in errors:
                    if error not in shown:
                        form.add_error(name, error)
            return self.form_invalid(form)
        except (ActionForbidden, StateConflict) as refused:
            form.is_valid()
            form.add_error(None, str(refused.detail))
            response = self.form_invalid(form)
            response.status_code = refused.status
            return response
        messages.success(
            self.request,
            _("%(action)s: done for %(reference)s.")
            % {"action": self.spec.label, "reference": self.case.reference},
        )
        return redirect(self.viewset.reverse("detail", kwargs={"pk": self.case.pk}))


class CaseExportView(LoginRequiredMixin, generic.View):
    """``/cases/case/export.csv``: the cases of "All my cases", with its filters, as CSV."""

    http_method_names = ["get", "head"]
    viewset = None

    def get(self, request):
        params = request.GET.copy()
        if params.get("_search") and not params.get("q"):
            params["q"] = params["_search"]  # the list page's search box
        found = CaseFilter(params, queryset=case_list_visible(request.user))
        if not found.is_valid():
            return HttpResponseBadRequest(
                "\n".join(f"{f}: {' '.join(m)}" for f, m in found.errors.items()),
                content_type="text/plain; charset=utf-8",
            )
        return cases_csv_response(found.qs)
