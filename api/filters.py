"""The API's filters: shared with the pages, in ``workflows.filters``; and the rule that a list
takes only the query parameters it documents.

A parameter a list does not know is refused (400, naming it), not ignored: a misspelt filter
(``?status=``, ``?State=``, ``?search_fields=``) would otherwise answer every case, and a
caller would take that for what they asked. A list takes its filters, its pagination's
``page`` and ``page_size``, and DRF's ``format`` (``?format=json``, ``?format=api``); an
export has no pages, so no ``page``. A case's own URL answers the case whatever follows it.
"""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from workflows.filters import CaseFilter, QueueFilter

__all__ = ["CaseFilter", "QueueFilter", "StrictFilterBackend"]


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing any query parameter the list does not take."""

    def filter_queryset(self, request, queryset, view):
        taken = self.parameters_taken(view, queryset)
        unknown = sorted(set(request.query_params) - taken)
        if unknown:
            message = _("Unknown parameter. This list takes: %(names)s.") % {
                "names": ", ".join(sorted(taken))
            }
            raise ValidationError({name: [message] for name in unknown})
        return super().filter_queryset(request, queryset, view)

    def parameters_taken(self, view, queryset) -> set[str]:
        taken = {api_settings.URL_FORMAT_OVERRIDE}
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            taken.update(filterset_class.base_filters)
        paginator = getattr(view, "paginator", None)
        if paginator is not None:
            taken.update(
                name
                for name in (
                    getattr(paginator, "page_query_param", None),
                    getattr(paginator, "page_size_query_param", None),
                )
                if name
            )
        return taken
