"""Which actions the door would accept from a user on a case now."""

from django.utils import timezone

from casework.models import Case
from permissions.selectors import case_permissions
from workflows.procedures import Step, procedure_steps
from workflows.services.clocks import clocks_refusal


def case_actions_available(*, case: Case, user) -> list[Step]:
    """The actions the door would accept from this user on this case now, payload permitting.

    The same checks as ``workflows.services.case_perform`` in the same order, less the payload:
    the grant for the action, the procedure of the case's kind, the state, the legal
    preconditions of the transition and what the clocks allow on a day the act may bear (an
    extension before the deadline passes; a deadline rule for a stage that starts).
    """
    held = case_permissions(user, case)
    if "view_case" not in held:
        return []
    today = timezone.localdate()
    earliest = min(max(case.received_on, case.last_act_on), today)
    available = []
    for action in procedure_steps(case.procedure).values():
        if action.permission.split(".")[1] not in held:
            continue
        if not user.is_superuser and user.unit_id != action.unit_of(case):
            continue  # the other unit's step (the door answers 403)
        if "decide_case" not in held and action.issues_a_decision(case.kind):
            continue  # a decision, which only the competent person issues (403)
        meta = getattr(case, action.name)._django_fsm
        if not (meta.has_transition(case.state) and meta.conditions_met(case, case.state)):
            continue
        # The act may be dated from the case's last act to today (the door's date check):
        # offered if the clocks accept it on one of those days. An extension is likeliest
        # on the earliest (before the deadline passed), a stage's rule on the latest.
        if any(
            clocks_refusal(case, action.clocks_for(case.kind), on=day) is None
            for day in (earliest, today)
        ):
            available.append(action)
    return available
