"""Deadline computations per second on this machine, next to a bare baseline.

Run: DEBUG=1 .venv/bin/python bench/deadlines.py
The baseline is plain date arithmetic (start + N days) over the same inputs, so the ratio shows
what the working-day calendar costs.
"""

import json
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import holidays

from casework.deadlines.arithmetic import WorkingCalendar
from casework.deadlines.counting import CALENDAR_DAYS, WORKING_DAYS, period_end


def main(n: int = 200_000) -> dict:
    rng = random.Random(2026)
    vn = holidays.VN(years=range(2019, 2031))
    t0 = time.perf_counter()
    calendar = WorkingCalendar.build(
        first=date(2019, 1, 1),
        last=date(2030, 12, 31),
        holidays=vn.keys(),
        workdays=vn.weekend_workdays,
    )
    build_ms = (time.perf_counter() - t0) * 1000
    inputs = [
        (
            date(2019, 1, 1) + timedelta(days=rng.randrange(4000)),
            rng.choice([7, 10, 30, 45, 60, 70]),
            rng.choice([WORKING_DAYS, CALENDAR_DAYS]),
            [] if rng.random() < 0.8 else [(date(2024, 3, 1), date(2024, 3, 11))],
        )
        for _ in range(n)
    ]
    t0 = time.perf_counter()
    for start, period, unit, pauses in inputs:
        period_end(calendar, started_on=start, period=period, unit=unit, pauses=pauses)
    computed = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for start, period, _unit, _pauses in inputs:
        start + timedelta(days=period)
    baseline = n / (time.perf_counter() - t0)
    return {
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "calendar_build_ms": round(build_ms, 2),
        "deadline_computations_per_second": round(computed),
        "baseline_date_additions_per_second": round(baseline),
        "ratio": round(computed / baseline, 3),
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    result = main(args.n)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
