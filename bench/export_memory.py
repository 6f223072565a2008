"""Peak memory of the streamed CSV export of every case, from the page and from the API.

Run (after `make bench-seed`): DEBUG=1 .venv/bin/python bench/export_memory.py

Each measurement is a fresh process on the bench database (``DATABASE_URL``, default
casework_bench) that starts Django, logs in as an administrator (who sees every case), and
reads the whole export through Django's test client, as a server would send it:

- ``baseline``: the same process answering one small page (``/api/v1/me/``): what Django, the
  project and one request weigh before any export;
- ``page``: ``GET /cases/case/export.csv``;
- ``api``: ``GET /api/v1/cases/export/``.

For each: the rows and bytes written, the seconds taken, and the process's peak resident
memory (``ru_maxrss``); the export's own cost is the difference from the baseline. Writes
bench/results/export_memory.json.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed.setup import bench_database_url  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "export_memory.json"
URLS = {"baseline": "/api/v1/me/", "page": "/cases/case/export.csv", "api": "/api/v1/cases/export/"}


def measure(which: str) -> dict:
    """In this process: read one URL to its end; peak memory and what was read."""
    from bench.seed.setup import django_setup

    django_setup(bench_database_url())
    from django.test import Client
    from rest_framework.test import APIClient

    from casework.models import User

    admin = User.objects.filter(is_superuser=True, is_active=True).first()
    if admin is None:
        admin = User.objects.create_superuser("bench.export", "", None)
    if URLS[which].startswith("/api/"):
        client = APIClient()
        client.force_authenticate(admin)
    else:
        client = Client()
        client.force_login(admin)
    t0 = time.perf_counter()
    response = client.get(URLS[which], HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200, (which, response.status_code)
    written = lines = 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        chunk = chunk if isinstance(chunk, bytes) else chunk.encode()
        written += len(chunk)
        lines += chunk.count(b"\n")
    seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "url": URLS[which],
        "rows": max(0, lines - 1) if which != "baseline" else 0,
        "megabytes_written": round(written / 2**20, 1),
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def main() -> dict:
    results = {}
    for which in URLS:
        done = subprocess.run(  # noqa: S603 - this script, in a fresh process
            [sys.executable, __file__, "--one", which],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ.copy(),
        )
        results[which] = json.loads(done.stdout.strip().splitlines()[-1])
        print(which, results[which], flush=True)
    base = results["baseline"]["peak_rss_mb"]
    for which in ("page", "api"):
        results[which]["above_baseline_mb"] = round(results[which]["peak_rss_mb"] - base, 1)
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "database": "PostgreSQL",
        "exports": results,
        "worst_peak_rss_mb": max(results[w]["peak_rss_mb"] for w in ("page", "api")),
        "target_peak_mb": 200,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", choices=list(URLS), help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
    else:
        result = main()
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps({"worst_peak_rss_mb": result["worst_peak_rss_mb"]}))
