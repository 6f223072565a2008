from .attachment import Attachment, AttachmentType
from .case import Case
from .deadlines import CalendarDay, Clock, DeadlineRule
from .document import Document
from .event import CaseEvent
from .notification import Notification
from .numbering import SequenceCounter
from .party import Party, PartyIdentity
from .unit import Unit, User

__all__ = [
    "Attachment",
    "AttachmentType",
    "CalendarDay",
    "Case",
    "CaseEvent",
    "Clock",
    "DeadlineRule",
    "Document",
    "Notification",
    "Party",
    "PartyIdentity",
    "SequenceCounter",
    "Unit",
    "User",
]
