"""A bounded fuzz of every public service method: wrong types and extreme values.

Each method is called with arguments drawn per parameter from a pool of hostile values
(wrong types, NUL bytes, huge and negative numbers, dates out of range, forged actors,
unknown ids) mixed with valid ones. Every call must either succeed or raise a typed
The5HCError; a refused call must leave every table's row count unchanged.

THE5HC_FUZZ_EXAMPLES sets the examples per method (default 12); run with `-s` to see the
totals line.
"""

from __future__ import annotations

import inspect
import os
import typing
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from service_support import Clock, make_staff, table_counts

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services import Services, build_services
from the5hc_desktop.services.assessment_views import AssessmentDraft
from the5hc_desktop.services.base import ServiceBase
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.services.export import ExportService
from the5hc_desktop.services.member_import import MemberImportService
from the5hc_desktop.services.xlsx_export import XlsxExportService
from the5hc_desktop.store.database import Database

EXAMPLES = int(os.environ.get("THE5HC_FUZZ_EXAMPLES", "12"))
FORGED = Actor(uuid.UUID(int=7), Role.OWNER, "위조", "forged")
HOSTILE: tuple[Any, ...] = (
    None, "", "a\x00b", "\udcff", "x" * 300, "not-a-uuid", -1, 0, 2**63, -(2**70), 10**30,
    float("nan"), float("inf"), -0.0, 1e308, True, b"bytes", [], {}, (), object(),
    uuid.UUID(int=0), uuid.uuid4(), date(1, 1, 1), date(9999, 12, 31), datetime.max,
    datetime(1800, 1, 1, tzinfo=UTC), time(25 % 24, 0), Decimal("NaN"), Decimal("1e40"),
    FORGED, Path("a\x00b"), "../../etc/passwd",
)
STATS: dict[str, int] = {"methods": 0, "examples": 0, "typed": 0, "untyped": 0}
UNTYPED: list[str] = []

# Refusals these methods record on purpose (a failed sign-in is audited and counted).
AUDITED_REFUSALS = {"AccountService.sign_in", "AccountService.verify_password"}
RECORDED = {"audit_log", "staff_sign_in_state", "devices"}

# Methods that replace or write whole files elsewhere, fuzzed with their path under tmp.
PATH_PARAMS = ("folder", "output", "target", "path", "directory", "out_dir", "dest")


class World:
    def __init__(self, db: Database, clock: Clock, owner: Actor, tmp: Path) -> None:
        self.services: Services = build_services(db, now=clock)
        self.db, self.owner, self.tmp = db, owner, tmp
        self.trainer = make_staff(self.services.accounts, owner, "trainer1", Role.TRAINER)
        s = self.services
        client = s.clients.create(owner, ClientDraft("김민수", "male", "010-1234-5678",
                                                     birth_date=date(1990, 3, 1))).client
        self.client_id = client.id
        package = s.packages.sell(owner, client.id, 500_000, 50_000, "card")
        self.package_id = package.id
        when = datetime(2025, 6, 16, 10, 0, tzinfo=UTC)
        self.session_id = s.sessions.book(owner, client.id, package.id, owner.staff_id,
                                          when).id
        self.assessment_id = s.assessments.create(
            owner, AssessmentDraft(client_id=client.id, assessed_on=date(2025, 6, 1),
                                   values={})).id

    def services_to_fuzz(self) -> list[ServiceBase]:
        s = self.services
        found: list[ServiceBase] = [s.accounts, s.clients, s.assessments, s.packages,
                                    s.sessions, s.dashboard, s.settings, s.reports, s.health,
                                    s.maintenance]
        access = s.clients._db
        return [*found, ExportService(access), MemberImportService(access),
                XlsxExportService(access)]

    def valid(self, name: str, hint: Any) -> list[Any]:
        """Plausible values for a parameter, so calls also get past the first check."""
        text = str(hint)
        if name in PATH_PARAMS or "Path" in text or "PathLike" in text:
            return [self.tmp / "out", self.tmp / "out.csv"]
        if "Actor" in text:
            return [self.owner, self.trainer]
        if "UUID" in text:
            return [self.client_id, self.package_id, self.session_id, self.assessment_id,
                    self.owner.staff_id]
        if "datetime" in text:
            return [datetime(2025, 6, 20, 9, 0, tzinfo=UTC)]
        if "date" in text:
            return [date(2025, 6, 15), date(2025, 1, 1)]
        if "bool" in text:
            return [True, False]
        if "int" in text:
            return [1, 50_000, 100_000_001]
        if "float" in text:
            return [1.5]
        if "str" in text:
            return ["김민수", "owner", "card", "메모"]
        return []


