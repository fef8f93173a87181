"""Every QAction of the window by role (names of design §5, shortcuts): what the command groups
are triggered by; the menus and the toolbar that show them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar, QWidget

from centres_app.config import resource_path


@dataclass
class WindowActions:
    """Every QAction of the window, by role. objectNames are a contract (design §5)."""

    new: QAction
    edit: QAction
    save: QAction
    cancel: QAction
    delete: QAction
    duplicate: QAction
    undo_delete: QAction
    print: QAction
    print_preview: QAction
    export_pdf: QAction
    preview_result: QAction
    export_result_pdf: QAction
    import_: QAction
    paste_actions: QAction  # Édition › Coller des actions (issue 18, commands/paste.py)
    store_settings: QAction
    export: QAction
    quit: QAction
    find: QAction
    reset_filters: QAction
    show_filters: QAction
    sort_relevance: QAction
    search_help: QAction
    about: QAction
    # Data safety (commands/safety.py)
    backup_copy: QAction
    restore_backup: QAction
    trash: QAction
    history: QAction


def _action(
    window: QMainWindow,
    name: str,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    icon: QStyle.StandardPixmap | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    # Shortcuts work wherever the focus is in the window, menus shown or not.
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.addAction(action)
    return action


def create_actions(window: QMainWindow) -> WindowActions:
    sp = QStyle.StandardPixmap
    actions = WindowActions(
        new=_action(
            window,
            "actionNew",
            QCoreApplication.translate("MainWindow", "&Nouvelle action"),
            QKeySequence.StandardKey.New,
            sp.SP_FileIcon,
            QCoreApplication.translate("MainWindow", "Saisir une nouvelle action (Ctrl+N)"),
        ),
        edit=_action(
            window,
            "actionEdit",
            QCoreApplication.translate("MainWindow", "&Modifier"),
            "Ctrl+E",
            sp.SP_FileDialogDetailedView,
            QCoreApplication.translate("MainWindow", "Modifier l'action affichée (Ctrl+E)"),
        ),
        save=_action(
            window,
            "actionSave",
            QCoreApplication.translate("MainWindow", "&Enregistrer"),
            QKeySequence.StandardKey.Save,
            sp.SP_DialogSaveButton,
            QCoreApplication.translate("MainWindow", "Enregistrer l'action (Ctrl+S)"),
        ),
        cancel=_action(
            window,
            "actionCancel",
            QCoreApplication.translate("MainWindow", "&Annuler la saisie"),
            "Esc",
            sp.SP_DialogCancelButton,
            QCoreApplication.translate(
                "MainWindow", "Abandonner les modifications en cours (Échap)"
            ),
        ),
        delete=_action(
            window,
            "actionDelete",
            QCoreApplication.translate("MainWindow", "&Supprimer"),
            QKeySequence.StandardKey.Delete,
            sp.SP_TrashIcon,
            QCoreApplication.translate(
                "MainWindow", "Supprimer l'action affichée (Suppr ; annulable)"
            ),
        ),
        duplicate=_action(
            window,
            "actionDuplicate",
            QCoreApplication.translate("MainWindow", "&Dupliquer"),
            "Ctrl+D",
            sp.SP_FileLinkIcon,
            QCoreApplication.translate(
                "MainWindow", "Créer une nouvelle action à partir de celle-ci (Ctrl+D)"
            ),
        ),
        undo_delete=_action(
            window,
            "actionUndoDelete",
            QCoreApplication.translate("MainWindow", "Annuler la &suppression"),
            QKeySequence.StandardKey.Undo,
            sp.SP_ArrowBack,
            QCoreApplication.translate("MainWindow", "Rétablir l'action supprimée (Ctrl+Z)"),
        ),
        print=_action(
            window,
            "actionPrint",
            QCoreApplication.translate("MainWindow", "&Imprimer…"),
            QKeySequence.StandardKey.Print,
            None,
            QCoreApplication.translate("MainWindow", "Imprimer la fiche action (Ctrl+P)"),
        ),
        print_preview=_action(
            window,
            "actionPrintPreview",
            QCoreApplication.translate("MainWindow", "Aperçu avant i&mpression…"),
            "Ctrl+Shift+P",
            None,
            QCoreApplication.translate("MainWindow", "Aperçu de la fiche action (Ctrl+Maj+P)"),
        ),
        export_pdf=_action(
            window,
            "actionExportPdf",
            QCoreApplication.translate("MainWindow", "Exporter en &PDF…"),
            None,
            None,
            QCoreApplication.translate("MainWindow", "Enregistrer des fiches actions en PDF"),
        ),
        preview_result=_action(
            window,
            "actionPreviewResult",
            QCoreApplication.translate("MainWindow", "Aperçu du &dossier de tout le résultat…"),
            None,
            None,
            QCoreApplication.translate(
                "MainWindow", "Un dossier de toutes les actions affichées : couverture, sommaire"
            ),
        ),
        export_result_pdf=_action(
            window,
            "actionExportResultPdf",
            QCoreApplication.translate("MainWindow", "Exporter tout le résultat en PDF…"),
            None,
            None,
            QCoreApplication.translate(
                "MainWindow", "Enregistrer en PDF le dossier de toutes les actions affichées"
            ),
        ),
        store_settings=_action(
            window,
            "actionStoreSettings",
            QCoreApplication.translate("MainWindow", "&Base de données…"),
            None,
            None,
            QCoreApplication.translate(
                "MainWindow", "Choisir la base ouverte au démarrage : fichier local ou serveur"
            ),
        ),
        import_=_action(
            window,
            "actionImport",
            QCoreApplication.translate("MainWindow", "Imp&orter…"),
            "Ctrl+I",
            sp.SP_DialogOpenButton,
            QCoreApplication.translate(
                "MainWindow", "Importer un fichier SENACS (texte), d'échange (JSON) ou CSV"
            ),
        ),
        paste_actions=_action(
            window,
            "actionPasteActions",
            QCoreApplication.translate("MainWindow", "C&oller des actions"),
            "Ctrl+Shift+V",
            None,
            QCoreApplication.translate(
                "MainWindow",
                "Importer les actions copiées depuis le site SENACS (liste ou page « expérience »)"
                " (Ctrl+Maj+V)",
            ),
        ),
        export=_action(
            window,
            "actionExport",
            QCoreApplication.translate("MainWindow", "E&xporter…"),
            None,
            None,
            QCoreApplication.translate(
                "MainWindow", "Exporter les actions (JSON, CSV, ODS, XLSX, SENACS)"
            ),
        ),
        quit=_action(
            window,
            "actionQuit",
            QCoreApplication.translate("MainWindow", "&Quitter"),
            QKeySequence.StandardKey.Quit,
        ),
        find=_action(
            window,
            "actionFind",
            QCoreApplication.translate("MainWindow", "&Rechercher"),
            QKeySequence.StandardKey.Find,
            None,
            QCoreApplication.translate("MainWindow", "Aller au champ de recherche (Ctrl+F)"),
        ),
        reset_filters=_action(
            window,
            "actionResetFilters",
            QCoreApplication.translate("MainWindow", "Réinitialiser les &filtres"),
            "Ctrl+Shift+R",
            None,
            QCoreApplication.translate("MainWindow", "Décocher tous les filtres"),
        ),
        show_filters=_action(
            window,
            "actionShowFilters",
            QCoreApplication.translate("MainWindow", "Panneau des &filtres"),
        ),
        sort_relevance=_action(
            window,
            "actionSortRelevance",
            QCoreApplication.translate("MainWindow", "Trier par &pertinence"),
            None,
            None,
            QCoreApplication.translate(
                "MainWindow", "Les actions dont le titre correspond à la recherche d'abord"
            ),
        ),
        search_help=_action(
            window,
            "actionSearchHelp",
            QCoreApplication.translate("MainWindow", "&Langage de recherche"),
        ),
        about=_action(window, "actionAbout", QCoreApplication.translate("MainWindow", "À &propos")),
        backup_copy=_action(
            window,
            "actionBackupCopy",
            QCoreApplication.translate("MainWindow", "Sauvegarder une &copie…"),
            None,
            None,
            QCoreApplication.translate(
                "MainWindow", "Enregistrer une copie complète de la base (clé USB, autre disque)"
            ),
        ),
        restore_backup=_action(
            window,
            "actionRestoreBackup",
            QCoreApplication.translate("MainWindow", "&Restaurer une sauvegarde…"),
            None,
            None,
            QCoreApplication.translate(
                "MainWindow", "Remplacer la base par une sauvegarde (la base actuelle est gardée)"
            ),
        ),
        trash=_action(
            window,
            "actionTrash",
            QCoreApplication.translate("MainWindow", "Corb&eille…"),
            None,
            None,
            QCoreApplication.translate("MainWindow", "Les actions supprimées : les restaurer"),
        ),
        history=_action(
            window,
            "actionHistory",
            QCoreApplication.translate("MainWindow", "&Historique de l'action…"),
            "Ctrl+H",
            None,
            QCoreApplication.translate(
                "MainWindow", "Les versions précédentes de l'action affichée"
            ),
        ),
    )
    actions.show_filters.setCheckable(True)
    actions.show_filters.setChecked(True)
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    actions.undo_delete.setEnabled(False)
    return actions


def build_menus(window: QMainWindow, a: WindowActions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Fichier"))
    file_menu.setObjectName("menuFile")
    file_menu.addActions([a.import_, a.export])
    file_menu.addSeparator()
    file_menu.addActions([a.print_preview, a.print, a.export_pdf])
    file_menu.addActions([a.preview_result, a.export_result_pdf])
    file_menu.addSeparator()
    file_menu.addActions([a.backup_copy, a.restore_backup, a.trash])
    file_menu.addSeparator()
    file_menu.addAction(a.store_settings)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "É&dition"))
    edit_menu.setObjectName("menuEdit")
    edit_menu.addAction(a.undo_delete)
    edit_menu.addSeparator()
    edit_menu.addAction(a.paste_actions)
    edit_menu.addSeparator()
    edit_menu.addActions([a.find, a.reset_filters])

    action_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Action"))
    action_menu.setObjectName("menuAction")
    action_menu.addActions([a.new, a.edit, a.duplicate])
    action_menu.addSeparator()
    action_menu.addActions([a.save, a.cancel])
    action_menu.addSeparator()
    action_menu.addAction(a.delete)
    action_menu.addAction(a.history)

    view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "Affic&hage"))
    view_menu.setObjectName("menuView")
    view_menu.addActions([a.show_filters, a.sort_relevance])

    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "Aid&e"))
    help_menu.setObjectName("menuHelp")
    help_menu.addActions([a.search_help, a.about])


class AdaptiveToolBar(QToolBar):
    """A toolbar that shows its buttons' text beside their icons when there is room, and icons
    only (names in tooltips and for screen readers) when the window is too narrow for that —
    a laptop at 150 % — rather than hiding the last buttons (printing) behind its » menu."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self._text_width = 0  # the width the buttons need with their text, once known

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._adapt()

    def _adapt(self) -> None:
        text = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if self.toolButtonStyle() == text:
            self._text_width = self.sizeHint().width()
        fits = self._text_width <= self.width()
        wanted = text if fits else Qt.ToolButtonStyle.ToolButtonIconOnly
        if wanted != self.toolButtonStyle():
            self.setToolButtonStyle(wanted)


def build_toolbar(window: QMainWindow, a: WindowActions) -> QToolBar:
    toolbar = AdaptiveToolBar(QCoreApplication.translate("MainWindow", "Barre d'outils"), window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([a.new, a.edit, a.duplicate, a.save, a.cancel, a.delete])
    toolbar.addSeparator()
    toolbar.addActions([a.import_, a.print_preview, a.print])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar


def app_icon(window: QMainWindow) -> QIcon:
    # The PNG is shipped in the bundle and decoded by QtGui itself (no image-format plugin).
    path = resource_path("icons", "centres-app.png")
    if path.is_file():
        return QIcon(str(path))
    return window.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView)
