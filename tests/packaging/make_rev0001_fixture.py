"""Writes gym_rev0001.db: a small gym as a 0001-era desk holds it (run by hand, not a test).

    python tests/packaging/make_rev0001_fixture.py

The gym is made through the services at the current head, then migrated down to revision
0001, so the shipped file has the 0001 schema with realistic rows: a gym and its owner, a
member with a Hangul name and one complete assessment (the frozen self-test renders its
PDF). The file is committed; run this again only to change what it holds.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from the5hc_desktop.services import open_services  # noqa: E402
from the5hc_desktop.services.assessment_views import AssessmentDraft  # noqa: E402
from the5hc_desktop.services.clients import ClientDraft  # noqa: E402
from the5hc_desktop.store import migrate  # noqa: E402
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine  # noqa: E402

TARGET = Path(__file__).with_name("gym_rev0001.db")
VALUES: dict[str, object] = {
    "push_up_reps": 23, "push_up_type": "standard", "farmer_carry_weight_kg": 32.5,
    "farmer_carry_distance_m": 40, "farmer_carry_time_s": 52, "toe_touch_cm": -3.5,
    "shoulder_mobility_score": 2, "shoulder_left_cm": 12, "shoulder_right_cm": 17,
    "overhead_squat_score": 2, "balance_right_open_s": 30, "balance_left_open_s": 28,
    "balance_right_closed_s": 12, "balance_left_closed_s": 10, "step_test_pulse_1": 55,
    "step_test_pulse_2": 50, "step_test_pulse_3": 45,
}


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="the5hc-fixture-"))
    path = folder / "gym.sqlite3"
    try:
        services = open_services(path)
        try:
            services.accounts.create_gym_and_owner(
                "더파이브 헬스케어", "김대표", "owner", "fixture-pass-2024!")
            owner = services.accounts.sign_in("owner", "fixture-pass-2024!")
            client = services.clients.create(owner, ClientDraft(
                "김민수", "male", "010-1234-5678", birth_date=date(1990, 3, 1),
                height_cm=176, weight_kg=72.4)).client
            services.assessments.create(owner, AssessmentDraft(
                client.id, date(2024, 12, 1), None, height_cm=176, weight_kg=72.4,
                values=VALUES, notes="첫 평가"))
        finally:
            services.close()
        engine = create_sqlite_engine(path, foreign_keys=False)
        try:
            with write_engine(engine).begin() as conn:
                from alembic import command

                config = migrate.make_config()
                config.attributes["connection"] = conn
                command.downgrade(config, "0001")
        finally:
            engine.dispose()
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA page_size=1024")
            conn.execute("VACUUM")
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        shutil.copyfile(path, TARGET)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")  # noqa: T201


if __name__ == "__main__":
    main()
