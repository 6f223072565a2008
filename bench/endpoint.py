"""The baseline endpoint of the load benchmarks: the least a state change can cost here.

``POST /bench/baseline/``, served only when ``CASEWORK_BENCH_ENDPOINT`` is set (the bench's
gunicorn sets it; nothing else does). Authenticated like the API (a DRF token), it locks one
row, updates it and inserts one row, in one transaction, and answers a small JSON body: what a
lean transition must do at the least (lock the case, change it, write its event), without the
rules. The tables are the bench's own (``baseline_tables``), in the bench database.
"""

import random

from django.db import connection, transaction
from rest_framework.response import Response
from rest_framework.views import APIView

ROWS = 1000


def baseline_tables() -> None:
    """Create the baseline's two tables if they are missing, with ``ROWS`` rows to lock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_baseline_row ("
            " id integer PRIMARY KEY, value bigint NOT NULL DEFAULT 0,"
            " touched_at timestamptz)"
        )
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_baseline_hit ("
            " id bigserial PRIMARY KEY, row_id integer NOT NULL, user_id integer NOT NULL,"
            " at timestamptz NOT NULL DEFAULT now())"
        )
        cursor.execute(
            "INSERT INTO bench_baseline_row (id) SELECT g FROM generate_series(1, %s) g"
            " ON CONFLICT DO NOTHING",
            [ROWS],
        )
        cursor.execute("TRUNCATE bench_baseline_hit")


class BaselineView(APIView):
    """Lock a row, update it, insert a row; answer ``{"row": n, "value": v}``."""

    def post(self, request):
        row = random.randint(1, ROWS)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT value FROM bench_baseline_row WHERE id = %s FOR UPDATE", [row])
            cursor.execute(
                "UPDATE bench_baseline_row SET value = value + 1, touched_at = now()"
                " WHERE id = %s RETURNING value",
                [row],
            )
            value = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO bench_baseline_hit (row_id, user_id) VALUES (%s, %s)",
                [row, request.user.pk],
            )
        return Response({"row": row, "value": value})
