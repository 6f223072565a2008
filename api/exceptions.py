"""Error bodies: JSON, in the caller's language."""

import logging

from django.db import OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
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


def handler(exc, context):
    if isinstance(exc, DoorError):
        return door_error_response(exc)
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
