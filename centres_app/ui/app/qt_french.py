"""Qt's own French messages that qtbase_fr.qm lacks: the file chooser's « Look in » and « Files
of type » labels (their source texts gained a mnemonic that the catalogue does not have), so
that no standard dialog is half in English."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

NBSP = "\u00a0"  # qtbase_fr writes « Nom de fichier : » with a no-break space
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): f"&Voir dans{NBSP}:",
    ("QFileDialog", "Files of &type:"): f"&Type de fichier{NBSP}:",
}


class QtFrenchSupplement(QTranslator):
    """Answers only the texts of MISSING; any other text goes on to the next translator."""

    def translate(  # noqa: D102 - Qt override
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None is a null QString: « not here », the next translator is asked (an empty
        # string would be taken as the translation).
        return MISSING.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False
