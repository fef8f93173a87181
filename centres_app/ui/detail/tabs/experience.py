"""The tabs of an older SENACS « expérience » page (issue 18): its sections in the page's order
under the page's own questions (domain.EXPERIENCE_LABELS), and its attached files.

The detail pane shows these tabs instead of the four of the *fiche action* when the record's
form is "experience" (DetailPane._set_form); the editor then edits these fields, and every
other field of the record is kept as it was (the pane starts from the stored record).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from centres_app.ui.widgets.field_editors import LineEditor

from .base_tab import ActionTab, FieldSpec
from .resources_tab import ResourcesTab


class LinesEditor(QPlainTextEdit):
    """A list of one-line values edited as lines of text (the associated-file references);
    blank lines are dropped, the others kept as typed. The interface of field_editors."""

    edited = Signal()

    def __init__(self, name: str, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * lines + 12)
        self.setMaximumHeight(line * lines * 2 + 12)
        self.textChanged.connect(self.edited)

    def value(self) -> tuple[str, ...]:
        # The raw text keeps non-breaking spaces (toPlainText() would turn them into spaces).
        text = self.document().toRawText().replace("\u2029", "\n")
        return tuple(line for line in text.split("\n") if line.strip())

    def set_value(self, value: Sequence[str]) -> None:
        self.setPlainText("\n".join(value))

    def set_choices(self, values: Sequence[str]) -> None:
        pass


class ExperienceTab(ActionTab):
    """« Expérience »: publisher, themes, file references, then the page's questions."""

    OBJECT_NAME = "tabExperience"

    def _specs(self) -> list[FieldSpec]:
        tr = self.tr
        return [
            FieldSpec("published_by", tr("Publié par")),
            FieldSpec("themes", tr("Thèmes"), bullets=True),
            FieldSpec("file_references", tr("Fichier(s) associé(s)"), lines=3, bullets=True),
            FieldSpec(
                "diagnostic",
                tr("Quels furent les éléments de diagnostic à l'origine de l'expérience ?"),
            ),
            FieldSpec("keywords", tr("Mots clés associés à l'actions"), bullets=True),
            FieldSpec("description", tr("Description générale"), lines=8),
            FieldSpec(
                "experience",
                tr(
                    "Description de l'expérience, ses objectifs, ses acteurs et ses "
                    "différentes phases."
                ),
                lines=10,
            ),
            FieldSpec(
                "impacts",
                tr(
                    "Quels sont les impacts ou effets positifs produits par cette expérience "
                    "au niveau du public, du centre social ou de l'environnement ?"
                ),
            ),
            FieldSpec(
                "success_factors", tr("Quels furent les facteurs de réussite de cette expérience ?")
            ),
            FieldSpec("limits", tr("Quelles sont les limites de cette expérience ?")),
        ]

    def _editor(self, spec: FieldSpec) -> QWidget:
        if spec.name == "published_by":
            return LineEditor(spec.name)
        if spec.name == "file_references":
            editor = LinesEditor(spec.name, lines=spec.lines)
            editor.setPlaceholderText(self.tr("Un nom de fichier ou une adresse par ligne"))
            return editor
        return super()._editor(spec)

    def _read_extras(self) -> tuple[list[QWidget], list[QWidget]]:
        return [_note(self.tr("Ancienne fiche « expérience » de SENACS"))], []

    def _add_edit_extras(self, layout: QVBoxLayout) -> None:
        layout.insertWidget(
            0,
            _note(
                self.tr(
                    "Ancienne fiche « expérience » de SENACS : l'année, la structure, le "
                    "département et le statut y sont facultatifs."
                )
            ),
        )


class ExperienceFilesTab(ResourcesTab):
    """The files attached to an experience in the app (its page only names its files)."""

    OBJECT_NAME = "tabExperienceFiles"

    def _specs(self) -> list[FieldSpec]:
        return []


def name_fields(tab: ActionTab, shown: bool) -> None:
    """Names the field widgets of a tab after their field when its form is shown, and leaves
    them unnamed when not (ActionTab.name_fields; a tab not built yet is named when built)."""
    tab.name_fields(shown)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("experienceNote")
    label.setWordWrap(True)
    label.setStyleSheet("color: #555; font-style: italic;")
    return label
