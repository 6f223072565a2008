"""The API's filters: shared with the pages, in ``workflows.filters``."""

from workflows.filters import CaseFilter

__all__ = ["CaseFilter"]
