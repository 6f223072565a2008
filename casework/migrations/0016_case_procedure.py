from django.db import migrations, models


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
    ]
