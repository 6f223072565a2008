"""The working-day calendar of the database, built once per process and rebuilt on change."""

import threading
import time
import uuid
from datetime import date

from django.core.cache import cache

from casework.deadlines.arithmetic import WorkingCalendar
from casework.models.deadlines import CalendarDay

FIRST_YEAR, LAST_YEAR = 2019, 2030
_VERSION_KEY = "casework:calendar:version"
#: A process that shares no cache with the one that changed the calendar (the default
#: per-process cache) rebuilds it at least this often, so its dates are never older.
MAX_AGE_SECONDS = 60
_lock = threading.Lock()
LOOK_AGAIN_SECONDS = 1.0
_built: dict[str, object] = {"version": None, "calendar": None, "at": 0.0, "looked": 0.0}


def calendar_invalidate() -> None:
    """Mark the calendar changed: every process rebuilds it at its next use.

    The version lives in the cache, so processes that share one (``REDIS_CACHE_URL``) all see
    the change; with the default per-process cache only this process does. A random version
    (not a counter) means a cleared cache also forces a rebuild.
    """
    cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    with _lock:
        _built["version"] = None


def working_calendar(*, fresh: bool = False) -> WorkingCalendar:
    """The calendar, built from the database at most ``MAX_AGE_SECONDS`` ago.

    ``fresh`` reads the database now: the recomputation after a calendar change uses it, so
    that a worker process never recomputes due dates with the calendar from before the change.
    """
    with _lock:
        # Within a second of the last look, this process's copy is answer enough: a list page
        # asks once per row, and with a shared cache each look is a round trip.
        if (
            not fresh
            and _built["calendar"] is not None
            and _built["version"] is not None
            and time.monotonic() - _built["looked"] < LOOK_AGAIN_SECONDS
        ):
            return _built["calendar"]
    version = cache.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(_VERSION_KEY)
    with _lock:
        if (
            not fresh
            and _built["version"] == version
            and _built["calendar"] is not None
            and time.monotonic() - _built["at"] < MAX_AGE_SECONDS
        ):
            _built["looked"] = time.monotonic()
            return _built["calendar"]
    rows = list(CalendarDay.objects.values_list("day", "is_working_day"))
    years = [d.year for d, _working in rows] or [FIRST_YEAR]
    calendar = WorkingCalendar.build(
        first=date(min(FIRST_YEAR, *years), 1, 1),
        last=date(max(LAST_YEAR, *years), 12, 31),
        holidays=[d for d, working in rows if not working],
        workdays=[d for d, working in rows if working],
    )
    with _lock:
        now = time.monotonic()
        _built.update(version=version, calendar=calendar, at=now, looked=now)
    return calendar


def holidays_vn(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR):
    """(day, is_working_day, name) for every exception ``holidays.VN`` knows in the years."""
    import holidays

    vn = holidays.VN(years=range(first_year, last_year + 1), language="en_US")
    for day, name in sorted(vn.items()):
        yield day, False, name
    for day in sorted(vn.weekend_workdays):
        if first_year <= day.year <= last_year:
            yield day, True, "Make-up working day"
