from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.choices import Kind


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")


class Stage(models.TextChoices):
    ACCEPTANCE = "acceptance", _("Acceptance")
    RESOLUTION = "resolution", _("Resolution")
    # The further periods (DOMAIN.md, "Deadlines"), each a clock of its own.
    TRANSFER = "transfer", _("Transfer")
    NOTIFICATION = "notification", _("Notices of acceptance")
    REPORT = "report", _("Report to the forwarding body")
    # After a decision or a conclusion: the decision sent, the conclusion handled.
    SENDING = "sending", _("Sending of the decision")
    HANDLING = "handling", _("Handling of the conclusion")
    # An overdue denunciation: the report the superior asked for (Art. 38).
    PROGRESS = "progress", _("Report on an overdue denunciation")
    # Rules only, never a clock: how long a check extended once runs, and the appeal window.
    CHECK_EXTENDED = "check_extended", _("Check, extended")
    APPEAL = "appeal", _("Appeal window")


#: The clocks that run once a case has ended: what is owed after the decision.
AFTER_THE_END_STAGES = (Stage.REPORT, Stage.SENDING, Stage.HANDLING)


class CalendarDay(models.Model):
    """An exception to the Monday-Friday week: a public holiday, or a make-up working day.

    Seeded from ``holidays.VN`` (migration 0003, ``casework.deadlines.seed``), corrected by an
    administrator.
    """

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Ticked: a weekend day that is worked. Unticked: a day off."),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=40, default="admin")

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.name}"


class DeadlineRule(models.Model):
    """One line of the statutory deadlines (DOMAIN.md "Deadlines"), as data.

    A rule applies to the cases of its kind (and round), with the flags it names (``None``:
    either), to clocks started on or after ``effective_from`` and before ``effective_to``.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    round = models.PositiveSmallIntegerField(_("round"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    is_complex = models.BooleanField(_("complex"), null=True, blank=True)
    is_remote_area = models.BooleanField(_("remote area"), null=True, blank=True)
    period = models.PositiveSmallIntegerField(_("period"))
    unit = models.CharField(_("unit"), max_length=20, choices=DeadlineUnit.choices)
    extensions_complex = models.PositiveSmallIntegerField(_("extensions when complex"), default=0)
    extensions_especially_complex = models.PositiveSmallIntegerField(
        _("extensions when especially complex"), default=0
    )
    extension_max_days = models.PositiveSmallIntegerField(_("days per extension"), default=0)
    basis = models.CharField(_("legal basis"), max_length=300)
    # What a document prints after "Căn cứ": the pages show ``basis`` in the user's language,
    # a document (always Vietnamese) only this. Required in the admin; a rule without it
    # leaves its line out of the documents rather than print ``basis`` in English.
    basis_vi = models.CharField(
        _("legal basis as documents cite it"),
        max_length=500,
        default="",
        help_text=_(
            "In Vietnamese and in full, as a document cites it after “Căn cứ”: "
            "“Điều 28 Luật Khiếu nại ngày 11 tháng 11 năm 2011”. Several provisions: "
            "separate them with a semicolon. Documents print nothing else of the rule's basis."
        ),
    )
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "round", "stage", "effective_from"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self) -> str:
        return f"{self.kind} {self.stage}: {self.period} {self.unit} ({self.basis})"


class Clock(models.Model):
    """The deadline of one stage of one case.

    ``due_on`` is derived from the start, the rule's period, the extensions, the paused
    intervals and the calendar; it is stored so that the queues can use an index, and is
    recomputed whenever one of those changes. Only the door writes clocks.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        PAUSED = "paused", _("paused")
        MET = "met", _("met")
        STOPPED = "stopped", _("stopped")

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="clocks")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"))
    period = models.PositiveSmallIntegerField(_("period"))
    unit = models.CharField(_("unit"), max_length=20, choices=DeadlineUnit.choices)
    extension_days = models.PositiveSmallIntegerField(_("days of extension"), default=0)
    pauses = models.JSONField(
        _("paused intervals"), default=list, help_text=_("[[suspended on, resumed on or null]]")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    missed_on = models.DateField(
        _("missed on"),
        null=True,
        blank=True,
        help_text=_("The first day the sweep found the stage past its due date"),
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "stage"], name="clock_per_stage")]
        indexes = [
            models.Index(
                fields=["due_on"],
                name="clock_open_due",
                condition=models.Q(status__in=["running", "paused"]),
            ),
            # The resolutions by the day they were given: the dashboard's weekly chart reads
            # the last weeks' from here.
            models.Index(
                fields=["met_on", "case"],
                name="clock_resolved_on",
                condition=models.Q(stage="resolution", status="met"),
            ),
            # The resolutions given after their due date, which the on-time rate looks up case
            # by case: a small index, answered without the table.
            models.Index(
                fields=["case"],
                name="clock_resolved_late",
                condition=models.Q(stage="resolution", status="met", met_on__gt=models.F("due_on")),
            ),
        ]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage} due {self.due_on}"
