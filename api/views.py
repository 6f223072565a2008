"""REST API v1: reads through the selectors, every change through the one door."""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from api import serializers as s
from api.filters import CaseFilter, StrictFilterBackend
from casework.choices import Kind
from casework.models import Clock, Party, Unit
from permissions.identity import denouncer_identity_visible, protected_identity_shown
from permissions.roles import user_roles
from permissions.selectors import case_list_visible
from workflows.errors import InvalidPayload
from workflows.exports import cases_csv_response
from workflows.pages.documents import pdf_response
from workflows.procedures import ACTIONS
from workflows.selectors import (
    case_actions_available,
)
from workflows.services import case_perform, case_register
from workflows.services.documents import document_read
from workflows.services.identity import identity_viewed

ERRORS = {
    400: OpenApiResponse(
        {
            "type": "object",
            "description": "{field: [message, ...]}; for petitioners, [message, ...] or "
            "{index: {field: [message, ...]}}",
            "additionalProperties": {},
        },
        description=_("Field messages, or a detail for a body that cannot be read"),
    ),
    401: OpenApiResponse(s.ErrorSerializer, description=_("Not authenticated")),
    403: OpenApiResponse(s.ErrorSerializer, description=_("Not allowed")),
    404: OpenApiResponse(s.ErrorSerializer, description=_("Not found, or not visible")),
    409: OpenApiResponse(s.ErrorSerializer, description=_("The state does not allow it")),
    413: OpenApiResponse(s.ErrorSerializer, description=_("The body is too large")),
    415: OpenApiResponse(s.ErrorSerializer, description=_("The body is not JSON or a form")),
    429: OpenApiResponse(s.ErrorSerializer, description=_("Too many attempts; wait")),
}


def errors(*codes):
    return {code: ERRORS[code] for code in codes}


class CasePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


