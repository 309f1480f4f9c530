"""Rows most store tests need (imported by conftest and tests: tests/store is on sys.path)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from the5hc_desktop.store import migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import (
    Client,
    Organization,
    SessionPackage,
    StaffAccount,
    TrainingSession,
)

# The revision number a test appends after the real head ("0003" while the head is "0002").
NEXT_REVISION = f"{int(migrate.HEAD_REVISION) + 1:04d}"


@dataclass(frozen=True)
class Seeded:
    organization_id: uuid.UUID
    staff_id: uuid.UUID
    client_id: uuid.UUID
    package_id: uuid.UUID
    session_id: uuid.UUID


def seed_basics(db: Database) -> Seeded:
    """One gym, owner, member, 10-session package and a booked session."""
    with db.write() as s:
        org = Organization(name="The5HC 피트니스 센터")
        staff = StaffAccount(
            organization_id=org.id, username="owner", password_hash="x", role="owner"
        )
        client = Client(
            name="김민수", name_initials="ㄱㅁㅅ", gender="male", phone="01012345678",
            phone_last4="5678", trainer_id=staff.id,
        )
        package = SessionPackage(
            client_id=client.id, trainer_id=staff.id, name="10회 패키지", gross=500_000,
            session_price=50_000, sessions_bought=10, vat_rate=Decimal("0.10"),
            card_fee_rate=Decimal("0.035"),
        )
        session = TrainingSession(
            client_id=client.id, package_id=package.id, trainer_id=staff.id,
            starts_at=datetime(2025, 3, 4, 1, 0, tzinfo=UTC),
        )
        s.add_all([org, staff, client, package, session])
        return Seeded(org.id, staff.id, client.id, package.id, session.id)
