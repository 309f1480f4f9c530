"""Use cases the UI and the CLI call: one object per area, all on one open Database.

    services = open_services(paths.default_db_path())
    actor = services.accounts.sign_in("owner", password)
    page = services.clients.search(actor, "ㄱㅁㅅ")
    services.changes.subscribe(lambda changes: ...)   # after every committed write

Every service shares one `DataAccess`, so `services.changes` hears every write. The window
uses the services only; `database` is there for the CLI's bulk jobs and for tests.
Importing this package imports no SQLAlchemy: the report command's own path
(services/quick_report.py) runs without it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from the5hc_desktop.services.accounts import AccountService
    from the5hc_desktop.services.analytics import AnalyticsService
    from the5hc_desktop.services.assessments import AssessmentService
    from the5hc_desktop.services.availability import AvailabilityService
    from the5hc_desktop.services.base import Clock
    from the5hc_desktop.services.changes import DataAccess
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

T = TypeVar("T")


class _OnFirstUse(Generic[T]):
    """A service made, and its module imported, the first time it is asked for.

    A command or a start pays only for the services it uses: the report command needs
    two of eighteen, the window's first screen about six. Made once per `Services`, under
    a lock (the worker lanes ask from several threads); then an ordinary attribute.
    """

    def __init__(self, make: Callable[[DataAccess, Clock | None], T]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, services: Services | None, owner: type) -> T:
        if services is None:
            raise AttributeError(self._name)
        with services._lock:
            made: T | None = services.__dict__.get(self._name)
            if made is None:
                made = self._make(services._access, services._now)
                services.__dict__[self._name] = made  # found before this descriptor now
        return made


def _accounts(access: DataAccess, now: Clock | None) -> AccountService:
    from the5hc_desktop.services.accounts import AccountService

    return AccountService(access, now=now)


def _clients(access: DataAccess, now: Clock | None) -> ClientService:
    from the5hc_desktop.services.clients import ClientService

    return ClientService(access, now=now)


def _assessments(access: DataAccess, now: Clock | None) -> AssessmentService:
    from the5hc_desktop.services.assessments import AssessmentService

    return AssessmentService(access, now=now)


def _packages(access: DataAccess, now: Clock | None) -> PackageService:
    from the5hc_desktop.services.packages import PackageService

    return PackageService(access, now=now)


def _sessions(access: DataAccess, now: Clock | None) -> SessionService:
    from the5hc_desktop.services.sessions import SessionService

    return SessionService(access, now=now)


def _dashboard(access: DataAccess, now: Clock | None) -> DashboardService:
    from the5hc_desktop.services.dashboard import DashboardService

    return DashboardService(access, now=now)


def _settings(access: DataAccess, now: Clock | None) -> SettingsService:
    from the5hc_desktop.services.settings import SettingsService

    return SettingsService(access, now=now)


def _reports(access: DataAccess, now: Clock | None) -> ReportService:
    from the5hc_desktop.services.report_service import ReportService

    return ReportService(access, now=now)


def _health(access: DataAccess, now: Clock | None) -> HealthService:
    from the5hc_desktop.services.health import HealthService

    return HealthService(access, now=now)


def _maintenance(access: DataAccess, now: Clock | None) -> MaintenanceService:
    from the5hc_desktop.services.maintenance import MaintenanceService

    return MaintenanceService(access, now=now)


def _sync(access: DataAccess, _now: Clock | None) -> SyncService:
    from the5hc_desktop.services.sync_service import SyncService

    return SyncService(access)


def _analytics(access: DataAccess, now: Clock | None) -> AnalyticsService:
    from the5hc_desktop.services.analytics import AnalyticsService

    return AnalyticsService(access, now=now)


def _availability(access: DataAccess, now: Clock | None) -> AvailabilityService:
    from the5hc_desktop.services.availability import AvailabilityService

    return AvailabilityService(access, now=now)


def _dashboard_lists(access: DataAccess, now: Clock | None) -> DashboardListsService:
    from the5hc_desktop.services.dashboard_lists import DashboardListsService

    return DashboardListsService(access, now=now)


def _package_list(access: DataAccess, now: Clock | None) -> PackageListService:
    from the5hc_desktop.services.package_list import PackageListService

    return PackageListService(access, now=now)


def _merge(access: DataAccess, now: Clock | None) -> MergeMembersService:
    from the5hc_desktop.services.merge_members import MergeMembersService

    return MergeMembersService(access, now=now)


def _day_close(access: DataAccess, now: Clock | None) -> DayCloseService:
    from the5hc_desktop.services.day_close import DayCloseService

    return DayCloseService(access, now=now)


def _first_day(access: DataAccess, now: Clock | None) -> FirstDayService:
    from the5hc_desktop.services.first_day import FirstDayService

    return FirstDayService(access, now=now)


class Services:
    """Every service on one open database (each made on first use: `_OnFirstUse`)."""

    accounts = _OnFirstUse(_accounts)
    clients = _OnFirstUse(_clients)
    assessments = _OnFirstUse(_assessments)
    packages = _OnFirstUse(_packages)
    sessions = _OnFirstUse(_sessions)
    dashboard = _OnFirstUse(_dashboard)
    settings = _OnFirstUse(_settings)
    reports = _OnFirstUse(_reports)
    health = _OnFirstUse(_health)
    maintenance = _OnFirstUse(_maintenance)
    sync = _OnFirstUse(_sync)
    analytics = _OnFirstUse(_analytics)
    availability = _OnFirstUse(_availability)
    dashboard_lists = _OnFirstUse(_dashboard_lists)
    package_list = _OnFirstUse(_package_list)
    merge = _OnFirstUse(_merge)
    day_close = _OnFirstUse(_day_close)
    first_day = _OnFirstUse(_first_day)

    def __init__(self, database: Database, now: Clock | None = None) -> None:
        from the5hc_desktop.services.changes import ChangePublisher, DataAccess

        self.database = database
        self.changes = ChangePublisher()
        self._access = DataAccess(database, self.changes)
        self._now = now
        self._lock = threading.RLock()

    def close(self) -> None:
        self.database.close()

    def __repr__(self) -> str:
        return f"Services({self.database!r})"


def build_services(database: Database, now: Clock | None = None) -> Services:
    """Every service on an already open database (tests inject a clock)."""
    return Services(database, now)


def open_services(
    db: str | Path, now: Clock | None = None, *, quick_check: bool = True
) -> Services:
    """Open (backing up and migrating when needed) the database and build the services.

    Raises StorageUnavailable when the file cannot be opened or upgraded. `quick_check`:
    see `Database.open`.
    """
    from the5hc_desktop.store.database import Database

    return build_services(Database.open(db, quick_check=quick_check), now)


__all__ = ["Services", "build_services", "open_services"]
