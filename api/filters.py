import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.choices import ACTIVE_STATES, Kind, State
from casework.models import Case


class CaseFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    assignee = django_filters.CharFilter(
        field_name="assignee__username", help_text=_("Username of the assigned investigator")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        help_text=_("true: only cases past a running deadline; false: only the others"),
    )
    q = django_filters.CharFilter(
        method="search", help_text=_("Text in the reference, subject or content")
    )

    class Meta:
        model = Case
        fields = ["state", "kind", "assignee", "overdue", "q"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(next_due_on__lt=timezone.localdate(), state__in=ACTIVE_STATES)
        return queryset.filter(late) if value else queryset.exclude(late)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(subject__icontains=value)
            | Q(content__icontains=value)
        )
