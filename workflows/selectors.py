"""Reads the workflow derives from the lifecycle and the grants."""

from casework.models import Case
from permissions.selectors import case_permissions
from workflows.procedures import Action, procedure


def case_actions_available(*, case: Case, user) -> list[Action]:
    """The actions the door would accept from this user on this case now, payload permitting.

    The same checks as ``workflows.services.case_perform`` in the same order, less the payload:
    the grant for the action, the procedure of the case's kind, the state and the legal
    preconditions of the transition.
    """
    held = case_permissions(user, case)
    if "view_case" not in held:
        return []
    available = []
    for action in procedure(case.kind).values():
        if action.permission.split(".")[1] not in held:
            continue
        meta = getattr(case, action.name)._django_fsm
        if meta.has_transition(case.state) and meta.conditions_met(case, case.state):
            available.append(action)
    return available
