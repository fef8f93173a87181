"""Export of a list of actions to a file in one of the exchange formats, chosen by name."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from centres_app.domain import ActionData
from centres_app.errors import AppError, describe_os_error

# Format -> what it is, for messages and file dialogs (French).
FORMATS: dict[str, str] = {
    "json": "Fichier d'échange JSON (avec les pièces jointes)",
    "csv": "Tableau CSV (séparateur « ; », UTF-8)",
    "senacs": "Texte SENACS",
    "ods": "Classeur OpenDocument (LibreOffice)",
    "xlsx": "Classeur Excel",
}
EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".csv": "csv",
    ".txt": "senacs",
    ".senacs": "senacs",
    ".ods": "ods",
    ".xlsx": "xlsx",
}


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format a file name asks for (by extension), or None."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def export_actions(
    actions: Sequence[ActionData], path: str | os.PathLike[str], fmt: str
) -> list[str]:
    """Writes `actions` to `path` atomically; returns French warnings (e.g. cells cut short)."""
    writer = _writers().get(fmt)
    if writer is None:
        raise AppError(f"Format d'export inconnu « {fmt} » (attendu : {', '.join(FORMATS)})")
    failure: AppError | None = None
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _quiet_os_errors(previous_hook)
    try:
        try:
            warnings = writer(actions, path)
        except OSError as exc:
            failure = AppError(f"Impossible d'écrire {os.fspath(path)} : {describe_os_error(exc)}.")
        if failure is not None:
            # The writer's half-closed zip and XML streams are collected now, with the failure
            # already said: their own « Exception ignored in … » echoes of it are not printed.
            gc.collect()
    finally:
        sys.unraisablehook = previous_hook
    if failure is not None:
        raise failure
    return list(warnings) if isinstance(warnings, list) else []


def _quiet_os_errors(
    previous: Callable[[sys.UnraisableHookArgs], object],
) -> Callable[[sys.UnraisableHookArgs], object]:
    def hook(unraisable: sys.UnraisableHookArgs) -> object:
        if isinstance(unraisable.exc_value, OSError):
            return None
        return previous(unraisable)

    return hook


def _writers() -> dict[str, Callable[[Sequence[ActionData], str | os.PathLike[str]], object]]:
    # Imported on demand: the spreadsheet libraries are only loaded when used.
    from centres_app.exchange import csv_format, json_format, senacs_writer, spreadsheet_format

    return {
        "json": json_format.write_json,
        "csv": csv_format.write_csv,
        "senacs": senacs_writer.write_senacs_file,
        "ods": spreadsheet_format.write_ods,
        "xlsx": spreadsheet_format.write_xlsx,
    }
