"""The federation's server the synchronisation talks to (Fichier › Synchroniser…, issue 19).

The same server fields as « Base de données… » (store_settings_dialog.ServerForm). What is
remembered in the settings is the URL without its password; the password typed here serves
this session only (kept in memory by commands/sync.py, never written): left empty, PostgreSQL
reads it from the user's password file (.pgpass), as for « Base de données… ».
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from centres_app.ui.dialogs.store_settings_dialog import ServerForm


class SyncServerDialog(QDialog):
    """Asks for the server (and the password for the session); `message` says why it asks
    again (a refused password, an unreachable server)."""

    def __init__(
        self,
        saved: str = "",
        message: str = "",
        password: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncServerDialog")
        self.setWindowTitle(self.tr("Serveur de synchronisation"))
        layout = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "La base locale s'échange avec le serveur PostgreSQL de la fédération : "
                "les actions modifiées de chaque côté depuis la dernière synchronisation."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.message = QLabel(message, self)
        self.message.setObjectName("syncServerMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)

        self.form = ServerForm(self.tr("Serveur"), self)
        if saved.startswith("postgresql"):
            self.form.load(saved)
        self.form.password_edit.setText(password)
        self.form.password_edit.setToolTip(
            self.tr(
                "Gardé pour cette session seulement, jamais enregistré. Laissez vide si le mot "
                "de passe est dans le fichier de mots de passe de PostgreSQL (.pgpass)."
            )
        )
        layout.addWidget(self.form)

        note = QLabel(
            self.tr(
                "Le serveur est retenu pour les prochaines synchronisations ; le mot de passe "
                "n'est jamais enregistré."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)

        buttons = QDialogButtonBox(self)
        self.sync_button = buttons.addButton(
            self.tr("Synchroniser"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sync_button.setObjectName("syncServerOk")
        cancel = buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("syncServerCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if message and "mot de passe" in message:
            self.form.password_edit.setFocus()

    def url(self) -> str:
        """The server's URL as remembered: without the password."""
        return self.form.url()

    def password(self) -> str:
        return self.form.password_edit.text()
