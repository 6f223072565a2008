"""Bulk loading into PostgreSQL: the database itself, COPY in a writer thread, the indexes.

The case tables are filled in one transaction: their secondary indexes, unique and foreign-key
constraints are dropped (their definitions read from the catalogue), the tables truncated so
that ``COPY ... FREEZE`` writes rows already frozen and visible (no VACUUM pass afterwards), and
then everything is recreated exactly as the migrations made it. Rebuilding a foreign key checks
every row against its target, so a load that broke a reference fails and rolls back whole.
"""

import queue
import threading
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

# The factory's tables, in load order: (table, columns of each COPY row).
# fmt: off
TABLES = {
    "case": ("casework_case", (
        "id", "reference", "kind", "round", "previous_reference", "channel", "received_on",
        "subject", "content", "is_complex", "is_especially_complex", "is_remote_area",
        "anonymous", "state", "suspended_from", "outcome", "decision_summary", "findings",
        "closure_reason", "extensions_used", "extension_days", "last_act_on", "event_count",
        "audit_head", "created_at", "updated_at", "assignee_id", "previous_case_id",
        "registered_by_id", "unit_id", "next_due_on", "procedure", "demand_differs",
        "dialogue_held_on", "appeal_from", "check_extended_on", "acceptance_notified_on",
        "forwarded_by", "forwarder_kind", "transferred_in", "repeat_count",
        "decision_sent_on", "conclusion_handled_on",
    )),
    "party": ("casework_party", ("id", "role", "position", "order", "case_id")),
    "identity": ("casework_partyidentity", (
        "id", "full_name", "id_number", "address", "phone", "email", "name_key",
        "id_number_key", "party_id",
    )),
    "event": ("casework_caseevent", (
        "id", "seq", "action", "from_state", "to_state", "effective_on", "recorded_at",
        "payload", "texts", "prev_hash", "hash", "actor_id", "case_id",
    )),
    "clock": ("casework_clock", (
        "id", "stage", "started_on", "period", "unit", "extension_days", "pauses", "status",
        "due_on", "met_on", "case_id", "rule_id", "missed_on",
    )),
    "group_grant": ("permissions_casegroupobjectpermission", (
        "id", "content_object_id", "group_id", "permission_id",
    )),
    "user_grant": ("permissions_caseuserobjectpermission", (
        "id", "content_object_id", "permission_id", "user_id",
    )),
}
# fmt: on


def _database(url: str) -> tuple[str, str]:
    """(the database's name, a URL of the server's maintenance database)."""
    parts = urlsplit(url)
    return parts.path.lstrip("/"), urlunsplit(parts._replace(path="/postgres"))


def database_prepare(url: str, *, reset: bool) -> bool:
    """Create the bench database if missing; with ``reset``, drop it first. True if created."""
    name, maintenance = _database(url)
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and reset:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        if reset or not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


class BulkLoad:
    """One transaction on its own connection: drop, COPY (from a writer thread), rebuild."""

    def __init__(self, url: str, progress):
        self.conn = psycopg.connect(url)
        self.progress = progress
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._write, name="copy-writer", daemon=True)
        self.tables = [table for table, _columns in TABLES.values()]
        self.indexes: list[tuple[str, str]] = []
        self.constraints: list[tuple[str, str, str, str]] = []

    def begin(self) -> None:
        conn = self.conn
        # This session only: the load is one transaction that is redone whole if it fails.
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("SET work_mem = '256MB'")
        tables = self.tables
        self.constraints = conn.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE (c.contype = 'u' AND c.conrelid = ANY(%(t)s::regclass[]))
               OR (c.contype = 'f' AND (c.conrelid = ANY(%(t)s::regclass[])
                                        OR c.confrelid = ANY(%(t)s::regclass[])))
            ORDER BY c.contype, c.conname
            """,
            {"t": tables},
        ).fetchall()
        self.indexes = conn.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%(t)s::regclass[]) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                              WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
            ORDER BY 1
            """,
            {"t": tables},
        ).fetchall()
        for table, name, _type, _definition in self.constraints:  # foreign keys first
            conn.execute(
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
            )
        for name, _definition in self.indexes:
            conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("TRUNCATE {}").format(sql.SQL(", ").join(map(sql.Identifier, tables))))
        self.thread.start()

    def _write(self) -> None:
        while True:
            batch = self.queue.get()
            if batch is None:
                return
            if self.error is not None:
                continue  # drain: the main thread raises at its next put
            try:
                with self.conn.cursor() as cursor:
                    for key, lines in batch.items():
                        if not lines:
                            continue
                        table, columns = TABLES[key]
                        statement = sql.SQL("COPY {} ({}) FROM STDIN WITH (FREEZE)").format(
                            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
                        )
                        with cursor.copy(statement) as copy:
                            copy.write("\n".join(lines))
                            copy.write("\n")
            except BaseException as error:  # handed to the main thread
                self.error = error

    def put(self, batch: dict[str, list[str]]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(batch)

    def finish(self, counters: dict[tuple[int, int], int]) -> dict[str, float]:
        """Wait for the writer, rebuild indexes and constraints, set the sequences, commit."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        conn, timings = self.conn, {}
        started = time.perf_counter()
        steps = len(self.indexes) + len(self.constraints)
        done = 0
        for name, definition in self.indexes:
            t0 = time.perf_counter()
            conn.execute(definition)
            done += 1
            self.progress(f"index {done}/{steps} {name}", time.perf_counter() - t0)
        for table, name, _type, definition in reversed(self.constraints):  # unique, then FKs
            t0 = time.perf_counter()
            conn.execute(
                sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                    sql.Identifier(table), sql.Identifier(name), sql.SQL(definition)
                )
            )
            done += 1
            self.progress(f"constraint {done}/{steps} {name}", time.perf_counter() - t0)
        timings["indexes_and_constraints_s"] = time.perf_counter() - started
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO casework_sequencecounter (name, unit_id, year, last_value) "
                "VALUES ('case', %s, %s, %s)",
                [(unit, year, last) for (unit, year), last in sorted(counters.items())],
            )
        for table in self.tables:
            conn.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({t}, 'id'), coalesce(max(id), 1), "
                    "max(id) IS NOT NULL) FROM {i}"
                ).format(t=sql.Literal(table), i=sql.Identifier(table))
            )
        t0 = time.perf_counter()
        conn.commit()
        timings["commit_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        conn.autocommit = True
        conn.execute("VACUUM (ANALYZE)")
        timings["vacuum_analyze_s"] = time.perf_counter() - t0
        conn.close()
        return timings

    def abort(self) -> None:
        if self.thread.is_alive():
            self.error = self.error or RuntimeError("aborted")
            self.queue.put(None)
            self.thread.join()
        self.conn.rollback()
        self.conn.close()
