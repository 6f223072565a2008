import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.choices import Kind, State
from casework.models import Case


class CaseFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    assignee = django_filters.CharFilter(
        field_name="assignee__username", help_text=_("Username of the assigned investigator")
    )
    q = django_filters.CharFilter(
        method="search", help_text=_("Text in the reference, subject or content")
    )

    class Meta:
        model = Case
        fields = ["state", "kind", "assignee", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(subject__icontains=value)
            | Q(content__icontains=value)
        )
