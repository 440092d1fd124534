"""Database-side guard: no two sessions in one room at once.

Django has no portable overlap constraint, so each backend gets its native form: an
exclusion constraint on PostgreSQL, triggers on SQLite. SQLite drops triggers when
Django rebuilds the table for a schema change, so every migration that alters
`events_session` calls `install_room_overlap_guard` again (it is idempotent).
"""

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """DO $$ BEGIN
        ALTER TABLE events_session ADD CONSTRAINT session_room_no_overlap
        EXCLUDE USING gist (room_id WITH =, tstzrange(start, "end") WITH &&)
        WHERE (room_id IS NOT NULL);
    EXCEPTION WHEN duplicate_object OR duplicate_table THEN NULL; END $$""",
]
POSTGRES_DROP = [
    "ALTER TABLE events_session DROP CONSTRAINT IF EXISTS session_room_no_overlap"
]

_SQLITE_CLASH = """
    WHEN NEW.room_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM events_session s
        WHERE s.room_id = NEW.room_id AND s.id != NEW.id
          AND s.start < NEW."end" AND s."end" > NEW.start)
    BEGIN SELECT RAISE(ABORT, 'session_room_no_overlap: room double-booked'); END
"""
SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS session_room_no_overlap_insert "
    "BEFORE INSERT ON events_session" + _SQLITE_CLASH,
    "CREATE TRIGGER IF NOT EXISTS session_room_no_overlap_update "
    "BEFORE UPDATE ON events_session" + _SQLITE_CLASH,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS session_room_no_overlap_insert",
    "DROP TRIGGER IF EXISTS session_room_no_overlap_update",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


install_room_overlap_guard = _run({"postgresql": POSTGRES, "sqlite": SQLITE})
remove_room_overlap_guard = _run({"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP})
