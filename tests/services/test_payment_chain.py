"""A payment edited or deleted behind the app's back breaks the audit hash chain."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from service_support import Clock

from the5hc_desktop.services import build_services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.maintenance import inspect_file
from the5hc_desktop.store.database import Database


@pytest.mark.parametrize("tamper", [
    "UPDATE payments SET gross = 1000, net = 1000 - vat - card_fee",
    "DELETE FROM payments",
])
def test_a_tampered_payment_is_reported_by_check(
    db: Database, clock: Clock, owner: Actor, tamper: str
) -> None:
    services = build_services(db, now=clock)
    client = services.clients.create(owner, ClientDraft(
        "김민수", "male", None, birth_date=date(1990, 1, 1))).client
    services.packages.sell(owner, client.id, 500_000, 50_000, "card")
    services.packages.sell(owner, client.id, 300_000, 50_000, "cash")
    assert db.path is not None
    assert inspect_file(db.path).ok
    with sqlite3.connect(db.path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(tamper)
    conn.close()
    problems = [p for p in inspect_file(db.path).problems if p.startswith("audit chain")]
    assert problems
