"""Remembered column widths: only what the user sized, per user, and 열 너비 초기화."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from the5hc_desktop.ui.panes.columns import fit_columns
from the5hc_desktop.ui.rows_model import Column, RowsModel, read_only_table
from the5hc_desktop.ui.view_state import ColumnMemory, restore_view_state, save_view_state

TIME, CLIENT, TRAINER, STATUS = range(4)


class Today(QWidget):
    """A pane-like widget: a table whose client column stretches, the others fitted."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("dashboardPane")
        self.model: RowsModel[tuple[str, str, str, str]] = RowsModel(
            [Column(title, lambda row, n=n: row[n])
             for n, title in enumerate(("시간", "회원", "트레이너", "상태"))], self)
        self.table = read_only_table("todayTable", self.model)
        fit_columns(self.table, CLIENT, {TIME: "00:00–00:00", TRAINER: "홍길동길",
                                         STATUS: "예약됨"})
        QVBoxLayout(self).addWidget(self.table)


def _shown(qtbot: QtBot, width: int = 520) -> Today:
    pane = Today()
    qtbot.addWidget(pane)
    pane.resize(width, 300)
    pane.show()
    return pane


def _drag(header_owner: QTableView, section: int, by: int) -> None:
    """Drag the right edge of `section` by `by` pixels, as a user does."""
    header = header_owner.horizontalHeader()
    edge = header.sectionViewportPosition(section) + header.sectionSize(section) - 1
    start = QPoint(edge, header.height() // 2)
    viewport = header.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(by // 2, 0))
    QTest.mouseMove(viewport, start + QPoint(by, 0))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(by, 0))


def test_widths_measured_by_the_program_are_not_remembered(
    qtbot: QtBot, settings_dir: object
) -> None:
    """The dashboard's member column shrank to "…": widths saved while a table was squeezed
    were restored for ever. Now only hand-sized columns are kept."""
    settings = QSettings()
    squeezed = _shown(qtbot, 200)
    restore_view_state(settings, squeezed, "users/kim/panes/dashboardPane")
    header = squeezed.table.horizontalHeader()
    header.resizeSection(TRAINER, 400)  # e.g. a layout pass while the table was hidden
    save_view_state(settings, squeezed, "users/kim/panes/dashboardPane")
    assert settings.value("users/kim/panes/dashboardPane/columns/todayTable") is None

    again = _shown(qtbot)
    restore_view_state(settings, again, "users/kim/panes/dashboardPane")
    fitted = _shown(qtbot)
    assert again.table.horizontalHeader().sectionSize(TRAINER) == \
        fitted.table.horizontalHeader().sectionSize(TRAINER)
    assert again.table.horizontalHeader().sectionSize(CLIENT) > 100


def test_an_old_all_columns_layout_is_ignored(qtbot: QtBot, settings_dir: object) -> None:
    settings = QSettings()
    settings.setValue("panes/dashboardPane/columns/todayTable", "60,30,400,90")
    pane = _shown(qtbot)
    reference = _shown(qtbot)
    fitted = reference.table.horizontalHeader().sectionSize(TRAINER)
    restore_view_state(settings, pane, "panes/dashboardPane")
    assert pane.table.horizontalHeader().sectionSize(TRAINER) == fitted


def test_a_hand_sized_column_is_kept_per_user_and_reset_fits_it_again(
    qtbot: QtBot, settings_dir: object
) -> None:
    settings = QSettings()
    pane = _shown(qtbot)
    restore_view_state(settings, pane, "users/kim/panes/dashboardPane")
    header = pane.table.horizontalHeader()
    fitted = header.sectionSize(TRAINER)
    _drag(pane.table, TRAINER, 60)
    wide = header.sectionSize(TRAINER)
    assert wide > fitted + 30
    save_view_state(settings, pane, "users/kim/panes/dashboardPane")

    kim = _shown(qtbot)
    restore_view_state(settings, kim, "users/kim/panes/dashboardPane")
    assert kim.table.horizontalHeader().sectionSize(TRAINER) == wide
    lee = _shown(qtbot)  # another user on the same PC: the fitted widths
    restore_view_state(settings, lee, "users/lee/panes/dashboardPane")
    assert lee.table.horizontalHeader().sectionSize(TRAINER) == fitted

    # 열 너비 초기화 from the header's right-click menu.
    memory = ColumnMemory.of(kim.table.horizontalHeader())
    menu = memory.menu()
    reset = menu.findChild(QAction, "resetColumnWidths")
    assert reset is not None
    assert reset.text() == "열 너비 초기화"
    reset.trigger()
    menu.deleteLater()
    assert kim.table.horizontalHeader().sectionSize(TRAINER) == fitted
    save_view_state(settings, kim, "users/kim/panes/dashboardPane")
    assert settings.value("users/kim/panes/dashboardPane/columns/todayTable") is None
