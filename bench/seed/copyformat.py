"""Values in PostgreSQL COPY's text format."""

import json
from datetime import date

NULL = "\\N"


def copy_text(value: str) -> str:
    """A string for COPY: backslash, tab, newline and carriage return escaped."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


def copy_json(value) -> str:
    return copy_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def copy_day(day: date | None) -> str:
    return NULL if day is None else day.isoformat()


def copy_bool(value: bool) -> str:
    return "t" if value else "f"
