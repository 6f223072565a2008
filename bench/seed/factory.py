"""The population of cases and the rows they leave, ready for COPY.

``CaseFactory`` decides when each letter came, to which unit and of which kind, then lets each
case live (``bench.seed.life``) and keeps its rows, table by table, with their ids.
"""

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from casework.audit import text_digest
from casework.choices import Kind
from casework.deadlines.arithmetic import WorkingCalendar
from permissions.grants import (
    ADMINISTRATOR_GRANTS,
    ASSIGNEE_GRANTS,
    REGISTRAR_GRANTS,
    UNIT_GROUP_GRANTS,
)

from .clocks import Rules
from .life import CaseLife, Stop
from .org import Org, UnitInfo
from .people import text_pool

KIND_SHARES = ((Kind.PETITION, 0.50), (Kind.COMPLAINT, 0.35), (Kind.DENUNCIATION, 0.15))


class CaseFactory:
    """Simulates cases one after another and keeps their rows for COPY, table by table."""

    TABLES = ("case", "party", "identity", "event", "clock", "group_grant", "user_grant")

    def __init__(self, *, org: Org, calendar: WorkingCalendar, today: date, seed):
        self.org, self.calendar, self.today = org, calendar, today
        self.until = today - timedelta(days=1)  # the last day of acts
        self.rng = random.Random(seed)
        self.rules = Rules()
        self.rules.warm(today - timedelta(days=3 * 365 + 1), today)
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.morning: dict[date, datetime] = {}
        self.digests: dict[str, str] = {}
        self.ids = dict.fromkeys(self.TABLES, 0)
        self.rows: dict[str, list[str]] = {t: [] for t in self.TABLES}
        self.counters: dict[tuple[int, int], int] = {}
        self.pools = text_pool()
        perms = org.permission_ids
        self.group_grants = [
            (role, perms[codename])
            for role, codenames in UNIT_GROUP_GRANTS.items()
            for codename in codenames
        ]
        self.admin_grants = [perms[c] for c in ADMINISTRATOR_GRANTS]
        self.registrar_grants = [perms[c] for c in REGISTRAR_GRANTS]
        self.assignee_grants = [perms[c] for c in ASSIGNEE_GRANTS]

    # The population: when each letter came, to whom, of what kind.

    def letters(self, n: int) -> list[tuple[date, str, UnitInfo]]:
        """``n`` letters of the last three years, in order of receipt (a little growth)."""
        rng, calendar = self.rng, self.calendar
        first = self.today - timedelta(days=3 * 365)
        span = (self.until - first).days + 1
        days = []
        while len(days) < n:
            u = rng.random()
            x = (-0.8 + (0.64 + 0.8 * u) ** 0.5) / 0.4  # density 0.8 -> 1.2 over the years
            day = first + timedelta(days=min(int(x * span), span - 1))
            if calendar.is_working_day(day):
                days.append(day)
        days.sort()
        kinds = []
        for kind, share in KIND_SHARES:
            kinds += [kind.value] * round(n * share)
        kinds = (kinds + [Kind.PETITION.value] * n)[:n]
        rng.shuffle(kinds)
        units = self.org.units
        total, cum = 0.0, []
        for unit in units:
            total += unit.weight
            cum.append(total)
        to = rng.choices(units, cum_weights=cum, k=n)
        return list(zip(days, kinds, to, strict=True))

    # Small helpers.

    def _digest(self, text: str) -> str:
        found = self.digests.get(text)
        if found is None:
            found = self.digests[text] = text_digest(text)
        return found

    def _recorded(self, on: date, previous: datetime | None) -> datetime:
        base = self.morning.get(on)
        if base is None:
            base = self.morning[on] = datetime.combine(on, time(7, 30), self.zone).astimezone(UTC)
        at = base + timedelta(microseconds=self.rng.randrange(9 * 3600 * 10**6))
        if previous is not None and at <= previous:
            at = previous + timedelta(seconds=self.rng.randrange(30, 900))
        return at

    def _after(self, on: date, working_days: float) -> date:
        later = self.calendar.add_working_days(on, max(0, round(working_days)))
        if later > self.until:
            raise Stop
        return later

    def add(self, case_n: int, received_on: date, kind: str, unit: UnitInfo) -> None:
        """Simulate one case and keep its rows."""
        CaseLife(self, case_n, received_on, kind, unit).live()
