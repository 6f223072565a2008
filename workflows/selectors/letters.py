"""The cases a letter is tied to by letter processing (Circular 05/2021/TT-TTCP): the open
case a repeated letter joined and the letters that joined it, the letter a case was split
from and the other cases of its contents. Only those the user may see."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models import Case
from permissions.selectors import case_list_visible

JOINED_TO = _("Joined to")
REPEATED_BY = _("Repeated by")
SPLIT_FROM = _("Split from")
SPLIT_INTO = _("Split into")
SPLIT_WITH = _("Split with")


def letters_related(user, case: Case) -> list[dict]:
    """(label, case) for each case tied to this one, in one query."""
    ties = Q(linked_to_id=case.pk) | Q(split_from_id=case.pk)
    if case.linked_to_id:
        ties |= Q(pk=case.linked_to_id)
    if case.split_from_id:
        ties |= Q(pk=case.split_from_id) | Q(split_from_id=case.split_from_id)
    if not (case.linked_to_id or case.split_from_id or case.repeat_count or case.state == "split"):
        return []  # nothing is tied to it: no query
    related = case_list_visible(user).filter(ties).exclude(pk=case.pk).order_by("pk")
    rows = []
    for other in related.only("pk", "reference", "kind", "state", "linked_to", "split_from"):
        if other.pk == case.linked_to_id:
            label = JOINED_TO
        elif other.linked_to_id == case.pk:
            label = REPEATED_BY
        elif other.pk == case.split_from_id:
            label = SPLIT_FROM
        elif other.split_from_id == case.pk:
            label = SPLIT_INTO
        else:
            label = SPLIT_WITH
        rows.append({"label": label, "case": other})
    return rows
