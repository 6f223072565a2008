from django.db import migrations


def seed(apps, schema_editor):
    from casework.deadlines.seed import deadline_data_seed

    deadline_data_seed(
        apps.get_model("casework", "DeadlineRule"), apps.get_model("casework", "CalendarDay")
    )


class Migration(migrations.Migration):
    dependencies = [("casework", "0002_deadlines")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
