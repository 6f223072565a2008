"""The web pages, on viewflow's Material frontend: a Site of one Application of viewsets.

Every list takes its queryset from a selector (``permissions.selectors`` for scope,
``workflows.selectors`` for the to-do lists); every change goes through the door.
"""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application, ReadonlyModelViewset, Site, Viewset
from viewflow.urls.model import BaseModelViewset
from viewflow.urls.sites import AppMenuMixin
from viewflow.utils import Icon, viewprop
from viewflow.views.base import Action
from viewflow.views.list import ListModelView

from casework.choices import Role
from casework.deadlines.calendar import working_calendar
from casework.deadlines.clocks import working_days_left
from casework.models import Case
from permissions.roles import user_roles
from permissions.selectors import case_is_visible, case_list_visible
from workflows.filters import CASE_SEARCH_FIELDS, QueuePageFilter
from workflows.pages.dashboard import QUEUE_REASON_LABELS, DashboardView, may_see_dashboard
from workflows.pages.notifications import NotificationsView
from workflows.selectors import (
    QUEUE_REASONS,
    case_list_done,
    case_list_my_work,
    case_list_supervisor_queue,
    queue_counts,
)

TODO_COLUMNS = ("reference", "kind", "subject", "state", "due", "days_left")


class DueColumns:
    """The 'days left' column of every case list: working days to the next due date."""

    def days_left(self, obj):
        left = working_days_left(working_calendar(), timezone.localdate(), obj.next_due_on)
        return "—" if left is None else left

    days_left.short_description = _("Working days left")

    def due(self, obj):
        return date_format(obj.next_due_on, "SHORT_DATE_FORMAT") if obj.next_due_on else "—"

    due.short_description = _("Next due date")

    def get_object_url(self, request, obj):
        return reverse("cases:case:detail", kwargs={"pk": obj.pk})


class CaseListView(ListModelView):
    """A list page titled with its own name ("My work"), not the model's plural."""

    title = None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page_title": self.title}


class QueueListView(CaseListView):
    """The unit queue, with the count of each reason at the top."""

    template_name = "workflows/queue_list.html"

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kw):
        # The reasons' counts are one GROUP BY over the very rows the list pages through (no
        # DISTINCT, no join that repeats a case): they add up to its total, which the
        # paginator then need not count a second time.
        self._reason_counts = queue_counts(queryset)
        paginator = super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kw)
        paginator.count = sum(self._reason_counts.values())
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # paginates: counts the reasons
        counts = getattr(self, "_reason_counts", None) or queue_counts(self.object_list)
        return {
            **context,
            "queue_counts": [(r, QUEUE_REASON_LABELS[r], counts[r]) for r in QUEUE_REASONS],
        }


class TitledListMixin:
    list_view_class = CaseListView

    def get_list_view_kwargs(self, **kwargs):
        return super().get_list_view_kwargs(title=self.title, **kwargs)


