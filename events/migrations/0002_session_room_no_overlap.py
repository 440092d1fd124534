"""No two sessions in one room at once, enforced by the database itself.

Django has no portable overlap constraint, so each backend gets its native form:
an exclusion constraint on PostgreSQL, triggers on SQLite. `Session.clean()` gives
the friendly message first; this catches races between two editors.
"""

from django.db import migrations

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE events_session ADD CONSTRAINT session_room_no_overlap
       EXCLUDE USING gist (room_id WITH =, tstzrange(start, "end") WITH &&)
       WHERE (room_id IS NOT NULL)""",
]
POSTGRES_DOWN = ["ALTER TABLE events_session DROP CONSTRAINT session_room_no_overlap"]

_SQLITE_CLASH = """
    WHEN NEW.room_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM events_session s
        WHERE s.room_id = NEW.room_id AND s.id != NEW.id
          AND s.start < NEW."end" AND s."end" > NEW.start)
    BEGIN SELECT RAISE(ABORT, 'session_room_no_overlap: room double-booked'); END
"""
SQLITE_UP = [
    "CREATE TRIGGER session_room_no_overlap_insert BEFORE INSERT ON events_session"
    + _SQLITE_CLASH,
    "CREATE TRIGGER session_room_no_overlap_update BEFORE UPDATE ON events_session"
    + _SQLITE_CLASH,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS session_room_no_overlap_insert",
    "DROP TRIGGER IF EXISTS session_room_no_overlap_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
