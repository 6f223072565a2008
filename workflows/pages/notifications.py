"""The user's deadline warnings: the list behind the count in every page's header."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import F
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic

from casework.models import Notification
from permissions.selectors import case_list_visible

SHOWN = 100


class NotificationsView(LoginRequiredMixin, generic.TemplateView):
    """Unread first, then the newest; a case the user may not see is named, not linked.

    (The parent unit's supervisors hear of an escalated case by its reference only.)
    """

    template_name = "workflows/notifications.html"
    viewset = None

    def get_context_data(self, **kwargs):
        user = self.request.user
        rows = list(
            Notification.objects.filter(recipient=user)
            .select_related("case")
            .order_by(F("read_at").desc(nulls_first=True), "-created_at", "-pk")[:SHOWN]
        )
        visible = set(
            case_list_visible(user)
            .filter(pk__in={n.case_id for n in rows})
            .values_list("pk", flat=True)
        )
        return {
            **super().get_context_data(**kwargs),
            "notifications": [{"n": n, "visible": n.case_id in visible} for n in rows],
            "unread": sum(n.read_at is None for n in rows),
            "viewset": self.viewset,
        }

    def post(self, request, *args, **kwargs):
        marked = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if marked:
            messages.success(
                request,
                ngettext(
                    "%(n)d notification marked as read.",
                    "%(n)d notifications marked as read.",
                    marked,
                )
                % {"n": marked},
            )
        else:
            messages.info(request, _("Nothing was unread."))
        return redirect(request.path)
