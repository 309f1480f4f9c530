"""The print preview of a list (`ui.list_print`): rendered on a worker lane, then shown."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QWidget

from the5hc_desktop.reports.table_report import render_list
from the5hc_desktop.ui.documents.dialog import PdfDialog
from the5hc_desktop.ui.list_print import MAX_ROWS, ListSnapshot
from the5hc_desktop.ui.messages import MessageBridge


def render_snapshot(shot: ListSnapshot, gym_name: str, printed_by: str, printed_at: datetime,
                    language: str) -> bytes:
    buffer = io.BytesIO()
    render_list(buffer, gym_name=gym_name, title=shot.title, subtitle=shot.subtitle,
                columns=shot.columns, sections=shot.sections, printed_at=printed_at,
                printed_by=printed_by, language=language)
    return buffer.getvalue()


class ListPrintDialog(PdfDialog):
    """Preview of one printed list, with Print… and Save as PDF…."""

    def __init__(self, shot: ListSnapshot, *, gym_name: Callable[[], str], printed_by: str,
                 language: str, messages: MessageBridge, file_stem: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(messages, parent)
        self.setObjectName("listPrintDialog")
        self.setWindowTitle(self.tr("Print: {title}").format(title=shot.title))
        self.shot = shot
        self._stem = file_stem
        if shot.truncated:
            self.error_label.setText(self.tr("Only the first {count} rows are printed.")
                                     .format(count=f"{MAX_ROWS:,}"))
        now = datetime.now().astimezone()
        # The gym's name is read with the rendering, on the worker lane.
        self.load(lambda: render_snapshot(shot, gym_name(), printed_by, now, language))

    def file_name(self) -> str:
        return f"{self._stem}.pdf"


