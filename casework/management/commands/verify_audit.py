import itertools

from django.core.management.base import BaseCommand, CommandError

from casework.audit import audit_verify, reference_gaps
from casework.models import Case, CaseEvent


class Command(BaseCommand):
    help = "Check every case's chain of events; name each case whose trail was altered."

    def add_arguments(self, parser):
        parser.add_argument("--reference", help="check one case only")

    def handle(self, *args, **options):
        cases = Case.objects.all()
        if options["reference"]:
            cases = cases.filter(reference=options["reference"])
        problems = 0
        checks = audit_verify(cases)
        if not options["reference"]:
            checks = itertools.chain(checks, reference_gaps())
        for problem in checks:
            problems += 1
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"audit trail broken: {problems} problem(s)")
        self.stdout.write(
            f"audit trail intact: {cases.count()} cases, "
            f"{CaseEvent.objects.filter(case__in=cases).count()} events"
        )
