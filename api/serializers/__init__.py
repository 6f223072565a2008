"""The shapes of the API: requests are checked here for type, then by the door for the rules
(``requests``); a case and what belongs to it (``cases``); the rest (``other``)."""

from api.serializers.cases import (
    IDENTITY_FIELDS,
    CaseSerializer,
    DeadlineSerializer,
    DocumentSerializer,
    EventSerializer,
    PetitionerSerializer,
    StepFieldSerializer,
    TransitionSerializer,
    step_fields,
)
from api.serializers.other import (
    ErrorSerializer,
    MeSerializer,
    OnTimeRateSerializer,
    QueueItemSerializer,
    TokenSerializer,
    UnitSerializer,
)
from api.serializers.requests import (
    TRANSITION_REQUESTS,
    CaseCreateSerializer,
    PetitionerInSerializer,
    TokenRequestSerializer,
    transition_request_serializer,
)

__all__ = [
    "IDENTITY_FIELDS",
    "TRANSITION_REQUESTS",
    "CaseCreateSerializer",
    "CaseSerializer",
    "DeadlineSerializer",
    "DocumentSerializer",
    "ErrorSerializer",
    "EventSerializer",
    "MeSerializer",
    "OnTimeRateSerializer",
    "PetitionerInSerializer",
    "PetitionerSerializer",
    "QueueItemSerializer",
    "StepFieldSerializer",
    "TokenRequestSerializer",
    "TokenSerializer",
    "TransitionSerializer",
    "UnitSerializer",
    "step_fields",
    "transition_request_serializer",
]
