"""What a link or a split writes beyond the letter itself, in the door's transaction (under
the letter's row lock): the open case a repeated letter joins counts it and shows it on its
timeline; a mixed letter's contents are registered as cases of their own, each linked to the
letter (Circular 05/2021/TT-TTCP; Citizen Reception Law Art. 25(3))."""

from django.db import OperationalError
from django.utils.translation import gettext as _

from casework.choices import PETITIONER_ROLE, Kind, PartyRole
from casework.models import Case, Party, PartyIdentity, SequenceCounter, User
from permissions import grants
from workflows.errors import StateConflict
from workflows.forms.letters import JOINABLE_STATES
from workflows.forms.receipt import acceptance_rule, no_acceptance_rule
from workflows.procedures import REPEAT_EVENT
from workflows.services.audit import event_prepare
from workflows.services.registration import _registration_record

#: Who of a letter's parties each content's case keeps: the sender (in the role of that
#: kind), their representatives, and the accused where the kind has one.
_KEEPS_THE_ACCUSED = (Kind.COMPLAINT, Kind.DENUNCIATION)


def letter_joined(letter: Case, open_case: Case, actor: User, on) -> Case:
    """The open case counts the repeated letter and shows it on its timeline.

    Its row is locked without waiting (the letter's is held: waiting could deadlock with an
    act that holds it and waits for the letter, or with a recount that locks in another
    order); busy, or changed since the form read it (ended, moved, another kind), the join is
    refused and nothing is written."""
    try:
        target = Case.objects.select_for_update(nowait=True, of=("self",)).get(pk=open_case.pk)
    except OperationalError as exc:
        # Only "the row is locked" (PostgreSQL's lock_not_available; SQLite's busy database
        # has no code) is a busy case: any other database error is not the user's to retry.
        if getattr(exc.__cause__, "sqlstate", None) not in (None, "55P03"):
            raise
        raise StateConflict(
            _("%(reference)s is being changed by someone else: try again.")
            % {"reference": open_case.reference}
        ) from None
    joinable = (
        target.state in JOINABLE_STATES
        and target.unit_id == letter.unit_id
        and target.kind == letter.kind
    )
    if not joinable:
        raise StateConflict(
            _("%(reference)s can no longer be joined: the letter is processed on its own.")
            % {"reference": target.reference}
        )
    target.repeat_count += 1
    event = event_prepare(
        case=target,
        action=REPEAT_EVENT,
        from_state=target.state,
        actor=actor,
        effective_on=on,
        payload={"letter": letter.reference, "repeat_count": target.repeat_count},
    )
    target.save(update_fields=["repeat_count", "event_count", "audit_head", "updated_at"])
    event.save(force_insert=True)
    return target


def split_references(letter: Case, count: int) -> tuple[str, ...]:
    """The references of the cases a split will register, numbered now in the unit's series
    for the year the letter was received, so that the letter's event names them."""
    year = letter.received_on.year
    return tuple(
        f"{letter.unit.code}-{year}-"
        f"{SequenceCounter.allocate(name='case', unit_id=letter.unit_id, year=year):06d}"
        for _n in range(count)
    )


def letter_split(
    letter: Case, parts: list[dict], references: tuple[str, ...], actor: User, on
) -> list[Case]:
    """One case per content, registered in the letter's unit, received when the letter was
    (its periods count from that day, by the rules of that day), each with ``split_from`` the
    letter. A split that touches a denunciation keeps the tie out of the other cases' events
    (the letter's own event names them all): who denounced must not be read from them."""
    parties = list(letter.parties.select_related("identity"))
    secret = letter.kind == Kind.DENUNCIATION
    return [
        _part_register(letter, part, reference, parties, actor, on, tie_shown=not secret)
        for part, reference in zip(parts, references, strict=True)
    ]


def _part_register(letter, part, reference, parties, actor, on, *, tie_shown) -> Case:
    kind = part["kind"]
    same_round = kind == letter.kind == Kind.COMPLAINT and letter.round == 2
    flags = {
        "is_complex": letter.is_complex,
        "is_especially_complex": letter.is_especially_complex,
        "is_remote_area": letter.is_remote_area,
    }
    rule = acceptance_rule(
        kind=kind,
        round=letter.round if same_round else 1,
        flags=flags,
        received_on=letter.received_on,
    )
    if rule is None:
        raise StateConflict(no_acceptance_rule(kind, letter.received_on))
    case = Case(
        reference=reference,
        kind=kind,
        round=letter.round if same_round else 1,
        previous_case=letter.previous_case if same_round else None,
        previous_reference=letter.previous_reference if same_round else "",
        appeal_from=letter.appeal_from if same_round else None,
        competent_unit=letter.competent_unit if kind == letter.kind else None,
        channel=letter.channel,
        forwarded_by=letter.forwarded_by,
        forwarder_kind=letter.forwarder_kind,
        transferred_in=letter.transferred_in,
        received_on=letter.received_on,
        registered_by=actor,
        unit=letter.unit,
        subject=part["subject"],
        content=part["content"],
        anonymous=letter.anonymous and kind == Kind.DENUNCIATION,
        split_from=letter,
        last_act_on=on,
        **flags,
    )
    case.save(force_insert=True)
    roles = _parties_copy(letter, case, parties)
    # The registration's own record: the same event and clock as a letter registered alone.
    extra = {"split_from": letter.reference} if tie_shown else {}
    _registration_record(
        case,
        actor,
        {"anonymous": case.anonymous, "acceptance_rule": rule},
        [{"role": role} for role in roles],
        extra=extra,
    )
    grants.case_grant_on_register(case)
    return case


def _parties_copy(letter: Case, case: Case, parties: list[Party]) -> list[str]:
    """The letter's parties as the content's case has them. Returns their roles."""
    brings, becomes = PETITIONER_ROLE.get(letter.kind), PETITIONER_ROLE.get(case.kind)
    rows = []
    for party in parties:
        role = becomes if party.role == brings else party.role
        if role == PartyRole.ACCUSED and case.kind not in _KEEPS_THE_ACCUSED:
            continue
        rows.append((role, party))
    copies = Party.objects.bulk_create(
        Party(case=case, role=role, position=party.position, order=i)
        for i, (role, party) in enumerate(rows)
    )
    PartyIdentity.objects.bulk_create(
        PartyIdentity(
            party=copy,
            full_name=party.identity.full_name,
            id_number=party.identity.id_number,
            address=party.identity.address,
            phone=party.identity.phone,
            email=party.identity.email,
        ).keys_set()
        for copy, (_role, party) in zip(copies, rows, strict=True)
        if hasattr(party, "identity")
    )
    return [role for role, _party in rows]
