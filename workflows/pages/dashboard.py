"""The supervisor's dashboard: counts by state and kind, the weekly chart, the on-time rate
and the head of the overdue queue, over the cases the user may see."""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views import generic

from casework.choices import Kind, Role
from casework.deadlines.calendar import working_calendar
from casework.deadlines.clocks import working_days_left
from permissions.roles import user_roles
from permissions.selectors import case_list_visible
from workflows.selectors import (
    case_list_supervisor_queue,
    counts_by_state_and_kind,
    queue_counts,
    queue_head,
    report_on_time_rate,
    weekly_flow,
)

QUEUE_HEAD = 10
DASHBOARD_ROLES = {Role.SUPERVISOR, Role.AUDITOR, Role.ADMINISTRATOR}


QUEUE_REASON_LABELS = {
    "overdue": _("Overdue"),
    "due_soon": _("Due soon"),
    "suspended_long": _("Suspended for more than 30 days"),
    "unassigned": _("Accepted, not assigned"),
}


def may_see_dashboard(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(user_roles(user) & DASHBOARD_ROLES))


@dataclass
class Bar:
    x: float
    y: float
    height: float
    value: int
    series: str


def weekly_chart(weeks: list[dict], *, width: int = 720, height: int = 240) -> dict:
    """The geometry of a grouped bar chart of received and resolved per week, for an SVG."""
    left, right, top, bottom = 36, 8, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([w["received"] for w in weeks] + [w["resolved"] for w in weeks] + [1])
    step = _nice_step(peak)
    ceiling = step * -(-peak // step)
    slot = plot_w / len(weeks)
    bar_w = slot * 0.36
    bars, labels = [], []
    for i, week in enumerate(weeks):
        x0 = left + i * slot + slot * 0.14
        for j, series in enumerate(("received", "resolved")):
            h = plot_h * week[series] / ceiling
            bars.append(
                Bar(x0 + j * bar_w, top + plot_h - h, h, week[series], series)  # type: ignore[arg-type]
            )
        labels.append({"x": left + i * slot + slot / 2, "text": date_format(week["week"], "d/m")})
    ticks = [
        {"y": top + plot_h - plot_h * v / ceiling, "value": v} for v in range(0, ceiling + 1, step)
    ]
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "bar_w": bar_w,
        "labels": labels,
        "ticks": ticks,
        "left": left,
        "right": width - right,
        "label_y": height - bottom + 16,
    }


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if peak / step <= 5:
            return step
    return 10 ** len(str(peak))


class DashboardView(LoginRequiredMixin, generic.TemplateView):
    template_name = "workflows/dashboard.html"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_see_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        cases = case_list_visible(user)
        queue = case_list_supervisor_queue(user=user, today=today)
        reasons = queue_counts(queue)
        weeks = weekly_flow(cases, today=today)
        calendar = working_calendar()
        head = queue_head(queue, size=QUEUE_HEAD)
        for case in head:
            case.days_left = working_days_left(calendar, today, case.next_due_on)
        return {
            **super().get_context_data(**kwargs),
            "counts": counts_by_state_and_kind(cases),
            "weeks": weeks,
            "chart": weekly_chart(weeks),
            "on_time": [
                {**row, "kind_label": Kind(row["kind"]).label}
                for row in report_on_time_rate(user=user, today=today)
            ],
            "queue": head,
            "reason_labels": QUEUE_REASON_LABELS,
            "queue_counts": reasons,
            "today": today,
            "may_see_queue": user.is_superuser or Role.SUPERVISOR in user_roles(user),
            "viewset": self.viewset,
        }
