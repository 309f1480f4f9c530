"""Use cases the UI and the CLI call: one object per area, all on one open Database.

    services = open_services(paths.default_db_path())
    actor = services.accounts.sign_in("owner", password)
    page = services.clients.search(actor, "ㄱㅁㅅ")
    services.changes.subscribe(lambda changes: ...)   # after every committed write

Every service shares one `DataAccess`, so `services.changes` hears every write. The window
uses the services only; `database` is there for the CLI's bulk jobs and for tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.analytics import AnalyticsService
from the5hc_desktop.services.assessments import AssessmentService
from the5hc_desktop.services.availability import AvailabilityService
from the5hc_desktop.services.base import Clock
from the5hc_desktop.services.changes import ChangePublisher, DataAccess
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.dashboard import DashboardService
from the5hc_desktop.services.dashboard_lists import DashboardListsService
from the5hc_desktop.services.day_close import DayCloseService
from the5hc_desktop.services.first_day import FirstDayService
from the5hc_desktop.services.health import HealthService
from the5hc_desktop.services.maintenance import MaintenanceService
from the5hc_desktop.services.merge_members import MergeMembersService
from the5hc_desktop.services.package_list import PackageListService
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.report_service import ReportService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.services.settings import SettingsService
from the5hc_desktop.services.sync_service import SyncService
from the5hc_desktop.store.database import Database


@dataclass(frozen=True)
class Services:
    database: Database
    accounts: AccountService
    clients: ClientService
    assessments: AssessmentService
    packages: PackageService
    sessions: SessionService
    dashboard: DashboardService
    settings: SettingsService
    reports: ReportService
    health: HealthService
    maintenance: MaintenanceService
    changes: ChangePublisher
    sync: SyncService
    analytics: AnalyticsService
    availability: AvailabilityService
    dashboard_lists: DashboardListsService
    package_list: PackageListService
    merge: MergeMembersService
    day_close: DayCloseService
    first_day: FirstDayService

    def close(self) -> None:
        self.database.close()


def build_services(database: Database, now: Clock | None = None) -> Services:
    """Every service on an already open database (tests inject a clock)."""
    changes = ChangePublisher()
    access = DataAccess(database, changes)
    return Services(
        database=database,
        accounts=AccountService(access, now=now),
        clients=ClientService(access, now=now),
        assessments=AssessmentService(access, now=now),
        packages=PackageService(access, now=now),
        sessions=SessionService(access, now=now),
        dashboard=DashboardService(access, now=now),
        settings=SettingsService(access, now=now),
        reports=ReportService(access, now=now),
        health=HealthService(access, now=now),
        maintenance=MaintenanceService(access, now=now),
        changes=changes,
        sync=SyncService(access),
        analytics=AnalyticsService(access, now=now),
        availability=AvailabilityService(access, now=now),
        dashboard_lists=DashboardListsService(access, now=now),
        package_list=PackageListService(access, now=now),
        merge=MergeMembersService(access, now=now),
        day_close=DayCloseService(access, now=now),
        first_day=FirstDayService(access, now=now),
    )


def open_services(
    db: str | Path, now: Clock | None = None, *, quick_check: bool = True
) -> Services:
    """Open (backing up and migrating when needed) the database and build the services.

    Raises StorageUnavailable when the file cannot be opened or upgraded. `quick_check`:
    see `Database.open`.
    """
    return build_services(Database.open(db, quick_check=quick_check), now)


__all__ = ["Services", "build_services", "open_services"]
