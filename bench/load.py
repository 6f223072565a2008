"""The load benchmarks: the system served as in production, each figure next to its baseline.

Run (after `make bench-seed`): DEBUG=1 .venv/bin/python bench/load.py [--quick] [--soak]

On the bench database (``DATABASE_URL``, default casework_bench), it starts gunicorn with two
sync workers (one per core, DEBUG off, the bench's baseline endpoint switched on, Celery tasks
sent to a Redis queue that no worker reads: notices are queued, not rendered, during the
window), then measures, one after the other, on that same server:

- **baseline**: ``POST /bench/baseline/`` (lock a row, update it, insert one) flat out with
  16 locust users: requests per second, p95;
- **lifecycles**: 16 locust users each walking first-round complaints from registration to
  the decision, with the dialogue, through the API (six requests each), flat out: lifecycles
  per second, and the ratio to the baseline (a lifecycle's six requests against six baseline
  requests);
- **reads at 16 connections** (wrk): the supervisor's overdue queue (API and page) in the
  busiest unit, the investigator's "my cases", and, as their baseline, ``GET /api/v1/me/`` (a
  bare authenticated request): requests per second and p95;
- **soak** (``--soak``): 50 locust users mixing the roles (intake, supervisor, investigator,
  auditor) at a human pace for 10 minutes: the errors, p95 per endpoint, and the workers'
  memory after the first minute and at the end.

The acting users are the bench's own teams, in units LOAD01... (created if missing), so that no
two simulated people act on the same case; the reads are in the busiest unit of the data set.
``--quick`` runs each measurement for a few seconds (CI's smoke test). Writes
bench/results/load.json.
"""

import argparse
import csv
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed.setup import bench_database_url, django_setup  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "load.json"
VENV = Path(sys.executable).parent
PORT = int(os.environ.get("BENCH_PORT", "8091"))
HOST = f"http://127.0.0.1:{PORT}"
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13")  # never CI's 15
TEAMS = 8
PASSWORD = "casework-bench"  # noqa: S105 - the bench's documented password


