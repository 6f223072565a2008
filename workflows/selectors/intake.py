"""What the intake page warns of: cases that look like the letter being registered."""

from datetime import timedelta
from difflib import SequenceMatcher

from django.db.models import Count, Q
from django.utils import timezone

from casework.choices import ACTIVE_STATES, Kind, PartyRole, Role
from casework.crypto import blind_index
from casework.models import Case
from permissions.roles import user_roles
from permissions.selectors import case_list_visible

RECENTLY_CLOSED_DAYS = 365  # filed letters are kept one year (Circular 05/2021 Art. 28)
SIMILAR_SUBJECT = 0.6  # difflib's ratio of two subjects, lowercased


def subjects_similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= SIMILAR_SUBJECT


def possible_duplicates(*, user, unit_code: str, subject: str, parties: list[dict]):
    """Open or recently closed cases, among those the user may see, that look like this letter:
    a party with the same ID number, or with the same name and a similar subject in the same
    unit."""
    # The identities are encrypted: they are found by their blind index, which also makes
    # "Nguyễn" and "NGUYỄN" the same name on every database.
    numbers = {blind_index("id_number", p["id_number"]) for p in parties if p.get("id_number")}
    names = {blind_index("full_name", p["full_name"]) for p in parties if p.get("full_name")}
    numbers.discard("")
    names.discard("")
    if not numbers and not names:
        return Case.objects.none()
    recent = Q(state__in=ACTIVE_STATES) | Q(
        updated_at__gte=timezone.now() - timedelta(days=RECENTLY_CLOSED_DAYS)
    )
    same_number = Q(parties__identity__id_number_key__in=numbers) if numbers else Q(pk__in=[])
    same_name = Q(parties__identity__name_key__in=names, unit__code=unit_code)
    # A match on a denunciation's denouncing side would tell who denounced: only those who may
    # see that identity (the registrar, the unit's supervisors) are shown such a match.
    identity_seen = ~Q(kind=Kind.DENUNCIATION) | Q(parties__role=PartyRole.ACCUSED)
    identity_seen |= Q(registered_by=user)
    if Role.SUPERVISOR in user_roles(user):
        identity_seen |= Q(unit_id=user.unit_id)
    candidates = (
        case_list_visible(user)
        .filter(recent)
        .filter((same_number | same_name) & identity_seen)
        .annotate(number_matches=Count("pk", filter=same_number))
        .order_by("-number_matches", "-received_on")[:200]
    )
    return [
        case
        for case in candidates
        if case.number_matches or subjects_similar(case.subject, subject)
    ][:10]
