"""The first-day checklist ticks itself from the data, one step at a time."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from service_support import make_staff
from services_training import Clock, add_client

from the5hc_desktop.domain.fees import PaymentMethod
from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.first_day import FirstDayProgress, FirstDayService
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.settings import SettingsService
from the5hc_desktop.store.database import Database


def test_each_step_ticks_when_its_data_exists(
    db: Database, clock: Clock, accounts: AccountService, owner: Actor
) -> None:
    checklist = FirstDayService(db, now=clock)
    assert checklist.progress(owner) == FirstDayProgress(False, False, False)

    make_staff(accounts, owner, "desk", Role.ASSISTANT)
    assert checklist.progress(owner) == FirstDayProgress(True, False, False)

    settings = SettingsService(db, now=clock)
    stored = settings.get()
    settings.update(owner, dataclasses.replace(stored, card_fee_rate=Decimal("0.0300")))
    assert checklist.progress(owner) == FirstDayProgress(True, True, False)

    client_id = add_client(db, clock, owner, "김민수", "010-1234-5678")
    PackageService(db, now=clock).sell(owner, client_id, 600_000, 60_000, PaymentMethod.CASH)
    progress = checklist.progress(owner)
    assert progress == FirstDayProgress(True, True, True)
    assert progress.done
