from django.db import migrations


def seed(apps, schema_editor):
    from casework.deadlines.calendar import holidays_vn
    from casework.deadlines.rules import rules_seed

    rules_seed(apps.get_model("casework", "DeadlineRule"))
    CalendarDay = apps.get_model("casework", "CalendarDay")
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(day=day, is_working_day=working, name=name, source="holidays.VN")
            for day, working, name in holidays_vn()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("casework", "0002_deadlines")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
