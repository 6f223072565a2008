from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from casework.choices import (
    ACTIVE_STATES,
    SUSPENDABLE_STATES,
    Channel,
    Forwarder,
    Kind,
    Procedure,
    State,
)
from casework.models.case_indexes import CASE_INDEXES
from casework.models.conditions import (
    acceptance_notified_if_required,
    decided_here,
    decision_not_submitted,
    dialogue_held_if_required,
    has_extension_left,
    is_complaint,
    is_denunciation,
    not_anonymous_denunciation,
    withdrawal_not_continued,
)
from casework.models.letters import LetterSteps
from casework.models.lifecycle import DECIDE, FurtherSteps
from casework.models.oversight import OversightSteps

INVESTIGATE = "casework.investigate_case"
RECORD_WITHDRAWAL = "casework.record_withdrawal_case"


#: The states in which the assigned investigator keeps notes of the verification.
NOTE_STATES = (State.ASSIGNED, State.INVESTIGATED)


class Case(FurtherSteps, LetterSteps, OversightSteps, FSMModelMixin, models.Model):
    """A letter from a citizen and its way through the lawful procedure.

    ``state`` is protected: only the transitions below change it, and only the door in
    ``workflows.services`` calls them. Transition bodies change fields and nothing else.
    """

    reference = models.CharField(_("case reference"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Round 2: a complaint's second round, or a denunciation made again to the superior of
    # who concluded it (tố cáo tiếp, Denunciations Law Art. 37); either refers to the earlier
    # case or decision.
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    previous_case = models.ForeignKey(
        "self",
        verbose_name=_("round-1 case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="later_rounds",
    )
    previous_reference = models.CharField(
        _("round-1 reference"),
        max_length=100,
        blank=True,
        help_text=_(
            "The round-1 case or decision, or the conclusion a re-denunciation disputes, also "
            "when another agency decided it"
        ),
    )
    # Round 2: the day the appeal window opened, that is the day the complainant received the
    # round-1 decision, or the day the round-1 period ended without one (Complaints Law
    # Art. 33). A round-2 complaint is registered only within the window that follows it.
    appeal_from = models.DateField(
        _("round-1 decision received on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the complainant received the round-1 decision, or the day the round-1 "
            "period ended without one"
        ),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    # A letter forwarded by another body (channel ``forwarded``): who, told the result at the
    # end (``inform_forwarder``, the ``report`` clock). One that another agency transferred
    # here, or that was moved here within the system, is not transferred again when it is a
    # denunciation (``transferred_in``; Circular 05/2021/TT-TTCP).
    forwarded_by = models.CharField(_("forwarded by"), max_length=300, blank=True)
    forwarder_kind = models.CharField(
        _("forwarding body"), max_length=20, blank=True, choices=Forwarder.choices
    )
    forwarder_informed_on = models.DateField(_("forwarding body told on"), null=True, blank=True)
    transferred_in = models.BooleanField(_("received by a transfer"), default=False)
    # Letter processing: the open case a repeated letter joined, the letter a case was split
    # from, and how many repeated letters a case has received.
    linked_to = models.ForeignKey(
        "self",
        verbose_name=_("joined to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeat_letters",
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("split from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_parts",
    )
    repeat_count = models.PositiveIntegerField(_("repeated letters"), default=0)
    received_on = models.DateField(_("received on"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="registered_cases",
    )
    unit = models.ForeignKey(
        "casework.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cases"
    )
    # The unit that decides (its head, ``Unit.signer_title``, is the competent person), when
    # it is not the unit that handles the case (``unit``: receives, verifies, drafts): e.g. the
    # province's People's Committee for a complaint its inspectorate handles (DOMAIN.md, "Who
    # decides and who handles"). Empty: the handling unit decides.
    competent_unit = models.ForeignKey(
        "casework.Unit",
        verbose_name=_("competent authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_cases",
    )
    subject = models.CharField(_("subject"), max_length=300)
    content = models.TextField(_("content"))
    is_complex = models.BooleanField(_("complex"), default=False)
    is_especially_complex = models.BooleanField(_("especially complex"), default=False)
    is_remote_area = models.BooleanField(_("remote area"), default=False)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    state = FSMField(
        _("state"), default=State.RECEIVED, choices=State.choices, protected=True, max_length=20
    )
    # The law's procedure the case follows (``workflows.procedures``): letter processing until
    # it is accepted, then its kind's. The state is the coarse stage every user reads first;
    # the procedure says which table of steps applies.
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, default=Procedure.LETTER
    )
    suspended_from = models.CharField(max_length=20, blank=True, choices=State.choices)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)
    decision_summary = models.TextField(_("decision summary"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    # A complaint's verification report says whether the complainant's demand differs from
    # what was found: then a dialogue is held before the decision (Complaints Law Art. 30;
    # in the second round always, Art. 39).
    demand_differs = models.BooleanField(
        _("the demand differs from the verification result"), null=True, blank=True
    )
    dialogue_held_on = models.DateField(_("dialogue held on"), null=True, blank=True)
    # A denunciation: the check extended once to 10 working days (Art. 24(1)), and the day
    # the denouncer and the accused were told of the acceptance (Art. 29).
    # The handling unit's draft of the decision, submitted to the competent authority.
    decision_submitted_on = models.DateField(_("decision submitted on"), null=True, blank=True)
    check_extended_on = models.DateField(_("check extended on"), null=True, blank=True)
    acceptance_notified_on = models.DateField(_("acceptance notified on"), null=True, blank=True)
    # After the decision: a complaint decision sent (Art. 32), a conclusion handled (Art. 36).
    decision_sent_on = models.DateField(_("decision sent on"), null=True, blank=True)
    conclusion_handled_on = models.DateField(_("conclusion handled on"), null=True, blank=True)
    # Withdrawals that do not end the case: a complaint's in part (from 1 July 2026), a
    # denunciation's when the facts show a violation (Denunciations Law Art. 33).
    withdrawn_in_part_on = models.DateField(_("withdrawn in part on"), null=True, blank=True)
    withdrawal_continued_on = models.DateField(_("handling continued on"), null=True, blank=True)
    # An overdue denunciation, overseen by the unit above once the sweep escalates it: a report
    # asked for (5 working days), the case perhaps taken over (Denunciations Law Art. 38).
    overseen_by = models.ForeignKey(
        "casework.Unit",
        verbose_name=_("overseen by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report_requested_on = models.DateField(_("report requested on"), null=True, blank=True)
    report_given_on = models.DateField(_("report given on"), null=True, blank=True)
    closure_reason = models.TextField(
        _("closure reason"), blank=True, help_text=_("Grounds, filing reason or receiving body")
    )
    extensions_used = models.PositiveSmallIntegerField(_("extensions used"), default=0)
    extension_days = models.PositiveSmallIntegerField(_("days of extension"), default=0)
    last_act_on = models.DateField(_("date of the last act"))
    next_due_on = models.DateField(
        _("next due date"),
        null=True,
        blank=True,
        help_text=_("The earliest due date of the case's running clocks"),
    )
    event_count = models.PositiveIntegerField(default=0)
    audit_head = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("decide_case", _("Can decide on the case")),
            ("investigate_case", _("Can record the verification of the case")),
            ("record_withdrawal_case", _("Can record the withdrawal of the case")),
        ]
        indexes = CASE_INDEXES

    def __str__(self) -> str:
        return self.reference

    def related_known(self, **related) -> None:
        """Keep related rows the caller already holds, as ``prefetch_related`` would:
        ``case.related_known(clocks=[...])`` and ``case.clocks.all()`` answers them without a
        query (a filter still asks the database). For the door, which has just written them."""
        cache = self.__dict__.setdefault("_prefetched_objects_cache", {})
        for name, rows in related.items():
            rows = list(rows)
            queryset = getattr(self, name).all()
            queryset._result_cache, queryset._prefetch_done = rows, True
            cache[name] = queryset

    @property
    def decided_elsewhere(self) -> bool:  # a unit other than the handling one decides
        return self.competent_unit_id is not None and self.competent_unit_id != self.unit_id

    @property
    def deciding_unit(self):  # whose head decides: the competent authority, else the unit
        return self.competent_unit if self.decided_elsewhere else self.unit

    @property
    def extensions_allowed(self) -> int:
        """How many extensions the rule of the resolution clock allows this case.

        From the rule (``DeadlineRule.extensions_complex`` / ``extensions_especially_complex``),
        so that an administrator's change of the rule set is the law the door applies. None
        before acceptance: there is no resolution deadline to extend.
        """
        if self.kind != Kind.DENUNCIATION:
            return 0
        rule = self.resolution_rule
        if rule is None:
            return 0
        if self.is_especially_complex:
            return rule.extensions_especially_complex
        return rule.extensions_complex if self.is_complex else 0

    @property
    def resolution_rule(self):
        """The rule of the case's resolution clock, or None before acceptance."""
        if self.pk is None:
            return None
        clock = self.clocks.filter(stage="resolution").select_related("rule").first()
        return clock.rule if clock is not None else None

    # The lifecycle. Every transition takes the date of the act (``on``); the door checks it.

    @transition(
        field=state,
        source=State.RECEIVED,
        target=State.ACCEPTED,
        permission=DECIDE,
        conditions=[not_anonymous_denunciation],
    )
    def accept(self, *, on):
        self.last_act_on = on

    @transition(
        field=state,
        source=[State.ACCEPTED, State.ASSIGNED],
        target=State.ASSIGNED,
        permission=DECIDE,
    )
    def assign(self, *, on, assignee):
        self.assignee = assignee
        self.last_act_on = on

    @transition(
        field=state, source=State.ASSIGNED, target=State.INVESTIGATED, permission=INVESTIGATE
    )
    def record_findings(self, *, on, findings, demand_differs=None):
        self.findings = findings
        self.demand_differs = demand_differs
        self.last_act_on = on

    @transition(
        field=state,
        source=State.INVESTIGATED,
        target=None,  # the dialogue is held between the report and the decision
        permission=DECIDE,
        conditions=[is_complaint, decision_not_submitted],
    )
    def record_dialogue(
        self, *, on, participants, complainant_views, respondent_views, result, signed_by
    ):
        """The dialogue's minutes (biên bản đối thoại): the texts stay in the act's event and
        its document; the case keeps the day it was held."""
        self.dialogue_held_on = on
        self.last_act_on = on

    @transition(field=state, source=State.INVESTIGATED, target=State.ASSIGNED, permission=DECIDE)
    def return_for_rework(self, *, on, reason):
        # The verification is done again: a dialogue held on the old findings no longer
        # stands for the new ones (Complaints Law Arts. 30, 39).
        self.dialogue_held_on = None
        self.decision_submitted_on = None  # a draft on the old findings no longer stands
        self.last_act_on = on

    @transition(
        field=state,
        source=State.INVESTIGATED,
        target=State.RESOLVED,
        permission=DECIDE,
        conditions=[decided_here, dialogue_held_if_required, acceptance_notified_if_required],
    )
    def resolve(self, *, on, outcome, decision_summary, act_decision=None, dialogue_skipped=""):
        self.outcome = outcome
        self.decision_summary = decision_summary
        self.last_act_on = on

    @transition(
        field=state,
        source=SUSPENDABLE_STATES,
        target=None,  # the state is unchanged: an extension only moves the deadline
        permission=DECIDE,
        conditions=[is_denunciation, has_extension_left],
    )
    def extend(self, *, on, days, reason=""):
        self.extensions_used += 1
        self.extension_days += days
        self.last_act_on = on

    @transition(field=state, source=SUSPENDABLE_STATES, target=State.SUSPENDED, permission=DECIDE)
    def suspend(self, *, on, reason):
        self.suspended_from = self.state
        self.last_act_on = on

    @transition(
        field=state,
        source=State.SUSPENDED,
        target=RETURN_VALUE(*SUSPENDABLE_STATES),
        permission=DECIDE,
    )
    def resume(self, *, on):
        back, self.suspended_from = self.suspended_from, ""
        self.last_act_on = on
        return back

    @transition(field=state, source=NOTE_STATES, target=None, permission=INVESTIGATE)
    def add_note(self, *, on):
        """A note of the verification (a visit, a dialogue, a document read).

        It changes no field: the door records the note in the case's trail.
        """

    @transition(field=state, source=ACTIVE_STATES, target=None, permission=DECIDE)
    def amend(
        self,
        *,
        on,
        reason,
        received_on=None,
        is_complex=None,
        is_especially_complex=None,
        is_remote_area=None,
    ):
        """Correct the facts the deadlines are counted from; None leaves a fact as it is."""
        if received_on is not None:
            self.received_on = received_on
        for name, value in (
            ("is_complex", is_complex),
            ("is_especially_complex", is_especially_complex),
            ("is_remote_area", is_remote_area),
        ):
            if value is not None:
                setattr(self, name, value)
        if self.is_especially_complex:
            self.is_complex = True

    @transition(
        field=state,
        source=ACTIVE_STATES,
        target=State.WITHDRAWN,
        permission=RECORD_WITHDRAWAL,
        conditions=[withdrawal_not_continued],
    )
    def withdraw(self, *, on):
        self.suspended_from = ""
        self.last_act_on = on
