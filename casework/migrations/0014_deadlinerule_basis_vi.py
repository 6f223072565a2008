from django.db import migrations, models


def cite(apps, schema_editor):
    """The seeded rules get the citation a Vietnamese document prints, and the complaint
    acceptance rule loses Circular 07/2013 (replaced by Decree 124/2020: DOMAIN.md)."""
    from casework.deadlines.rules import rules_cite

    rules_cite(apps.get_model("casework", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("casework", "0013_dashboard_indexes")]

    operations = [
        migrations.AddField(
            model_name="deadlinerule",
            name="basis_vi",
            field=models.CharField(
                default="",
                help_text=(
                    "In Vietnamese and in full, as a document cites it after “Căn cứ”: "
                    "“Điều 28 Luật Khiếu nại ngày 11 tháng 11 năm 2011”. Several provisions: "
                    "separate them with a semicolon. Documents print nothing else of the "
                    "rule's basis."
                ),
                max_length=500,
                verbose_name="legal basis as documents cite it",
            ),
        ),
        migrations.RunPython(cite, migrations.RunPython.noop),
    ]
