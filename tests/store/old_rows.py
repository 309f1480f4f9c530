"""Rows of an older schema (revisions 0001/0002 share their tables' columns), written as
plain SQL in the stored forms of those revisions, so upgrade tests never depend on today's
models: ids as 32 hex digits, instants as naive UTC text, dates as ISO text, JSON as text.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

Rows = dict[str, list[dict[str, Any]]]

DEVICE = uuid.UUID("0199aaaa-bbbb-7ccc-8ddd-123456789abc")
T0 = datetime(2025, 3, 1, 1, 2, 3, 456789, tzinfo=UTC)


def _id(n: int) -> uuid.UUID:
    return uuid.UUID(int=(0x0195 << 112) | (0x7000 << 64) | (0x8 << 60) | n)


def stored(value: Any) -> Any:
    """A Python value in the form revisions 0001-0002 store it on SQLite."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def old_rows() -> Rows:
    """One or more of everything a 0002 database holds, sync columns filled by hand."""
    org, owner, trainer, gone = _id(1), _id(2), _id(3), _id(4)
    minsu, john, younghee = _id(10), _id(11), _id(12)
    package, booked, done, payment = _id(20), _id(21), _id(22), _id(23)
    stamp = iter(range(1, 100))

    def sync(**values: Any) -> dict[str, Any]:
        # One row's own values plus the columns every synced table carries.
        base = {"created_at": T0, "updated_at": T0, "updated_by_device": str(DEVICE),
                "change_stamp": next(stamp), "deleted_at": None, "legacy_id": None}
        return base | values

    staff = dict(display_name="", must_change_password=False, failed_attempts=0,
                 locked_until=None, active=True, last_login=None, organization_id=org,
                 password_hash="x", role="trainer", email=None)
    client = dict(birth_date=None, age_years=None, age_recorded_on=None, phone=None,
                  phone_last4=None, email=None, height_cm=None, weight_kg=None, goals=None,
                  medical_notes=None, notes=None, trainer_id=None, active=True)
    rates = dict(vat_rate=Decimal("0.1"), card_fee_rate=Decimal("0.035"))
    session = dict(client_id=minsu, package_id=package, trainer_id=owner, duration_min=60,
                   notes=None)
    return {
        "devices": [{"id": DEVICE, "name": "front desk", "change_counter": 99,
                     "is_local": True, "created_at": T0}],
        "organizations": [sync(id=org, name="The5HC 피트니스 센터", phone=None, email=None,
                               address=None, timezone="Asia/Seoul")],
        "staff_accounts": [
            sync(id=owner, **staff | dict(
                username="owner", email="owner@the5hc.kr", role="owner", display_name="김대표",
                failed_attempts=2, last_login=datetime(2025, 3, 2, 9, tzinfo=UTC))),
            sync(id=trainer, **staff | dict(
                username="trainer", failed_attempts=5,
                locked_until=datetime(2025, 3, 2, 10, tzinfo=UTC))),
            # Never signed in: no sign-in state row is needed.
            sync(id=gone, **staff | dict(username="left", active=False),
                 deleted_at=datetime(2025, 2, 1, tzinfo=UTC)),
        ],
        "clients": [
            sync(id=minsu, name="김민수", name_initials="ㄱㅁㅅ", gender="male",
                 **client | dict(phone="01012345678", phone_last4="5678", trainer_id=owner)),
            sync(id=john, name="John Park", name_initials="JohnPark", gender="male",
                 updated_by_device="seed-device",  # not a device id: clock node 0
                 **client | dict(active=False)),
            sync(id=younghee, name="이영희", name_initials="ㅇㅇㅎ", gender="female",
                 deleted_at=datetime(2025, 2, 1, tzinfo=UTC), **client),
        ],
        "session_packages": [sync(
            id=package, client_id=minsu, trainer_id=owner, name="10회 패키지", gross=500_000,
            session_price=50_000, sessions_bought=10, payment_method="card",
            expires_on=date(2025, 12, 31), active=True, notes=None, **rates)],
        "sessions": [
            sync(id=booked, starts_at=datetime(2025, 3, 4, 1, tzinfo=UTC), status="scheduled",
                 completed_at=None, **session),
            sync(id=done, starts_at=datetime(2025, 3, 3, 1, tzinfo=UTC), status="completed",
                 completed_at=datetime(2025, 3, 3, 2, tzinfo=UTC),
                 updated_at=datetime(2025, 3, 3, 2, 0, 0, tzinfo=UTC), **session),
        ],
        "payments": [sync(
            id=payment, client_id=minsu, package_id=package, staff_id=owner,
            paid_on=date(2025, 3, 1), method="card", gross=500_000, vat=45_455,
            card_fee=17_500, net=437_045, description=None, reverses_payment_id=None, **rates)],
        "assessments": [sync(
            id=_id(30), client_id=minsu, trainer_id=owner, assessed_on=date(2025, 3, 4),
            age_at_assessment=None, gender="male", push_up_type="standard",
            shoulder_pain=False, knee_valgus=False, forward_lean=False, heel_lift=False,
            arm_drop=False, environment="indoor", test_notes={"push_up": "좋음"}, notes=None,
            overrides={}, complete=False, score_overall=72.5, risk_factors=[],
            recommendations={}, scoring_version="desktop-1")],
        "credit_ledger": [
            sync(id=_id(40), package_id=package, client_id=minsu, session_id=None,
                 kind="purchase", delta=10, cycle=0, reason=None, staff_id=owner),
            sync(id=_id(41), package_id=package, client_id=minsu, session_id=done,
                 kind="complete", delta=-1, cycle=0, reason=None, staff_id=owner),
        ],
        "fee_audit_entries": [sync(
            id=_id(50), package_id=package, payment_id=payment, calculation_type="sale",
            gross=500_000, vat=45_455, card_fee=17_500, net=437_045, details={"n": 1},
            created_by_id=owner, **rates)],
        "audit_log": [sync(
            id=_id(60), actor_id=owner, action="client_created", entity="client",
            entity_id=minsu, details={}, at=T0)],
        "settings": [
            # `value` is a JSON column: stored as JSON text.
            sync(id=_id(70), key="vat_rate", value=json.dumps("0.10")),
            sync(id=_id(71), key="no_show_consumes_credit", value=json.dumps(False)),
            sync(id=_id(72), key="language", value=json.dumps("en")),
            sync(id=_id(73), key="backup_folder", value=json.dumps("D:/백업")),
            sync(id=_id(74), key="old_flag", value=json.dumps(1), deleted_at=T0),
        ],
    }


def insert_rows(conn: Connection, rows: Rows) -> None:
    for table, items in rows.items():
        for item in items:
            columns = ", ".join(item)
            marks = ", ".join(f":{c}" for c in item)
            conn.exec_driver_sql(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                {c: stored(v) for c, v in item.items()},
            )
