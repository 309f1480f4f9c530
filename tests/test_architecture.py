"""The layer rules of ARCHITECTURE.md, checked by import-linter and the linters."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
         "sys.exit(lint_imports())"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _lint_copy(tmp_path: Path, injected: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """import-linter on a copy of the package with `injected` lines added to some modules
    (path relative to the package -> source line; a missing module is created)."""
    shutil.copytree(ROOT / "the5hc_desktop", tmp_path / "the5hc_desktop",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for relative, line in injected.items():
        module = tmp_path / "the5hc_desktop" / relative
        module.parent.mkdir(parents=True, exist_ok=True)
        if not module.parent.joinpath("__init__.py").exists():
            module.parent.joinpath("__init__.py").write_text("", encoding="utf-8")
        existing = module.read_text(encoding="utf-8") if module.exists() else ""
        module.write_text(existing + "\n" + line + "\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
         "sys.exit(lint_imports(no_cache=True))"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )


LAYERS = "layers: ui and cli over services"
NO_QT = "the core knows no Qt"


@pytest.mark.parametrize(
    ("injected", "contract"),
    [
        pytest.param({"services/clients.py": "import the5hc_desktop.ui.worker"}, LAYERS,
                     id="services imports ui"),
        pytest.param({"store/backup.py": "import the5hc_desktop.services.changes"}, LAYERS,
                     id="store imports services"),
        pytest.param({"domain/fees.py": "import the5hc_desktop.store.copy"}, LAYERS,
                     id="domain imports store"),
        pytest.param({"reports/page.py": "import the5hc_desktop.store.copy"}, LAYERS,
                     id="reports imports its sibling store"),
        pytest.param({"services/clients.py": "import PySide6.QtCore"}, NO_QT,
                     id="services imports Qt"),
        pytest.param({"cli.py": "import PySide6.QtWidgets"}, NO_QT, id="cli imports Qt"),
        pytest.param({"sync/engine.py": "import the5hc_desktop.services.clients"}, LAYERS,
                     id="a future sync imports services"),
        pytest.param({"sync/transport.py": "import PySide6.QtCore"}, NO_QT,
                     id="a future sync imports Qt"),
    ],
)
def test_a_forbidden_import_breaks_the_contracts(
    tmp_path: Path, injected: dict[str, str], contract: str
) -> None:
    result = _lint_copy(tmp_path, injected)
    assert result.returncode != 0, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), result.stdout


def test_the_copy_used_above_passes_when_nothing_is_injected(tmp_path: Path) -> None:
    # With a sync package that behaves, so the contracts are shown to hold for it too.
    result = _lint_copy(tmp_path, {"sync/engine.py": "import the5hc_desktop.store.copy"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_no_qt_contract_names_the_sync_package_once_it_exists() -> None:
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    sync_exists = (ROOT / "the5hc_desktop" / "sync" / "__init__.py").exists()
    assert ('"the5hc_desktop.sync",' in config) == sync_exists


def test_the_window_never_holds_the_database() -> None:
    """The UI asks services; it never reaches `Services.database` (not a store import, so
    import-linter cannot see it)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "the5hc_desktop" / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "services.database" in line or ".database." in line
    ]
    assert offenders == []


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "the5hc_desktop", "tests", "bench", "migrations"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_start_path_leaves_heavy_modules_unloaded() -> None:
    """ReportLab, Alembic and psycopg load only when a PDF, a migration or a server needs
    them, so the window paints quickly."""
    probe = (
        "import sys, the5hc_desktop.services, the5hc_desktop.ui.app, the5hc_desktop.cli;"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'reportlab', 'alembic', 'psycopg'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert result.stdout.strip() == ""


def _headings(document: Path) -> set[str]:
    """Section numbers of a docs/ page: "## §4 ..." -> "4", "### 2.15.2 ..." -> "2.15.2"."""
    found = set()
    for line in document.read_text(encoding="utf-8").splitlines():
        match = re.match(r"#+ §?(\d+(?:\.\d+)*)\b", line)
        if match:
            found.add(match.group(1))
    return found


def test_every_rule_citation_resolves_to_a_section_of_docs() -> None:
    """Comments cite docs/rules.md §n and docs/domain.md x.y (or the older RULES §n /
    DOMAIN x.y); each must name a section that exists in the repository."""
    sections = {"rules": _headings(ROOT / "docs" / "rules.md"),
                "domain": _headings(ROOT / "docs" / "domain.md")}
    citation = re.compile(
        r"(?:docs/(rules|domain)\.md|(RULES)|(DOMAIN)) §?(\d+(?:\.\d+)*)")
    missing = []
    for folder in ("the5hc_desktop", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for match in citation.finditer(path.read_text(encoding="utf-8")):
                document = match.group(1) or ("rules" if match.group(2) else "domain")
                if match.group(4) not in sections[document]:
                    missing.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert missing == []
