"""Reads any importable file (SENACS text, exchange JSON or our CSV), choosing by content."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from centres_app.domain import ActionData, ImportFile
from centres_app.errors import ParseError


def read_actions_file(path: str | Path) -> tuple[list[ActionData], bool]:
    """The actions of a file, and whether its format carries attachments."""
    file = read_import_file(path)
    return [action for _, action in file.located], file.with_attachments


def stream_actions_file(path: str | Path) -> tuple[Iterable[ActionData], bool]:
    """Like read_actions_file, but a big SENACS file is parsed in a child process while the
    caller stores the actions already read (exchange/pipeline.py). The iterable raises
    ParseError where the file is malformed: consume it inside one transaction."""
    from centres_app.exchange.pipeline import actions_only

    file = stream_import_file(path)
    return actions_only(iter(file.located)), file.with_attachments


def read_import_file(path: str | Path) -> ImportFile:
    """A file read whole for an import: its actions with the line where each one starts, and
    whether its format carries attachments (the CSV names them without their content: stored
    ones are left alone)."""
    kind = _format_of(path)
    source = str(path)
    if kind == "json":
        return ImportFile(source, _read_json_file(path), True)
    if kind == "csv":
        from centres_app.exchange.csv_format import read_csv_file_located

        return ImportFile(source, read_csv_file_located(path), False)
    from centres_app.exchange.senacs_reader import iter_senacs_located

    return ImportFile(source, list(iter_senacs_located(path)), False)


def stream_import_file(path: str | Path) -> ImportFile:
    """Like read_import_file, but the actions of a big SENACS file come as a stream (parsed in
    a child process while the caller stores those already read, exchange/pipeline.py) that
    raises ParseError where the file is malformed: consume it inside one transaction."""
    if _format_of(path) != "senacs":
        return read_import_file(path)
    from centres_app.exchange.pipeline import stream_senacs_located

    return ImportFile(str(path), stream_senacs_located(path), False)


def _format_of(path: str | Path) -> str:
    """ "json", "csv" or "senacs", from the file's first bytes (and a `.csv` name)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise ParseError(str(path), 0, f"impossible de lire le fichier : {exc.strerror}") from exc
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "json"
    return "csv" if _is_csv(path, head) else "senacs"


def _read_json_file(path: str | Path) -> list[tuple[int, ActionData]]:
    from centres_app.exchange.json_format import read_json_located

    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ParseError(str(path), line, "le fichier n'est pas encodé en UTF-8") from exc
    return read_json_located(text, str(path))


def _is_csv(path: str | Path, head: bytes) -> bool:
    """Our CSV export: a `.csv` name, or a first line that is its header (Titre;...)."""
    from centres_app.exchange.csv_format import looks_like_csv

    if Path(path).suffix.lower() == ".csv":
        return True
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="ignore")
    return looks_like_csv(first)
