"""Filters shared by the pages and the API: the case list (and its CSV export), the queue."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.choices import ACTIVE_STATES, Kind, Role, State
from casework.models import Case, User
from casework.models.deadlines import Stage
from permissions.roles import users_with_role
from permissions.selectors import user_sees_all


class QueueFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=Stage.choices, method="filter_stage"
    )
    assignee = django_filters.CharFilter(
        label=_("Investigator"),
        field_name="assignee__username",
        help_text=_("Username of the assigned investigator"),
    )

    class Meta:
        model = Case
        fields = ["kind", "stage", "assignee"]

    def filter_stage(self, queryset, name, value):
        """The stage whose deadline the case is waiting on: acceptance until it is decided."""
        at_acceptance = Q(state=State.RECEIVED)
        return queryset.filter(at_acceptance if value == "acceptance" else ~at_acceptance)


def _unit_investigators(request):
    """The investigators the page offers: the unit's (every unit's for whoever sees every
    case), read with only what an option shows."""
    if request is None or not request.user.is_authenticated:
        return User.objects.none()
    if user_sees_all(request.user):
        users = User.objects.filter(
            is_active=True, groups__unit_role__role=Role.INVESTIGATOR
        ).distinct()
    elif request.user.unit_id is None:
        return User.objects.none()
    else:
        # One join: an investigator *in this unit*, not a member with a role here who
        # investigates elsewhere.
        users = users_with_role(request.user.unit_id, Role.INVESTIGATOR)
    return users.only("pk", "username", "first_name", "last_name").order_by("username")


class QueuePageFilter(QueueFilter):
    """On the page the investigator is picked from the unit's, not typed."""

    assignee = django_filters.ModelChoiceFilter(
        label=_("Investigator"), field_name="assignee", queryset=_unit_investigators
    )


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
