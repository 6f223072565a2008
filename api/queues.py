"""The queues: the supervisor's morning queue, "my work", and the on-time rate."""

from django.db.models import F, OuterRef, Subquery
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from api import serializers as s
from api.filters import QueueFilter, StrictFilterBackend
from api.views import CasePagination, errors, with_case_prefetches
from casework.models import Case, User
from workflows.selectors import (
    QUEUE_COUNTS,
    QUEUE_REASONS,
    case_list_my_work,
    case_list_supervisor_queue,
    report_on_time_rate,
)


def queue_rows(user):
    """The queue's rows as the API gives them (``QueueItemSerializer``), with the counts of
    every reason on each (``QueuePagination`` takes them off)."""
    # The assignee's name as a subquery, not a join: PostgreSQL then reads it for the rows of
    # the page only, after the sort (about 1 ms less at 1M cases).
    username = User.objects.filter(pk=OuterRef("assignee_id")).values("username")
    joined = {"unit_code": F("unit__code"), "assignee_username": Subquery(username)}
    columns = [c for c in s.QueueItemSerializer.columns() if c not in joined]
    return case_list_supervisor_queue(user=user, counted=True).values(
        *columns, *QUEUE_COUNTS, **joined
    )


class QueuePagination(CasePagination):
    """The page, with the counts of the whole queue at the top, in one query: each row of
    the page carries the counts of every reason (window counts over the whole queue), and
    their sum is the page's count. A page past the end is 404, as any invalid page."""

    #: No queue has this many pages: a larger number is refused before any query.
    MAX_PAGE = 1_000_000

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        asked = request.query_params.get(self.page_query_param) or "1"
        if asked in self.last_page_strings:
            # The last page: its number from the counts, which come with any row.
            first = list(queryset[:1])
            total = sum(first[0][name] for name in QUEUE_COUNTS) if first else 0
            number = max(1, -(-total // size))
        else:
            number = int(asked) if asked.isdigit() and len(asked) <= 7 else 0
        # No page, or one past the end, is 404; an absurd number without a query.
        rows = (
            list(queryset[(number - 1) * size : number * size])
            if 1 <= number <= self.MAX_PAGE
            else []
        )
        if not rows and number != 1:
            raise NotFound(self.invalid_page_message.format(page_number=asked, message=""))
        self.counts = {r: rows[0][name] if rows else 0 for name, r in QUEUE_COUNTS.items()}
        for row in rows:
            for name in QUEUE_COUNTS:
                del row[name]
        self.number, self.size, self.count = number, size, sum(self.counts.values())
        return rows

    def get_next_link(self):
        if self.number * self.size >= self.count:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, self.number + 1)

    def get_previous_link(self):
        if self.number == 1:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response(self, data):
        return Response(
            {
                "counts": self.counts,
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"] = {
            "counts": {
                "type": "object",
                "properties": {r: {"type": "integer"} for r in QUEUE_REASONS},
                "required": list(QUEUE_REASONS),
            },
            **paginated["properties"],
        }
        paginated["required"] = ["counts", *paginated.get("required", [])]
        return paginated


class OverdueQueueView(generics.ListAPIView):
    """The supervisor's morning queue: overdue, due soon, suspended long, unassigned."""

    serializer_class = s.QueueItemSerializer
    pagination_class = QueuePagination
    filter_backends = [StrictFilterBackend]
    filterset_class = QueueFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return Case.objects.none()
        return queue_rows(self.request.user)

    @extend_schema(responses={200: s.QueueItemSerializer(many=True), **errors(400, 401, 404)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MyWorkView(generics.ListAPIView):
    """The cases where the next move is the caller's, soonest due first."""

    serializer_class = s.CaseSerializer
    pagination_class = CasePagination
    filter_backends = [StrictFilterBackend]  # no filters: only the page's parameters

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Case.objects.none()
        return with_case_prefetches(case_list_my_work(user=self.request.user))

    @extend_schema(responses={200: s.CaseSerializer(many=True), **errors(400, 401, 404)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OnTimeRateView(APIView):
    """The honest on-time rate per unit and kind, over the cases the caller may see."""

    @extend_schema(responses={200: s.OnTimeRateSerializer(many=True), **errors(401)})
    def get(self, request):
        return Response(report_on_time_rate(user=request.user))
