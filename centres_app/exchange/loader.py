"""Reads any importable file (SENACS text or exchange JSON), choosing the reader by content."""

from __future__ import annotations

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
    return read_senacs_file(path), False
