from .case import Case
from .event import CaseEvent
from .numbering import SequenceCounter
from .party import Party, PartyIdentity
from .unit import Unit, User

__all__ = [
    "Case",
    "CaseEvent",
    "Party",
    "PartyIdentity",
    "SequenceCounter",
    "Unit",
    "User",
]
