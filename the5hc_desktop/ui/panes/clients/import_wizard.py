"""회원 가져오기: members from Excel/CSV in four steps.

파일 선택 → 열 지정 → 미리보기 (every problem marked) → 가져오기 (on the worker lane, then a
summary). Reading, checking and importing all run on the worker lane, so a 50,000-row sheet
never freezes the window; the wizard's buttons wait for the result instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from the5hc_desktop.domain.errors import The5HCError
from the5hc_desktop.services.base import ServiceBase
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.member_import import (
    FIELDS,
    REQUIRED,
    MemberImportSummary,
    Preview,
    check_mapping,
    field_label,
    guess_mapping,
    import_service_beside,
)
from the5hc_desktop.services.table_source import Table, read_table
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.actions import ActionSpec, Scope
from the5hc_desktop.ui.export_action import text
from the5hc_desktop.ui.messages import error_text

_PROBLEM = QColor("#fde2e1")
_NONE = -1


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):  # a datetime too
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _FilePage(QWizardPage):
    def __init__(self, wizard: MemberImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(text("1. 파일 선택", "1. Choose the file"))
        self.setSubTitle(text("엑셀(.xlsx) 또는 CSV(UTF-8, CP949) 파일을 고르세요. 첫 줄은 "
                              "열 제목이어야 합니다. 원본 파일은 바뀌지 않습니다.",
                              "Pick an Excel (.xlsx) or CSV (UTF-8, CP949) file whose first "
                              "row holds the column titles. The file is never changed."))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.textChanged.connect(self._path_changed)
        browse = QPushButton(text("찾아보기…", "Browse…"))
        browse.setObjectName("importBrowse")
        browse.clicked.connect(self._browse)
        self.status = QLabel()
        self.status.setObjectName("importFileStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._reading = False

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, text("회원 명단 파일", "Member list file"), self.path_edit.text(),
            text("엑셀 또는 CSV (*.xlsx *.csv)", "Excel or CSV (*.xlsx *.csv)"))
        if chosen:
            self.path_edit.setText(chosen)

    def _path_changed(self) -> None:
        self._wizard.table = None
        self.status.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and not self._reading

    def validatePage(self) -> bool:
        if self._wizard.table is not None:
            return True
        self._reading = True
        self.completeChanged.emit()
        self.status.setText(text("파일을 읽는 중…", "Reading the file…"))
        path = Path(self.path_edit.text().strip())
        worker.run(lambda ctx: read_table(path, progress=lambda f: ctx.report(int(f * 100), 100)),
                   self._read, on_failure=self._failed, parent=self,
                   progress_label=text("파일을 읽는 중…", "Reading the file…"),
                   on_done=self._done)
        return False

    def _done(self) -> None:
        self._reading = False
        self.completeChanged.emit()

    def _read(self, table: Table) -> None:
        self._wizard.table = table
        self.status.setText(text(f"{len(table.rows):,}행, 열 {len(table.headers)}개",
                                 f"{len(table.rows):,} rows, {len(table.headers)} columns"))
        self._wizard.next()

    def _failed(self, error: The5HCError) -> None:
        self.status.setText(f"<span style='color:#c62828'>{error_text(error)}</span>")


class _MapPage(QWizardPage):
    def __init__(self, wizard: MemberImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(text("2. 열 지정", "2. Match the columns"))
        self.setSubTitle(text("파일의 어느 열이 어떤 항목인지 고르세요. * 표시는 꼭 필요합니다.",
                              "Choose which column holds each field; * is required."))
        self.form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        for name in FIELDS:
            box = QComboBox()
            box.setObjectName(f"map_{name}")
            box.currentIndexChanged.connect(lambda _i: self._changed())
            self.boxes[name] = box
            label = field_label(name)
            self.form.addRow(text(label.ko, label.en) + (" *" if name in REQUIRED else ""), box)
        self.error = QLabel()
        self.error.setObjectName("importMapError")
        self.error.setStyleSheet("color: #c62828;")
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        table = self._wizard.table
        assert table is not None
        guessed = guess_mapping(table.headers)
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(text("(가져오지 않음)", "(not imported)"), _NONE)
            for index, header in enumerate(table.headers):
                box.addItem(header or text(f"({index + 1}번째 열)", f"(column {index + 1})"),
                            index)
            box.setCurrentIndex(box.findData(guessed.get(name, _NONE)))
            box.blockSignals(False)
        self._changed()

    def mapping(self) -> dict[str, int]:
        return {name: int(box.currentData()) for name, box in self.boxes.items()
                if box.currentData() is not None and int(box.currentData()) != _NONE}

    def _changed(self) -> None:
        self._wizard.mapping = self.mapping()
        self.error.clear()
        self.completeChanged.emit()

    def validatePage(self) -> bool:
        table = self._wizard.table
        assert table is not None
        try:
            check_mapping(self.mapping(), table.headers)
        except The5HCError as error:
            self.error.setText(error_text(error))
            return False
        return True


class _PreviewPage(QWizardPage):
    def __init__(self, wizard: MemberImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(text("3. 미리보기", "3. Preview"))
        self.setSubTitle(text("문제가 있는 칸은 빨간색입니다(마우스를 올리면 이유). 문제 없는 행만 "
                              "가져오고 나머지는 보고서 파일로 남깁니다.",
                              "Cells with a problem are red (hover for why). Only rows without "
                              "problems are imported; the rest go to a report file."))
        self.summary = QLabel()
        self.summary.setObjectName("importPreviewSummary")
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.view = QTableView()
        self.view.setObjectName("importPreviewTable")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, text("가져오기", "Import"))
        self._ready = False

    def initializePage(self) -> None:
        self._ready = False
        self.model.clear()
        self.summary.setText(text("모든 행을 확인하는 중…", "Checking every row…"))
        service, actor = self._wizard.service, self._wizard.actor
        table, mapping = self._wizard.table, dict(self._wizard.mapping)
        assert table is not None
        worker.run(
            lambda ctx: service.preview(actor, table, mapping,
                                        progress=lambda f: ctx.report(int(f * 100), 100)),
            self._show, on_failure=self._failed, parent=self,
            progress_label=text("확인하는 중…", "Checking…"))

    def isComplete(self) -> bool:
        return self._ready and self._wizard.preview is not None and (
            self._wizard.preview.valid > 0)

    def _failed(self, error: The5HCError) -> None:
        self.summary.setText(f"<span style='color:#c62828'>{error_text(error)}</span>")

    def _show(self, preview: Preview) -> None:
        self._wizard.preview = preview
        table, mapping = self._wizard.table, self._wizard.mapping
        assert table is not None
        fields = sorted(mapping, key=lambda n: mapping[n])
        heads = [text("행", "Row"), *(text(field_label(n).ko, field_label(n).en)
                                     for n in fields), text("문제", "Problems")]
        self.model.setHorizontalHeaderLabels(heads)
        for row in preview.rows:
            bad = {p.field for p in row.problems}
            items = [QStandardItem(str(row.line))]
            for name in fields:
                item = QStandardItem(_cell(row.cells[mapping[name]]))
                reasons = [p for p in row.problems if p.field == name]
                if reasons:
                    item.setBackground(_PROBLEM)
                    item.setToolTip("\n".join(text(p.message_ko, p.message_en)
                                              for p in reasons))
                items.append(item)
            note = QStandardItem(" / ".join(text(p.message_ko, p.message_en)
                                            for p in row.problems) or "✓")
            if bad:
                note.setToolTip("\n".join(text(p.message_ko, p.message_en)
                                          for p in row.problems))
                note.setForeground(QColor("#c62828"))
                items[0].setBackground(_PROBLEM)
            items.append(note)
            self.model.appendRow(items)
        self.view.resizeColumnsToContents()
        shown = len(preview.rows)
        more = (text(f" (처음 {shown}행 표시)", f" (first {shown} rows shown)")
                if preview.total > shown else "")
        self.summary.setText(text(
            f"전체 {preview.total:,}행 · 가져올 행 {preview.valid:,} · 건너뛸 행 "
            f"{preview.skipped:,}{more}",
            f"{preview.total:,} rows · {preview.valid:,} to import · {preview.skipped:,} to "
            f"skip{more}"))
        self._ready = True
        self.completeChanged.emit()


class _ResultPage(QWizardPage):
    def __init__(self, wizard: MemberImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(text("4. 가져오기", "4. Import"))
        self.result = QLabel()
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self._done = False

    def initializePage(self) -> None:
        self._done = False
        self.result.setText(text("가져오는 중… 끝날 때까지 창을 닫지 마세요.",
                                 "Importing… keep this window open until it finishes."))
        service, actor = self._wizard.service, self._wizard.actor
        table, mapping = self._wizard.table, dict(self._wizard.mapping)
        assert table is not None
        worker.run(
            lambda ctx: service.import_rows(actor, table, mapping,
                                            progress=lambda f: ctx.report(int(f * 100), 100)),
            self._finished, on_failure=self._failed, parent=self, cancellable=False,
            progress_label=text("회원을 가져오는 중…", "Importing members…"))

    def isComplete(self) -> bool:
        return self._done

    def _failed(self, error: The5HCError) -> None:
        self.result.setText(text("가져오지 못했습니다. 아무것도 저장되지 않았습니다.",
                                 "The import failed; nothing was saved.")
                            + f"<br><span style='color:#c62828'>{error_text(error)}</span>")
        self._done = True
        self.completeChanged.emit()

    def _finished(self, summary: MemberImportSummary) -> None:
        lines = [text(f"회원 {summary.created:,}명을 추가했습니다.",
                      f"Added {summary.created:,} members.")]
        if summary.skipped:
            lines.append(text(f"건너뛴 행 {summary.skipped:,}개는 보고서에 있습니다:",
                              f"{summary.skipped:,} skipped rows are listed in:"))
            lines.append(f"<code>{summary.report}</code>")
        self.result.setText("<br>".join(lines))
        self._done = True
        self._wizard.imported.emit(summary)
        self.completeChanged.emit()


class MemberImportWizard(QWizard):
    """The four-step member import (see the module docstring)."""

    imported = Signal(object)  # MemberImportSummary

    def __init__(self, beside: ServiceBase, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberImportWizard")
        self.setWindowTitle(text("엑셀/CSV에서 회원 가져오기", "Import members from Excel/CSV"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(820, 600)
        self.service = import_service_beside(beside)
        self.actor = actor
        self.table: Table | None = None
        self.mapping: dict[str, int] = {}
        self.preview: Preview | None = None
        self.file_page = _FilePage(self)
        self.map_page = _MapPage(self)
        self.preview_page = _PreviewPage(self)
        self.result_page = _ResultPage(self)
        for page in (self.file_page, self.map_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, text("다음", "Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, text("이전", "Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, text("취소", "Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, text("완료", "Finish"))


def import_action() -> ActionSpec:
    """The File-menu entry that opens the wizard from the 회원 관리 pane."""
    return ActionSpec("client.import", text("엑셀/CSV에서 회원 가져오기…",
                                            "Import members from Excel/CSV…"),
                      "import_members", None, scope=Scope.PANE)


def add_import_button(page: QWidget, anchor: QWidget, slot: Any) -> QPushButton:
    """A 가져오기 button just before `anchor` in the list page's toolbar row."""
    button = QPushButton(text("가져오기", "Import"))
    button.setObjectName("clientImportButton")
    button.setToolTip(text("엑셀/CSV 파일에서 회원을 한 번에 등록합니다",
                           "Register members from an Excel/CSV file"))
    button.clicked.connect(slot)
    outer = page.layout()
    for index in range(outer.count() if outer is not None else 0):
        item = outer.itemAt(index) if outer is not None else None
        row = item.layout() if item is not None else None
        if isinstance(row, QBoxLayout) and row.indexOf(anchor) >= 0:
            row.insertWidget(row.indexOf(anchor), button)
            break
    return button


def open_import_wizard(parent: QWidget, beside: ServiceBase, actor: Actor,
                       on_imported: Any) -> MemberImportWizard:
    wizard = MemberImportWizard(beside, actor, parent)
    wizard.imported.connect(on_imported)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard
