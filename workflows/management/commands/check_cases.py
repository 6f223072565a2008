from django.core.management.base import BaseCommand, CommandError

from workflows.selectors import case_list_waiting_on_nobody


class Command(BaseCommand):
    help = "Report every active case that waits on nobody or has no clock; fail if any."

    def handle(self, *args, **options):
        problems = 0
        for case, problem in case_list_waiting_on_nobody():
            problems += 1
            self.stderr.write(f"{case.reference}: {problem}")
        if problems:
            raise CommandError(f"{problems} case problem(s): nothing may be left unresolved")
        self.stdout.write("every active case has someone whose move it is, and a clock")
