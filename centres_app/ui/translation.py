"""QT_TRANSLATE_NOOP typed as it behaves: it returns its text (PySide6 types it as `object`).

pyside6-lupdate finds the calls by this very name, so the strings are extracted as before;
they are translated where shown, with QCoreApplication.translate(context, text).
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (Qt's name, for lupdate)
    """Marks `text` for translation in `context` and returns it unchanged."""
    return text
