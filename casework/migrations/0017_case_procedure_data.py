from django.db import migrations
from django.db.models import Exists, Max, OuterRef, Q, Value, When
from django.db.models import Case as Cond

#: Cases updated per statement: each batch commits on its own (the migration is not atomic),
#: so that a million cases are not rewritten under one long lock.
BATCH = 20_000


def procedures_set(apps, schema_editor):
    """A case that was accepted (its resolution clock was started by the acceptance) follows
    its kind's procedure; every other one is still, or ended, in letter processing (the
    field's default)."""
    Case = apps.get_model("casework", "Case")
    Clock = apps.get_model("casework", "Clock")
    accepted = Exists(Clock.objects.filter(case=OuterRef("pk"), stage="resolution"))
    procedure = Cond(
        When(Q(kind="complaint", round=2), then=Value("complaint_2")),
        When(kind="complaint", then=Value("complaint_1")),
        When(kind="denunciation", then=Value("denunciation")),
        default=Value("petition"),
    )
    last = Case.objects.aggregate(last=Max("pk"))["last"] or 0
    for start in range(0, last + 1, BATCH):
        Case.objects.filter(pk__gte=start, pk__lt=start + BATCH).filter(accepted).update(
            procedure=procedure
        )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("casework", "0016_case_procedure"),
    ]

    operations = [
        migrations.RunPython(procedures_set, migrations.RunPython.noop, atomic=False),
    ]
