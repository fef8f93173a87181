"""« Base de données… »: which store the app opens (local file or shared PostgreSQL server)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from centres_app.ui.store_names import store_description

# A probe opens a target and says how it went: (ok, French message).
Probe = Callable[[str], tuple[bool, str]]

SETTINGS_KEY = "store/target"
PG_SCHEME = "postgresql+psycopg"


def postgres_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """The SQLAlchemy URL of a PostgreSQL store; every part is URL-quoted."""
    auth = quote(user, safe="")
    if password:
        auth += ":" + quote(password, safe="")
    return f"{PG_SCHEME}://{auth}@{quote(host, safe='')}:{port}/{quote(database, safe='')}"


class ServerForm(QGroupBox):
    """The fields of a PostgreSQL server (host, port, base, user, password) and its URL.

    Shared by « Base de données… » and the synchronisation's server (commands/sync.py)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.host_edit = QLineEdit("localhost", self)
        self.host_edit.setObjectName("storeHost")
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = QLineEdit("centres", self)
        self.database_edit.setObjectName("storeDatabase")
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("storeUser")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("storePassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Hôte"), self.host_edit)
        form.addRow(self.tr("Port"), self.port_spin)
        form.addRow(self.tr("Base"), self.database_edit)
        form.addRow(self.tr("Utilisateur"), self.user_edit)
        form.addRow(self.tr("Mot de passe"), self.password_edit)

    def load(self, url: str) -> None:
        """Shows a saved URL's server, base and user (a password in it is not shown)."""
        parts = urlsplit(url)
        self.host_edit.setText(unquote(parts.hostname or "localhost"))
        self.port_spin.setValue(parts.port or 5432)
        self.database_edit.setText(unquote(parts.path.lstrip("/")))
        self.user_edit.setText(unquote(parts.username or ""))

    def url(self, with_password: bool = False) -> str:
        """The PostgreSQL URL of the fields; the password only when asked for."""
        return postgres_url(
            self.host_edit.text().strip(),
            self.port_spin.value(),
            self.database_edit.text().strip(),
            self.user_edit.text().strip(),
            self.password_edit.text() if with_password else "",
        )


class StoreSettingsDialog(QDialog):
    """Chooses the store: the default file, another SQLite file, or a PostgreSQL server.

    The choice is used at the next start (unless --db or CENTRES_APP_DB say otherwise). The
    password is never saved: it serves the connection test only; for daily use PostgreSQL
    reads it from the user's password file (~/.pgpass, %APPDATA%\\postgresql\\pgpass.conf).
    """

    def __init__(
        self,
        current: str,
        saved: str,
        probe: Probe | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("storeSettingsDialog")
        self.setWindowTitle(self.tr("Base de données"))
        self._probe = probe
        layout = QVBoxLayout(self)

        now = QLabel(self.tr("Base ouverte : {url}").format(url=store_description(current)), self)
        now.setTextFormat(Qt.TextFormat.PlainText)
        now.setWordWrap(True)
        layout.addWidget(now)

        self.default_radio = QRadioButton(
            self.tr("Base locale par défaut (dossier de l'utilisateur)")
        )
        self.file_radio = QRadioButton(self.tr("Autre fichier local (SQLite)"))
        self.server_radio = QRadioButton(self.tr("Serveur PostgreSQL partagé (fédération, Caf)"))
        group = QButtonGroup(self)
        for radio in (self.default_radio, self.file_radio, self.server_radio):
            group.addButton(radio)
            layout.addWidget(radio)

        file_row = QHBoxLayout()
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("storeFile")
        browse = QPushButton(self.tr("Parcourir…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        layout.addLayout(file_row)

        self.server_box = ServerForm(self.tr("Serveur"), self)
        self.server_box.password_edit.setToolTip(
            self.tr(
                "Sert au test seulement : il n'est pas enregistré. Pour l'usage courant, "
                "mettez-le dans le fichier de mots de passe de PostgreSQL (.pgpass)."
            )
        )
        form = self.server_box
        self.host_edit, self.port_spin = form.host_edit, form.port_spin
        self.database_edit, self.user_edit = form.database_edit, form.user_edit
        self.password_edit = form.password_edit
        layout.addWidget(self.server_box)

        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Tester la connexion"), self)
        self.test_button.setObjectName("storeTest")
        self.test_button.setEnabled(probe is not None)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("storeTestResult")
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setWordWrap(True)
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)

        note = QLabel(
            self.tr(
                "Le choix sert au prochain démarrage (sauf si l'application est lancée sur "
                "une base imposée par l'administrateur)."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        for radio in (self.default_radio, self.file_radio, self.server_radio):
            radio.toggled.connect(self._update_enabled)
        self._load(saved)
        self._update_enabled()

    def _load(self, saved: str) -> None:
        if saved.startswith("postgresql"):
            self.server_radio.setChecked(True)
            self.server_box.load(saved)
        elif saved:
            self.file_radio.setChecked(True)
            self.file_edit.setText(saved)
        else:
            self.default_radio.setChecked(True)

    def _update_enabled(self) -> None:
        self.file_edit.setEnabled(self.file_radio.isChecked())
        self.server_box.setEnabled(self.server_radio.isChecked())
        self.test_result.clear()

    def target(self, with_password: bool = False) -> str:
        """The chosen store: '' for the default file, a path, or a PostgreSQL URL."""
        if self.file_radio.isChecked():
            return self.file_edit.text().strip()
        if self.server_radio.isChecked():
            return self.server_box.url(with_password)
        return ""

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Fichier de la base"),
            self.file_edit.text(),
            self.tr("Bases SQLite (*.db *.sqlite);;Tous les fichiers (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.file_edit.setText(path)
            self.file_radio.setChecked(True)

    def _on_test_clicked(self) -> None:
        if self._probe is None:
            return
        target = self.target(with_password=True)
        if not target:
            self.test_result.setText(self.tr("La base par défaut est toujours disponible."))
            return
        ok, message = self._probe(target)
        self.test_result.setText(message)
        self.test_result.setStyleSheet("" if ok else "color: #b00020;")


def edit_store_settings(parent: QWidget, settings, current: str, probe: Probe | None) -> bool:  # noqa: ANN001
    """Runs the dialog and remembers the choice; True when it changed."""
    from centres_app.ui import messages

    saved = str(settings.value(SETTINGS_KEY, "") or "")
    dialog = StoreSettingsDialog(current, saved, probe, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    target = dialog.target()
    if target == saved:
        return False
    settings.setValue(SETTINGS_KEY, target)
    settings.sync()
    messages.show_info(
        parent,
        dialog.tr("Base de données"),
        dialog.tr("Au prochain démarrage, l'application ouvrira : {target}").format(
            target=target or dialog.tr("la base locale par défaut")
        ),
    )
    return True
