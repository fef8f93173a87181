"""Actions pasted or dropped on the window (issue 18): *Édition › Coller des actions*
(Ctrl+Shift+V) reads the clipboard, and files (or a text) dropped on the window are imported;
each goes through the same preview as *Fichier › Importer…* (ExchangeCommands).

The clipboard's text is what a browser gives when one selects a SENACS listing or an
« expérience » page and copies it; the readers tolerate what such a copy does
(exchange/browser_copy.py, exchange/experience_reader.py). Files copied in a file manager
(the clipboard then holds their addresses) are imported like dropped ones.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication

from centres_app.errors import AppError, ParseError
from centres_app.ui import messages
from centres_app.ui.commands.base import CommandContext, Commands
from centres_app.ui.commands.exchange import ExchangeCommands


class PasteCommands(Commands):
    """Paste and drop, over the import flow of `exchange`."""

    def __init__(self, context: CommandContext, exchange: ExchangeCommands) -> None:
        super().__init__(context)
        self.exchange = exchange
        window = context.window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # --- the clipboard ----------------------------------------------------------------------

    def on_paste_actions_triggered(self) -> None:
        data = QGuiApplication.clipboard().mimeData()
        files = _local_files(data)
        if files:
            self.import_files(files)
            return
        text = data.text() if data is not None and data.hasText() else ""
        self.import_text(text, self.tr("Presse-papiers"))

    def import_text(self, text: str, name: str) -> bool:
        """Imports a text given whole (the clipboard, a dropped selection) after its preview;
        a refusal names the line: « Presse-papiers, ligne 12 : … »."""
        from centres_app.exchange.loader import read_import_text

        return self.exchange.preview_and_import(
            name,
            lambda: read_import_text(text, name),
            lambda exc: self._describe(exc, name),
            unreadable=self.tr("Rien à importer"),
            refusal=lambda exc: self._describe(exc, name),
            hint=self.tr(
                "Sélectionnez toute la page SENACS (la liste « Les actions des centres "
                "sociaux » avec son tableau, ou une page « expérience » depuis « Actions ») "
                "dans le navigateur, copiez-la (Ctrl+C), puis choisissez Édition › Coller des "
                "actions (Ctrl+Maj+V). Un fichier se dépose aussi sur la fenêtre."
            ),
        )

    def _describe(self, exc: AppError, name: str) -> str:
        """« Presse-papiers, ligne 12 : … »: a text has no file name to put before `:12:`."""
        if isinstance(exc, ParseError):
            return self._at_line(exc.path, exc.line) + " : " + exc.message

        def at_line(match: re.Match[str]) -> str:
            return self._at_line(name, int(match.group(1))) + (" : " if match.group(2) else "")

        return re.sub(re.escape(name) + r":(\d+)(:\s*)?", at_line, str(exc))

    def _at_line(self, name: str, line: int) -> str:
        return self.tr("{name}, ligne {line}").format(name=name, line=line)

    # --- dropped files and text -------------------------------------------------------------

    def import_files(self, paths: list[str]) -> None:
        """Each file in turn: its preview, then its import (a refusal does not stop the next)."""
        for path in paths:
            self.exchange.import_file(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QDropEvent) and event.source() is not None:
            return super().eventFilter(watched, event)  # a drag inside the window: not an import
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(
            event, QDragEnterEvent | QDragMoveEvent
        ):
            if _droppable(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            data = event.mimeData()
            if _droppable(data):
                event.acceptProposedAction()
                # After the drop has returned: a modal preview inside the drag's event would
                # hold the source application's drag until it is closed.
                files, urls = _local_files(data), data.urls() if data.hasUrls() else []
                text = data.text() if data.hasText() else ""
                QTimer.singleShot(0, lambda: self._dropped(files, urls, text))
                return True
        return super().eventFilter(watched, event)

    def _dropped(self, files: list[str], urls: list[QUrl], text: str) -> None:
        if files:
            self.import_files(files)
        elif urls:
            messages.show_error(
                self.context.window,
                self.tr("Dépôt impossible"),
                self.tr(
                    "Seuls des fichiers de cet ordinateur peuvent être déposés : « {url} » "
                    "est une adresse. Ouvrez la page dans le navigateur, sélectionnez-la et "
                    "copiez-la, puis choisissez Édition › Coller des actions."
                ).format(url=urls[0].toString()),
            )
        else:
            self.import_text(text, self.tr("Texte déposé"))


def _local_files(data: QMimeData | None) -> list[str]:
    if data is None or not data.hasUrls():
        return []
    urls = data.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [str(Path(url.toLocalFile())) for url in urls]


def _droppable(data: QMimeData | None) -> bool:
    return data is not None and (data.hasUrls() or data.hasText())
