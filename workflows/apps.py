import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The ``request_started`` receiver that starts the embedded re-queue (one per process).
REQUEUE_UID = "casework-embedded-requeue"


def serving(argv=None, modules=None) -> bool:
    """Whether this process serves the web: ``manage.py runserver``, or a gunicorn or uWSGI
    worker. Not the tests, not another management command, not a Celery worker."""
    argv = sys.argv if argv is None else argv
    modules = sys.modules if modules is None else modules
    if len(argv) > 1 and argv[1] == "runserver":
        return True
    return "gunicorn.arbiter" in modules or "uwsgi" in modules


def embedded_requeue_wanted() -> bool:
    """The embedded default (no broker: no Celery beat) in a process that serves the web."""
    from django.conf import settings

    return not settings.CELERY_BROKER_URL and serving()


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        """In the embedded default, the web process re-queues the notices whose task was lost
        (there is no beat): the first request a server process handles starts the loop
        (``workflows.tasks.embedded_requeue_start``). Started by a request, not here: no
        database is touched while the apps load, and runserver's autoreloader, whose outer
        process loads the apps too but never serves, starts nothing."""
        from django.core.signals import request_started

        if embedded_requeue_wanted():
            from workflows.tasks import embedded_requeue_start

            request_started.connect(embedded_requeue_start, dispatch_uid=REQUEUE_UID)
