"""Each role's cases at 1M: the queries of "All my cases", "My work" and the door's grant read.

Run (after `make bench-seed`): DEBUG=1 .venv/bin/python bench/role_querysets.py [--runs 50]
     [--try-index "CREATE INDEX name ON table (...) [WHERE ...]" ...]

On the bench database (``DATABASE_URL``, default casework_bench), at the unit with the most
active cases, for a user of each role: the intake officer who registered the most cases there,
the investigator with the most cases to verify, a supervisor, an auditor, the superuser and an
administrator who is not a superuser (the administrators' group). Each one's cases are
``permissions.selectors.case_list_visible(user)``; this fetches, as that user, through Django's
test client (session for the pages, token for the API):

- "All my cases": the page ``/cases/case/`` (viewflow's list: 25 rows in the model's default
  order) and ``GET /api/v1/cases/`` (25 rows): the page of cases and its COUNT;
- "My work" (``workflows.selectors.case_list_my_work``): the page ``/cases/mine/`` and
  ``GET /api/v1/queues/mine/``: the page and its COUNT;

and calls ``permissions.selectors.case_permissions(user, case)`` (the door's one-query grant
read) for a case of the unit that the user holds grants on. The SQL is captured as it was
sent. Each distinct statement that reads the case, grant, role or auth tables is then run
again N times (interleaved, ``DEBUG`` off, on one connection) for its median and p95, and
explained with ``EXPLAIN (ANALYZE, BUFFERS)``: which node kinds, which scans of which table,
and whether any of the case, grant or auth tables is read by a sequential scan.

``--try-index`` creates an index for the run (then ANALYZE), measures with it, and drops it
at the end whatever happens: how a proposed index is checked before it becomes a migration.
Writes bench/results/role_querysets.json (with ``--try-index``:
role_querysets_with_index.json) and prints a table.
"""

import argparse
import json
import logging
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.overdue_queue import code_version, percentile, subjects
from bench.seed.setup import bench_database_url, django_setup

RESULTS = Path(__file__).resolve().parent / "results"
WARMUP = 3
SLOW_MS = 20
SMALL_TABLE = 1000  # rows: a sequential scan of an auth table this small is no index's fault
# The tables whose sequential scan the acceptance forbids (issue 6), and the auth tables.
CASE_TABLES = ("casework_case",)
GRANT_TABLES = ("permissions_casegroupobjectpermission", "permissions_caseuserobjectpermission")
AUTH_TABLES = (
    "casework_user",
    "casework_user_groups",
    "casework_user_user_permissions",
    "auth_group",
    "auth_group_permissions",
    "auth_permission",
    "permissions_unitrole",
)
WATCHED = CASE_TABLES + GRANT_TABLES + AUTH_TABLES
# What a statement must name to be measured: the case, grant, role and auth tables.
TOUCHES = re.compile(r'"(casework_case|permissions_\w+|auth_\w+|casework_user\w*)"')
CANDIDATE = re.compile(r"^\s*CREATE\s+INDEX\s+(\w+)\s+ON\s+(\w+)\b", re.IGNORECASE)


def explain(sql: str) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of one statement: its nodes, its scans, its sequential scans."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        tree = cursor.fetchone()[0]
        tree = tree[0] if isinstance(tree, list) else json.loads(tree)[0]
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
    kinds, scans = [], []

    def walk(node):
        kind = node["Node Type"]
        if node.get("Parallel Aware"):
            kind = f"Parallel {kind}"
        if kind not in kinds:
            kinds.append(kind)
        if "Scan" in kind and node.get("Relation Name"):
            scans.append(
                {
                    "node": kind,
                    "relation": node["Relation Name"],
                    "index": node.get("Index Name"),
                    "rows": node.get("Actual Rows"),
                    "loops": node.get("Actual Loops"),
                    "removed_by_filter": node.get("Rows Removed by Filter", 0),
                }
            )
        elif "Scan" in kind and node.get("Index Name"):  # a bitmap index scan
            scans.append(
                {
                    "node": kind,
                    "relation": None,
                    "index": node["Index Name"],
                    "rows": node.get("Actual Rows"),
                    "loops": node.get("Actual Loops"),
                    "removed_by_filter": 0,
                }
            )
        for child in node.get("Plans", []):
            walk(child)

    walk(tree["Plan"])
    seq = sorted({s["relation"] for s in scans if s["node"].endswith("Seq Scan")})
    return {
        "execution_ms": round(tree["Execution Time"], 3),
        "planning_ms": round(tree["Planning Time"], 3),
        "node_kinds": kinds,
        "scans": scans,
        "seq_scans": seq,
        "seq_scans_watched": [r for r in seq if r in WATCHED],
        "shared_hit": tree["Plan"].get("Shared Hit Blocks"),
        "shared_read": tree["Plan"].get("Shared Read Blocks"),
        "text": text,
    }


