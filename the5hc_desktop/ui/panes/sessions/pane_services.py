"""The services the 세션 관리 pane uses (the app's `Services` provides them)."""

from __future__ import annotations

from typing import Protocol

from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.packages import PackageService
from the5hc_desktop.services.sessions import SessionService
from the5hc_desktop.services.settings import SettingsService


class SessionsPaneServices(Protocol):
    @property
    def sessions(self) -> SessionService: ...

    @property
    def packages(self) -> PackageService: ...

    @property
    def clients(self) -> ClientService: ...

    @property
    def accounts(self) -> AccountService: ...

    @property
    def settings(self) -> SettingsService: ...
