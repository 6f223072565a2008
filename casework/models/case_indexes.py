"""The indexes of the case table (``Case.Meta.indexes``): each for a read that must answer
from an index at a million cases (bench/ measures them)."""

from django.db import models

from casework.choices import ACTIVE_STATES
from casework.models.letters import REPORTED_ENDS

#: The ends after which a step may still be owed: the very list "my work" filters on
#: (``workflows.selectors.work``), or PostgreSQL would not use the partial indexes below.
_OWING_ENDS = [s.value for s in REPORTED_ENDS]

CASE_INDEXES = [
    # A unit's cases by state (the queue's long suspensions and idle acceptances), and
    # what the dashboard counts of them: by state and kind, the overdue, the resolved
    # (with ``id`` for their clocks). Those counts read this index alone, without
    # the table's rows (56,788 cases of one unit: 240 to 10 ms at a million).
    models.Index(
        fields=["unit", "state", "kind", "next_due_on", "id"], name="case_unit_state_kind"
    ),
    models.Index(fields=["assignee", "state"], name="case_assignee_state"),
    # "All my cases" in its default order (newest received first), per unit for
    # supervisors and auditors, for all of them for administrators, per registrar for
    # intake officers: each read in index order, 25 rows, at a million cases.
    models.Index(fields=["unit", "-received_on", "-id"], name="case_unit_received"),
    models.Index(fields=["-received_on", "-id"], name="case_received"),
    models.Index(
        fields=["registered_by", "unit", "-received_on", "-id"], name="case_registered_by"
    ),
    # "Overdue in my unit, most late first" reads this index and nothing else.
    models.Index(
        fields=["unit", "next_due_on"],
        name="case_active_unit_due",
        condition=models.Q(state__in=[s.value for s in ACTIVE_STATES]),
    ),
    # "My work" after the end: an ended case with a clock still running owes a step (the
    # decision sent, the conclusion handled, the forwarding body told), the handling unit's
    # or the competent authority's. Few such rows: the index holds only them.
    models.Index(
        fields=["unit", "next_due_on"],
        name="case_owed_unit_due",
        condition=models.Q(state__in=_OWING_ENDS, next_due_on__isnull=False),
    ),
    models.Index(
        fields=["competent_unit", "next_due_on"],
        name="case_owed_competent_due",
        condition=models.Q(state__in=_OWING_ENDS, next_due_on__isnull=False),
    ),
]
