"""Login throttling (django-axes) fitted to this project: the client's address as the API's
throttles see it, a lockout page in the user's language, and no lockout check where there is
no request (a management command, a script calling ``authenticate``)."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render

# AXES_CLIENT_IP_CALLABLE names it here, beside the other pieces axes is given.
from workflows.http import client_address

__all__ = ["LoginThrottleBackend", "client_address", "locked_out"]


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse a login while its username and address are locked out; ask nothing else."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None  # no client to lock out; the other backends decide
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """429 and a page that says for how long, in the user's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT}
    if request.path.startswith("/api/"):
        from django.http import JsonResponse
        from django.utils.translation import gettext as _

        detail = _("Too many failed logins: try again in %(minutes)s minutes.") % context
        return JsonResponse({"detail": detail}, status=429)
    return render(request, "registration/locked_out.html", context, status=429)
