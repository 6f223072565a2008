"""Filters shared by the pages and the API: the case list (and its CSV export), the queue."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.views.search import get_search_results

from casework.choices import ACTIVE_STATES, Kind, Role, State
from casework.models import Case, User
from casework.models.deadlines import Stage
from permissions.roles import users_with_role
from permissions.selectors import user_sees_all

#: What the case list's search looks in: the list page's search box ("All my cases") and the
#: API's ``q`` and ``search`` are one search, word by word (``case_search``).
CASE_SEARCH_FIELDS = ("reference", "subject")


class QueueFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        # The two stages a case waits in; the further periods are not a stage of the queue.
        choices=[(s.value, s.label) for s in (Stage.ACCEPTANCE, Stage.RESOLUTION)],
        method="filter_stage",
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


def case_search(queryset, term: str):
    """The cases whose reference or subject holds every word of ``term`` (a quoted phrase
    counts as one word), as the list page's search box finds them: viewflow's search, over
    the same fields."""
    return get_search_results(queryset, CASE_SEARCH_FIELDS, term)


class _StrictBooleanField(forms.NullBooleanField):
    """true or false (1 or 0); nothing else, where Django's field would read any other word
    as "no filter" and the list would silently answer everything."""

    widget = forms.TextInput  # the select's widget maps an unknown word to None

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = _StrictBooleanField


class CaseFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    assignee = django_filters.CharFilter(
        field_name="assignee__username", help_text=_("Username of the assigned investigator")
    )
    overdue = StrictBooleanFilter(
        method="filter_overdue",
        help_text=_("true: only cases past a running deadline; false: only the others"),
    )
    q = django_filters.CharFilter(
        method="filter_search",
        help_text=_(
            "Words in the reference or subject, each anywhere (a quoted phrase as one): the "
            "search of the case list page"
        ),
    )
    search = django_filters.CharFilter(method="filter_search", help_text=_("The same as q"))

    class Meta:
        model = Case
        fields = ["state", "kind", "assignee", "overdue", "q", "search"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(next_due_on__lt=timezone.localdate(), state__in=ACTIVE_STATES)
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_search(self, queryset, name, value):
        return case_search(queryset, value)
