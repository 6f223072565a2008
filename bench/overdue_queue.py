"""The supervisor's overdue queue and the investigator's "my cases", next to the bare query.

Run (after `make bench-seed`): DEBUG=1 .venv/bin/python bench/overdue_queue.py [--runs 50]

On the bench database (``DATABASE_URL``, default casework_bench), as the supervisor of the unit
with the most active cases and that unit's investigator with the most cases to verify, it
measures, interleaved run by run so that both sides see the same machine:

- the baseline: the bare query that the partial index ``case_active_unit_due`` serves
  (the unit's active cases due before today, most late first, 50 rows);
- the selector ``case_list_supervisor_queue``: its first 50 rows and the counts per reason;
- ``GET /api/v1/queues/overdue/?page_size=50`` (and at the API's default page size) and
  ``GET /api/v1/queues/mine/?page_size=50`` through Django's test client with token
  authentication (the whole stack but the socket).

For each: median and p95 in milliseconds, the queries per request, and ``EXPLAIN (ANALYZE,
BUFFERS)`` of the main query (the one that reads the page of cases). The timed runs go with
``DEBUG`` off; a separate run counts the queries. Writes bench/results/overdue_queue.json and
prints a table.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seed.setup import bench_database_url, django_setup

RESULTS = Path(__file__).resolve().parent / "results" / "overdue_queue.json"
PAGE = 50
WARMUP = 3
SLOW_MS = 50


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def plan_of(sql: str, params=None) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of one query: the text, and what it shows."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
        tree = cursor.fetchone()[0]
        tree = tree[0] if isinstance(tree, list) else json.loads(tree)[0]
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        text = "\n".join(row[0] for row in cursor.fetchall())
    scans, sorts = [], []

    def walk(node, relation=None):
        kind = node["Node Type"]
        relation = node.get("Relation Name") or relation
        if "Scan" in kind:
            scans.append(
                {
                    "node": kind,
                    "relation": relation,
                    "index": node.get("Index Name"),
                    "rows": node.get("Actual Rows"),
                    "removed_by_filter": node.get("Rows Removed by Filter", 0),
                    "loops": node.get("Actual Loops"),
                }
            )
        if kind in ("Sort", "Incremental Sort"):
            sorts.append(
                {
                    "method": node.get("Sort Method"),
                    "rows_in": sum(p.get("Actual Rows", 0) for p in node.get("Plans", [])),
                }
            )
        # A bitmap's index scans read for the heap scan above them; nothing else inherits.
        inherits = kind in ("Bitmap Heap Scan", "BitmapOr", "BitmapAnd")
        for child in node.get("Plans", []):
            walk(child, relation if inherits else None)

    walk(tree["Plan"])
    case_scans = [s for s in scans if s["relation"] == "casework_case"]
    heap = [s for s in case_scans if s["node"] != "Bitmap Index Scan"]
    return {
        "sql": (sql if params is None else f"{sql} -- params {params!r}")[:1000],
        "execution_ms": round(tree["Execution Time"], 3),
        "planning_ms": round(tree["Planning Time"], 3),
        "case_scans": case_scans,
        "index_scan": bool(case_scans) and all(s["node"] != "Seq Scan" for s in case_scans),
        "case_rows_read": sum((s["rows"] + s["removed_by_filter"]) * s["loops"] for s in heap),
        "sorts": sorts,
        "shared_hit": tree["Plan"].get("Shared Hit Blocks"),
        "shared_read": tree["Plan"].get("Shared Read Blocks"),
        "text": text,
    }


def code_version() -> dict:
    """Which code was measured: the commit, and the files changed since, if any."""
    root = Path(__file__).resolve().parent.parent

    def git(*args):
        try:
            return subprocess.run(  # noqa: S603 - a fixed git command
                ["git", *args],
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.rstrip()
        except (OSError, subprocess.CalledProcessError):
            return None

    changed = git("status", "--porcelain", "--", "casework", "permissions", "workflows", "api")
    return {
        "commit": (git("rev-parse", "--short", "HEAD") or "").strip() or None,
        "uncommitted": [line[3:] for line in (changed or "").splitlines()],
    }


def subjects():
    """The supervisor of the unit with the most active cases, and its busiest investigator."""
    from django.db import connection
    from django.db.models import Count

    from casework.choices import ACTIVE_STATES, Role, State
    from casework.models import Case, Unit, User
    from permissions.roles import users_with_role

    active = [s.value for s in ACTIVE_STATES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT unit_id, count(*) FROM casework_case WHERE state = ANY(%s) "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
            [active],
        )
        found = cursor.fetchone()
    if found is None:
        raise SystemExit("no active case: run `make bench-seed` first")
    unit = Unit.objects.get(pk=found[0])
    supervisor = users_with_role(unit, Role.SUPERVISOR).order_by("pk").first()
    investigators = users_with_role(unit, Role.INVESTIGATOR).values_list("pk", flat=True)
    busiest = (
        Case.objects.filter(unit=unit, state=State.ASSIGNED, assignee_id__in=list(investigators))
        .values("assignee_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "assignee_id")
        .first()
    )
    if busiest is None:  # a small data set: an investigator with nothing to verify
        return unit, found[1], supervisor, users_with_role(unit, Role.INVESTIGATOR).first(), 0
    investigator = User.objects.get(pk=busiest["assignee_id"])
    return unit, found[1], supervisor, investigator, busiest["n"]


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS") or 50))
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    django_setup(bench_database_url())

    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from casework.choices import ACTIVE_STATES
    from casework.models import Case
    from workflows.selectors import case_list_supervisor_queue

    today = timezone.localdate()
    unit, unit_active, supervisor, investigator, assigned = subjects()
    tokens = {
        user.pk: Token.objects.get_or_create(user=user)[0].key
        for user in (supervisor, investigator)
    }
    client = Client()
    active = [s.value for s in ACTIVE_STATES]
    bare_sql = (
        "SELECT * FROM casework_case WHERE unit_id = %s AND state = ANY(%s) "
        "AND next_due_on < %s ORDER BY next_due_on LIMIT 50"
    )
    bare_params = [unit.pk, active, today]

    def bare():
        with connection.cursor() as cursor:
            cursor.execute(bare_sql, bare_params)
            cursor.fetchall()

    def selector():
        supervisor.__dict__.pop("_casework_roles", None)  # its roles are read again, per request
        queue = case_list_supervisor_queue(user=supervisor)
        list(queue[:PAGE])
        dict(queue.order_by().values_list("reason").annotate(n=Count("pk")))

    def api(path, user, page=PAGE):
        header = {"HTTP_AUTHORIZATION": f"Token {tokens[user.pk]}"}
        url = f"{path}?page_size={page}" if page else path  # else the API's default page

        def call():
            response = client.get(url, **header)
            assert response.status_code == 200, (response.status_code, response.content[:300])
            response.content  # noqa: B018 - rendered, as a server would send it

        return call

    subjects_ = {
        "bare_indexed_query": bare,
        "selector_supervisor_queue": selector,
        "api_queues_overdue": api("/api/v1/queues/overdue/", supervisor),
        "api_queues_overdue_page25": api("/api/v1/queues/overdue/", supervisor, page=None),
        "api_queues_mine": api("/api/v1/queues/mine/", investigator),
    }

    # Queries per request, and the main query of each, from one counted run after a first
    # one (which also builds the process's working-day calendar, once a minute at most).
    queries, statements = {"bare_indexed_query": 1}, {}
    for name, run in subjects_.items():
        if name == "bare_indexed_query":
            continue
        run()
        with CaptureQueriesContext(connection) as captured:
            run()
        statements[name] = [(q["sql"], float(q["time"]) * 1000) for q in captured.captured_queries]
        queries[name] = len(statements[name])
    # The timed runs, interleaved: each run calls every subject once, in turn.
    timings: dict[str, list[float]] = {name: [] for name in subjects_}
    load_before = os.getloadavg()
    with override_settings(DEBUG=False):
        for run_n in range(WARMUP + args.runs):
            for name, run in subjects_.items():
                t0 = time.perf_counter()
                run()
                spent = (time.perf_counter() - t0) * 1000
                if run_n >= WARMUP:
                    timings[name].append(spent)

    # The main query reads the page of cases; the others of casework_case are explained too.
    plans = {"bare_indexed_query": plan_of(bare_sql, bare_params)}
    other_plans = {}
    for name, executed in statements.items():
        reads = [sql for sql, _ms in executed if 'FROM "casework_case"' in sql]
        page = [sql for sql in reads if sql.startswith('SELECT "casework_case"."id"')]
        if page:
            plans[name] = plan_of(page[0])
        for n, sql in enumerate(s for s in reads if s not in page[:1]):
            other_plans[f"{name} #{n + 1}"] = plan_of(sql)
    baseline = statistics.median(timings["bare_indexed_query"])
    results = {}
    for name, values in timings.items():
        median = statistics.median(values)
        results[name] = {
            "median_ms": round(median, 3),
            "p95_ms": round(percentile(values, 0.95), 3),
            "min_ms": round(min(values), 3),
            "ratio_to_baseline": round(median / baseline, 1),
            "queries": queries[name],
        }
    report = {
        "benchmark": "overdue_queue",
        "date": timezone.now().isoformat(timespec="seconds"),
        "today": today.isoformat(),
        "code": code_version(),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
            "postgresql": connection.pg_version,
        },
        "data": {
            "cases": Case.objects.count(),
            "unit": unit.code,
            "unit_active_cases": unit_active,
            "unit_overdue_cases": Case.objects.filter(
                unit=unit, state__in=active, next_due_on__lt=today
            ).count(),
            "supervisor": supervisor.username,
            "investigator": investigator.username,
            "investigator_assigned_cases": assigned,
        },
        "runs": args.runs,
        "results": results,
        "statements": {
            name: [{"ms": round(ms, 2), "sql": sql[:300]} for sql, ms in executed]
            for name, executed in statements.items()
        },
        "plans": plans,
        "other_plans": other_plans,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    print_table(report)
    return report


def print_table(report: dict) -> None:
    data = report["data"]
    print(
        f"\nOverdue queue at {data['cases']:,} cases; unit {data['unit']} "
        f"({data['unit_active_cases']:,} active, {data['unit_overdue_cases']:,} overdue); "
        f"{report['runs']} runs each, interleaved"
    )
    code = report["code"]
    changed = f" + uncommitted {', '.join(code['uncommitted'])}" if code["uncommitted"] else ""
    load = report["machine"]["load_average_before_after"]
    print(f"code {code['commit']}{changed}; load average {load[0]} before, {load[1]} after\n")
    header = f"{'measurement':<28} {'median ms':>10} {'p95 ms':>9} {'x base':>7} {'queries':>8}"
    print(header + "  main query plan")
    print("-" * (len(header) + 40))
    for name, row in report["results"].items():
        plan = report["plans"].get(name)
        if plan:
            scans = ", ".join(
                f"{s['node']}{' ' + s['index'] if s['index'] else ''}" for s in plan["case_scans"]
            )
            scans += f"; {plan['case_rows_read']} case rows read"
            sorts = (
                "; sort " + ", ".join(f"{s['method']} of {s['rows_in']}" for s in plan["sorts"])
                if plan["sorts"]
                else ""
            )
            shown = f"{plan['execution_ms']} ms: {scans}{sorts}"
        else:
            shown = "-"
        print(
            f"{name:<28} {row['median_ms']:>10.2f} {row['p95_ms']:>9.2f} "
            f"{row['ratio_to_baseline']:>7.1f} {row['queries']:>8}  {shown}"
        )
    for title, plans in (("main query", report["plans"]), ("other query", report["other_plans"])):
        for name, plan in plans.items():
            print(f"\n== EXPLAIN (ANALYZE, BUFFERS), {title}: {name}\n{plan['sql']}\n")
            print(plan["text"])
            if not plan["index_scan"] or plan["execution_ms"] > SLOW_MS:
                print(f"!! {name}: no index scan on casework_case, or slower than {SLOW_MS} ms")


if __name__ == "__main__":
    main()
