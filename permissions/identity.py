"""Who may see a party's identity.

A denouncer's identity is a secret (Denunciations Law Arts. 8(3), 47; Art. 56: removed before
the case goes to the verifiers): only the intake officer who registered the case and the
supervisors of its unit may see it. On a denunciation this covers everyone on the denouncing
side (a group's representative is a denouncer too); only the accused is not protected by it.
Other cases' parties are visible to whoever may see the case (Complaints Law Art. 12).
"""

from casework.choices import Kind, PartyRole, Role
from casework.models import Case, Party
from permissions.roles import user_roles


def denouncer_identity_visible(user, case: Case) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    roles = user_roles(user)
    if case.competent_unit_id is not None and user.unit_id == case.competent_unit_id:
        # The competent person decides on the denunciation, and knows who made it.
        return Role.SUPERVISOR in roles
    if user.unit_id != case.unit_id:
        return False  # moved, or the case was transferred: the old unit's people lose it
    if Role.SUPERVISOR in roles:
        return True
    # The registering officer, while still an intake officer of the unit.
    return user.pk == case.registered_by_id and Role.INTAKE_OFFICER in roles


def identity_visible(user, case: Case, party: Party) -> bool:
    """For a user who may already see the case."""
    if case.kind != Kind.DENUNCIATION or party.role == PartyRole.ACCUSED:
        return True
    return denouncer_identity_visible(user, case)


def protected_identity_shown(user, case: Case, parties) -> bool:
    """Whether showing these parties to the user reveals a protected identity (a reading that
    must be logged): a denunciation, a party of the denouncing side, and a user allowed."""
    if case.kind != Kind.DENUNCIATION:
        return False
    protected = any(p.role != PartyRole.ACCUSED for p in parties)
    return protected and denouncer_identity_visible(user, case)
