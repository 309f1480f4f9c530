"""The services the 리포트 pane uses (the app's `Services` provides them)."""

from __future__ import annotations

from typing import Protocol

from the5hc_desktop.services.assessments import AssessmentService
from the5hc_desktop.services.clients import ClientService
from the5hc_desktop.services.day_close import DayCloseService
from the5hc_desktop.services.report_service import ReportService


class ReportsPaneServices(Protocol):
    @property
    def clients(self) -> ClientService: ...

    @property
    def assessments(self) -> AssessmentService: ...

    @property
    def reports(self) -> ReportService: ...

    @property
    def day_close(self) -> DayCloseService: ...
