"""The dashboard's figures, over the cases the user may see: counts by state and kind, the
weekly flow, the on-time rate (the API's report too) and the head of the queue."""

from datetime import date, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from casework.choices import ACTIVE_STATES, Kind, State
from casework.models import Case, Clock, Unit
from permissions.selectors import case_list_visible

#: The weeks the weekly flow covers.
WEEKS = 12


def counts_by_state_and_kind(cases: QuerySet[Case]) -> dict:
    """{"rows": [(state, [n per kind], total)], "totals": [...], "kinds": [...]}"""
    found = {
        (row["state"], row["kind"]): row["n"]
        for row in cases.order_by().values("state", "kind").annotate(n=Count("pk"))
    }
    kinds = list(Kind)
    states = list(ACTIVE_STATES) + [s for s in State if s not in ACTIVE_STATES]
    rows = []
    for state in states:
        per_kind = [found.get((state, kind), 0) for kind in kinds]
        rows.append({"state": State(state), "counts": per_kind, "total": sum(per_kind)})
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(kinds))]
    return {"kinds": kinds, "rows": rows, "totals": totals, "total": sum(totals)}


def weekly_flow(cases: QuerySet[Case], *, today: date, weeks: int = WEEKS) -> list[dict]:
    """Cases received and resolved in each of the last ``weeks`` weeks (Monday first)."""
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    received = {
        _as_date(row["week"]): row["n"]
        for row in cases.filter(received_on__gte=first)
        .order_by()
        .annotate(week=TruncWeek("received_on"))
        .values("week")
        .annotate(n=Count("pk"))
    }
    resolved = {
        _as_date(row["week"]): row["n"]
        for row in Clock.objects.filter(
            case__in=cases.order_by().values("pk"),
            stage="resolution",
            status=Clock.Status.MET,
            case__state=State.RESOLVED,
            met_on__gte=first,
        )
        .order_by()
        .annotate(week=TruncWeek("met_on"))
        .values("week")
        .annotate(n=Count("case"))  # one resolution per case; read from clock_resolved_on alone
    }
    return [
        {
            "week": first + timedelta(weeks=i),
            "received": received.get(first + timedelta(weeks=i), 0),
            "resolved": resolved.get(first + timedelta(weeks=i), 0),
        }
        for i in range(weeks)
    ]


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") else value


def report_on_time_rate(*, user, today: date | None = None) -> list[dict]:
    """Per unit and kind: resolved on time / (resolved + open and already overdue).

    An honest rate (DOMAIN.md, "Reporting"): a case still open past its deadline counts as
    late now, not only once it is finally resolved. Over the cases the user may see.
    """
    today = today or timezone.localdate()
    met_late = Clock.objects.filter(
        case=OuterRef("pk"), stage="resolution", status=Clock.Status.MET, met_on__gt=F("due_on")
    )
    # Grouped by the unit's id, without joining the units (their codes are read after); the
    # resolved test before the clock's, so that only resolved cases look their clock up (in
    # the index clock_resolved_late). The counts read case_unit_state_kind alone.
    rows = list(
        case_list_visible(user)
        .order_by()
        .values("unit_id", "kind")
        .annotate(
            resolved=Count("pk", filter=Q(state=State.RESOLVED)),
            resolved_on_time=Count("pk", filter=Q(state=State.RESOLVED) & ~Exists(met_late)),
            open_overdue=Count("pk", filter=Q(state__in=ACTIVE_STATES, next_due_on__lt=today)),
        )
    )
    codes = dict(
        Unit.objects.filter(pk__in={row["unit_id"] for row in rows}).values_list("pk", "code")
    )
    report = []
    for row in rows:
        counted = row["resolved"] + row["open_overdue"]
        report.append(
            {
                "unit": codes[row["unit_id"]],
                "kind": row["kind"],
                "resolved": row["resolved"],
                "resolved_on_time": row["resolved_on_time"],
                "open_overdue": row["open_overdue"],
                "on_time_rate": round(row["resolved_on_time"] / counted, 4) if counted else None,
            }
        )
    report.sort(key=lambda row: (row["unit"], row["kind"]))
    return report


def queue_head(queue: QuerySet[Case], *, size: int) -> list[Case]:
    """The first ``size`` cases of a queue (``case_list_supervisor_queue``), with the unit and
    the assignee its table shows."""
    return list(queue.select_related("unit", "assignee")[:size])
