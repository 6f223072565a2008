"""Gather the benchmarks' results into latest.json and RESULTS.md, each figure by its baseline.

Run: .venv/bin/python bench/report.py [--results DIR] [--markdown FILE] [--check]

Reads the JSON files the benchmarks wrote in ``DIR`` (default bench/results): load.json,
notices.json, deadlines.json, recompute.json, export_memory.json, overdue_queue.json. Writes
``DIR/latest.json`` (all of them, with the machine and the date) and the table (by default
bench/RESULTS.md). ``--check`` (the quick mode in CI) fails unless every measurement produced a
number; it judges no figure.
"""

import argparse
import json
import math
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ["load", "notices", "deadlines", "recompute", "export_memory", "overdue_queue"]


def _get(data, *path):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _fmt(value, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float):
        value = f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value}{unit}"


def rows(r: dict) -> list[dict]:
    """One row per figure: what, the figure, its baseline, the ratio, the target, met."""
    load, notices = r.get("load") or {}, r.get("notices") or {}
    out = []
    life = _get(load, "lifecycles", "per_second")
    base = _get(load, "baseline_endpoint", "rps")
    ratio = _get(load, "lifecycles", "ratio_to_baseline")
    steps = _get(load, "lifecycles", "requests_per_lifecycle") or 5  # 5 before the dialogue
    out.append({
        "what": f"Full complaint lifecycles per second ({steps} API requests each, 16 users)",
        "figure": _fmt(life, "/s"),
        "baseline": f"baseline endpoint {_fmt(base, ' req/s')} (= {_fmt(base and base / steps, '/s')} in {steps}s)",
        "ratio": _fmt(ratio),
        "target": "≥ 30/s and ≥ 0.6",
        "met": life is not None and ratio is not None and life >= 30 and ratio >= 0.6,
        "value": life,
    })  # fmt: skip
    me = _get(load, "reads_16_connections", "me_api (baseline)") or {}
    for key, label in (
        ("queue_api", "Supervisor's overdue queue, API (16 connections)"),
        ("queue_page", "Supervisor's overdue queue, page (16 connections)"),
        ("my_cases_api", "Investigator's my cases, API (16 connections)"),
    ):
        read = _get(load, "reads_16_connections", key) or {}
        rps, p95 = read.get("rps"), read.get("p95_ms")
        out.append({
            "what": label,
            "figure": f"{_fmt(rps, ' req/s')}, p95 {_fmt(p95, ' ms')}",
            "baseline": f"GET /api/v1/me/ {_fmt(me.get('rps'), ' req/s')}, p95 {_fmt(me.get('p95_ms'), ' ms')}",
            "ratio": _fmt(rps / me["rps"] if rps and me.get("rps") else None),
            "target": "≥ 200 req/s, p95 ≤ 100 ms" if key.startswith("queue") else "—",
            "met": (rps is not None and rps >= 200 and p95 <= 100) if key.startswith("queue") else None,
            "value": rps,
        })  # fmt: skip
    queue = r.get("overdue_queue") or {}
    q50 = _get(queue, "results", "api_queues_overdue", "queries")
    q25 = _get(queue, "results", "api_queues_overdue_page25", "queries")
    scan = _get(queue, "plans", "api_queues_overdue", "index_scan")
    out.append({
        "what": "Queue API: queries per request (page of 50 / of 25); EXPLAIN of its main query",
        "figure": f"{_fmt(q50)} / {_fmt(q25)}; {'index scan' if scan else 'no index scan' if scan is not None else '—'}",
        "baseline": f"bare indexed query {_fmt(_get(queue, 'results', 'bare_indexed_query', 'median_ms'), ' ms')}, the selector {_fmt(_get(queue, 'results', 'selector_supervisor_queue', 'median_ms'), ' ms')}",
        "ratio": "—",
        "target": "constant, index scan",
        "met": q50 is not None and q50 == q25 and bool(scan),
        "value": q50,
    })  # fmt: skip
    issue = _get(notices, "median_ratio")
    kinds = notices.get("kinds") or {}
    medians = [k["issue_median_ms"] for k in kinds.values()]
    bares = [k["bare_weasyprint_median_ms"] for k in kinds.values()]
    out.append({
        "what": f"Issuing a notice ({len(kinds)} kinds): median of the kinds' medians",
        "figure": _fmt(medians and sorted(medians)[len(medians) // 2], " ms")
        + f" ({_fmt(medians and 1000 / sorted(medians)[len(medians) // 2], ' per second per core')})",
        "baseline": f"bare WeasyPrint, same HTML {_fmt(bares and sorted(bares)[len(bares) // 2], ' ms')}; with render_pdf's options: ratio {_fmt(notices.get('median_ratio_same_options'))} (worst {_fmt(notices.get('worst_ratio_same_options'))})",
        "ratio": f"{_fmt(issue)} (worst {_fmt(notices.get('worst_ratio'))})",
        "target": "≤ 1.2",
        "met": notices.get("worst_ratio") is not None and notices["worst_ratio"] <= 1.2,
        "value": issue,
    })  # fmt: skip
    deadlines = r.get("deadlines") or {}
    out.append({
        "what": "Deadline computations per second",
        "figure": _fmt(deadlines.get("deadline_computations_per_second"), "/s"),
        "baseline": f"bare date additions {_fmt(deadlines.get('baseline_date_additions_per_second'), '/s')}",
        "ratio": _fmt(deadlines.get("ratio")),
        "target": "—",
        "met": None,
        "value": deadlines.get("deadline_computations_per_second"),
    })  # fmt: skip
    recompute = r.get("recompute") or {}
    seconds = recompute.get("recompute_after_adding_seconds")
    out.append({
        "what": f"Recompute after a holiday is added ({_fmt(recompute.get('affected_clocks'))} of {_fmt(recompute.get('open_clocks'))} open clocks)",
        "figure": _fmt(seconds, " s"),
        "baseline": f"bare UPDATE of the same rows {_fmt(recompute.get('baseline_bare_update_seconds'), ' s')}",
        "ratio": _fmt(recompute.get("ratio")),
        "target": "< 60 s",
        "met": seconds is not None and seconds < 60,
        "value": seconds,
    })  # fmt: skip
    export = r.get("export_memory") or {}
    for key, label in (("page", "pages"), ("api", "API")):
        item = _get(export, "exports", key) or {}
        out.append({
            "what": f"Streamed CSV export of every case, from the {label} ({_fmt(item.get('rows'))} rows, {_fmt(item.get('seconds'), ' s')})",
            "figure": _fmt(item.get("peak_rss_mb"), " MB peak"),
            "baseline": f"the same process answering /api/v1/me/: {_fmt(_get(export, 'exports', 'baseline', 'peak_rss_mb'), ' MB')}",
            "ratio": _fmt(item.get("above_baseline_mb"), " MB more"),
            "target": "< 200 MB",
            "met": item.get("peak_rss_mb") is not None and item["peak_rss_mb"] < 200,
            "value": item.get("peak_rss_mb"),
        })  # fmt: skip
    soak = load.get("soak") or {}
    start, end = soak.get("worker_rss_mb_after_warmup"), soak.get("worker_rss_mb_at_end")
    grew = (
        max(b - a for a, b in zip(start, end, strict=False))
        if start and end and len(start) == len(end)
        else None
    )
    worst = max((soak.get("p95_ms_by_endpoint") or {}).values(), default=None)
    out.append({
        "what": f"Soak: {_fmt(soak.get('users'))} users mixing the roles, {_fmt(soak.get('minutes'))} min ({_fmt(soak.get('requests'))} requests)",
        "figure": f"{_fmt(soak.get('errors'))} errors; worst p95 {_fmt(worst, ' ms')}",
        "baseline": f"worker memory {start} → {end} MB",
        "ratio": _fmt(grew, " MB growth"),
        "target": "0 errors, no growth",
        "met": soak.get("errors") == 0 and grew is not None and grew < 5,
        "value": soak.get("errors"),
    })  # fmt: skip
    return out


def markdown(r: dict, table: list[dict]) -> str:
    load = r.get("load") or {}
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {r['machine']}. Date: {r['date']}. Commit: {r.get('commit') or '—'}. "
        f"Data: {_fmt(r.get('cases'))} cases in PostgreSQL. Server: {load.get('server', '—')}.",
        "Every figure was measured next to its baseline in the same run (`make bench`); the "
        "JSON behind each row is in `bench/results/`.",
        "",
        "| measurement | figure | baseline, same run | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for row in table:
        met = {True: "yes", False: "**no**", None: "—"}[row["met"]]
        cells = [row["what"], row["figure"], row["baseline"], row["ratio"], row["target"], met]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    lines.append("")
    misses = ROOT / "bench" / "MISSES.md"
    if misses.exists() and any(row["met"] is False for row in table):
        lines += [misses.read_text().rstrip(), ""]
    return "\n".join(lines)


def main(results: Path, markdown_path: Path | None, check: bool) -> int:
    gathered = {}
    for name in FILES:
        path = results / f"{name}.json"
        gathered[name] = json.loads(path.read_text()) if path.exists() else None
    # The commit the benchmarks measured (recorded with their results), else the checkout's.
    commit = _get(gathered, "overdue_queue", "code", "commit") or subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()  # fmt: skip
    report = {
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or None,
        "cases": _get(gathered, "overdue_queue", "data", "cases"),
        **gathered,
    }  # fmt: skip
    table = rows(report)
    report["summary"] = [{k: v for k, v in row.items() if k != "value"} for row in table]
    (results / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if markdown_path is not None:
        markdown_path.write_text(markdown(report, table))
    missing = [
        row["what"]
        for row in table
        if row["value"] is None or (isinstance(row["value"], float) and math.isnan(row["value"]))
    ]
    for row in table:
        print(f"{row['what']}: {row['figure']} | {row['baseline']} | {row['ratio']}")
    if check and missing:
        print("no number for:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--markdown", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--no-markdown", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    sys.exit(main(args.results, None if args.no_markdown else args.markdown, args.check))
