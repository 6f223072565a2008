"""Counting periods on the Vietnamese working-day calendar, with dates checked by hand."""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.deadlines.arithmetic import WorkingCalendar
from casework.deadlines.counting import CALENDAR_DAYS, WORKING_DAYS, period_end


def vietnam(first=2019, last=2030) -> WorkingCalendar:
    vn = holidays.VN(years=range(first, last + 1))
    return WorkingCalendar.build(
        first=date(first, 1, 1),
        last=date(last, 12, 31),
        holidays=vn.keys(),
        workdays=vn.weekend_workdays,
    )


CAL = vietnam()
D = date


@pytest.mark.parametrize(
    ("start", "period", "unit", "due", "why"),
    [
        # Tết 2026: Mon 16 - Fri 20 Feb off.
        (D(2026, 2, 13), 10, WORKING_DAYS, D(2026, 3, 6), "10 working days across Tết 2026"),
        (D(2026, 2, 12), 7, WORKING_DAYS, D(2026, 3, 2), "7 working days across Tết 2026"),
        # Tết 2027: Thu 4 - Wed 10 Feb off.
        (D(2027, 2, 3), 10, WORKING_DAYS, D(2027, 2, 24), "10 working days across Tết 2027"),
        # Saturday 22 Aug 2026 is worked; Mon 31 Aug, Tue 1 and Wed 2 Sep are off.
        (D(2026, 8, 21), 1, WORKING_DAYS, D(2026, 8, 22), "the make-up Saturday counts"),
        (D(2026, 8, 21), 5, WORKING_DAYS, D(2026, 8, 27), "5 working days over it"),
        (D(2026, 8, 21), 10, WORKING_DAYS, D(2026, 9, 8), "10 working days over National Day"),
        # Calendar days ending in the holidays of 30 Aug - 2 Sep 2026: next working day.
        (D(2026, 7, 31), 30, CALENDAR_DAYS, D(2026, 9, 3), "ends Sun 30 Aug, moves to Thu"),
        (D(2026, 8, 1), 30, CALENDAR_DAYS, D(2026, 9, 3), "ends Mon 31 Aug, moves to Thu"),
        # Complaint resolution variants from acceptance on Mon 2 Mar 2026.
        (D(2026, 3, 2), 30, CALENDAR_DAYS, D(2026, 4, 1), "round 1"),
        (D(2026, 3, 2), 45, CALENDAR_DAYS, D(2026, 4, 16), "round 1 complex or remote"),
        (D(2026, 3, 2), 60, CALENDAR_DAYS, D(2026, 5, 4), "ends on 1 May (holiday) + weekend"),
        (D(2026, 3, 2), 70, CALENDAR_DAYS, D(2026, 5, 11), "round 2 remote and complex"),
        (D(2026, 3, 2), 0, WORKING_DAYS, D(2026, 3, 2), "a zero period ends at once"),
    ],
)
def test_hand_checked_periods(start, period, unit, due, why):
    assert period_end(CAL, started_on=start, period=period, unit=unit) == due, why


def test_denunciation_extension_adds_calendar_days():
    # Accepted Mon 2 Mar 2026, 30 days + 30 days of extension = Fri 1 May, a holiday.
    due = period_end(
        CAL, started_on=D(2026, 3, 2), period=30, unit=CALENDAR_DAYS, extension_days=30
    )
    assert due == D(2026, 5, 4)


def test_suspension_adds_the_paused_days():
    # Suspended 10 Mar, resumed 20 Mar: 10 days; 2 Mar + 40 = Sat 11 Apr -> Mon 13 Apr.
    due = period_end(
        CAL,
        started_on=D(2026, 3, 2),
        period=30,
        unit=CALENDAR_DAYS,
        pauses=[(D(2026, 3, 10), D(2026, 3, 20))],
    )
    assert due == D(2026, 4, 13)
    # In working days: paused from Mon 2 to Wed 4 Mar = 2 working days (3 and 4 Mar).
    due = period_end(
        CAL,
        started_on=D(2026, 2, 13),
        period=10,
        unit=WORKING_DAYS,
        pauses=[(D(2026, 3, 2), D(2026, 3, 4))],
    )
    assert due == D(2026, 3, 10)


