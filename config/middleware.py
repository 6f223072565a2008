"""Two answers the app gives itself, whatever DEBUG says: "too large" and "not found".

Both sit after ``LocaleMiddleware`` (the answer is in the user's language) and before
``CommonMiddleware`` (which turns a missing slash into a redirect first, and whose CSRF
neighbour reads a form's body).
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from api.exceptions import too_large_detail

#: Paths whose errors are JSON, as the API's own answers are.
API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def body_limit(request: HttpRequest) -> int | None:
    """The largest body this request may have, in bytes (None: no limit).

    A form or a JSON body: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django would refuse to read more,
    and it became a 500 in the API). A multipart body carries files, which do not count toward
    that limit: one attachment of ``CASEWORK_ATTACHMENT_MAX_MB`` and the form's fields beside
    it. The attachment page stops reading a file past its own limit and says so in the form;
    anything larger is refused here before a byte of it is read or spooled to disk.
    """
    fields = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if request.content_type == "multipart/form-data":
        return settings.CASEWORK_ATTACHMENT_MAX_MB * 1024 * 1024 + (fields or 0)
    return fields


def _content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0  # as Django reads it: no body


class RequestSizeLimitMiddleware:
    """413, from the length the request announces, before its body is read: JSON under the
    API, the app's page elsewhere. Without it a form too large for Django was a 400 (with
    DEBUG, Django's technical page), and the API's JSON a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = body_limit(request)
        if limit is not None and _content_length(request) > limit:
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": too_large_detail(limit)}, status=413)
    context = {"file_limit": settings.CASEWORK_ATTACHMENT_MAX_MB}
    return render(request, "413.html", context, status=413)


class NotFoundPageMiddleware:
    """Every "not found" is the app's own page (JSON under the API), DEBUG or not.

    With DEBUG on, Django answers a 404 with its technical page, which lists every URL
    pattern of the site: a reassigned investigator running the demo saw it. Here a view's
    ``Http404`` becomes the app's page, and so does a URL that matches no pattern (Django has
    answered it already, with no ``resolver_match`` on the request: it is replaced).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Http404):
            return not_found(request)
        return None


def not_found(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)
