"""The web pages (viewflow's Material frontend). The Pages issue grows these."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application, ReadonlyModelViewset, Site
from viewflow.utils import viewprop
from viewflow.views import DetailModelView

from casework.models import Case
from permissions.selectors import case_is_visible, case_list_visible


class ScopedDetailView(DetailModelView):
    """A case outside the user's scope is 404, never 403: its existence is not disclosed."""

    def get_queryset(self):
        return self.viewset.get_queryset(self.request)


class CaseViewset(ReadonlyModelViewset):
    model = Case
    detail_view_class = ScopedDetailView

    @viewprop
    def detail_path(self):
        from workflows.pages.cases import CasePageView

        return path("<int:pk>/detail/", CasePageView.as_view(viewset=self), name="detail")

    @viewprop
    def register_path(self):
        from workflows.pages.intake import IntakeView

        return path("register/", IntakeView.as_view(viewset=self), name="register")

    @viewprop
    def act_path(self):
        from workflows.pages.cases import ActionFormView

        return path("<int:pk>/act/<str:action>/", ActionFormView.as_view(viewset=self), name="act")

    title = _("Cases")
    list_columns = ("reference", "kind", "subject", "state", "received_on", "unit")
    list_filter_fields = ("kind", "state")
    list_search_fields = ("reference", "subject")
    list_paginate_by = 25

    def get_queryset(self, request):
        # Every list starts from the one scope in permissions.selectors.
        return case_list_visible(request.user).select_related("unit")

    def has_view_permission(self, user, obj=None):
        if not user.is_authenticated:
            return False
        return obj is None or case_is_visible(user, obj)


site = Site(
    title="Casework",
    viewsets=[
        Application(
            title=_("Case handling"),
            icon="inbox",
            app_name="cases",
            viewsets=[CaseViewset()],
        ),
    ],
)
