"""Who may see a party's identity.

A denouncer's identity is a secret (Denunciations Law Arts. 8(3), 47; Art. 56: removed before
the case goes to the verifiers): only the intake officer who registered the case and the
supervisors of its unit may see it. Other parties' identities are visible to whoever may see
the case.
"""

from casework.choices import PartyRole, Role
from casework.models import Case, Party
from permissions.roles import user_roles


def denouncer_identity_visible(user, case: Case) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.pk == case.registered_by_id:
        return True
    return user.unit_id == case.unit_id and Role.SUPERVISOR in user_roles(user)


def identity_visible(user, case: Case, party: Party) -> bool:
    """For a user who may already see the case."""
    if party.role != PartyRole.DENOUNCER:
        return True
    return denouncer_identity_visible(user, case)