def redact(text: str, secrets: list[str]) -> str:
    """The text without the API tokens it names (the token lookup's SQL and plan)."""
    for secret in secrets:
        text = text.replace(secret, "<token>")
    return text


def statement_label(sql: str) -> str:
    """What a captured statement is, from its shape."""
    head = sql[:200]
    if 'FROM "permissions_unitrole"' in sql and "user_id" in sql:
        return "roles"
    if 'FROM "casework_case"' in sql:
        if head.startswith("SELECT COUNT(*)"):
            return "count"
        if " LIMIT " in sql:
            return "page"
        return "case read"
    if 'FROM "authtoken_token"' in head:
        return "token and user"
    if head.startswith('SELECT "casework_user"'):
        return "user"
    if "objectpermission" in sql:
        return "grants"
    if '"casework_user_user_permissions"' in sql:
        return "model perms (user)"
    if '"auth_group_permissions"' in sql:
        return "model perms (groups)"
    if 'FROM "casework_party"' in sql:
        return "prefetch parties"
    if 'FROM "casework_clock"' in sql:
        return "prefetch clocks"
    return "other"


def role_users(unit, supervisor, investigator):
    """The subjects: one user of each role at ``unit`` (its busiest), and the two administrators."""
    from django.db.models import Count

    from casework.choices import Role
    from casework.models import Case, User
    from permissions.roles import role_groups_ensure, users_with_role

    intake_only = users_with_role(unit, Role.INTAKE_OFFICER).exclude(
        groups__unit_role__role=Role.INVESTIGATOR
    )
    busiest_intake = (
        Case.objects.filter(
            unit=unit, registered_by_id__in=list(intake_only.values_list("pk", flat=True))
        )
        .values("registered_by_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "registered_by_id")
        .first()
    )
    intake = (
        User.objects.get(pk=busiest_intake["registered_by_id"])
        if busiest_intake
        else intake_only.order_by("pk").first()
    )
    auditor = users_with_role(unit, Role.AUDITOR).order_by("pk").first()
    administrators = role_groups_ensure(None)[Role.ADMINISTRATOR]
    administrator = (
        User.objects.filter(groups=administrators, is_active=True, is_superuser=False)
        .order_by("pk")
        .first()
    )
    superuser = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    found = {
        "intake_officer": intake,
        "investigator": investigator,
        "supervisor": supervisor,
        "auditor": auditor,
        "administrator_superuser": superuser,
        "administrator_group": administrator,
    }
    missing = [role for role, user in found.items() if user is None]
    if missing:
        raise SystemExit(f"no user for {', '.join(missing)}: run `make bench-seed` first")
    return found


def case_for(role: str, user, unit):
    """A case of the unit that the user holds grants on (the door's usual question)."""
    from casework.choices import State
    from casework.models import Case

    cases = Case.objects.filter(unit=unit).order_by("-received_on", "-pk")
    if role == "investigator":
        cases = cases.filter(assignee=user, state=State.ASSIGNED)
    elif role == "intake_officer":
        cases = cases.filter(registered_by=user)
    return cases.first()


def capture(calls: dict) -> dict[str, list[str]]:
    """The SQL each call sends, from its second run (the first warms the process's caches)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sent = {}
    for name, call in calls.items():
        call()
        with CaptureQueriesContext(connection) as captured:
            call()
        sent[name] = [q["sql"] for q in captured.captured_queries]
    return sent


def try_indexes(statements: list[str], made: list[tuple[str, str]]) -> None:
    """Create the candidate indexes (and ANALYZE their tables); add (name, table) of each to
    ``made`` as soon as it exists, so that a failure later still drops it."""
    from django.db import connection

    for ddl in statements:
        found = CANDIDATE.match(ddl)
        if not found:
            raise SystemExit(f"--try-index takes one CREATE INDEX statement, not {ddl!r}")
        name, table = found.groups()
        with connection.cursor() as cursor:
            t0 = time.perf_counter()
            cursor.execute(ddl)
            made.append((name, table))
            cursor.execute(f'ANALYZE "{table}"')
            print(f"created {name} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)


def drop_indexes(made: list[tuple[str, str]]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, table in made:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
            cursor.execute(f'ANALYZE "{table}"')
            print(f"dropped {name}", file=sys.stderr)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS") or 50))
    parser.add_argument("--output", type=Path)
    parser.add_argument(
        "--try-index",
        action="append",
        default=[],
        metavar="DDL",
        help="a CREATE INDEX to measure with, dropped at the end (repeatable)",
    )
    args = parser.parse_args(argv)
    output = args.output or RESULTS / (
        "role_querysets_with_index.json" if args.try_index else "role_querysets.json"
    )
    django_setup(bench_database_url())
    made: list[tuple[str, str]] = []
    try:
        try_indexes(args.try_index, made)
        report = measure(args.runs, args.try_index)
    finally:
        drop_indexes(made)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    print_table(report)
    root = Path(__file__).resolve().parent.parent
    shown = output.resolve()
    print(f"\nwritten to {shown.relative_to(root) if shown.is_relative_to(root) else shown}")
    return report


def measure(runs: int, candidates: list[str]) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from casework.models import Case, User
    from permissions.roles import user_roles
    from permissions.selectors import case_list_visible, case_permissions

    logging.getLogger("axes").setLevel(logging.WARNING)  # a line per force_login otherwise
    unit, unit_active, supervisor, investigator, _assigned = subjects()
    users = role_users(unit, supervisor, investigator)
    urls = {
        "web all cases": reverse("cases:case:index"),
        "api all cases": reverse("api:case-list"),
        "web my work": reverse("cases:mine:index"),
        "api my work": reverse("api:queue-mine"),
    }

    def fetch(client, url, **headers):
        def call():
            response = client.get(url, **headers)
            assert response.status_code == 200, (url, response.status_code)
            response.content  # noqa: B018 - rendered, as a server would send it

        return call

    subjects_, cases, tokens = {}, {}, []
    for role, user in users.items():
        web = Client()
        web.force_login(user)
        token = Token.objects.get_or_create(user=user)[0].key
        tokens.append(token)
        api = Client(HTTP_AUTHORIZATION=f"Token {token}")
        case = cases[role] = case_for(role, user, unit)

        def grants(user=user, case=case):
            case_permissions(user, case)

        calls = {
            name: fetch(api if name.startswith("api") else web, url) for name, url in urls.items()
        }
        calls["case_permissions"] = grants
        subjects_[role] = capture(calls)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relname = ANY(%s)",
            [list(WATCHED)],
        )
        table_rows = dict(cursor.fetchall())

    # Per user, the distinct statements that read the case, grant, role or auth tables, each
    # named by where it was first sent from ("web all cases page"); the API's COUNT is the
    # page's, and so on: the same SQL is measured once per user, its other senders listed.
    statements: dict[tuple[str, str], dict] = {}
    for role, sent in subjects_.items():
        for source, sqls in sent.items():
            for sql in sqls:
                if not TOUCHES.search(sql):
                    continue
                label = "grants" if source == "case_permissions" else statement_label(sql)
                entry = statements.setdefault(
                    (role, sql), {"label": f"{source} {label}", "sql": sql, "also": []}
                )
                if entry["label"] != f"{source} {label}":
                    entry["also"].append(f"{source} {label}")

    def run(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    timings = {key: [] for key in statements}
    load_before = os.getloadavg()
    with override_settings(DEBUG=False):
        for run_n in range(WARMUP + runs):
            for key, entry in statements.items():
                t0 = time.perf_counter()
                rows = run(entry["sql"])
                spent = (time.perf_counter() - t0) * 1000
                if run_n >= WARMUP:
                    timings[key].append(spent)
                entry["rows"] = rows[0][0] if entry["label"].endswith("count") else len(rows)
    load_after = os.getloadavg()

    results: dict[str, dict] = {role: {} for role in users}
    for (role, sql), entry in statements.items():
        values = timings[role, sql]
        plan = explain(sql)
        plan["text"] = redact(plan["text"], tokens)
        # A sequential scan that matters: of the case or grant tables, or of an auth table
        # too big to fit a few pages (on auth_permission's 100-odd rows it is the best plan).
        plan["seq_scans_flagged"] = [
            r
            for r in plan["seq_scans_watched"]
            if r not in AUTH_TABLES or table_rows.get(r, 0) > SMALL_TABLE
        ]
        name, n = entry["label"], 2
        while name in results[role]:
            name, n = f"{entry['label']} #{n}", n + 1
        results[role][name] = {
            "median_ms": round(statistics.median(values), 3),
            "p95_ms": round(percentile(values, 0.95), 3),
            "min_ms": round(min(values), 3),
            "rows": entry["rows"],
            "also_sent_by": entry["also"],
            "sql": redact(sql, tokens)[:2000],
            "plan": plan,
        }

    flagged = [
        {
            "user": role,
            "statement": name,
            "seq_scans": row["plan"]["seq_scans_flagged"],
            "median_ms": row["median_ms"],
        }
        for role, measured in results.items()
        for name, row in measured.items()
        if row["plan"]["seq_scans_flagged"] or row["median_ms"] > SLOW_MS
    ]
    return {
        "benchmark": "role_querysets",
        "date": timezone.now().isoformat(timespec="seconds"),
        "code": code_version(),
        "candidate_indexes": candidates,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before_after": [round(load_before[0], 2), round(load_after[0], 2)],
            "postgresql": connection.pg_version,
        },
        "data": {
            "cases": Case.objects.count(),
            "users": User.objects.count(),
            "unit": unit.code,
            "unit_cases": Case.objects.filter(unit=unit).count(),
            "unit_active_cases": unit_active,
            "table_rows_estimate": table_rows,
        },
        "users": {
            role: {
                "username": user.username,
                "superuser": user.is_superuser,
                "roles": sorted(user_roles(User.objects.get(pk=user.pk))),
                "visible_cases": case_list_visible(User.objects.get(pk=user.pk)).count(),
                "case_for_grants": cases[role].reference if cases[role] else None,
            }
            for role, user in users.items()
        },
        "runs": runs,
        "slow_ms": SLOW_MS,
        "flagged": flagged,
        "results": results,
    }


def plan_summary(plan: dict) -> str:
    scans = []
    for s in plan["scans"]:
        if s["relation"] is None:
            continue  # a bitmap index scan: shown by its heap scan's kind
        where = s["index"] or ""
        scans.append(f"{s['node']}{' ' + where if where else ''} ({s['relation']})")
    others = [k for k in plan["node_kinds"] if "Scan" not in k]
    return "; ".join(filter(None, [", ".join(others), ", ".join(dict.fromkeys(scans))]))


def print_table(report: dict) -> None:
    data = report["data"]
    print(
        f"\nRole querysets at {data['cases']:,} cases and {data['users']:,} users; unit "
        f"{data['unit']} ({data['unit_cases']:,} cases, {data['unit_active_cases']:,} active); "
        f"{report['runs']} runs each, interleaved"
    )
    code = report["code"]
    changed = f" + uncommitted {', '.join(code['uncommitted'])}" if code["uncommitted"] else ""
    load = report["machine"]["load_average_before_after"]
    print(f"code {code['commit']}{changed}; load average {load[0]} before, {load[1]} after")
    for ddl in report["candidate_indexes"]:
        print(f"with candidate index: {ddl}")
    for role, user in report["users"].items():
        print(
            f"  {role:<24} {user['username']:<22} roles {','.join(user['roles']) or '-'}; "
            f"sees {user['visible_cases']:,} cases"
        )
    header = f"\n{'user':<24} {'statement':<34} {'median':>8} {'p95':>8} {'rows':>8} {'seq':>4}"
    print(header + "  plan (EXPLAIN ANALYZE ms: node kinds; scans)")
    print("-" * 140)
    legend = (
        "seq: SEQ = a sequential scan of the case or grant tables, or of an auth table of more "
        f"than {SMALL_TABLE} rows; seq = of a smaller auth table (auth_permission, ...)"
    )
    flagged = []
    for role, measured in report["results"].items():
        for name, row in measured.items():
            plan = row["plan"]
            seq = plan["seq_scans_flagged"]
            mark = "SEQ" if seq else ("seq" if plan["seq_scans_watched"] else "")
            print(
                f"{role:<24} {name:<34} {row['median_ms']:>8.2f} {row['p95_ms']:>8.2f} "
                f"{row['rows']:>8} {mark:>4}  {plan['execution_ms']} ms: {plan_summary(plan)}"
            )
            if seq or row["median_ms"] > report["slow_ms"]:
                flagged.append((role, name, row))
    print(legend)
    if not flagged:
        print(
            "\nNo sequential scan of the case or grant tables (or of an auth table of more than "
            f"{SMALL_TABLE} rows); every median under {report['slow_ms']} ms."
        )
    for role, name, row in flagged:
        seq = row["plan"]["seq_scans_flagged"]
        why = f"Seq Scan on {', '.join(seq)}" if seq else f"median over {report['slow_ms']} ms"
        print(f"\n!! {role}: {name}: {why}\n{row['sql']}\n\n{row['plan']['text']}")


if __name__ == "__main__":
    main()
