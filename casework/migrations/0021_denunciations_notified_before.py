from django.db import migrations
from django.db.models import OuterRef, Subquery


def notified_at_acceptance(apps, schema_editor):
    """Denunciations accepted before the notices of acceptance became a step of their own were
    told at acceptance (the acceptance issued the notice and the content notice): they count
    as notified on the day they were accepted, the start of their resolution clock. Without
    this they could not be concluded, and the new step would send the accused the content
    notice a second time."""
    Case = apps.get_model("casework", "Case")
    Clock = apps.get_model("casework", "Clock")
    accepted_on = Clock.objects.filter(case=OuterRef("pk"), stage="resolution").values(
        "started_on"
    )[:1]
    Case.objects.filter(
        kind="denunciation", acceptance_notified_on__isnull=True, clocks__stage="resolution"
    ).update(acceptance_notified_on=Subquery(accepted_on))


class Migration(migrations.Migration):
    dependencies = [("casework", "0020_competent_authority")]

    operations = [migrations.RunPython(notified_at_acceptance, migrations.RunPython.noop)]
