import os
import sys
import threading

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The ``request_started`` receiver that starts the embedded re-queue (one per process).
REQUEUE_UID = "casework-embedded-requeue"
#: Seconds after the apps are loaded before the re-queue starts on its own, without a request.
REQUEUE_START_DELAY = 5.0


def serving(argv=None, modules=None) -> bool:
    """Whether this process serves the web: ``manage.py runserver``, or a gunicorn or uWSGI
    worker. Not the tests, not another management command, not a Celery worker."""
    argv = sys.argv if argv is None else argv
    modules = sys.modules if modules is None else modules
    if len(argv) > 1 and argv[1] == "runserver":
        return True
    return "gunicorn.arbiter" in modules or "uwsgi" in modules


def autoreloader_parent(argv=None, environ=None) -> bool:
    """Whether this is runserver's watching process, which restarts the server and never
    serves (the server is its child, with ``RUN_MAIN`` set)."""
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    runserver = len(argv) > 1 and argv[1] == "runserver"
    return runserver and "--noreload" not in argv and environ.get("RUN_MAIN") != "true"


def embedded_requeue_wanted() -> bool:
    """The embedded default (no broker: no Celery beat) in a process that serves the web."""
    from django.conf import settings

    return not settings.CELERY_BROKER_URL and serving()


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        """In the embedded default, the web process re-queues the notices whose task was lost
        (there is no beat): once the process has started (a few seconds after the apps load:
        nothing touches the database while they load), and again with the first request it
        handles, whichever comes first (``workflows.tasks.embedded_requeue_start`` runs one
        loop per process). runserver's watching process, which loads the apps too but never
        serves, starts nothing."""
        from django.core.signals import request_started

        if embedded_requeue_wanted():
            from workflows.tasks import embedded_requeue_start

            request_started.connect(embedded_requeue_start, dispatch_uid=REQUEUE_UID)
            if not autoreloader_parent():
                timer = threading.Timer(REQUEUE_START_DELAY, embedded_requeue_start)
                timer.daemon = True
                timer.start()
