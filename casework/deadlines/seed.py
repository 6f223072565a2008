"""The seeded deadline data: the rule set and the calendar from holidays.VN (idempotent)."""

from casework.deadlines.calendar import holidays_vn
from casework.deadlines.rules import rules_seed


def deadline_data_seed(rule_model=None, day_model=None) -> None:
    """Create what is missing; ``*_model`` lets a data migration pass its historical models."""
    if rule_model is None or day_model is None:
        from casework.models import CalendarDay, DeadlineRule

        rule_model, day_model = DeadlineRule, CalendarDay
    rules_seed(rule_model)
    day_model.objects.bulk_create(
        [
            day_model(day=day, is_working_day=working, name=name, source="holidays.VN")
            for day, working, name in holidays_vn()
        ],
        ignore_conflicts=True,
    )
