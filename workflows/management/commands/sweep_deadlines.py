from datetime import date

from django.core.management.base import BaseCommand

from workflows.services.sweep import deadlines_sweep


class Command(BaseCommand):
    help = "Mark missed deadlines and send the due-soon, overdue and escalation warnings."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="sweep as of this day")

    def handle(self, *args, **options):
        result = deadlines_sweep(today=options["today"])
        self.stdout.write(f"missed stages marked: {result.missed}; warnings: {result.created}")
