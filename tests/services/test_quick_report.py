"""The report command's own path (services/quick_report.py) against the ordinary one: the same
report values for random assessments of a random gym, the same PDF text, and everything out
of the ordinary handled by the ordinary path."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from service_support import Clock
from sqlalchemy import select

from the5hc_desktop.domain import screening as s
from the5hc_desktop.domain.errors import NotFound, StorageUnavailable
from the5hc_desktop.services import build_services
from the5hc_desktop.services.base import put_setting
from the5hc_desktop.services.demo import generate_demo
from the5hc_desktop.services.health import HealthDraft
from the5hc_desktop.services.maintenance import system_actor
from the5hc_desktop.services.quick_report import quick_data, render_assessment
from the5hc_desktop.services.report_service import ReportService
from the5hc_desktop.store import report_rows
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Assessment,
    AssessmentHealth,
    Client,
    HealthScreening,
    StaffAccount,
)
from the5hc_desktop.store.report_rows import ReportRows

CHOICES = {
    "strength_frequency": ["one_two", "two_three", "four_five", "daily"],
    "sleep_hours": ["under_5", "five_six", "seven_eight", "nine_plus"],
    "tobacco": ["daily", "sometimes", "quit_recently", "never"],
    "main_goal": ["lose_weight", "build_muscle", "better_health", "performance"],
}
NUTRIENTS = ["protein", "carbohydrate", "fat", "vitamins"]
ZONES: list[object] = ["Asia/Seoul", "America/New_York", "Nowhere/Zone", "", 9]


def _health_draft(rng: random.Random) -> HealthDraft:
    screening = {key: rng.random() < 0.15 for key in s.SCREENING_KEYS}
    answers: dict[str, object] | None = None
    if rng.random() < 0.7:
        answers = {key: rng.choice(keys) for key, keys in CHOICES.items()}
        answers["goal_confidence"] = rng.randint(1, 5)
        if rng.random() < 0.6:
            answers["recovery_nutrients"] = rng.sample(NUTRIENTS, rng.randint(1, 3))
    return HealthDraft(screening_answers=screening, proceed_reason="본인이 원함",
                       questionnaire=answers)


def _random_gym(db: Database, clock: Clock, seed: int) -> list[uuid.UUID]:
    """A small demo gym, health records on most assessments, and the rarer stored forms."""
    rng = random.Random(seed)
    generate_demo(db, 30, seed, today=date(2025, 6, 10))
    services = build_services(db, now=clock)
    actor = system_actor(db)
    with db.read() as session:
        ids = list(session.scalars(select(Assessment.id).order_by(Assessment.id)))
    for assessment_id in ids:
        if rng.random() < 0.6:
            services.health.save_for_assessment(actor, assessment_id, _health_draft(rng),
                                                 require_screening=False)
    with db.write() as session:
        put_setting(session, "timezone", rng.choice(ZONES))
        for assessment_id in rng.sample(ids, len(ids) // 4):
            row = session.get_one(Assessment, assessment_id)
            change = rng.randrange(5)
            if change == 0:
                row.recommendations = {}  # before tips were stored: worked out on reading
            elif change == 1:
                row.height_cm = row.weight_kg = None  # the member's height, the test weight
            elif change == 2:
                row.risk_score = None  # imported without a risk score
            elif change == 3:
                session.get_one(Client, row.client_id).deleted_at = clock()
            else:
                session.get_one(StaffAccount, row.trainer_id).display_name = ""
    return ids


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_report_values_equal_the_report_services(
    db: Database, clock: Clock, seed: int
) -> None:
    ids = _random_gym(db, clock, seed)
    reports = ReportService(db, now=clock)
    actor = system_actor(db)
    assert db.path is not None
    with_health = 0
    for assessment_id in ids:
        quick = quick_data(db.path, assessment_id, clock)
        assert quick == reports.assessment_data(actor, assessment_id)
        with_health += quick is not None and quick.health is not None
    assert with_health > len(ids) // 3


def test_each_row_reads_as_the_orm_reads_it(db: Database, clock: Clock) -> None:
    ids = _random_gym(db, clock, 8)
    assert db.path is not None
    tables = [(report_rows.ASSESSMENT, Assessment), (report_rows.CLIENT, Client),
              (report_rows.STAFF, StaffAccount), (report_rows.HEALTH, AssessmentHealth),
              (report_rows.SCREENING, HealthScreening)]
    with db.read() as session, ReportRows.open(db.path) as rows:
        read = {Assessment: lambda r: rows.assessment(r.id),
                Client: lambda r: rows.client(r.id), StaffAccount: lambda r: rows.staff(r.id),
                HealthScreening: lambda r: rows.screening(r.id),
                AssessmentHealth: lambda r: rows.health(r.assessment_id)}  # by derived id
        compared = 0
        for columns, model in tables:
            for row in session.scalars(select(model)):
                plain = read[model](row)
                assert plain is not None
                assert vars(plain) == {name: getattr(row, name) for name in columns}
                compared += 1
        assert compared > 3 * len(ids)


def test_what_it_leaves_to_the_ordinary_path(db: Database, clock: Clock) -> None:
    ids = _random_gym(db, clock, 4)
    assert db.path is not None
    deleted, legacy = ids[:2]
    with db.write() as session:
        session.get_one(Assessment, deleted).deleted_at = clock()
        session.get_one(Assessment, legacy).age_at_assessment = None  # from the member
    assert quick_data(db.path, deleted, clock) is None
    assert quick_data(db.path, legacy, clock) is None
    assert quick_data(db.path, uuid.uuid4(), clock) is None
    path = db.path
    db.close()
    with pytest.raises(NotFound):
        render_assessment(path, deleted, path.parent / "gone.pdf", clock)
    written = render_assessment(path, legacy, path.parent, clock)  # a folder: named in it
    assert written.parent == path.parent
    assert written.name.endswith("_평가보고서.pdf")


def _text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_pdf_reads_as_the_ordinary_one(db: Database, clock: Clock, tmp_path: Path) -> None:
    ids = _random_gym(db, clock, 5)
    assert db.path is not None
    path = db.path
    reports, actor = ReportService(db, now=clock), system_actor(db)
    plain = [reports.render_assessment(actor, i, tmp_path / f"{n}.pdf")
             for n, i in enumerate(ids[:4])]
    db.close()
    for n, assessment_id in enumerate(ids[:4]):
        quick = render_assessment(path, assessment_id, tmp_path / f"quick{n}.pdf", clock)
        assert _text(quick) == _text(plain[n])


def test_a_file_of_a_newer_version_is_refused_as_before(db: Database, clock: Clock) -> None:
    ids = _random_gym(db, clock, 6)
    assert db.path is not None
    path = db.path
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(StorageUnavailable, match="newer version"):
        render_assessment(path, ids[0], path.parent / "r.pdf", clock)


def test_the_command_imports_no_sqlalchemy(db: Database, clock: Clock, tmp_path: Path) -> None:
    ids = _random_gym(db, clock, 7)
    assert db.path is not None
    path = db.path
    db.close()
    script = (
        "import sys\n"
        "from the5hc_desktop.cli import main\n"
        f"code = main(['--db', {str(path)!r}, 'report', {str(ids[0])!r}, "
        f"'-o', {str(tmp_path / 'r.pdf')!r}])\n"
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'alembic', 'PySide6'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.splitlines()[-1] == "0 []"
    assert (tmp_path / "r.pdf").stat().st_size > 0


def test_the_input_fields_are_the_models() -> None:
    from the5hc_desktop.services.stored_assessment import INPUT_FIELDS
    from the5hc_desktop.store.models import ASSESSMENT_INPUT_FIELDS

    assert INPUT_FIELDS == ASSESSMENT_INPUT_FIELDS
