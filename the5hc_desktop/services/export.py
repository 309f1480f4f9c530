"""Client list CSV (docs/domain.md 7.2): UTF-8 with BOM so Excel opens Hangul correctly.

Columns: 이름, 나이, 성별, 키(cm), 몸무게(kg), BMI, 활동상태, 최근평가점수, 병력, 운동경력,
이메일, 전화번호, 등록일, 담당 트레이너 — sorted by name. 활동상태 is 활동중 when the member
had a (not cancelled) session or an assessment in the last 30 days. The desktop keeps no
athletic background (운동경력), so that column is empty; it stays for files made for the
original's layout. Three set-based queries, so 100,000 members export in seconds.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from the5hc_desktop.domain.errors import StorageUnavailable
from the5hc_desktop.domain.people import GENDER_LABELS, Gender, bmi, format_phone
from the5hc_desktop.domain.scoring import fmt1
from the5hc_desktop.services.base import ServiceBase, audit, gym_zone, local_today, to_local
from the5hc_desktop.services.clients import client_age
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.permissions import Capability, can, require
from the5hc_desktop.store.models import Assessment, Client, StaffAccount, TrainingSession

HEADER = (
    "이름", "나이", "성별", "키(cm)", "몸무게(kg)", "BMI", "활동상태", "최근평가점수", "병력",
    "운동경력", "이메일", "전화번호", "등록일", "담당 트레이너",
)
ACTIVE_DAYS = 30
NO_ASSESSMENT = "평가없음"
Progress = Callable[[int, int], None]


class ExportService(ServiceBase):
    def clients_csv(
        self, actor: Actor, target: Path | IO[bytes], progress: Progress | None = None
    ) -> int:
        """Write every live member to `target` (a path or a binary stream); returns the count."""
        require(actor, Capability.VIEW_CLIENTS)
        medical = can(actor, Capability.EXPORT_MEDICAL_NOTES)  # DOMAIN 9.5: 병력 to managers
        with self._db.read() as session:
            zone = gym_zone(session)
            today = local_today(zone, self._now)
            since = today - timedelta(days=ACTIVE_DAYS)
            since_utc = datetime.combine(since, time(), zone)
            rows = session.execute(
                select(
                    Client.id, Client.name, Client.gender, Client.birth_date, Client.age_years,
                    Client.age_recorded_on, Client.height_cm, Client.weight_kg,
                    Client.medical_notes, Client.email, Client.phone, Client.created_at,
                    func.coalesce(StaffAccount.display_name, StaffAccount.username),
                )
                .outerjoin(StaffAccount, StaffAccount.id == Client.trainer_id)
                .where(Client.deleted_at.is_(None))
                .order_by(Client.name, Client.created_at)
            ).all()
            latest = _latest_overall(session)
            recent = _recently_seen(session, since, since_utc, self.utc_now())
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(HEADER)
        for done, r in enumerate(rows, start=1):
            age, _estimate = client_age(r.birth_date, r.age_years, r.age_recorded_on, today)
            index = bmi(r.height_cm, r.weight_kg)
            overall = latest.get(r.id)
            writer.writerow((
                r.name,
                "" if age is None else age,
                _gender(r.gender),
                fmt1(r.height_cm),
                fmt1(r.weight_kg),
                fmt1(index),
                "활동중" if r.id in recent else "비활동",
                NO_ASSESSMENT if overall is None else fmt1(overall),
                (r.medical_notes or "") if medical else "",
                "",
                r.email or "",
                format_phone(r.phone) if r.phone else "",
                to_local(r.created_at, zone).date().isoformat(),
                r[12] or "",
            ))
            if progress is not None and done % 5000 == 0:
                progress(done, len(rows))
        data = text.getvalue().encode("utf-8-sig")
        _write(target, data)
        with self._db.write() as session:
            audit(session, actor, "clients_exported", "client", None,
                  {"rows": len(rows), "medical_notes": medical})
        if progress is not None:
            progress(len(rows), len(rows))
        return len(rows)


def _gender(value: str) -> str:
    try:
        return GENDER_LABELS[Gender(value)].ko
    except ValueError:
        return value


def _latest_overall(session: Session) -> dict[uuid.UUID, float | None]:
    """Each member's newest assessment overall (None when it has no overall)."""
    rank = func.row_number().over(
        partition_by=Assessment.client_id,
        order_by=(Assessment.assessed_on.desc(), Assessment.created_at.desc()),
    ).label("rank")
    inner = (
        select(Assessment.client_id, Assessment.score_overall, rank)
        .where(Assessment.deleted_at.is_(None))
        .subquery()
    )
    return {
        client_id: overall
        for client_id, overall in session.execute(
            select(inner.c.client_id, inner.c.score_overall).where(inner.c.rank == 1)
        )
    }


def _recently_seen(
    session: Session, since: date, since_utc: datetime, now: datetime
) -> set[uuid.UUID]:
    """Members with an assessment or a session (not cancelled, not in the future) lately."""
    assessed = select(Assessment.client_id).where(
        Assessment.deleted_at.is_(None), Assessment.assessed_on >= since
    )
    trained = select(TrainingSession.client_id).where(
        TrainingSession.deleted_at.is_(None),
        TrainingSession.status != "cancelled",
        TrainingSession.starts_at >= since_utc,
        TrainingSession.starts_at <= now,
    )
    return set(session.scalars(assessed.union(trained)))


def _write(target: Path | IO[bytes], data: bytes) -> None:
    if not isinstance(target, Path):
        target.write(data)
        return
    work = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work.write_bytes(data)
        work.replace(target)
    except OSError as exc:
        work.unlink(missing_ok=True)  # it holds the whole member list
        raise StorageUnavailable(
            f"CSV 파일을 쓸 수 없습니다: {target} ({exc})",
            f"The CSV file could not be written: {target} ({exc})",
        ) from exc
