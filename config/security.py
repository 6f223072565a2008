"""Login throttling (django-axes) fitted to this project: the client's address as the API's
throttles see it, a lockout page in the user's language, and no lockout check where there is
no request (a management command, a script calling ``authenticate``)."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse a login while its username and address are locked out; ask nothing else."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None  # no client to lock out; the other backends decide
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request) -> str:
    """The client's address: the socket's, or the one ``NUM_PROXIES`` trusted proxies name.

    The same rule as the API's throttles (``REST_FRAMEWORK["NUM_PROXIES"]``), so a client
    cannot choose the address it is counted under by sending its own X-Forwarded-For.
    """
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


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
