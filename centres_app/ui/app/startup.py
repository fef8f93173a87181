"""GUI start-up: the QApplication, French translations, the store, the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QMainWindow

from centres_app.config import APP_NAME, resource_path
from centres_app.errors import AppError
from centres_app.ui import messages, tasks
from centres_app.ui.app.collector import MainThreadCollector
from centres_app.ui.app.qt_french import QtFrenchSupplement
from centres_app.ui.app.single_instance import StoreGuard, bring_forward
from centres_app.ui.commands.base import Change

if TYPE_CHECKING:
    from centres_app.services import StoreServices as Store
    from centres_app.ui.window.main_window import MainWindow

EXIT_OK, EXIT_BAD_INPUT = 0, 2


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


def _install_qt_translations(app: QApplication) -> list[QTranslator]:
    """Installs Qt's own French messages (file chooser, standard buttons: qtbase_fr.qm from
    the PySide6 wheel, shipped in the bundle by build.spec) and, for another language, ours;
    returns the translators installed."""
    installed: list[QTranslator] = []
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.French), "qtbase", "_", folder):
        app.installTranslator(translator)
        installed.append(translator)
        supplement = QtFrenchSupplement(app)  # installed last: asked first
        app.installTranslator(supplement)
        installed.append(supplement)
    # The interface is written in French; another language comes from a compiled Qt Linguist
    # file (resources/i18n/centres_app_<lang>.qm, see scripts/update-translations.sh), chosen
    # by CENTRES_APP_LANG.
    lang = os.environ.get("CENTRES_APP_LANG", "")
    if lang and not lang.startswith("fr"):
        ours = QTranslator(app)
        if ours.load(f"centres_app_{lang}", str(resource_path("i18n"))):
            app.installTranslator(ours)
            installed.append(ours)
    return installed


class _ErrorHook:
    """sys.excepthook while the window runs: an exception escaping a slot is told to the user.

    Known errors (AppError) show their own French message, under « Erreur »; anything else is
    a bug: « Erreur inattendue ». Boxes never wait and a burst gives one box
    (messages.report_error). The previous hook is always called first: the default one
    prints the traceback on stderr for us, and pytest-qt's records the exception so that the
    test fails — it is never hidden.
    """

    def __init__(self, previous: Callable[..., object]) -> None:
        self.previous = previous

    def __call__(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        self.previous(kind, value, tb)
        if QApplication.instance() is None:
            return
        if isinstance(value, AppError):
            title = QCoreApplication.translate("App", "Erreur")
            message = str(value)
        else:
            title = QCoreApplication.translate("App", "Erreur inattendue")
            message = QCoreApplication.translate(
                "App",
                "Une erreur inattendue s'est produite ; vos données enregistrées ne sont pas "
                "touchées.\n\nDétail : {detail}",
            ).format(detail=f"{kind.__name__}: {value}")
        messages.report_error(QApplication.activeWindow(), title, message)


def run_gui(
    open_store: Callable[[], Store],
    open_other: Callable[[str], Store] | None = None,
    use_saved_choice: bool = False,
    store_target: str | None = None,
) -> int:
    """Opens the window on the store that `open_store` gives; returns the process exit code.

    The composition root (cli.py) hands over how to open the store (and, with `open_other`,
    another file the user picks), so that this layer never reaches the database package.
    Before the window: the location warning; once it is shown, the store's quick check and
    the daily backup run in the background (startup_checks.py) and a damaged store is
    reported then. A store too damaged to build the window is checked first, as before.
    `store_target` (the path or URL `open_store` opens) lets a second start on a store
    already shown give way before opening it (single_instance.py).
    """
    from centres_app.ui.app import startup_checks

    app = create_application()
    guard = _claim_store(store_target, use_saved_choice and open_other is not None)
    if guard is None:
        return EXIT_OK
    try:
        opened: Store | None = _open_saved_choice(open_other) if use_saved_choice else None
        if opened is None:
            opened = open_store()
    except AppError as exc:
        opened = startup_checks.recover_from_open_error(exc, open_other)
        if opened is None:
            print(f"centres-app : {exc}", file=sys.stderr)
            guard.release()
            return EXIT_BAD_INPUT
    if not _follow_store(guard, opened):
        return EXIT_OK
    user_settings = settings()
    startup_checks.warn_risk(opened, user_settings)
    previous_hook = sys.excepthook
    sys.excepthook = _ErrorHook(previous_hook)
    session = _Session(app, opened, open_other, user_settings, guard)
    collector = MainThreadCollector(app)  # Qt objects freed on the GUI thread only
    try:
        if not session.start():
            return EXIT_BAD_INPUT
        code = app.exec()
        return session.exit_code if session.exit_code is not None else code
    finally:
        sys.excepthook = previous_hook
        session.finish()
        collector.stop()


def _open_saved_choice(open_other: Callable[[str], Store] | None) -> Store | None:
    """The store chosen in « Base de données… », or None (then the default one is opened)."""
    from centres_app.ui.dialogs.store_settings_dialog import SETTINGS_KEY

    target = str(settings().value(SETTINGS_KEY, "") or "")
    if not target or open_other is None:
        return None
    try:
        return open_other(target)
    except AppError as exc:
        messages.show_error(
            None,
            QCoreApplication.translate("App", "Actions des centres sociaux"),
            QCoreApplication.translate(
                "App",
                "La base choisie dans « Base de données… » est inaccessible ; la base locale "
                "par défaut est ouverte.\n\n{reason}",
            ).format(reason=str(exc)),
        )
        return None


# --- one window per store (single_instance.py) ------------------------------------------------
# Decided before the store is opened: a second start on a store already shown neither opens
# nor migrates it, it only wakes the window that shows it and exits. The planned target is
# the saved choice of « Base de données… » when it applies, else what cli.py resolved (--db,
# $CENTRES_APP_DB or the default file). Whatever is opened in the end (the default store when
# the saved one fails, another file chosen after an error) is then followed by _follow_store.


def _claim_store(store_target: str | None, saved_first: bool) -> StoreGuard | None:
    """The guard of the store about to be opened; None when another window shows it."""
    from centres_app.ui.dialogs.store_settings_dialog import SETTINGS_KEY

    guard = StoreGuard()
    guard.activation_requested.connect(_on_activation_requested)
    saved = str(settings().value(SETTINGS_KEY, "") or "") if saved_first else ""
    if guard.claim(saved or store_target):
        return guard
    _tell_already_open(guard)
    guard.deleteLater()
    return None


def _follow_store(guard: StoreGuard, opened: Store) -> bool:
    """The guard on the store actually opened; False (store closed) when another window has it."""
    if guard.follow(opened):
        return True
    _tell_already_open(guard)
    opened.close()
    guard.release()
    return False


def _tell_already_open(guard: StoreGuard) -> None:
    message = guard.refusal_message()
    print(f"centres-app : {message[:1].lower()}{message[1:]}", file=sys.stderr)
    if guard.refused is not None and not guard.refused[1]:
        # No window came forward: without this box a double click would seem to do nothing.
        messages.show_info(
            None, QCoreApplication.translate("App", "Actions des centres sociaux"), message
        )


def _on_activation_requested() -> None:
    """A second start on this store: the window (and its open dialog) to the front."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            bring_forward(widget)
            widget.statusBar().showMessage(
                QCoreApplication.translate(
                    "App", "Cette base est déjà ouverte dans cette fenêtre (une fenêtre par base)."
                ),
                8000,
            )
    modal = QApplication.activeModalWidget()
    if modal is not None:
        bring_forward(modal)


