"""The pre-clean merge of DOMAIN 10.2 keeps two real sessions of one day apart."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from the5hc_desktop.services import open_services
from the5hc_desktop.services.legacy_import import import_legacy
from the5hc_desktop.store.models import TrainingSession


def _add_sessions(path: Path, old: list[tuple[int, str, str | None]],
                  new: list[tuple[int, str, str | None]]) -> None:
    """Sessions of client 2 / package 2 (the fixture has none on these days)."""
    con = sqlite3.connect(path)
    try:
        con.executemany(
            "INSERT INTO training_sessions (id, client_id, trainer_id, package_id, session_date,"
            " session_time, session_duration, session_cost, status) VALUES (?,2,2,2,?,?,60,"
            "60000,'completed')", old)
        con.executemany(
            "INSERT INTO sessions (id, client_id, package_id, session_date, session_time,"
            " session_duration, session_cost, status, trainer_id) VALUES (?,2,2,?,?,60,60000.0,"
            "'completed',2)", new)
        con.commit()
    finally:
        con.close()


def _starts(target: Path, legacy_db: Path) -> tuple[list[datetime], object]:
    services = open_services(target)
    try:
        summary = import_legacy(services.database, legacy_db)
        with services.database.read() as s:
            starts = sorted(s.scalars(select(TrainingSession.starts_at).where(
                TrainingSession.legacy_id.in_([-10, -11, -12, 10, 11]))))
    finally:
        services.close()
    return starts, summary


def test_two_sessions_on_one_day_stay_two(target: Path, legacy_db: Path) -> None:
    # 10:00 was booked in the old table, 18:30 in the new one: two real sessions.
    _add_sessions(legacy_db, old=[(10, "2025-06-03", "10:00:00.5")],
                  new=[(10, "2025-06-03", "18:30:00")])
    starts, summary = _starts(target, legacy_db)
    assert starts == [datetime(2025, 6, 3, 1, 0, tzinfo=UTC),
                      datetime(2025, 6, 3, 9, 30, tzinfo=UTC)]
    assert summary.merged_duplicates["training_sessions"] == 1  # only the fixture's own twin
    assert [(m.legacy_id, m.kept_id) for m in summary.merges
            if m.table == "training_sessions"] == [(1, 1)]


def test_same_minute_or_a_missing_time_merges_and_is_reported(
    target: Path, legacy_db: Path
) -> None:
    _add_sessions(
        legacy_db,
        # #10 repeats 10:00 exactly; #11 has no time; #12 is a third session that day.
        old=[(10, "2025-06-03", "10:00:00.250"), (11, "2025-06-03", None),
             (12, "2025-06-03", "20:00")],
        new=[(10, "2025-06-03", "10:00:00"), (11, "2025-06-03", "18:30:00")],
    )
    starts, summary = _starts(target, legacy_db)
    assert starts == [datetime(2025, 6, 3, 1, 0, tzinfo=UTC),
                      datetime(2025, 6, 3, 9, 30, tzinfo=UTC),
                      datetime(2025, 6, 3, 11, 0, tzinfo=UTC)]
    merged = {(m.legacy_id, m.kept_id) for m in summary.merges
              if m.table == "training_sessions"}
    assert merged == {(1, 1), (10, 10), (11, 11)}
    assert summary.merged_duplicates["training_sessions"] == 3
    text = " ".join(m.describe()[1] for m in summary.merges)
    assert "training_sessions #11 merged into sessions #11 (2025-06-03 18:30)" in text