def test_outside_the_seeded_years_plain_weekdays_count():
    small = vietnam(2026, 2026)
    # Fri 31 Dec 2027 + 1 working day = Mon 3 Jan 2028 (no holidays known there).
    assert small.add_working_days(D(2027, 12, 31), 1) == D(2028, 1, 3)
    # Spanning the end of the span: Wed 30 Dec 2026 + 3 = Mon 4 Jan 2027 (1 Jan not known).
    assert small.add_working_days(D(2026, 12, 30), 3) == D(2027, 1, 4)


days = st.dates(min_value=D(2019, 1, 1), max_value=D(2030, 10, 31))
units = st.sampled_from([WORKING_DAYS, CALENDAR_DAYS])
periods = st.integers(min_value=1, max_value=90)


@settings(max_examples=300, deadline=None)
@given(start=days, period=periods, unit=units)
def test_every_due_date_is_a_working_day(start, period, unit):
    assert CAL.is_working_day(period_end(CAL, started_on=start, period=period, unit=unit))


@settings(max_examples=300, deadline=None)
@given(start=days, period=periods, extra=st.integers(1, 60), unit=units)
def test_a_longer_period_never_ends_earlier(start, period, extra, unit):
    shorter = period_end(CAL, started_on=start, period=period, unit=unit)
    longer = period_end(CAL, started_on=start, period=period + extra, unit=unit)
    assert longer >= shorter


@settings(max_examples=300, deadline=None)
@given(start=days, period=periods, unit=units, offset=st.integers(0, 40))
def test_a_zero_day_pause_changes_nothing(start, period, unit, offset):
    pause_day = start + timedelta(days=offset)
    plain = period_end(CAL, started_on=start, period=period, unit=unit)
    paused = period_end(
        CAL, started_on=start, period=period, unit=unit, pauses=[(pause_day, pause_day)]
    )
    assert paused == plain


@settings(max_examples=200, deadline=None)
@given(start=days, period=periods, unit=units, new_holiday=days)
def test_adding_a_holiday_never_makes_a_deadline_earlier(start, period, unit, new_holiday):
    vn = holidays.VN(years=range(2019, 2031))
    more = WorkingCalendar.build(
        first=D(2019, 1, 1),
        last=D(2030, 12, 31),
        holidays=[*vn.keys(), new_holiday],
        workdays=[d for d in vn.weekend_workdays if d != new_holiday],
    )
    before = period_end(CAL, started_on=start, period=period, unit=unit)
    after = period_end(more, started_on=start, period=period, unit=unit)
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(0, 400))
def test_bisect_agrees_with_counting_day_by_day(start, n):
    day, left = start, n
    while left:
        day += timedelta(days=1)
        left -= CAL.is_working_day(day)
    assert CAL.add_working_days(start, n) == day
    assert CAL.working_days_between(start, day) == n


def test_a_pause_begun_after_the_deadline_adds_nothing():
    on_time = period_end(CAL, started_on=D(2026, 3, 2), period=30, unit=CALENDAR_DAYS)
    late_pause = period_end(
        CAL,
        started_on=D(2026, 3, 2),
        period=30,
        unit=CALENDAR_DAYS,
        pauses=[(D(2026, 4, 20), D(2026, 5, 20))],
    )
    assert on_time == late_pause == D(2026, 4, 1)
    # Begun on the last day itself: it still counts.
    on_the_day = period_end(
        CAL,
        started_on=D(2026, 3, 2),
        period=30,
        unit=CALENDAR_DAYS,
        pauses=[(D(2026, 4, 1), D(2026, 4, 6))],
    )
    assert on_the_day == D(2026, 4, 6)
