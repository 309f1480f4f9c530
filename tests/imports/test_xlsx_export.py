"""Excel exports: Korean headers, KRW as numbers, dates as dates, medical notes guarded."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from import_support import actor_of
from openpyxl import load_workbook
from sqlalchemy import func, select

from the5hc_desktop.domain.errors import PermissionDenied, ValidationError
from the5hc_desktop.services import Services
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.xlsx_export import KRW, XlsxExportService
from the5hc_desktop.store.models import AuditLogEntry, Payment, SessionPackage, TrainingSession


def _sheet(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path)
    return [tuple(c.value for c in row) for row in book.active.iter_rows()]


def test_payments_rows_and_totals(gym: Services, owner: Actor, tmp_path: Path) -> None:
    target = tmp_path / "out" / "payments.xlsx"
    start, end = date(2025, 1, 1), date(2025, 6, 15)
    result = XlsxExportService(gym.database).export(owner, "payments", target,
                                                   date_from=start, date_to=end)
    with gym.database.read() as s:
        stored = s.execute(select(func.count(), func.sum(Payment.gross), func.sum(Payment.vat),
                                  func.sum(Payment.card_fee), func.sum(Payment.net))
                           .where(Payment.paid_on.between(start, end))).one()
    rows = _sheet(target)
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header[:8] == ("결제일", "회원", "패키지", "결제 수단", "결제 금액(원)", "부가세(원)",
                          "카드 수수료(원)", "순수익(원)")
    assert result.rows == len(body) == stored[0] > 0
    for row in body:
        assert isinstance(row[0], datetime)  # a real date cell, not text
        assert start <= row[0].date() <= end
        gross, vat, card, net = row[4:8]
        assert isinstance(gross, int)
        assert vat + card + net == gross
    assert totals[0] == "합계"
    assert tuple(totals[4:8]) == tuple(stored[1:])
    cell = load_workbook(target).active["E2"]
    assert cell.number_format == KRW
    assert load_workbook(target).active["A2"].is_date


def test_medical_notes_only_for_owner_and_senior(gym: Services, owner: Actor,
                                                 tmp_path: Path) -> None:
    exporter = XlsxExportService(gym.database)
    trainer = actor_of(gym, Role.TRAINER)
    senior = actor_of(gym, Role.SENIOR)
    for actor, shown in ((owner, True), (senior, True), (trainer, False)):
        target = tmp_path / f"members-{actor.role}.xlsx"
        result = exporter.export(actor, "members", target)
        assert ("병력" in _sheet(target)[0]) is shown
        assert result.medical_notes is shown
    with gym.database.read() as s:
        logged = s.scalars(select(AuditLogEntry).where(
            AuditLogEntry.action == "members_exported").order_by(AuditLogEntry.at)).all()
    assert [(e.actor_id, e.details["medical_notes"]) for e in logged] == [
        (owner.staff_id, True), (senior.staff_id, True), (trainer.staff_id, False)]


def test_front_desk_cannot_export_revenue(gym: Services, tmp_path: Path) -> None:
    desk = actor_of(gym, Role.ASSISTANT)
    with pytest.raises(PermissionDenied):
        XlsxExportService(gym.database).export(desk, "payments", tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()


def test_sessions_and_packages(gym: Services, owner: Actor, tmp_path: Path) -> None:
    exporter = XlsxExportService(gym.database)
    exporter.export(owner, "sessions", tmp_path / "s.xlsx")
    exporter.export(owner, "packages", tmp_path / "k.xlsx")
    sessions, packages = _sheet(tmp_path / "s.xlsx"), _sheet(tmp_path / "k.xlsx")
    with gym.database.read() as s:
        assert len(sessions) - 1 == s.scalar(select(func.count()).select_from(TrainingSession))
        assert len(packages) - 1 == s.scalar(select(func.count()).select_from(SessionPackage))
    assert sessions[0][:3] == ("날짜", "시작", "회원")
    assert {r[6] for r in sessions[1:]} <= {"예약됨", "완료됨", "취소됨", "노쇼"}
    assert all(isinstance(r[4], int) and isinstance(r[7], int) for r in packages[1:])


def test_bad_requests_write_nothing(gym: Services, owner: Actor, tmp_path: Path) -> None:
    exporter = XlsxExportService(gym.database)
    with pytest.raises(ValidationError):
        exporter.export(owner, "payments", tmp_path / "x.xlsx",
                        date_from=date(2025, 6, 2), date_to=date(2025, 6, 1))
    with pytest.raises(ValidationError):
        exporter.export(owner, "secrets", tmp_path / "x.xlsx")
    assert list(tmp_path.glob("x.xlsx*")) == []
