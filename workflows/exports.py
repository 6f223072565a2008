"""The case list as CSV, streamed: for a spreadsheet, a report, or the national database.

A row per case the user may see (the selectors' scope), with the list's filters, in a constant
amount of memory however many cases there are: rows are read from a server-side cursor (on
PostgreSQL) in chunks and written out as they come. No party's identity is in an export: only
the case's own facts (DESIGN.md, "Confidentiality").

A text cell that a spreadsheet would take for a formula (``=HYPERLINK(...)`` in a subject runs
when the file is opened) is written with a single quote before it, as OWASP recommends for CSV
files ("CSV Injection"): the spreadsheet then shows the text, and runs nothing.
"""

import csv
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from casework.choices import Channel, Kind, Outcome, State

#: (field, column title), in the order of the file.
COLUMNS = [
    ("reference", gettext_lazy("Reference")),
    ("kind", gettext_lazy("Kind")),
    ("round", gettext_lazy("Round")),
    ("channel", gettext_lazy("Channel")),
    ("received_on", gettext_lazy("Received on")),
    ("unit__code", gettext_lazy("Unit")),
    ("subject", gettext_lazy("Subject")),
    ("state", gettext_lazy("State")),
    ("assignee__username", gettext_lazy("Assignee")),
    ("next_due_on", gettext_lazy("Next due date")),
    ("outcome", gettext_lazy("Outcome")),
    ("last_act_on", gettext_lazy("Date of the last act")),
]
CHUNK = 2000
#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralised(value):
    """The value as a cell that no spreadsheet runs: text that starts like a formula gets a
    single quote before it. Every text cell, not only those a user types (a subject), since
    usernames and unit codes come from outside too; dates and numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` hands the line back, for ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def cases_csv_lines(queryset) -> Iterator[str]:
    """The header, then a line per case of ``queryset``, oldest first.

    The words (titles, states, kinds) are translated here, in the request's language: the
    lines themselves are written later, as the server sends them, when the request's
    language may no longer be active.
    """
    labels = {
        "kind": dict(Kind.choices),
        "state": dict(State.choices),
        "channel": dict(Channel.choices),
        "outcome": dict(Outcome.choices),
    }
    labels = {field: {k: str(v) for k, v in values.items()} for field, values in labels.items()}
    header = [str(title) for _field, title in COLUMNS]
    return _lines(queryset, header, labels)


def _lines(queryset, header: list[str], labels: dict) -> Iterator[str]:
    fields = [field for field, _title in COLUMNS]
    positions = {field: fields.index(field) for field in labels}
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark: spreadsheets then read the Vietnamese right
    yield writer.writerow(header)
    rows = queryset.order_by("pk").values_list(*fields).iterator(chunk_size=CHUNK)
    for row in rows:
        row = list(row)
        for field, index in positions.items():
            row[index] = labels[field].get(row[index], row[index])
        yield writer.writerow([cell_neutralised(value) for value in row])


def cases_csv_response(queryset) -> StreamingHttpResponse:
    """The export as a download, written while it is read."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        cases_csv_lines(queryset), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="casework-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
