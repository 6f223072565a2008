"""The one door for every change of state. Pages, the API and background work call only this."""

from workflows.services.cases import case_perform
from workflows.services.registration import case_register

__all__ = ["case_perform", "case_register"]
