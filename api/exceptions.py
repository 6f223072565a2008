"""Error bodies: JSON, in the caller's language."""

from rest_framework.response import Response
from rest_framework.views import exception_handler

from workflows.errors import DoorError, InvalidPayload

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
    return exception_handler(exc, context)
