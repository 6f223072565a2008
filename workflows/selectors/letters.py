"""The cases a letter is tied to by letter processing (Circular 05/2021/TT-TTCP): the open
case a repeated letter joined and the letters that joined it, the letter a case was split
from and the other cases of its contents. Only those the user may see; and a tie to or from
a denunciation only to who may see its denouncer (the tie says who denounced: the sender of
the other case)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.choices import Kind
from casework.models import Case
from permissions.identity import denouncer_identity_visible
from permissions.selectors import case_list_visible

#: At most this many ties are listed on a case page (a much-repeated case lists its latest).
MAX_TIES = 20

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
    if case.kind == Kind.DENUNCIATION and not denouncer_identity_visible(user, case):
        return []
    related = case_list_visible(user).filter(ties).exclude(pk=case.pk).order_by("-pk")
    rows = []
    fields = ("pk", "reference", "kind", "state", "linked_to", "split_from", "unit")
    fields += ("competent_unit", "registered_by")
    for other in related.only(*fields)[:MAX_TIES]:
        if other.kind == Kind.DENUNCIATION and not denouncer_identity_visible(user, other):
            continue
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


def tie_shown(user, case_id: int | None) -> int | None:
    """The id of a case tied to another, as the API shows it: only when the user may see that
    case, and its denouncer if it is a denunciation; else None."""
    if case_id is None or user is None:
        return None
    other = (
        case_list_visible(user)
        .filter(pk=case_id)
        .only("pk", "kind", "unit", "competent_unit", "registered_by")
        .first()
    )
    if other is None:
        return None
    if other.kind == Kind.DENUNCIATION and not denouncer_identity_visible(user, other):
        return None
    return other.pk
