"""The report command's plain sqlite3 read: each column decoded as its model type reads it,
and every file that needs more than a read sent to `Database.open` (NeedsFullOpen)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date, Float, Integer, String, Text

from the5hc_desktop.store import bulk_load, check_record, database, open_marker, report_rows
from the5hc_desktop.store import stored_forms as forms
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.file_lock import FileLock, try_exclusive
from the5hc_desktop.store.models import (
    Assessment,
    AssessmentHealth,
    Client,
    HealthScreening,
    Organization,
    Setting,
    StaffAccount,
    assessment_health_id,
)
from the5hc_desktop.store.report_rows import NeedsFullOpen, ReportRows
from the5hc_desktop.store.types import Code, DbUuid, Measure, PackedJSON, UTCDateTime, new_id

TABLES: list[tuple[Mapping[str, Any], type[Any]]] = [
    (report_rows.ASSESSMENT, Assessment), (report_rows.CLIENT, Client),
    (report_rows.STAFF, StaffAccount), (report_rows.HEALTH, AssessmentHealth),
    (report_rows.SCREENING, HealthScreening), (report_rows.SETTING, Setting),
    (report_rows.ORGANIZATION, Organization),
]


def _expected(column_type: Any) -> Any:
    """How store/stored_forms reads a value of this model type."""
    kinds = [(Measure, forms.measure_read), (DbUuid, forms.uuid_read),
             (UTCDateTime, forms.instant_read), (PackedJSON, forms.packed_json_read),
             (JSON, forms.json_read), (Date, forms.date_read), (Boolean, forms.bool_read),
             (Integer, None), (Float, None), (String, None), (Text, None)]
    return next(read for kind, read in kinds if isinstance(column_type, kind))


@pytest.mark.parametrize(("columns", "model"), TABLES, ids=lambda v: getattr(v, "__name__", ""))
def test_each_column_is_read_as_its_model_type_reads_it(
    columns: Mapping[str, Any], model: type[Any]
) -> None:
    table = model.__table__
    for name, read in columns.items():
        column_type = table.c[name].type
        if isinstance(column_type, Code):
            assert isinstance(read, functools.partial), name
            assert read.func is forms.code_read, name
            assert read.args == (column_type.values,), name
        else:
            assert read is _expected(column_type), name


def test_every_column_the_report_reads_of_an_assessment_is_there() -> None:
    assert set(report_rows.ASSESSMENT) == set(Assessment.__table__.c.keys()) - {
        "updated_at", "updated_by_device", "change_stamp", "hlc", "legacy_id"}


def test_its_copies_of_store_names_are_the_same() -> None:
    assert report_rows.WORK_SUFFIXES == database.WORK_SUFFIXES
    assert report_rows.BULK_LOAD_MARKER == bulk_load.MARKER
    for _ in range(20):
        some = new_id()
        assert report_rows.health_id(some) == assessment_health_id(some)


def test_a_file_at_head_is_read_and_closed_as_database_close_leaves_it(
    migrated_db_path: Path,
) -> None:
    Database.open(migrated_db_path).close()
    with ReportRows.open(migrated_db_path) as rows:
        assert open_marker.is_marked(migrated_db_path)
        assert try_exclusive(migrated_db_path) is None  # held (shared) while open
        assert rows.first_owner() is None
        assert rows.gym_name() == ""
        assert rows.assessment(new_id()) is None
    assert not open_marker.is_marked(migrated_db_path)
    lock = try_exclusive(migrated_db_path)
    assert lock is not None
    lock.release()


def test_another_program_may_have_the_file_open(migrated_db_path: Path) -> None:
    with Database.open(migrated_db_path), ReportRows.open(migrated_db_path) as rows:
        assert rows.setting("timezone") is None
    assert not open_marker.is_marked(migrated_db_path)


def _stamp(path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def _refused(path: Path, reason: str) -> None:
    with pytest.raises(NeedsFullOpen, match=reason):
        ReportRows.open(path)
    lock = try_exclusive(path)  # nothing left held
    assert lock is not None
    lock.release()


def test_another_revision_is_for_the_ordinary_open(migrated_db_path: Path) -> None:
    Database.open(migrated_db_path).close()
    _stamp(migrated_db_path, "UPDATE alembic_version SET version_num = '0013'")
    _refused(migrated_db_path, "revision")
    _stamp(migrated_db_path, "UPDATE alembic_version SET version_num = '9999'")
    _refused(migrated_db_path, "revision")
    _stamp(migrated_db_path, "DROP TABLE alembic_version")
    _refused(migrated_db_path, "revision")


def test_a_file_left_open_or_found_damaged_is_checked_first(migrated_db_path: Path) -> None:
    Database.open(migrated_db_path).close()
    open_marker.mark_open(migrated_db_path)  # as a killed program leaves it
    _refused(migrated_db_path, "integrity check")
    assert open_marker.is_marked(migrated_db_path)  # still there for the ordinary open
    open_marker.marker_file(migrated_db_path).unlink()
    check_record.note_damaged(migrated_db_path)
    _refused(migrated_db_path, "integrity check")
    check_record.note_passed(migrated_db_path)
    ReportRows.open(migrated_db_path).close()


def test_left_work_copies_a_bulk_load_or_a_new_device_need_the_ordinary_open(
    migrated_db_path: Path,
) -> None:
    _refused(migrated_db_path, "device")  # never opened by the app: no device row yet
    Database.open(migrated_db_path).close()
    work = migrated_db_path.with_name(migrated_db_path.name + ".upgrading")
    work.write_bytes(b"")
    _refused(migrated_db_path, "left behind")
    work.unlink()
    _stamp(migrated_db_path, "INSERT INTO sync_state (key, value) VALUES (?, '[]')",
           bulk_load.MARKER)
    _refused(migrated_db_path, "bulk load")


def test_a_file_held_exclusively_or_not_a_database(migrated_db_path: Path) -> None:
    Database.open(migrated_db_path).close()
    held = FileLock.acquire(migrated_db_path, exclusive=True)  # a restore under way
    with held, pytest.raises(NeedsFullOpen):
        ReportRows.open(migrated_db_path)
    migrated_db_path.write_bytes(b"not a database" * 100)
    _refused(migrated_db_path, "DatabaseError")
    _refused(migrated_db_path.with_name("missing.sqlite3"), "no file")
