"""Reads any importable file (SENACS text, exchange JSON or our CSV), choosing by content."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from centres_app.domain import ActionData
from centres_app.errors import ParseError


def read_actions_file(path: str | Path) -> tuple[list[ActionData], bool]:
    """The actions of a file, and whether its format carries attachments."""
    kind = _format_of(path)
    if kind == "json":
        return _read_json_file(path), True
    if kind == "csv":
        from centres_app.exchange.csv_format import read_csv_file

        # The CSV names attachments without their content: stored ones are left alone.
        return read_csv_file(path), False
    from centres_app.exchange.senacs_reader import read_senacs_file

    return read_senacs_file(path), False


def stream_actions_file(path: str | Path) -> tuple[Iterable[ActionData], bool]:
    """Like read_actions_file, but a big SENACS file is parsed in a child process while the
    caller stores the actions already read (exchange/pipeline.py). The iterable raises
    ParseError where the file is malformed: consume it inside one transaction."""
    if _format_of(path) != "senacs":
        return read_actions_file(path)
    from centres_app.exchange.pipeline import stream_senacs_file

    return stream_senacs_file(path), False


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


def _read_json_file(path: str | Path) -> list[ActionData]:
    from centres_app.exchange.json_format import read_json

    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ParseError(str(path), line, "le fichier n'est pas encodé en UTF-8") from exc
    return read_json(text, str(path))


def _is_csv(path: str | Path, head: bytes) -> bool:
    """Our CSV export: a `.csv` name, or a first line that is its header (Titre;...)."""
    from centres_app.exchange.csv_format import looks_like_csv

    if Path(path).suffix.lower() == ".csv":
        return True
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="ignore")
    return looks_like_csv(first)
