"""전체 패키지 filters and the 연락할 회원 list."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from services_training import Clock, add_client, seoul

from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.package_list import PackageFilter, PackageListService
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.store.database import Database


def test_filters_and_contacts(db: Database, clock: Clock, owner: Actor, trainer: Actor,
                              tmp_path: object) -> None:
    # The clock: Sunday 2025-06-15 10:00 in Seoul.
    packages, sessions = PackageService(db, now=clock), SessionService(db, now=clock)
    a = add_client(db, clock, owner, "김민수", "010-1111-2222")
    b = add_client(db, clock, owner, "이영희", "010-3333-4444")
    c = add_client(db, clock, owner, "박지성", "010-5555-6666")
    soon = packages.sell(owner, a, 500_000, 50_000, "card", expires_on=date(2025, 6, 20))
    low = packages.sell(owner, b, 100_000, 50_000, "card")  # 2 sessions
    later = packages.sell(owner, c, 1_000_000, 50_000, "card", expires_on=date(2025, 12, 31))
    refunded = packages.sell(owner, c, 100_000, 50_000, "cash")
    packages.refund(owner, refunded.id, "변경")
    # 박지성 last came on 5/1 (booked then, in the past for the clock below).
    clock.value = seoul(2025, 5, 1, 8)
    visit = sessions.book(owner, c, later.id, trainer.staff_id, seoul(2025, 5, 1, 9))
    clock.value = seoul(2025, 5, 1, 11)
    sessions.complete(owner, visit.id)
    clock.value = seoul(2025, 6, 15, 10)

    service = PackageListService(db, now=clock)

    def ids(rule: PackageFilter) -> set[object]:
        return {g.package.id for g in service.packages(owner, rule)}

    assert ids(PackageFilter()) == {soon.id, low.id, later.id}
    assert ids(PackageFilter(active_only=False)) == {soon.id, low.id, later.id, refunded.id}
    assert ids(PackageFilter(expiring_within=7)) == {soon.id}
    assert ids(PackageFilter(low_balance=True)) == {low.id}
    assert ids(PackageFilter(overdrawn=True)) == set()
    assert ids(PackageFilter(trainer_id=trainer.staff_id)) == set()  # sold by the owner
    assert ids(PackageFilter(trainer_id=owner.staff_id)) == {soon.id, low.id, later.id}

    lines = [(c.name, c.reason) for c in service.contacts(owner)]
    assert lines == [("김민수", "expiring"), ("박지성", "no_visit"), ("이영희", "low_balance")]
    target = service.export_contacts(owner, tmp_path / "contacts.xlsx")  # type: ignore[operator]
    sheet = load_workbook(target).active
    assert [cell.value for cell in sheet[2]][:3] == ["김민수", "01011112222", "만료 임박"]
