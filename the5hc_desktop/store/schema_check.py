"""Does a file hold exactly the schema the app's migrations create? (restore and `check`)

A backup is data, but its schema is code: a trigger or view planted in a file handed over
as a "backup" would run inside the app after a restore. So the file's schema objects
(tables, indexes, triggers, views, as SQLite stores their SQL) are compared with those of
an empty database migrated to the same revision; anything extra, missing or different is
reported by name. SQLite's own objects (`sqlite_*`) are left out.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import tempfile
from pathlib import Path

from the5hc_desktop.store import migrate
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine

SchemaObject = tuple[str, str, str]  # (type, name, normalised SQL)


_OBJECTS = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"


def schema_objects(conn: sqlite3.Connection) -> dict[str, SchemaObject]:
    rows = conn.execute(_OBJECTS).fetchall()
    return {f"{kind} {name}": (kind, name, _normalise(kind, sql)) for kind, name, sql in rows}


def _normalise(kind: str, sql: str | None) -> str:
    text = re.sub(r"\s+", " ", sql or "").strip().lower()
    if kind != "table" or "(" not in text:
        return text
    # A batch rebuild writes a table's constraints in no fixed order: compare the clauses
    # of the column list as a sorted list.
    head, _, body = text.partition("(")
    body = body[: body.rfind(")")]
    clauses, depth, start = [], 0, 0
    for i, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            clauses.append(body[start:i].strip())
            start = i + 1
    clauses.append(body[start:].strip())
    return head.strip() + " (" + ", ".join(sorted(clauses)) + ")"


@functools.cache
def reference_sql(revision: str) -> dict[tuple[str, str], str | None]:
    """(type, name) -> SQL as SQLite stores it, for an empty database migrated to `revision`
    (built once per run)."""
    with tempfile.TemporaryDirectory(prefix="the5hc-schema-") as folder:
        path = Path(folder) / "reference.sqlite3"
        engine = create_sqlite_engine(path, foreign_keys=False)
        try:
            with write_engine(engine).begin() as conn:
                migrate.upgrade(conn, target=revision)
        finally:
            engine.dispose()
        reader = sqlite3.connect(path)
        try:
            return {(kind, name): sql for kind, name, sql in reader.execute(_OBJECTS)}
        finally:
            reader.close()


def reference_objects(revision: str) -> dict[str, SchemaObject]:
    """The objects of an empty database migrated to `revision`."""
    return {f"{kind} {name}": (kind, name, _normalise(kind, sql))
            for (kind, name), sql in reference_sql(revision).items()}


def schema_differences(conn: sqlite3.Connection, revision: str) -> list[str]:
    """What differs from the migrations' schema at `revision`: 'extra trigger x', ..."""
    found = schema_objects(conn)
    expected = reference_objects(revision)
    problems = [f"extra {key}" for key in sorted(found.keys() - expected.keys())]
    problems += [f"missing {key}" for key in sorted(expected.keys() - found.keys())]
    problems += [f"changed {key}" for key in sorted(found.keys() & expected.keys())
                 if found[key] != expected[key]]
    return problems
