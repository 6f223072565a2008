from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q, Value, When
from django.db.models import Case as Cond


def procedures_set(apps, schema_editor):
    """A case that was accepted (its resolution clock was started by the acceptance) follows
    its kind's procedure; every other one is still, or ended, in letter processing."""
    Case = apps.get_model("casework", "Case")
    Clock = apps.get_model("casework", "Clock")
    accepted = Exists(Clock.objects.filter(case=OuterRef("pk"), stage="resolution"))
    Case.objects.filter(accepted).update(
        procedure=Cond(
            When(Q(kind="complaint", round=2), then=Value("complaint_2")),
            When(kind="complaint", then=Value("complaint_1")),
            When(kind="denunciation", then=Value("denunciation")),
            default=Value("petition"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0015_document_queued_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="procedure",
            field=models.CharField(
                choices=[
                    ("letter", "Letter processing"),
                    ("complaint_1", "Complaint, first round"),
                    ("complaint_2", "Complaint, second round"),
                    ("denunciation", "Denunciation"),
                    ("petition", "Petition or report"),
                ],
                default="letter",
                max_length=20,
                verbose_name="procedure",
            ),
        ),
        migrations.RunPython(procedures_set, migrations.RunPython.noop),
    ]
