"""Load a million realistic cases into the bench database.

Run: DEBUG=1 .venv/bin/python bench/generate.py [--reset] [--cases N] [--verify]
     (or `make bench-seed BENCH_CASES=1000000`)

The database is ``DATABASE_URL`` (default: casework_bench on the local PostgreSQL); its name
must contain "bench". ``--reset`` drops and recreates it; without it the database must hold no
units yet. Migrations run first (they seed the deadline rules and the calendar). Then: 200
units (the provincial inspectorate, its departments, the communes and wards), 10,000 staff with
their roles, and the cases (``BENCH_CASES``, default 1,000,000: half petitions, 35% complaints,
15% denunciations, received over the last three years) with their parties, audit trail,
deadline clocks, per-case grants and reference counters, consistent enough that
``manage.py check_cases`` and ``manage.py verify_audit`` pass (``--verify`` runs both).
Everything follows from ``--seed`` and the day it runs: the same day gives the same data.
Every login's password is ``casework-bench``.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seed.setup import bench_database_url, django_setup

CHUNK = 10_000


class Progress:
    """Plain progress on stderr: a line that rewrites itself on a terminal, steps otherwise."""

    def __init__(self):
        self.tty = sys.stderr.isatty()
        self.started = time.perf_counter()
        self.last_shown = -1

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def step(self, label: str, seconds: float | None = None) -> None:
        took = f" ({seconds:.1f} s)" if seconds is not None else ""
        print(f"[{self.elapsed():6.1f} s] {label}{took}", file=sys.stderr, flush=True)

    def count(self, done: int, total: int, started: float) -> None:
        share = done / total
        tenth = int(share * 20)
        if not self.tty and tenth == self.last_shown and done != total:
            return
        self.last_shown = tenth
        spent = time.perf_counter() - started
        rate = done / spent if spent else 0
        eta = (total - done) / rate if rate else 0
        bar = "#" * int(share * 30)
        line = (
            f"cases [{bar:<30}] {done:>9,}/{total:,} {share:6.1%} {rate:,.0f}/s, {eta:4.0f} s left"
        )
        if self.tty:
            end = "\n" if done == total else ""
            print(f"\r{line}", end=end, file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)


def summary(today) -> dict:
    """Row counts and how the cases stand today (the supervisors' queue reasons)."""
    from django.db import connection

    from casework.choices import ACTIVE_STATES
    from casework.deadlines.calendar import working_calendar
    from workflows.selectors.queues import (
        DUE_SOON_WORKING_DAYS,
        SUSPENDED_LONG_DAYS,
        UNASSIGNED_WORKING_DAYS,
        _working_days_ago,
    )

    calendar = working_calendar()
    soon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    unassigned_before = _working_days_ago(calendar, today, UNASSIGNED_WORKING_DAYS) + timedelta(
        days=1
    )
    tables = [
        "casework_unit",
        "casework_user",
        "casework_user_groups",
        "casework_case",
        "casework_party",
        "casework_partyidentity",
        "casework_caseevent",
        "casework_clock",
        "permissions_casegroupobjectpermission",
        "permissions_caseuserobjectpermission",
        "casework_sequencecounter",
    ]
    active = [s.value for s in ACTIVE_STATES]
    with connection.cursor() as cursor:
        rows = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from above
            rows[table] = cursor.fetchone()[0]
        cursor.execute("SELECT kind, count(*) FROM casework_case GROUP BY 1 ORDER BY 2 DESC")
        kinds = dict(cursor.fetchall())
        cursor.execute("SELECT state, count(*) FROM casework_case GROUP BY 1 ORDER BY 2 DESC")
        states = dict(cursor.fetchall())
        cursor.execute(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE next_due_on < %(today)s),
                   count(*) FILTER (WHERE next_due_on >= %(today)s AND next_due_on <= %(soon)s),
                   count(*) FILTER (WHERE state = 'suspended'
                                    AND last_act_on < %(today)s - 30),
                   count(*) FILTER (WHERE state = 'accepted' AND assignee_id IS NULL
                                    AND last_act_on < %(unassigned)s)
            FROM casework_case WHERE state = ANY(%(active)s)
            """,
            {
                "today": today,
                "soon": soon,
                "unassigned": unassigned_before,
                "active": active,
            },
        )
        total, overdue, due_soon, suspended_long, unassigned = cursor.fetchone()
        cursor.execute(
            "SELECT u.code, count(*) FROM casework_case c JOIN casework_unit u ON u.id = c.unit_id "
            "WHERE c.state = ANY(%s) GROUP BY 1 ORDER BY 2 DESC LIMIT 3",
            [active],
        )
        busiest = cursor.fetchall()
    assert SUSPENDED_LONG_DAYS == 30
    return {
        "rows": rows,
        "kinds": kinds,
        "states": states,
        "active": {
            "total": total,
            "overdue": overdue,
            "due_soon": due_soon,
            "suspended_over_30_days": suspended_long,
            "accepted_unassigned": unassigned,
        },
        "busiest_units": busiest,
    }


def verify(progress: Progress) -> dict:
    from django.core.management import call_command

    timings = {}
    for command in ("check_cases", "verify_audit"):
        t0 = time.perf_counter()
        call_command(command, stdout=sys.stderr)
        timings[f"{command}_s"] = round(time.perf_counter() - t0, 1)
        progress.step(f"{command} passed", timings[f"{command}_s"])
    return timings


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database")
    parser.add_argument(
        "--cases", type=int, default=int(os.environ.get("BENCH_CASES") or 1_000_000)
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--verify", action="store_true", help="run check_cases and verify_audit afterwards"
    )
    args = parser.parse_args(argv)
    url = bench_database_url()
    progress = Progress()

    from bench.seed.loader import BulkLoad, database_prepare

    created = database_prepare(url, reset=args.reset)
    progress.step(f"database {'created' if created else 'found'}")
    django_setup(url)

    from django.core.management import call_command
    from django.utils import timezone

    from bench.seed.factory import CaseFactory
    from bench.seed.org import org_create
    from casework.deadlines.calendar import working_calendar
    from casework.models import Unit

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    progress.step("migrated", time.perf_counter() - t0)
    if Unit.objects.exists():
        raise SystemExit("the bench database already holds units: run again with --reset")

    today = timezone.localdate()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    org = org_create(rng, first_day=today - timedelta(days=3 * 365 + 30))
    progress.step("200 units, 10,000 staff and their roles", time.perf_counter() - t0)

    factory = CaseFactory(
        org=org, calendar=working_calendar(), today=today, seed=rng.getrandbits(64)
    )
    letters = factory.letters(args.cases)
    load = BulkLoad(url, progress.step)
    load.begin()
    started = time.perf_counter()
    try:
        for n, (day, kind, unit) in enumerate(letters, start=1):
            factory.add(n, day, kind, unit)
            if n % CHUNK == 0 or n == args.cases:
                load.put(factory.rows)
                factory.rows = {table: [] for table in factory.TABLES}
                progress.count(n, args.cases, started)
        progress.step("cases generated and copied", time.perf_counter() - started)
        timings = load.finish(factory.counters)
    except BaseException:
        load.abort()
        raise
    generation_s = progress.elapsed()
    progress.step("loaded", generation_s)
    result = {
        "cases": args.cases,
        "seed": args.seed,
        "today": today.isoformat(),
        "generation_s": round(generation_s, 1),
        **{k: round(v, 1) for k, v in timings.items()},
        **summary(today),
    }
    if args.verify:
        result.update(verify(progress))
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2, default=str))
