"""The legal preconditions of the case's transitions: each says, when it does not hold, why
(the door answers 409 with it). Each takes the case (``casework.models.Case``)."""

from django.utils.translation import gettext_lazy as _

from casework.choices import Kind


def condition(message):
    """Mark a transition condition with the reason given when it does not hold."""

    def mark(func):
        func.message = message
        return func

    return mark


@condition(_("An anonymous denunciation cannot be accepted (Denunciations Law Art. 25)."))
def not_anonymous_denunciation(case) -> bool:
    return not (case.kind == Kind.DENUNCIATION and case.anonymous)


@condition(_("A dialogue is held on a complaint only (Complaints Law Arts. 30 and 39)."))
def is_complaint(case) -> bool:
    return case.kind == Kind.COMPLAINT


@condition(
    _(
        "A second-round complaint is decided only after a dialogue with the complainant "
        "(Complaints Law Art. 39): record its minutes first."
    )
)
def dialogue_held_if_required(case) -> bool:
    """Round 2: never without the dialogue's minutes. Round 1, where the complainant's demand
    differs from the verification result, the minutes or the reason they were skipped is a
    field of the decision (``ResolveForm``)."""
    second_round = case.kind == Kind.COMPLAINT and case.round == 2
    return not second_round or case.dialogue_held_on is not None


@condition(_("Only a denunciation can be extended (Denunciations Law Art. 30)."))
def is_denunciation(case) -> bool:
    return case.kind == Kind.DENUNCIATION


@condition(
    _(
        "Only a denunciation is referred to the investigating body here (Denunciations Law "
        "Art. 27); transfer any other letter."
    )
)
def is_denunciation_to_refer(case) -> bool:
    return case.kind == Kind.DENUNCIATION


@condition(
    _(
        "The competent authority decides this case: the handling unit submits the draft "
        "decision, and the competent authority approves and issues it."
    )
)
def decided_here(case) -> bool:
    return not case.decided_elsewhere


@condition(_("The handling unit decides this case itself: record the decision."))
def decided_elsewhere(case) -> bool:
    return case.decided_elsewhere


@condition(_("The draft decision has already been submitted to the competent authority."))
def decision_not_submitted(case) -> bool:
    return case.decision_submitted_on is None


@condition(_("No draft decision has been submitted to the competent authority yet."))
def decision_submitted(case) -> bool:
    return case.decision_submitted_on is not None


@condition(_("The check of a denunciation is extended once only (Denunciations Law Art. 24)."))
def check_not_extended(case) -> bool:
    return case.check_extended_on is None


@condition(
    _(
        "A re-denunciation is reviewed by the superior within its own period (Denunciations "
        "Law Art. 37): the check is not extended."
    )
)
def not_a_re_denunciation(case) -> bool:
    return not (case.kind == Kind.DENUNCIATION and case.round == 2)


@condition(
    _(
        "The denouncer and the accused have already been told of the acceptance (Denunciations "
        "Law Art. 29)."
    )
)
def acceptance_not_notified(case) -> bool:
    return case.acceptance_notified_on is None


@condition(
    _(
        "A denunciation is concluded only after the denouncer and the accused have been told of "
        "its acceptance (Denunciations Law Art. 29): send the notices of acceptance first."
    )
)
def acceptance_notified_if_required(case) -> bool:
    return case.kind != Kind.DENUNCIATION or case.acceptance_notified_on is not None


@condition(
    _(
        "No extension is left: a complex case may be extended once, an especially complex "
        "case twice, any other case never (Decree 31/2019 Art. 3)."
    )
)
def has_extension_left(case) -> bool:
    return case.extensions_used < case.extensions_allowed


@condition(
    _(
        "The sender of a complaint outside competence is guided to the competent body "
        "(Circular 05/2021/TT-TTCP); a denunciation or a petition is transferred."
    )
)
def is_complaint_to_guide(case) -> bool:
    return case.kind == Kind.COMPLAINT


@condition(
    _(
        "A denunciation is transferred once only (Circular 05/2021/TT-TTCP): this one came "
        "here by a transfer, so this unit handles it, or files it with its ground."
    )
)
def not_transferred_before(case) -> bool:
    return case.kind != Kind.DENUNCIATION or not case.transferred_in


@condition(_("No body forwarded this letter: there is nobody to report the result to."))
def forwarded_by_a_body(case) -> bool:
    return bool(case.forwarded_by)


@condition(_("The forwarding body has already been told the result."))
def forwarder_not_informed(case) -> bool:
    return case.forwarder_informed_on is None


@condition(_("The decision has already been recorded as sent."))
def decision_not_sent(case) -> bool:
    return case.decision_sent_on is None


@condition(_("The handling of the conclusion has already been recorded."))
def conclusion_not_handled(case) -> bool:
    return case.conclusion_handled_on is None


@condition(
    _(
        "Only a complaint's or a denunciation's handling is terminated by a decision; a "
        "petition withdrawn simply ends."
    )
)
def is_complaint_or_denunciation(case) -> bool:
    return case.kind in (Kind.COMPLAINT, Kind.DENUNCIATION)


@condition(
    _(
        "The denouncer's withdrawal is already recorded, and its handling continues: the "
        "facts show a violation (Denunciations Law Art. 33)."
    )
)
def withdrawal_not_continued(case) -> bool:
    return case.withdrawal_continued_on is None


@condition(
    _(
        "A complaint outside competence is not transferred: its sender is guided to the "
        "competent body (guidance slip, Circular 05/2021/TT-TTCP)."
    )
)
def not_a_complaint_to_transfer(case) -> bool:
    return case.kind != Kind.COMPLAINT


@condition(
    _(
        "A letter holding a denunciation is not split: its sender is guided to send the "
        "denunciation in a letter of its own (Citizen Reception Law Art. 25(3)), which keeps "
        "who denounced apart from every other case."
    )
)
def not_a_denunciation_to_split(case) -> bool:
    return case.kind != Kind.DENUNCIATION


# The oversight of an overdue denunciation (Denunciations Law Art. 38).
@condition(
    _(
        "Only a denunciation overdue and escalated to the unit above is overseen by it "
        "(Denunciations Law Art. 38)."
    )
)
def is_overseen(case) -> bool:
    return case.overseen_by_id is not None


@condition(_("A report has already been asked for (Denunciations Law Art. 38)."))
def report_not_requested(case) -> bool:
    return case.report_requested_on is None


@condition(_("No report has been asked for yet (Denunciations Law Art. 38)."))
def report_requested(case) -> bool:
    return case.report_requested_on is not None


@condition(_("The report asked for has already been given."))
def report_not_given(case) -> bool:
    return case.report_given_on is None


@condition(_("The unit above has taken the case over: it decides it now."))
def not_taken_over(case) -> bool:
    return case.competent_unit_id is None or case.competent_unit_id != case.overseen_by_id
