"""The counts of the result: « 12 actions » beside the search box, « 12 actions affichées /
340 au total » in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget


class ResultCounts(QObject):
    """The two labels (objectNames resultCount and statusCount, design §5)."""

    def __init__(self, top: QWidget, status_bar: QWidget) -> None:
        super().__init__(top)
        self._locale = QLocale(QLocale.Language.French, QLocale.Country.France)
        self.result_count = QLabel(top)
        self.result_count.setObjectName("resultCount")
        self.result_count.setTextFormat(Qt.TextFormat.PlainText)
        self.result_count.setMinimumWidth(180)
        self.result_count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status_count = QLabel(status_bar)
        self.status_count.setObjectName("statusCount")

    def show_counts(self, shown: int, total: int) -> None:
        """`shown` actions listed out of `total` in the store (never fewer than shown)."""
        total = max(total, shown)
        if shown == 0:
            text = self.tr("Aucune action ne correspond")
        elif shown == 1:
            text = self.tr("1 action")
        else:
            text = self.tr("{n} actions").format(n=self._locale.toString(shown))
        self.result_count.setText(text)
        if shown <= 1:
            status = self.tr("{n} action affichée / {m} au total")
        else:
            status = self.tr("{n} actions affichées / {m} au total")
        n, m = self._locale.toString(shown), self._locale.toString(total)
        self.status_count.setText(status.format(n=n, m=m))
