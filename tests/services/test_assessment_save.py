"""The save path of an assessment: one flush for the row and its audit rows, the two
settings it needs read as read_settings reads them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from service_support import Clock, audit_rows, make_staff, table_counts

from the5hc_desktop.domain.errors import PermissionDenied
from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.assessments import AssessmentDraft, AssessmentService, Override
from the5hc_desktop.services.base import check_actor_in
from the5hc_desktop.services.clients import ClientDraft, ClientService
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.settings import check_actor_reading, read_gym_values, read_settings
from the5hc_desktop.store import stamping
from the5hc_desktop.store.audit_chain import verify
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Setting, setting_id


@pytest.fixture
def minsu(db: Database, clock: Clock, owner: Actor) -> uuid.UUID:
    draft = ClientDraft("김민수", "male", "010-1234-5678", birth_date=date(1990, 3, 1))
    return ClientService(db, now=clock).create(owner, draft).client.id


@pytest.mark.parametrize("deleted", [False, True])
@pytest.mark.parametrize("stored", [None, "Asia/Tokyo", "", 17, {"bad": 1}, True])
def test_gym_values_are_read_as_read_settings_reads_them(
        db: Database, owner: Actor, stored: Any, deleted: bool) -> None:
    """Alone (`read_gym_values`) or with the actor check (`check_actor_reading`, the save's
    one SELECT); a tombstoned setting reads as its default."""
    names = ("timezone", "trainers_edit_any_assessment")
    if stored is not None:
        with db.write() as s:
            for name in names:
                s.add(Setting(id=setting_id(name), key=name, value=stored,
                              deleted_at=datetime(2025, 1, 1, tzinfo=UTC) if deleted else None))
    with db.read() as s:
        whole = read_settings(s)
        expected = {n: getattr(whole, n) for n in names}
        assert read_gym_values(s, *names) == expected
        assert check_actor_reading(s, owner, *names) == (check_actor_in(s, owner), expected)
        assert check_actor_reading(s, owner, "timezone") == (
            check_actor_in(s, owner), {"timezone": whole.timezone})
        with pytest.raises(ValueError, match="not synced"):
            read_gym_values(s, "language")
        with pytest.raises(ValueError, match="not synced"):
            check_actor_reading(s, owner, "language")


def test_create_writes_row_and_audit_in_one_flush(
        db: Database, clock: Clock, owner: Actor, minsu: uuid.UUID,
        monkeypatch: pytest.MonkeyPatch) -> None:
    reservations: list[int] = []
    reserve = stamping.reserve_stamps

    def counting(*args: Any, **kwargs: Any) -> Any:
        reservations.append(args[3] if len(args) > 3 else kwargs["count"])
        return reserve(*args, **kwargs)

    monkeypatch.setattr(stamping, "reserve_stamps", counting)
    service = AssessmentService(db, now=clock)
    overrides = {"push_up": Override(3, "측정 오류")}
    view = service.create(owner, AssessmentDraft(minsu, date(2024, 12, 1), None,
                                                 values={"push_up_reps": 20},
                                                 overrides=overrides))
    assert reservations == [3]  # the assessment, its audit row, the override's audit row
    actions = [r.action for r in audit_rows(db) if r.entity_id == view.id]
    assert actions == ["assessment_created", "assessment_score_overridden"]
    with db.engine.connect() as conn:
        assert verify(conn)[0] == []


def test_create_checks_its_actor_in_its_own_transaction(
        db: Database, clock: Clock, owner: Actor, accounts: AccountService,
        minsu: uuid.UUID) -> None:
    """`create` skips the boundary's separate read: a demoted, deactivated or forged actor is
    still refused, and nothing is written."""
    service = AssessmentService(db, now=clock)
    draft = AssessmentDraft(minsu, date(2024, 12, 1), None, values={"push_up_reps": 20})
    senior = make_staff(accounts, owner, "senior1", Role.SENIOR)
    trainer = make_staff(accounts, owner, "trainer1", Role.TRAINER)
    service.create(senior, draft)  # allowed while the role holds
    accounts.set_role(owner, senior.staff_id, Role.TRAINER)
    accounts.set_active(owner, trainer.staff_id, False)
    before = table_counts(db)
    forged = Actor(uuid.uuid4(), Role.OWNER, "위조", "forged")
    for stale in (senior, trainer, forged):
        with pytest.raises(PermissionDenied):
            service.create(stale, draft)
    assert table_counts(db) == before
