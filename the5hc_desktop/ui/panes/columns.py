"""Column widths for the panes' tables: short columns fit, one descriptive column stretches.

The rule for every table in the panes:

- numeric, date and short text columns get a measured width: their header (with its
  margins and sort arrow, and at least 1.2 × the header text) or a sample of their widest
  expected value, whichever is wider, plus air; so a header is never cut and an empty
  table already looks like a full one;
- one descriptive column (a name, a package, a note) stretches over what is left;
- the measured width is also the least a column can be dragged to, so widths remembered
  by ui/view_state.py from an older layout (or a drag too far) never cut a header or a
  number again. Wider widths the user chooses are kept, and remembered as before.

Measuring a few sample strings costs nothing; `ResizeToContents` would measure the rows on
every layout pass and, being user-proof, would ignore the widths view_state restores.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

HEADER_FACTOR = 1.2  # a header gets at least this much of its text's width
CELL_AIR = 16  # px beyond a sample's text: the item margins and some breathing room

Sample = str | int  # a string to measure, or a width in pixels (a painted cell)


def header_width(header: QHeaderView, section: int) -> int:
    """The least width that shows the header of `section` in full."""
    model = header.model()
    text = model.headerData(section, Qt.Orientation.Horizontal) if model is not None else ""
    advance = header.fontMetrics().horizontalAdvance(str(text or ""))
    if not advance:
        return 0
    return max(header.sectionSizeHint(section), math.ceil(advance * HEADER_FACTOR),
               advance + CELL_AIR)


def sample_width(view: QTableView, sample: Sample) -> int:
    if isinstance(sample, int):
        return sample
    return max(view.fontMetrics().horizontalAdvance(line) for line in sample.split("\n")) \
        + CELL_AIR


class ColumnWidths(QObject):
    """Sizes the columns of `view` by the rule above and keeps them at their least width.

    `stretch` is the descriptive column (None: none stretches, the last one keeps its
    width); `samples` maps a column to its widest expected text (several lines: the widest
    counts) or to a width in pixels. Columns without a sample fit their header. `initial`
    gives a column more than its least width to start with (the user may narrow it).
    """

    def __init__(self, view: QTableView, stretch: int | None,
                 samples: Mapping[int, Sample] | None = None,
                 initial: Mapping[int, int] | None = None) -> None:
        header = view.horizontalHeader()
        super().__init__(header)
        self.setObjectName("columnWidths")
        self._view = view
        self._header = header
        self.stretch = stretch
        self._samples = dict(samples or {})
        self._initial = dict(initial or {})
        self.least: list[int] = []
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.apply()
        header.sectionResized.connect(self._resized)
        header.sectionCountChanged.connect(lambda _old, _new: self.apply())

    def apply(self) -> None:
        """(Re)measure every column and give it its width."""
        header, view = self._header, self._view
        self.least = []
        for section in range(header.count()):
            width = header_width(header, section)
            sample = self._samples.get(section)
            if sample is not None:
                width = max(width, sample_width(view, sample))
            self.least.append(width)
            if section == self.stretch:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(section, max(width, self._initial.get(section, 0)))

    def fixed_width(self) -> int:
        """What the columns other than the stretching one take together."""
        return sum(self._header.sectionSize(section) for section in range(self._header.count())
                   if section != self.stretch and not self._header.isSectionHidden(section))

    def minimum_width(self) -> int:
        """The view's width that shows every column at its least width, the stretching one
        included, beside a vertical scroll bar: give it to a splitter side that holds it."""
        view = self._view
        return (sum(self.least) + 2 * view.frameWidth()
                + view.verticalScrollBar().sizeHint().width())

    def _resized(self, section: int, _old: int, new: int) -> None:
        if (section == self.stretch or not 0 <= section < len(self.least)
                or self._header.isSectionHidden(section)):
            return
        if new < self.least[section]:
            self._header.resizeSection(section, self.least[section])


def fit_columns(view: QTableView, stretch: int | None,
                samples: Mapping[int, Sample] | None = None,
                initial: Mapping[int, int] | None = None) -> ColumnWidths:
    """Apply the rule to `view` (see the module docstring); returns the sizer."""
    return ColumnWidths(view, stretch, samples, initial)
