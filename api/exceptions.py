"""Error bodies: JSON, in the caller's language."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import OperationalError
from django.http import Http404
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from workflows.errors import DoorError, InvalidPayload

logger = logging.getLogger("casework.api")

#: How the door names a request field where the API names it differently.
API_FIELD_NAMES = {"parties": "petitioners"}


def door_error_response(exc: DoorError) -> Response:
    if isinstance(exc, InvalidPayload):
        return Response(
            {API_FIELD_NAMES.get(field, field): msgs for field, msgs in exc.errors.items()},
            status=400,
        )
    return Response({"detail": str(exc.detail)}, status=exc.status)


def megabytes(size: int) -> str:
    """A size in MiB as the caller's language writes it (2.5, 2,5; 20)."""
    mb = size / (1024 * 1024)
    return number_format(int(mb) if mb.is_integer() else round(mb, 1))


def too_large_detail(limit: int | None = None) -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE if limit is None else limit
    return _("The request is too large: at most %(limit)s MB is accepted.") % {
        "limit": megabytes(limit)
    }


def handler(exc, context):
    if isinstance(exc, DoorError):
        return door_error_response(exc)
    if isinstance(exc, RequestDataTooBig):
        # A body past DATA_UPLOAD_MAX_MEMORY_SIZE that reached DRF (the middleware answers
        # most of them before): Django refuses to read it.
        return Response({"detail": too_large_detail()}, status=413)
    if isinstance(exc, SuspiciousOperation):
        return Response({"detail": str(ParseError.default_detail)}, status=400)
    if isinstance(exc, Http404):
        exc = NotFound()  # the same words for every "not found", in the caller's language
    response = exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, OperationalError) and "lock" in str(exc).lower():
        # Another user holds the case longer than the lock wait: a concurrent change.
        logger.warning("lock wait gave up: %s", exc)
        return Response(
            {"detail": _("The case is being changed by someone else; try again.")}, status=409
        )
    logger.exception("unexpected error in the API", exc_info=exc)
    return Response({"detail": _("Server error.")}, status=500)
