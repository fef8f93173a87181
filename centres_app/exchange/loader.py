"""Reads any importable file (SENACS text, exchange JSON or our CSV), choosing by content."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from centres_app.domain import ActionData
from centres_app.errors import ParseError


def read_actions_file(path: str | Path) -> tuple[list[ActionData], bool]:
    """The actions of a file, and whether its format carries attachments."""
    from centres_app.exchange.json_format import read_json
    from centres_app.exchange.senacs_reader import read_senacs_file

    name = str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise ParseError(name, 0, f"impossible de lire le fichier : {exc.strerror}") from exc
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ParseError(name, line, "le fichier n'est pas encodé en UTF-8") from exc
        return read_json(text, name), True
    if _is_csv(path, head):
        from centres_app.exchange.csv_format import read_csv_file

        # The CSV names attachments without their content: stored ones are left alone.
        return read_csv_file(path), False
    return read_senacs_file(path), False


def stream_actions_file(path: str | Path) -> tuple[Iterable[ActionData], bool]:
    """Like read_actions_file, but a big SENACS file is parsed in a child process while the
    caller stores the actions already read (exchange/pipeline.py). The iterable raises
    ParseError where the file is malformed: consume it inside one transaction."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise ParseError(name, 0, f"impossible de lire le fichier : {exc.strerror}") from exc
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") or _is_csv(path, head):
        return read_actions_file(path)
    from centres_app.exchange.pipeline import stream_senacs_file

    return stream_senacs_file(path), False


def _is_csv(path: str | Path, head: bytes) -> bool:
    """Our CSV export: a `.csv` name, or a first line that is its header (Titre;...)."""
    from centres_app.exchange.csv_format import looks_like_csv

    if Path(path).suffix.lower() == ".csv":
        return True
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="ignore")
    return looks_like_csv(first)
