import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def pending_queued_when_issued(apps, schema_editor):
    """A document still being issued was sent to be rendered when it was created; for the
    others (issued, failed) the moment no longer matters."""
    Document = apps.get_model("casework", "Document")
    Document.objects.filter(status="pending").update(queued_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0014_deadlinerule_basis_vi"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="queued_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RunPython(pending_queued_when_issued, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                condition=models.Q(("status", "pending")),
                fields=["queued_at"],
                name="document_pending_queued",
            ),
        ),
    ]
