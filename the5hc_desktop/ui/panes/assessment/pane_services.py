"""The services the assessment pane uses (the app's `Services` provides them)."""

from __future__ import annotations

from typing import Protocol

from the5hc_desktop.services.accounts import AccountService
from the5hc_desktop.services.assessments import AssessmentService
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.health import HealthService


class AssessmentPaneServices(Protocol):
    @property
    def accounts(self) -> AccountService: ...

    @property
    def clients(self) -> ClientService: ...

    @property
    def assessments(self) -> AssessmentService: ...

    @property
    def health(self) -> HealthService: ...
