"""Reads the workflow derives from the lifecycle and the grants, over the scope that
``permissions.selectors`` gives: every page and endpoint reads through these."""

from workflows.selectors.actions import case_actions_available
from workflows.selectors.attachments import attachments_visible
from workflows.selectors.dashboard import (
    counts_by_state_and_kind,
    queue_head,
    report_on_time_rate,
    weekly_flow,
)
from workflows.selectors.intake import possible_duplicates, subjects_similar
from workflows.selectors.queues import (
    DUE_SOON,
    DUE_SOON_WORKING_DAYS,
    OVERDUE,
    QUEUE_COUNTS,
    QUEUE_REASONS,
    SUSPENDED_LONG,
    SUSPENDED_LONG_DAYS,
    UNASSIGNED,
    UNASSIGNED_WORKING_DAYS,
    case_list_supervisor_queue,
    queue_counts,
)
from workflows.selectors.work import (
    SUPERVISORS_MOVE,
    case_list_done,
    case_list_my_work,
    case_list_waiting_on_nobody,
)

__all__ = [
    "DUE_SOON",
    "DUE_SOON_WORKING_DAYS",
    "OVERDUE",
    "QUEUE_COUNTS",
    "QUEUE_REASONS",
    "SUPERVISORS_MOVE",
    "SUSPENDED_LONG",
    "SUSPENDED_LONG_DAYS",
    "UNASSIGNED",
    "UNASSIGNED_WORKING_DAYS",
    "attachments_visible",
    "case_actions_available",
    "case_list_done",
    "case_list_my_work",
    "case_list_supervisor_queue",
    "case_list_waiting_on_nobody",
    "counts_by_state_and_kind",
    "possible_duplicates",
    "queue_counts",
    "queue_head",
    "report_on_time_rate",
    "subjects_similar",
    "weekly_flow",
]
