"""GUI start-up: the QApplication, French translations, the store, the main window."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from centres_app.config import APP_NAME, resource_path
from centres_app.errors import AppError
from centres_app.ui import dialogs

if TYPE_CHECKING:
    from centres_app.db.store import Store

EXIT_BAD_INPUT = 2


def settings() -> QSettings:
    """The user's window settings (geometry, splitter, last search); data lives in the store."""
    return QSettings(APP_NAME, APP_NAME)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists, as in tests), in French."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    _install_qt_translations(app)
    return app


def _install_qt_translations(app: QApplication) -> None:
    # Qt's own dialogs (file chooser, message boxes' standard buttons) in French.
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.French), "qtbase", "_", folder):
        app.installTranslator(translator)
    # The interface is written in French; another language comes from a compiled Qt Linguist
    # file (resources/i18n/centres_app_<lang>.qm, see scripts/update-translations.sh), chosen
    # by CENTRES_APP_LANG.
    lang = os.environ.get("CENTRES_APP_LANG", "")
    if lang and not lang.startswith("fr"):
        ours = QTranslator(app)
        if ours.load(f"centres_app_{lang}", str(resource_path("i18n"))):
            app.installTranslator(ours)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """A bug in a slot: a French message for the user, the traceback on stderr for us."""
    traceback.print_exception(kind, value, tb, file=sys.stderr)
    app = QApplication.instance()
    if app is None:
        return
    window = QApplication.activeWindow()
    dialogs.show_error(
        window,
        QCoreApplication.translate("App", "Erreur inattendue"),
        QCoreApplication.translate(
            "App",
            "Une erreur inattendue s'est produite ; vos données enregistrées ne sont pas "
            "touchées.\n\nDétail : {detail}",
        ).format(detail=f"{kind.__name__}: {value}"),
    )


def run_gui(
    open_store: Callable[[], Store], open_other: Callable[[str], Store] | None = None
) -> int:
    """Opens the window on the store that `open_store` gives; returns the process exit code.

    The composition root (cli.py) hands over how to open the store (and, with `open_other`,
    another file the user picks), so that this layer never reaches the database package.
    Before the window: the store's quick check and location warning (startup_checks.py).
    """
    from centres_app.ui import startup_checks
    from centres_app.ui.main_window import MainWindow

    app = create_application()
    try:
        opened: Store | None = open_store()
    except AppError as exc:
        opened = startup_checks.recover_from_open_error(exc, open_other)
        if opened is None:
            print(f"centres-app : {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
    store, sound = startup_checks.verify_store(opened, open_other)
    if store is None:
        return EXIT_BAD_INPUT
    user_settings = settings()
    startup_checks.warn_risk(store, user_settings)
    previous_hook = sys.excepthook
    sys.excepthook = _excepthook
    try:
        try:
            window = MainWindow(store, user_settings)
        except AppError as exc:
            dialogs.show_error(
                None, QCoreApplication.translate("App", "Actions des centres sociaux"), str(exc)
            )
            print(f"centres-app : {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        window.show()
        if sound:
            # A damaged store is never backed up: its copy would push good backups out.
            startup_checks.daily_backup(store, window)
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        store.close()