def _make_probe(open_other: Callable[[str], Store]) -> Callable[[str], tuple[bool, str]]:
    """Opens a candidate store once, for « Tester la connexion »."""

    def probe(target: str) -> tuple[bool, str]:
        try:
            store = open_other(target)
        except AppError as exc:
            return False, str(exc)
        try:
            count = store.count()
        except AppError as exc:
            return False, str(exc)
        finally:
            store.close()
        return True, QCoreApplication.translate(
            "App", "Connexion réussie : {n} action(s) dans cette base."
        ).format(n=count)

    return probe


STARTUP_DONE = "startupChecksDone"


class _Session(QObject):
    """The shown window, its store, and what the background start-up checks do to them.

    When the checks are over for a window (sound and backed up, or the user chose to go
    on), the window gets the dynamic property STARTUP_DONE (tests and the benchmark wait
    for it).
    """

    def __init__(
        self,
        app: QApplication,
        store: Store,
        open_other: Callable[[str], Store] | None,
        user_settings: QSettings,
        guard: StoreGuard | None = None,
    ) -> None:
        from centres_app.ui.app import startup_checks

        super().__init__()
        self._checks_module = startup_checks
        self._app = app
        self.store: Store | None = store
        self._open_other = open_other
        self._settings = user_settings
        self._guard = guard
        self.window: MainWindow | None = None
        self.exit_code: int | None = None
        self._checks = startup_checks.BackgroundChecks(self)
        self._checks.checked.connect(self._on_checked)
        self._checks.backed_up.connect(self._on_backed_up)

    def start(self) -> bool:
        """Shows the window and starts the checks; False: quit with EXIT_BAD_INPUT."""
        assert self.store is not None
        try:
            self._show_window()
        except AppError:
            # Too damaged to list: the checks first, their dialogs before any window.
            store, sound = self._checks_module.verify_store(self.store, self._open_other)
            self.store = store
            if store is None:
                return False
            try:
                self._show_window()
            except AppError as exc:
                messages.show_error(
                    None, QCoreApplication.translate("App", "Actions des centres sociaux"), str(exc)
                )
                print(f"centres-app : {exc}", file=sys.stderr)
                return False
            if sound:
                self._checks.backup(store)
            else:
                self._mark_done()
            return True
        self._checks.check(self.store)
        return True

    def _show_window(self) -> None:
        from centres_app.ui.window.main_window import MainWindow

        assert self.store is not None
        self.window = MainWindow(self.store, self._settings)
        if self._open_other is not None:
            # A plain closure, not a bound method: no Python cycle between window and session.
            self.window.set_store_probe(_make_probe(self._open_other))
        self.window.show()

    def _on_checked(self, problems: list[str]) -> None:
        if self.store is None or self.window is None:
            return
        if not problems:
            # A damaged store is never backed up: its copy would push good backups out.
            self._checks.backup(self.store)
            return
        checks = self._checks_module
        choice = checks.ask_damaged(self.store, problems, self._open_other is not None)
        if choice is checks.Choice.QUIT:
            print(
                "centres-app : base endommagée, rien n'a été modifié : " + " ; ".join(problems),
                file=sys.stderr,
            )
            self.exit_code = EXIT_BAD_INPUT
            self._drop_window()  # the last window closed ends the event loop
        elif choice is checks.Choice.CONTINUE:
            self._mark_done()
        elif choice is checks.Choice.RESTORE:
            # The background jobs read the store: all of them end before the swap.
            tasks.runner().await_all()
            if checks.restore_at_startup(self.store):
                self.window.store_changed(Change(replaced=True))
            self._checks.check(self.store)
        elif choice is checks.Choice.OPEN_OTHER and self._open_other is not None:
            other = checks.open_other_file(None, self._open_other)
            if other is not None and not self._guard_follows(other):
                other = None
            if other is not None:
                self._drop_window()
                # The background jobs read the store: all of them end before it is closed.
                tasks.runner().await_all()
                self.store.close()
                self.store = other
                self._show_window()
            self._checks.check(self.store)

    def _guard_follows(self, other: Store) -> bool:
        """The guard moves to `other`; False (other closed) when another window shows it."""
        if self._guard is None or self._guard.follow(other):
            return True
        other.close()
        messages.show_info(
            self.window,
            QCoreApplication.translate("App", "Ouvrir une autre base"),
            self._guard.refusal_message(),
        )
        return False

    def _on_backed_up(self, result: object) -> None:
        if self.window is not None:
            self._checks_module.report_backup(self.window, result)
            self._mark_done()

    def _mark_done(self) -> None:
        if self.window is not None:
            self.window.setProperty(STARTUP_DONE, True)

    def _drop_window(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()

    def finish(self) -> None:
        """After the event loop: the windows deleted (the closed one too), the store closed."""
        # The closed window is deleted here, not when the last reference to this session goes:
        # a traceback kept by an exception hook holds run_gui's frame, hence the session, and
        # a closed window would then outlive run_gui.
        window, self.window = self.window, None
        if window is not None:
            window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        # A daily backup under way is finished (the quick check, read-only, is not waited for).
        tasks.runner().await_all(at_quit=True)
        if self.store is not None:
            self.store.close()
        if self._guard is not None:
            self._guard.release()  # after the close: no moment with two windows writing