def development_keys() -> dict:
    """The keys the bench data was written with (DEBUG on): the server must read it."""
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({'SECRET_KEY': s.SECRET_KEY, 'IDENTITY_KEY': ','.join(s.IDENTITY_KEYS),"
        " 'IDENTITY_INDEX_KEY': s.IDENTITY_INDEX_KEY}))"
    )
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    for name in ("SECRET_KEY", "IDENTITY_KEY", "IDENTITY_INDEX_KEY"):
        env.pop(name, None)
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def prepare() -> dict:
    """The teams, the readers and their tokens; the baseline's tables. Returns the plan."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from rest_framework.authtoken.models import Token

    from bench.endpoint import baseline_tables
    from bench.overdue_queue import subjects
    from casework.choices import Role
    from casework.models import Unit, User
    from permissions.roles import role_groups_ensure, user_set_roles, users_with_role

    def token(user) -> str:
        return Token.objects.get_or_create(user=user)[0].key

    baseline_tables()
    root = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    teams = []
    for i in range(1, TEAMS + 1):
        unit, _ = Unit.objects.get_or_create(
            code=f"LOAD{i:02d}",
            defaults={"name": f"Đơn vị tải thử {i}", "level": "bench", "parent": root},
        )
        role_groups_ensure(unit)
        people = {}
        for role, name in (
            (Role.INTAKE_OFFICER, "intake"),
            (Role.SUPERVISOR, "supervisor"),
            (Role.INVESTIGATOR, "investigator"),
        ):
            user, created = User.objects.get_or_create(
                username=f"{name}.load{i:02d}",
                defaults={"unit": unit, "first_name": "Tải thử", "last_name": f"{name} {i}"},
            )
            if created:
                user.set_password(PASSWORD)
                user.save()
                user_set_roles(user=user, roles=[role])
            people[name] = user
        teams.append(
            {
                "unit": unit.code,
                "intake": token(people["intake"]),
                "supervisor": token(people["supervisor"]),
                "investigator": token(people["investigator"]),
                "investigator_username": people["investigator"].username,
            }
        )
    unit, active, supervisor, investigator, assigned = subjects()
    auditor = users_with_role(unit, Role.AUDITOR).order_by("pk").first() or supervisor
    session = SessionStore()
    session["_auth_user_id"] = str(supervisor.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = supervisor.get_session_auth_hash()
    session.create()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    return {
        "host": HOST,
        "teams": teams,
        "baseline_token": token(admin or supervisor),
        "queue": {
            "unit": unit.code,
            "active_cases": active,
            "supervisor": token(supervisor),
            "supervisor_session": session.session_key,
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "investigator": token(investigator),
            "investigator_assigned": assigned,
            "auditor": token(auditor),
        },
    }


class Server:
    """gunicorn with two sync workers on the bench database, as production runs it."""

    def __init__(self, keys: dict):
        self.env = {
            **os.environ,
            **keys,
            "DEBUG": "0",
            "DATABASE_URL": bench_database_url(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "CASEWORK_PUBLIC_URL": HOST,
            "CASEWORK_BENCH_ENDPOINT": "1",
            "CELERY_BROKER_URL": BROKER,
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "casework-bench-static"),
            "MEDIA_ROOT": str(Path(tempfile.gettempdir()) / "casework-bench-media"),
        }
        for name in ("REDIS_CACHE_URL", "CELERY_TASK_ALWAYS_EAGER"):
            self.env.pop(name, None)

    def __enter__(self):
        self.log = open(Path(tempfile.gettempdir()) / "casework-bench-gunicorn.log", "w")
        self.process = subprocess.Popen(  # noqa: S603
            [str(VENV / "gunicorn"), "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}",
             "--worker-class", "sync", "--timeout", "120"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{HOST}/accounts/login/", timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not answer; see casework-bench-gunicorn.log")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()

    def worker_rss_mb(self) -> list[float]:
        children = subprocess.run(  # noqa: S603
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            kb = next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")
            )
            sizes.append(round(kb / 1024, 1))
        return sorted(sizes)


def locust(plan_file: str, classes: list[str], users: int, seconds: int) -> dict:
    """A headless locust run: per request name, its count, failures, rate and p95."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = f"{folder}/run"
        subprocess.run(  # noqa: S603
            [str(VENV / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--csv", prefix,
             "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10", *classes],
            cwd=ROOT, env={**os.environ, "BENCH_LOAD_FILE": plan_file},
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    stats = {}
    for row in rows:
        stats[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
        }
    return stats


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f,' ..
    ' "p99_ms": %.2f, "errors": %d, "non_2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
"""


def wrk(path: str, headers: dict, seconds: int, connections: int = 16) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "-s", script.name]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        out = subprocess.run(  # noqa: S603
            [*command, f"{HOST}{path}"], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    return json.loads(out.strip().splitlines()[-1])


def main(quick: bool, soak: bool) -> dict:
    django_setup(bench_database_url())
    plan = prepare()
    keys = development_keys()
    short = 5 if quick else 30
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(plan, handle)
        plan_file = handle.name
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "server": "gunicorn, 2 sync workers, DEBUG off, PostgreSQL",
        "quick": quick,
    }
    try:
        with Server(keys) as server:
            # Warm both workers (imports, the calendar, connections) before any measurement.
            wrk("/api/v1/me/", {"Authorization": f"Token {plan['queue']['supervisor']}"}, 2, 4)
            baseline = locust(plan_file, ["BaselineUser"], 16, short)
            print("baseline", baseline.get("baseline"), flush=True)
            lifecycles = locust(plan_file, ["LifecycleUser"], 16, short * 2)
            print("lifecycles", lifecycles.get("Aggregated"), flush=True)
            seconds = short * 2
            done = lifecycles.get("resolve", {}).get("requests", 0)
            base_rps = baseline.get("baseline", {}).get("rps", 0)
            per_second = done / seconds
            result["baseline_endpoint"] = baseline.get("baseline")
            result["lifecycles"] = {
                "users": 16,
                "seconds": seconds,
                "completed": done,
                "per_second": round(per_second, 1),
                "requests": {k: v for k, v in lifecycles.items() if k != "Aggregated"},
                "failures": lifecycles.get("Aggregated", {}).get("failures"),
                # A lifecycle is six requests: against six baseline requests.
                "requests_per_lifecycle": 6,
                "ratio_to_baseline": round(per_second / (base_rps / 6), 3) if base_rps else None,
            }
            token = plan["queue"]
            cookie = f"{token['session_cookie']}={token['supervisor_session']}"
            boss = {"Authorization": f"Token {token['supervisor']}"}
            reads = {
                "me_api (baseline)": ("/api/v1/me/", boss),
                "queue_api": ("/api/v1/queues/overdue/", boss),
                "queue_page": ("/cases/queue/", {"Cookie": cookie}),
                "my_cases_api": (
                    "/api/v1/queues/mine/",
                    {"Authorization": f"Token {token['investigator']}"},
                ),
            }
            result["reads_16_connections"] = {}
            for name, (path, headers) in reads.items():
                result["reads_16_connections"][name] = {"path": path, **wrk(path, headers, short)}
                print(name, result["reads_16_connections"][name], flush=True)
            result["reads_unit"] = {
                "unit": token["unit"],
                "active_cases": token["active_cases"],
                "investigator_assigned": token["investigator_assigned"],
            }
            if soak:
                seconds = 30 if quick else 600
                started = time.monotonic()
                runner = subprocess.Popen(  # noqa: S603
                    [sys.executable, __file__, "--soak-run", plan_file, str(seconds)],
                    cwd=ROOT, stdout=subprocess.PIPE, text=True,
                )  # fmt: skip
                time.sleep(min(60, seconds / 3))  # the workers' memory once warmed up
                rss_start = server.worker_rss_mb()
                out, _ = runner.communicate(timeout=seconds + 120)
                rss_end = server.worker_rss_mb()
                stats = json.loads(out.strip().splitlines()[-1])
                result["soak"] = {
                    "users": 50,
                    "minutes": round(seconds / 60, 1),
                    "wall_seconds": round(time.monotonic() - started),
                    "errors": stats.get("Aggregated", {}).get("failures"),
                    "requests": stats.get("Aggregated", {}).get("requests"),
                    "p95_ms_by_endpoint": {
                        k: v["p95_ms"] for k, v in stats.items() if k != "Aggregated"
                    },
                    "worker_rss_mb_after_warmup": rss_start,
                    "worker_rss_mb_at_end": rss_end,
                }
                print("soak", result["soak"], flush=True)
    finally:
        os.unlink(plan_file)
        subprocess.run(  # noqa: S603
            [sys.executable, "-c", f"import redis; redis.Redis.from_url('{BROKER}').flushdb()"],
            check=False,
        )
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds each (CI)")
    parser.add_argument("--soak", action="store_true", help="add the 50-user soak")
    parser.add_argument("--soak-run", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args()
    if args.soak_run:
        plan_file, seconds = args.soak_run
        classes = ["IntakeUser", "SupervisorUser", "InvestigatorUser", "AuditorUser"]
        print(json.dumps(locust(plan_file, classes, 50, int(seconds))))
    else:
        result = main(args.quick, args.soak)
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps({"lifecycles_per_second": result["lifecycles"]["per_second"]}))
