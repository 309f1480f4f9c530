"""Roles checked on every call, own-revenue for trainers, medical notes to managers only."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date

import pytest
from service_support import Clock, audit_rows, make_staff

from the5hc_desktop.domain.errors import PermissionDenied
from the5hc_desktop.services import build_services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.export import ExportService
from the5hc_desktop.store.database import Database


def test_a_demoted_or_deactivated_actor_is_refused_on_the_next_call(
    db: Database, clock: Clock, owner: Actor
) -> None:
    services = build_services(db, now=clock)
    senior = make_staff(services.accounts, owner, "senior1", Role.SENIOR)
    trainer = make_staff(services.accounts, owner, "trainer1", Role.TRAINER)
    services.clients.search(senior, "")  # allowed while the role holds
    services.accounts.set_role(owner, senior.staff_id, Role.ASSISTANT)
    with pytest.raises(PermissionDenied):
        services.clients.search(senior, "")
    services.accounts.set_active(owner, trainer.staff_id, False)
    with pytest.raises(PermissionDenied):
        services.clients.search(trainer, "")
    forged = Actor(uuid.uuid4(), Role.OWNER, "위조", "forged")
    with pytest.raises(PermissionDenied):
        services.clients.search(forged, "")
    promoted = Actor(trainer.staff_id, Role.OWNER, trainer.display_name, trainer.username)
    with pytest.raises(PermissionDenied):
        services.clients.search(promoted, "")


def test_trainers_see_the_revenue_of_their_own_members_only(
    db: Database, clock: Clock, owner: Actor
) -> None:
    services = build_services(db, now=clock)
    trainer = make_staff(services.accounts, owner, "trainer1", Role.TRAINER)
    mine = services.clients.create(owner, ClientDraft(
        "김민수", "male", None, birth_date=date(1990, 1, 1), trainer_id=trainer.staff_id)).client
    theirs = services.clients.create(owner, ClientDraft(
        "이영희", "female", None, birth_date=date(1991, 1, 1),
        trainer_id=owner.staff_id)).client
    services.packages.sell(owner, mine.id, 300_000, 50_000, "cash")
    services.packages.sell(owner, theirs.id, 1_000_000, 50_000, "cash")
    assert services.dashboard.metrics(owner).revenue_gross == 1_300_000
    assert services.dashboard.metrics(trainer).revenue_gross == 300_000


def test_medical_notes_are_exported_for_managers_only_and_audited(
    db: Database, clock: Clock, owner: Actor
) -> None:
    services = build_services(db, now=clock)
    trainer = make_staff(services.accounts, owner, "trainer1", Role.TRAINER)
    services.clients.create(owner, ClientDraft(
        "김민수", "male", None, birth_date=date(1990, 1, 1), medical_notes="고혈압 약 복용"))
    exporter = ExportService(db, now=clock)
    for actor, shown in ((owner, True), (trainer, False)):
        out = io.BytesIO()
        exporter.clients_csv(actor, out)
        text = out.getvalue().decode("utf-8-sig")
        assert ("고혈압 약 복용" in text) is shown
        assert len(list(csv.reader(io.StringIO(text)))) == 2
    entries = audit_rows(db, "clients_exported")
    assert [e.details["medical_notes"] for e in entries] == [True, False]