def _public_methods(service: ServiceBase) -> list[tuple[str, Callable[..., Any]]]:
    out = []
    for name in sorted(dir(type(service))):
        member = inspect.getattr_static(type(service), name)
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        out.append((name, getattr(service, name)))
    return out


def _method_ids() -> list[str]:
    ids = []
    for cls_name, cls in (("accounts", "AccountService"), ("clients", "ClientService"),
                          ("assessments", "AssessmentService"), ("packages", "PackageService"),
                          ("sessions", "SessionService"), ("dashboard", "DashboardService"),
                          ("settings", "SettingsService"), ("report_service", "ReportService"),
                          ("health", "HealthService"), ("maintenance", "MaintenanceService"),
                          ("export", "ExportService"), ("member_import", "MemberImportService"),
                          ("xlsx_export", "XlsxExportService")):
        module = __import__(f"the5hc_desktop.services.{cls_name}", fromlist=[cls])
        klass = getattr(module, cls)
        for name in sorted(dir(klass)):
            member = inspect.getattr_static(klass, name)
            if not name.startswith("_") and inspect.isfunction(member):
                ids.append(f"{klass.__name__}.{name}")
    return ids


@pytest.fixture
def world(db: Database, clock: Clock, owner: Actor, tmp_path: Path) -> World:
    return World(db, clock, owner, tmp_path)


def test_every_public_service_method_is_fuzzed() -> None:
    # The list below is built from the classes, so a new method is fuzzed automatically.
    assert len(_method_ids()) >= 90


@pytest.mark.parametrize("method_id", _method_ids())
def test_bad_inputs_get_typed_errors_and_write_nothing(world: World, method_id: str) -> None:
    class_name, method_name = method_id.split(".")
    service = next(s for s in world.services_to_fuzz() if type(s).__name__ == class_name)
    method = getattr(service, method_name)
    signature = inspect.signature(method)
    hints = typing.get_type_hints(getattr(type(service), method_name))
    params = [p for p in signature.parameters.values()
              if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    strategies = {
        p.name: st.sampled_from([*world.valid(p.name, hints.get(p.name)), *HOSTILE])
        for p in params
    }
    STATS["methods"] += 1

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries(strategies))
    def run(arguments: dict[str, Any]) -> None:
        before = table_counts(world.db)
        STATS["examples"] += 1
        try:
            method(**arguments)
        except The5HCError:
            STATS["typed"] += 1
            after = table_counts(world.db)
            if method_id in AUDITED_REFUSALS:
                after = {k: v for k, v in after.items() if k not in RECORDED}
                before_kept = {k: v for k, v in before.items() if k not in RECORDED}
                assert after == before_kept, f"{method_id} refused but wrote rows"
            else:
                assert after == before, f"{method_id} refused but wrote rows"
        except Exception as error:
            STATS["untyped"] += 1
            UNTYPED.append(f"{method_id}({arguments!r}): {type(error).__name__}: {error}")
            raise

    try:
        run()
    finally:
        print(f"\nfuzz totals: {STATS} ; untyped: {UNTYPED[-3:]}")  # noqa: T201
