"""Refresh the Korean catalogue from the UI sources and build the .qm the app loads.

    python packaging/update_translations.py           # lupdate, then lrelease
    python packaging/update_translations.py --check   # only list strings lacking Korean

pyside6-lupdate scans every .py file under the5hc_desktop/ui for tr(),
QCoreApplication.translate() and QT_TRANSLATE_NOOP() strings: new ones arrive
"unfinished", removed ones are dropped (-no-obsolete). Fill the new <translation>s in
resources/translations/the5hc_ko.ts (Qt Linguist or a text editor), run this again to
build the5hc_ko.qm, and commit both files. tests/ui/test_translations.py fails while a
string has no Korean or the .ts/.qm are stale, so English never leaks into the Korean UI.
Locations are not written (-locations none) so parallel work does not conflict on line
numbers.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "the5hc_desktop" / "ui"
TS_FILE = ROOT / "resources" / "translations" / "the5hc_ko.ts"
QM_FILE = TS_FILE.with_suffix(".qm")

log = logging.getLogger("update_translations")


def qt_tool(name: str) -> list[str]:
    """The lupdate/lrelease binary shipped inside the PySide6 wheel."""
    import PySide6

    binary = Path(PySide6.__file__).parent / (f"{name}.exe" if sys.platform == "win32" else name)
    if binary.is_file():
        return [str(binary)]
    wrapper = shutil.which(f"pyside6-{name}")
    if wrapper is None:
        raise FileNotFoundError(f"neither {binary} nor pyside6-{name} found")
    return [wrapper]


def source_files(source_dir: Path = SOURCE_DIR) -> list[Path]:
    return sorted(p for p in source_dir.rglob("*.py") if "__pycache__" not in p.parts)


def update_ts(ts_file: Path = TS_FILE, source_dir: Path = SOURCE_DIR) -> None:
    files = [str(p.relative_to(ROOT)) for p in source_files(source_dir)]
    command = [
        *qt_tool("lupdate"),
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        "en_US",
        "-target-language",
        "ko_KR",
        *files,
        "-ts",
        str(ts_file),
    ]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def release_qm(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    command = [*qt_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def messages(ts_file: Path = TS_FILE) -> list[tuple[str, str, str, str]]:
    """(context, source, translation, type) for every message in the catalogue."""
    rows: list[tuple[str, str, str, str]] = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None and translation.text else ""
            kind = translation.get("type", "") if translation is not None else "missing"
            rows.append((name, message.findtext("source") or "", text, kind))
    return rows


def unfinished(ts_file: Path = TS_FILE) -> list[tuple[str, str]]:
    """Messages without a finished, non-empty translation."""
    return [(ctx, src) for ctx, src, text, kind in messages(ts_file) if kind or not text.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report missing Korean")
    args = parser.parse_args(argv)
    if not args.check:
        update_ts()
        release_qm()
        log.info("updated %s and %s", TS_FILE.relative_to(ROOT), QM_FILE.relative_to(ROOT))
    missing = unfinished()
    for context, source in missing:
        log.info("no Korean yet: [%s] %s", context, source)
    log.info("%d strings, %d without Korean", len(messages()), len(missing))
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
