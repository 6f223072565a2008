
import django.db.models.deletion
from django.db import migrations, models


def issuing_units(apps, schema_editor):
    """Documents issued so far: by the unit their case is in now. Until this migration a move's
    slip took its number from the receiving unit's series, so that is the unit its number
    names; from now on the old unit issues it."""
    Document = apps.get_model("casework", "Document")
    Case = apps.get_model("casework", "Case")
    for case_id, unit_id in Case.objects.filter(documents__isnull=False).values_list(
        "pk", "unit_id"
    ).distinct():
        Document.objects.filter(case_id=case_id).update(unit_id=unit_id)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0011_unit_place_signer'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='document',
            name='document_once_per_act',
        ),
        migrations.AddField(
            model_name='document',
            name='correction_reason',
            field=models.TextField(blank=True, verbose_name='reason for the correction'),
        ),
        migrations.AddField(
            model_name='document',
            name='facts',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='document',
            name='unit',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.unit', verbose_name='issued by'),
        ),
        migrations.RunPython(issuing_units, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='document',
            name='unit',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='casework.unit', verbose_name='issued by'),
        ),
        migrations.AlterField(
            model_name='document',
            name='replaces',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='casework.document'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(condition=models.Q(('replaces__isnull', True)), fields=('event', 'kind'), name='document_once_per_act'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(fields=('replaces',), name='document_corrected_once'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(fields=('unit', 'year', 'number'), name='document_number'),
        ),
    ]
