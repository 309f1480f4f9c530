"""The staff accounts table: one row per `StaffView`, columns in the UI language."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject

from the5hc_desktop.services.accounts import StaffView
from the5hc_desktop.services.context import Role
from the5hc_desktop.ui.rows_model import ROW_ROLE, Column, RowsModel

STAFF_ROLE = ROW_ROLE  # the StaffView of the row

NAME, USERNAME, ROLE, STATUS, LAST_LOGIN = range(5)
_INACTIVE = "#90a4ae"
_LOCKED = "#c62828"


def _grey(view: StaffView) -> str | None:
    return None if view.active else _INACTIVE


def _status_colour(view: StaffView) -> str | None:
    return _LOCKED if view.locked_until is not None else _grey(view)


class StaffModel(RowsModel[StaffView]):
    def __init__(self, language: str = "ko", parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._language = language
        self.set_columns((
            Column(self.tr("Name"), lambda v: v.display_name, colour=_grey),
            Column(self.tr("Username"), lambda v: v.username, colour=_grey),
            Column(self.tr("Role"), lambda v: v.role.label(self._language), colour=_grey),
            Column(self.tr("Status"), self.status_text, colour=_status_colour),
            Column(self.tr("Last sign-in"),
                   lambda v: f"{v.last_login:%Y-%m-%d %H:%M}" if v.last_login else "–",
                   colour=_grey),
        ))

    def staff(self, row: int) -> StaffView | None:
        return self.row_at(row)

    def row_of(self, staff_id: uuid.UUID) -> int:
        for index, view in enumerate(self._rows):
            if view.id == staff_id:
                return index
        return -1

    def samples(self) -> dict[int, str]:
        """The widest text of each short column (ui/panes/columns.py); the name stretches."""
        lines = "\n".join
        return {
            USERNAME: "username00",
            ROLE: lines(role.label(self._language) for role in Role),
            STATUS: lines((self.tr("Deactivated"), self.tr("Active (must change password)"),
                           self.tr("Locked until {time}").format(time="00:00"),
                           self.tr("Active"))),
            LAST_LOGIN: "0000-00-00 00:00",
        }

    def status_text(self, view: StaffView) -> str:
        if not view.active:
            return self.tr("Deactivated")
        if view.locked_until is not None:
            return self.tr("Locked until {time}").format(time=f"{view.locked_until:%H:%M}")
        if view.must_change_password:
            return self.tr("Active (must change password)")
        return self.tr("Active")