class CaseViewset(DueColumns, TitledListMixin, ReadonlyModelViewset):
    model = Case
    title = _("All my cases")
    icon = Icon("folder_open")
    list_columns = TODO_COLUMNS
    list_filter_fields = ("kind", "state")
    list_search_fields = CASE_SEARCH_FIELDS  # the API's ?search= too (workflows.filters)
    list_paginate_by = 25

    def get_queryset(self, request):
        return case_list_visible(request.user).select_related("unit")

    def has_view_permission(self, user, obj=None):
        if not user.is_authenticated:
            return False
        return obj is None or case_is_visible(user, obj)

    def get_list_page_actions(self, request, *actions):
        export = self.reverse("export")
        if request.GET:
            export = f"{export}?{request.GET.urlencode()}"  # what the list shows
        actions = (Action(_("Export CSV"), url=export, icon=Icon("download")), *actions)
        if request.user.has_perm("casework.add_case"):
            actions = (
                Action(_("Register a letter"), url=self.reverse("register"), icon=Icon("add")),
                *actions,
            )
        return super().get_list_page_actions(request, *actions)

    @viewprop
    def export_path(self):
        from workflows.pages.cases import CaseExportView

        return path("export.csv", CaseExportView.as_view(viewset=self), name="export")

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

    @viewprop
    def attachment_add_path(self):
        from workflows.pages.attachments import AttachmentAddView

        return path(
            "<int:pk>/attachments/add/",
            AttachmentAddView.as_view(viewset=self),
            name="attachment_add",
        )

    @viewprop
    def attachment_download_path(self):
        from workflows.pages.attachments import AttachmentDownloadView

        return path(
            "<int:pk>/attachments/<int:attachment_id>/",
            AttachmentDownloadView.as_view(viewset=self),
            name="attachment_download",
        )

    @viewprop
    def document_download_path(self):
        from workflows.pages.documents import DocumentDownloadView

        return path(
            "<int:pk>/documents/<int:document_id>/pdf/",
            DocumentDownloadView.as_view(viewset=self),
            name="document_download",
        )

    @viewprop
    def document_retry_path(self):
        from workflows.pages.documents import DocumentRetryView

        return path(
            "<int:pk>/documents/<int:document_id>/retry/",
            DocumentRetryView.as_view(viewset=self),
            name="document_retry",
        )

    @viewprop
    def document_correct_path(self):
        from workflows.pages.documents import DocumentCorrectView

        return path(
            "<int:pk>/documents/<int:document_id>/correct/",
            DocumentCorrectView.as_view(viewset=self),
            name="document_correct",
        )


class ToDoViewset(DueColumns, TitledListMixin, AppMenuMixin, BaseModelViewset):
    """A to-do list: one page, no filters of its own; rows open the case page."""

    model = Case
    list_columns = TODO_COLUMNS
    list_paginate_by = 50

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated


class MyWorkViewset(ToDoViewset):
    app_name = "mine"
    title = _("My work")
    icon = Icon("assignment_ind")

    def get_queryset(self, request):
        return case_list_my_work(user=request.user)


class UnitQueueViewset(ToDoViewset):
    app_name = "queue"
    title = _("Unit queue")
    icon = Icon("alarm")
    list_columns = (*TODO_COLUMNS, "why")
    list_view_class = QueueListView
    list_filterset_class = QueuePageFilter

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and (user.is_superuser or Role.SUPERVISOR in user_roles(user))

    def get_queryset(self, request):
        return case_list_supervisor_queue(user=request.user)

    def why(self, obj):
        return QUEUE_REASON_LABELS.get(obj.reason, obj.reason)

    why.short_description = _("Why")


class DoneViewset(ToDoViewset):
    app_name = "done"
    title = _("Done recently")
    icon = Icon("done_all")

    def get_queryset(self, request):
        return case_list_done(user=request.user)


class PageViewset(AppMenuMixin, Viewset):
    """A menu entry with one page of its own."""

    view_class = None

    @viewprop
    def index_path(self):
        return path("", self.view_class.as_view(viewset=self), name="index")


class DashboardViewset(PageViewset):
    app_name = "dashboard"
    title = _("Dashboard")
    icon = Icon("insights")
    view_class = DashboardView

    def has_view_permission(self, user, obj=None):
        return may_see_dashboard(user)


class NotificationsViewset(PageViewset):
    app_name = "notifications"
    title = _("Notifications")
    icon = Icon("notifications")
    view_class = NotificationsView

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated


site = Site(
    title="Casework",
    # One application: its own menu is the whole menu, without a list of applications.
    menu_template_name=None,
    viewsets=[
        Application(
            title=_("Case handling"),
            icon="inbox",
            app_name="cases",
            viewsets=[
                MyWorkViewset(),
                UnitQueueViewset(),
                DashboardViewset(),
                CaseViewset(),
                DoneViewset(),
                NotificationsViewset(),
            ],
        ),
    ],
)
