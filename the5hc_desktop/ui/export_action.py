"""내보내기 (Ctrl+E) for the panes that show lists: ask where, export on the worker lane.

    export_list(pane, some_service, actor, "payments", messages)

The file is written by `services.xlsx_export` off the GUI thread; the user gets a success
message naming the file, or the typed error.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from the5hc_desktop.services.base import ServiceBase
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.xlsx_export import WHAT_LABELS, ExportResult, export_service_beside
from the5hc_desktop.ui import gym_clock, i18n, worker
from the5hc_desktop.ui.messages import MessageBridge


def text(ko: str, en: str) -> str:
    """Korean unless the UI runs in English (these texts have no catalogue entry)."""
    return en if i18n.current_language() == "en" else ko


def suggested_path(what: str) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    ko, _en = WHAT_LABELS[what]
    return Path(folder or Path.home()) / f"the5hc-{ko}-{gym_clock.today():%Y%m%d}.xlsx"


def choose_target(parent: QWidget, what: str) -> Path | None:
    """The save dialog (tests replace this function)."""
    ko, en = WHAT_LABELS[what]
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, text(f"{ko} 엑셀로 내보내기", f"Export {en.lower()} to Excel"),
        str(suggested_path(what)), text("엑셀 통합 문서 (*.xlsx)", "Excel workbook (*.xlsx)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def export_list(parent: QWidget, beside: ServiceBase, actor: Actor, what: str,
                messages: MessageBridge) -> None:
    """Ask for a file, then write the `what` list to it on the worker lane."""
    target = choose_target(parent, what)
    if target is None:
        return
    service = export_service_beside(beside)

    def done(result: ExportResult) -> None:
        messages.success(text(f"{result.rows}행을 내보냈습니다: {result.path}",
                              f"Exported {result.rows} rows: {result.path}"))

    worker.run(
        lambda ctx: service.export(actor, what, target,
                                   progress=lambda n, total: ctx.report(n, total)),
        done,
        on_failure=messages.show_error,
        progress_label=text("엑셀로 내보내는 중…", "Exporting to Excel…"),
        parent=parent,
    )
