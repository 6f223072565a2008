"""Working-day arithmetic over a calendar of exceptions: a bisect over sorted day numbers.

A ``WorkingCalendar`` knows the weekday holidays and the make-up weekend working days of a span
of years. Monday to Friday are working days unless a holiday, Saturday and Sunday are not unless
a make-up day. Every question is answered by bisect on the sorted ordinals of working days in
the span; outside the span, the plain Monday-Friday rule applies (with no holidays).

Counting follows Civil Code 2015 Arts. 147-148: the day of the starting act is not counted.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


def _plain_working_day(day: date) -> bool:
    return day.weekday() < 5


@dataclass(frozen=True)
class WorkingCalendar:
    first: date
    last: date
    workdays: tuple[int, ...]  # ordinals of the working days in [first, last], sorted

    @classmethod
    def build(
        cls, *, first: date, last: date, holidays: Iterable[date], workdays: Iterable[date]
    ) -> WorkingCalendar:
        off = {d for d in holidays if first <= d <= last}
        extra = {d for d in workdays if first <= d <= last}
        days = []
        day = first
        while day <= last:
            if (day in extra) or (_plain_working_day(day) and day not in off):
                days.append(day.toordinal())
            day += timedelta(days=1)
        return cls(first=first, last=last, workdays=tuple(days))

    def _covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def is_working_day(self, day: date) -> bool:
        if not self._covers(day):
            return _plain_working_day(day)
        n = day.toordinal()
        i = bisect_left(self.workdays, n)
        return i < len(self.workdays) and self.workdays[i] == n

    def next_working_day(self, day: date) -> date:
        """The day itself if it is a working day, else the first working day after it."""
        if self._covers(day):
            i = bisect_left(self.workdays, day.toordinal())
            if i < len(self.workdays):
                return date.fromordinal(self.workdays[i])
            day = self.last + timedelta(days=1)
        while not _plain_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself not counted); n >= 0.

        With n == 0 the answer is ``start`` itself.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return start
        if self._covers(start):
            i = bisect_right(self.workdays, start.toordinal()) + n - 1
            if i < len(self.workdays):
                return date.fromordinal(self.workdays[i])
            n = i - len(self.workdays) + 1  # what is left to count after the span
            start = self.last
        day = start
        while n:
            day += timedelta(days=1)
            if _plain_working_day(day):
                n -= 1
        return day

    def working_days_between(self, after: date, until: date) -> int:
        """How many working days d with ``after < d <= until`` (0 if ``until <= after``)."""
        if until <= after:
            return 0
        if self._covers(after) and self._covers(until):
            return bisect_right(self.workdays, until.toordinal()) - bisect_right(
                self.workdays, after.toordinal()
            )
        count, day = 0, after
        while day < until:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count
