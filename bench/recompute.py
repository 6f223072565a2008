"""Recomputing the open deadlines after a holiday is added to the calendar, at scale.

Run (after `make bench-seed`): DEBUG=1 .venv/bin/python bench/recompute.py

On the bench database (``DATABASE_URL``, default casework_bench): it adds a day off on a working
day a few weeks ahead, as an administrator would in /admin/casework/calendarday/, and times what
that change enqueues, ``clocks_recompute(changed_day=...)`` (every open clock started before the
day and due on or after it, in batches under the cases' row locks). Then it removes the day and
times the recomputation that puts the due dates back, so the database ends as it began.

Baseline, in the same run: one bare ``UPDATE casework_clock SET due_on = due_on`` over the
same clocks (what writing those rows costs with no calendar arithmetic and no locks).
Writes bench/results/recompute.json.
"""

import argparse
import json
import os
import platform
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed.setup import bench_database_url, django_setup  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "recompute.json"


def a_working_day_ahead(calendar, today):
    day = today + timedelta(days=21)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def main() -> dict:
    django_setup(bench_database_url())
    from django.db import connection
    from django.db.models import Q
    from django.utils import timezone

    from casework.deadlines.calendar import calendar_invalidate, working_calendar
    from casework.models import CalendarDay, Clock
    from workflows.services.clocks import clocks_recompute

    today = timezone.localdate()
    day = a_working_day_ahead(working_calendar(fresh=True), today)
    open_clocks = Clock.objects.filter(status__in=[Clock.Status.RUNNING, Clock.Status.PAUSED])
    affected = open_clocks.filter(started_on__lt=day).filter(
        Q(due_on__gte=day) | Q(due_on__isnull=True)
    )
    counts = {"open_clocks": open_clocks.count(), "affected_clocks": affected.count()}
    print(counts, flush=True)

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        sql, params = affected.values("pk").query.sql_with_params()
        cursor.execute(
            f"UPDATE casework_clock SET due_on = due_on WHERE id IN ({sql})",  # noqa: S608
            params,
        )
        baseline_rows = cursor.rowcount
    baseline = time.perf_counter() - t0

    CalendarDay.objects.create(day=day, name="Bench: a day off", source="bench")
    calendar_invalidate()
    t0 = time.perf_counter()
    moved = clocks_recompute(changed_day=day)
    added = time.perf_counter() - t0

    CalendarDay.objects.filter(day=day, source="bench").delete()
    calendar_invalidate()
    t0 = time.perf_counter()
    moved_back = clocks_recompute(changed_day=day)
    removed = time.perf_counter() - t0
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "database": "PostgreSQL",
        "holiday": day.isoformat(),
        **counts,
        "recompute_after_adding_seconds": round(added, 1),
        "clocks_moved": moved,
        "recompute_after_removing_seconds": round(removed, 1),
        "clocks_moved_back": moved_back,
        "baseline_bare_update_seconds": round(baseline, 1),
        "baseline_rows": baseline_rows,
        "ratio": round(added / baseline, 2) if baseline else None,
        "target_seconds": 60,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args()
    result = main()
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))
