"""A step of a procedure: one row of a procedure's table (``workflows.procedures.tables``)."""

from dataclasses import dataclass

from casework.models.document import DECISION_CODES, DOCUMENT_CODES
from workflows import forms

DECIDE = "casework.decide_case"
INVESTIGATE = "casework.investigate_case"
RECORD_WITHDRAWAL = "casework.record_withdrawal_case"

#: Whose people take a step: the unit that handles the case (receives, verifies, drafts), or
#: the competent authority that decides (DOMAIN.md, "Who decides and who handles"). Where the
#: two are one unit, the user sees no difference.
HANDLING, COMPETENT = "handling", "competent"
#: The unit above that oversees an overdue denunciation (Denunciations Law Art. 38).
SUPERIOR = "superior"

#: The fields every step may write besides its own: where the case stands, its dates and its
#: audit head.
ALWAYS_SAVED = (
    "state",
    "last_act_on",
    "next_due_on",
    "event_count",
    "audit_head",
    "updated_at",
)


@dataclass(frozen=True)
class Step:
    """One step of a procedure, as the law and the door know it.

    ``name`` is the transition on ``Case`` and the verb on the button; ``form`` the fields it
    asks for (the same form wherever the step appears, so that the API has one body per
    name); ``saves`` every field of the case the step writes besides ``ALWAYS_SAVED`` (nothing
    else in the code lists them: the door saves exactly these); ``permission`` the grant it
    needs and ``roles`` who hold it; ``where`` whose unit takes it; ``notices`` the documents it
    issues, in the order they are numbered; ``clocks`` its effect on the deadline clocks
    (``"verb:stage"``); ``basis`` the provision it rests on, as a person reads it;
    ``enters_kind``: after it the case leaves letter processing for the procedure of its kind
    and round (``casework.choices.procedure_of``): acceptance does that. ``where``: whose unit
    takes it, the one that handles the case, the competent authority that decides, or the
    unit above that oversees an overdue denunciation (shown on ``/procedures/``; the door
    holds to it).
    """

    name: str
    label: str
    form: type[forms.ActionForm]
    permission: str
    roles: tuple[str, ...]
    event: str
    saves: tuple[str, ...] = ()
    where: str = HANDLING
    notices: tuple[str, ...] = ()
    clocks: tuple[str, ...] = ()
    basis: str = ""
    enters_kind: bool = False
    #: Where a step of letter processing issues other documents for one kind: the
    #: acceptance of a denunciation is a decision to accept, not a notice (Art. 29). Letter
    #: processing is the one table every kind shares; the other tables are one procedure each
    #: and need none of this.
    kind_notices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Clock effects a step of letter processing has on one kind only, after its own: a
    #: denunciation's acceptance starts the 5 working days of its notices, its transfer is
    #: counted against the 5 working days Art. 24(2) allows.
    kind_clocks: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def issues_a_decision(self, kind: str) -> bool:
        """Whether the step issues a decision or a conclusion on a case of ``kind``: only the
        competent person does (an intake officer never: DOMAIN.md)."""
        return any(DOCUMENT_CODES[k] in DECISION_CODES for k in self.notices_for(kind))

    def unit_of(self, case) -> int:
        """The unit whose people take this step on ``case``: the competent authority's for a
        step of the competent person, when the case names one; else the handling unit's."""
        if self.where == COMPETENT and case.competent_unit_id is not None:
            return case.competent_unit_id
        if self.where == SUPERIOR:
            return case.overseen_by_id
        return case.unit_id

    def notices_for(self, kind: str) -> tuple[str, ...]:
        """The documents the step issues on a case of ``kind``, in the order they are
        numbered."""
        return dict(self.kind_notices).get(kind, self.notices)

    def clocks_for(self, kind: str) -> tuple[str, ...]:
        """The step's effects on the clocks of a case of ``kind``, in order."""
        return self.clocks + dict(self.kind_clocks).get(kind, ())

    @property
    def saved_fields(self) -> list[str]:
        """What the door saves after this step: the fields it writes, and where it goes next."""
        return [*ALWAYS_SAVED, *self.saves, *(("procedure",) if self.enters_kind else ())]

    def but(self, **changes) -> "Step":
        """The same step as another procedure has it, with some of its row changed."""
        return Step(**{**self.__dict__, **changes})