def visible_cases(request):
    return with_case_prefetches(case_list_visible(request.user)).order_by("-received_on", "-pk")


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.CaseSerializer
    pagination_class = CasePagination
    filter_backends = [StrictFilterBackend]
    filterset_class = CaseFilter

    def get_queryset(self):
        return visible_cases(self.request)

    @extend_schema(responses={200: s.CaseSerializer(many=True), **errors(400, 401, 404)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: s.CaseSerializer, **errors(401, 404)})
    def retrieve(self, request, *args, **kwargs):
        """One case. A denouncer's identity is shown here only, to those allowed, and each
        showing is logged in the case's trail (``IDENTITY_VIEWED``); lists never carry it."""
        case = self.get_object()
        data = self.get_serializer(case, context={**self.get_serializer_context()}).data
        if protected_identity_shown(request.user, case, case.parties.all()):
            identity_viewed(case_id=case.pk, actor=request.user)
        response = Response(data)
        add_never_cache_headers(response)  # no shared cache keeps a copy of an identity
        return response

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "identity_reading": self.action == "retrieve"}

    def filter_queryset(self, queryset):
        # The list's filters are for the list: a case's own URL answers whatever they say.
        if self.action not in ("list", "export"):
            return queryset
        return super().filter_queryset(queryset)

    @extend_schema(
        request=s.CaseCreateSerializer,
        responses={201: s.CaseSerializer, **errors(400, 401, 403, 413, 415)},
    )
    def create(self, request):
        def shape(data):
            incoming = s.CaseCreateSerializer(data=data)
            if not incoming.is_valid():
                raise InvalidPayload(incoming.errors)
            cleaned = dict(incoming.validated_data)
            cleaned["parties"] = [dict(p) for p in cleaned.pop("petitioners")]
            return cleaned

        case = case_register(actor=request.user, data=request.data, payload_check=shape)
        # The registrar holds the new case (its grants are written with it): the door's own
        # copy answers, with its parties, clocks and documents read once.
        prefetch_related_objects([case], *CASE_PREFETCHES)
        return Response(self.get_serializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="cases_export",
        filters=True,  # the list's own filters (CaseFilter), documented from it
        responses={
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR,
                description=str(_("The cases, one line each, streamed (no identities)")),
            ),
            **errors(400, 401),
        },
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        """Every case the list would give, with its filters, as one CSV file (UTF-8 with a
        byte-order mark), written while it is read: any number of cases in constant memory."""
        return cases_csv_response(self.filter_queryset(case_list_visible(request.user)))

    @extend_schema(responses={200: s.TransitionSerializer(many=True), **errors(401, 404)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def transitions(self, request, pk=None):
        case = self.get_object()
        return Response(
            [
                {"name": a.name, "label": str(a.label), "fields": s.step_fields(a, case)}
                for a in case_actions_available(case=case, user=request.user)
            ]
        )

    @extend_schema(responses={200: s.EventSerializer(many=True), **errors(401, 404)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def events(self, request, pk=None):
        case = self.get_object()
        events = case.events.select_related("actor").order_by("seq")
        withheld = case.kind == Kind.DENUNCIATION and not denouncer_identity_visible(
            request.user, case
        )
        context = {"ties_withheld": withheld}
        return Response(s.EventSerializer(events, many=True, context=context).data)


class TransitionView(APIView):
    """Fire one action on a case, through the one door."""

    action_name = ""

    def post(self, request, pk):
        serializer_class = s.TRANSITION_REQUESTS[self.action_name]

        def shape(_unread):
            # The body is read here, at the door's 400 step: a body that cannot be read is
            # answered after 404, 403 and 409, as a field is.
            incoming = serializer_class(data=request.data)
            if not incoming.is_valid():
                raise InvalidPayload(incoming.errors)
            return {k: v for k, v in incoming.validated_data.items() if v is not None}

        case = case_perform(
            case_id=pk,
            action=self.action_name,
            actor=request.user,
            data=None,
            payload_check=shape,
        )
        # The case as the act left it (the door's own copy, with its unit and assignee), even
        # if the actor no longer sees it (a transfer within the system): the act is done, and
        # its answer says so. No identity in it.
        prefetch_related_objects([case], *CASE_PREFETCHES)
        return Response(s.CaseSerializer(case, context={"request": request}).data)


def transition_view(name: str):
    """The view of one action, with its own request body in the schema."""
    spec = ACTIONS[name]

    @extend_schema(
        operation_id=f"cases_transition_{name}",
        summary=str(spec.label),
        request=s.TRANSITION_REQUESTS[name],
        responses={200: s.CaseSerializer, **errors(400, 401, 403, 404, 409, 413, 415)},
        tags=["cases"],
    )
    def post(self, request, pk):
        return TransitionView.post(self, request, pk)

    class_name = "".join(part.title() for part in name.split("_")) + "TransitionView"
    view = type(class_name, (TransitionView,), {"action_name": name, "post": post})
    return view.as_view()


class DocumentPdfView(APIView):
    """One notice as a PDF: to whoever may see its case (and, for the notice addressed to a
    denouncer, the denouncer's identity: that reading is logged); 404 to anyone else, 409 while
    it is being issued or after its rendering failed."""

    @extend_schema(
        operation_id="documents_pdf",
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description=str(_("The PDF, as issued"))
            ),
            **errors(401, 404, 409),
        },
        tags=["documents"],
    )
    def get(self, request, pk):
        document, data = document_read(request.user, pk)
        return pdf_response(document, data)


@csrf_exempt  # it changes nothing, and must answer 404 (not a CSRF 403) to any method
def api_not_found(request, *args, **kwargs):
    return JsonResponse({"detail": str(_("Not found."))}, status=404)


class UnknownTransitionView(APIView):
    @extend_schema(exclude=True)
    def post(self, request, pk, name):
        return Response({"detail": str(_("Unknown action."))}, status=404)


@extend_schema(responses={200: s.UnitSerializer(many=True), **errors(401)})
class UnitListView(generics.ListAPIView):
    serializer_class = s.UnitSerializer
    queryset = Unit.objects.select_related("parent").order_by("code")
    pagination_class = None


class MeView(APIView):
    @extend_schema(responses={200: s.MeSerializer, **errors(401)})
    def get(self, request):
        user = request.user
        return Response(
            {
                "username": user.get_username(),
                "full_name": user.get_full_name(),
                "unit": user.unit.code if user.unit_id else None,
                "roles": sorted(user_roles(user)),
            }
        )


class UsernameRateThrottle(SimpleRateThrottle):
    """The login limit per account too, whatever address the attempts come from."""

    scope = "auth_username"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not username:
            return None
        return self.cache_format % {"scope": self.scope, "ident": username.strip().lower()}


class TokenView(APIView):
    """Exchange a username and password for an API token (rate-limited)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "auth"
    throttle_classes = [ScopedRateThrottle, UsernameRateThrottle]

    @extend_schema(
        request=s.TokenRequestSerializer,
        responses={200: s.TokenSerializer, **errors(400, 413, 415, 429)},
        auth=[],
    )
    def post(self, request):
        # Django's own request: the login throttle (django-axes) counts failures on it.
        incoming = AuthTokenSerializer(data=request.data, context={"request": request._request})
        incoming.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=incoming.validated_data["user"])
        return Response({"token": token.key})


#: What a case's representation reads besides its row: its parties with their identities,
#: its clocks with their rules, its documents.
CASE_PREFETCHES = (
    Prefetch("parties", queryset=Party.objects.select_related("identity")),
    Prefetch("clocks", queryset=Clock.objects.select_related("rule")),
    "documents",
)


def with_case_prefetches(queryset):
    return queryset.select_related("unit", "assignee").prefetch_related(*CASE_PREFETCHES)
