"""Reads any importable file (SENACS text, exchange JSON, our CSV, XLSX or ODS), choosing by
content.

Sources (issue 14): a regular file; standard input given as `-`; a pipe the shell opened for
us, `/dev/fd/N` (process substitution `import <(cat file)`) or `/dev/stdin`. A stream is read
once into memory, at most MAX_INPUT_BYTES, and the format is detected on those bytes (never by
reading its head twice). A named FIFO, a device (`/dev/zero`), a socket or a directory is
refused at once, before anything is read: opening a FIFO waits for a writer that may never
come, and a device may never end.
"""

from __future__ import annotations

import mmap
import os
import re
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from centres_app.domain import ActionData, ImportFile, ValidatedActions
from centres_app.errors import AppError, ParseError, describe_os_error

STDIN = "-"
STDIN_NAME = "(entrée standard)"
# The most bytes an import reads from one source (a file or a stream): ~2.5 times the biggest
# real export. Memory stays bounded whatever is given (a stream is refused past it).
MAX_INPUT_BYTES = 1024 * 1024 * 1024
_CHUNK = 1024 * 1024
_DESCRIPTOR = re.compile(r"/(?:dev|proc/self)/fd/([0-9]{1,9})")


class SourceRefused(AppError):
    """An import source that cannot be read at all (missing, a directory, a device, a named
    FIFO, too big): `FILE: message`, exit 2, before anything is read."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class Source:
    """What an import reads: its name for messages, and either the path of a regular file
    (read when needed, possibly by a child process) or the bytes of a stream, read once."""

    name: str
    path: str | None = None
    data: bytes | None = None

    def head(self, size: int = 64) -> bytes:
        if self.data is not None:
            return self.data[:size]
        assert self.path is not None
        with _open_regular(self.path) as handle:
            return handle.read(size)

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        with _open_regular(self.path) as handle:
            return _read_capped(handle, self.name)


def open_source(path: str | os.PathLike[str]) -> Source:
    """Checks an import source without blocking; a stream is read here, once."""
    name = os.fspath(path)
    if name == STDIN:
        return Source(STDIN_NAME, data=_read_stdin())
    descriptor = _DESCRIPTOR.fullmatch(name)
    if descriptor is not None or name == "/dev/stdin":
        fd = int(descriptor.group(1)) if descriptor is not None else 0
        try:
            info = os.fstat(fd)
        except OSError:
            raise SourceRefused(name, "descripteur de fichier fermé ou inconnu") from None
        if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
            with os.fdopen(os.dup(fd), "rb") as stream:
                return Source(name, data=_read_capped(stream, name))
    with _open_regular(name) as handle:
        size = os.fstat(handle.fileno()).st_size
    if size > MAX_INPUT_BYTES:
        raise SourceRefused(name, _too_big())
    return Source(name, path=name)


def _open_regular(name: str) -> BinaryIO:
    """Opens a regular file for reading, refusing anything else before reading a byte.
    O_NONBLOCK makes opening a FIFO return at once (without it, it waits for a writer)."""
    if os.path.isdir(name):
        raise SourceRefused(name, "c'est un dossier, pas un fichier : donnez un fichier à importer")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(name, flags)
    except AppError:
        raise  # the store's own live file (db/livefiles.py): its own message
    except OSError as exc:
        raise SourceRefused(name, describe_os_error(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SourceRefused(name, _not_regular(mode))
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "c'est un dossier, pas un fichier : donnez un fichier à importer"
    if stat.S_ISFIFO(mode):
        return (
            "c'est un tube nommé (FIFO), pas un fichier ordinaire : sa lecture pourrait attendre "
            "indéfiniment. Pour importer un flux, donnez « - » et redirigez-le vers l'entrée "
            "standard (centres-app import - < FICHIER)"
        )
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "c'est un périphérique, pas un fichier ordinaire : refusé"
    return "ce n'est pas un fichier ordinaire : refusé"


def _too_big() -> str:
    return (
        f"fichier trop gros : une importation lit au plus {MAX_INPUT_BYTES // (1024 * 1024)} Mo "
        "par fichier"
    )


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise SourceRefused(STDIN_NAME, "pas d'entrée standard")
    if stream.isatty():
        raise SourceRefused(
            STDIN_NAME,
            "l'entrée standard est un terminal : redirigez-y un fichier "
            "(centres-app import - < FICHIER) ou un tube (cat FICHIER | centres-app import -)",
        )
    return _read_capped(stream.buffer, STDIN_NAME)


def _read_capped(stream: BinaryIO, name: str) -> bytes:
    """All the bytes of a stream, refused (SourceRefused) past MAX_INPUT_BYTES."""
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > MAX_INPUT_BYTES:
                raise SourceRefused(name, _too_big())
            chunks.append(chunk)
    except OSError as exc:
        raise SourceRefused(name, describe_os_error(exc)) from None
    return b"".join(chunks)


def read_actions_file(path: str | Path) -> tuple[list[ActionData], bool]:
    """The actions of a file, and whether its format carries attachments."""
    file = read_import_file(path)
    return [action for _, action in file.located], file.with_attachments


def stream_actions_file(path: str | Path) -> tuple[Iterable[ActionData], bool]:
    """Like read_actions_file, but a big SENACS file is parsed in a child process while the
    caller stores the actions already read (exchange/pipeline.py). The iterable raises
    ParseError where the file is malformed: consume it inside one transaction. Records the
    reader validated come as ValidatedActions (Store.import_actions does not check them
    again, as `centres-app import` does not: ImportFile.validated)."""
    from centres_app.exchange.pipeline import actions_only

    file = stream_import_file(path)
    actions = actions_only(iter(file.located))
    if file.validated:
        return ValidatedActions(actions, file.normalised), file.with_attachments
    return actions, file.with_attachments


def read_import_file(path: str | Path) -> ImportFile:
    """A file read whole for an import: its actions with the line where each one starts, and
    whether its format carries attachments (the CSV names them without their content: stored
    ones are left alone)."""
    return _read_source(open_source(path))


def _read_source(source: Source) -> ImportFile:
    kind = _format_of(source)
    data = source.read()
    name = source.name
    if kind == "json":
        from centres_app.exchange.json_format import read_json_located

        return ImportFile(name, read_json_located(decode_utf8(data, name), name), True)
    if kind == "csv":
        from centres_app.exchange.csv_format import read_csv_located

        return ImportFile(name, read_csv_located(decode_utf8(data, name), name), False)
    if kind == "spreadsheet":
        from centres_app.exchange.spreadsheet_reader import read_spreadsheet_located

        return ImportFile(name, read_spreadsheet_located(data, name), False)
    if kind == "experience":
        from centres_app.exchange.experience_reader import read_experiences_located

        return ImportFile(name, read_experiences_located(decode_utf8(data, name), name), False)
    _refuse_pages_in_listing(data, name)
    from centres_app.exchange.senacs_reader import iter_senacs_bytes_located

    if _copied_from_browser(source):
        return _read_copied_listing(data, name)
    # The SENACS reader validates each record (strict=False) as it builds it.
    return ImportFile(name, list(iter_senacs_bytes_located(data, name)), False, validated=True)


def read_import_text(text: str, name: str) -> ImportFile:
    """What an import reads from a text given whole (the window's clipboard, issue 18), in
    any importable format; `name` stands for the file in messages (`NAME:LINE: ...`). The
    SENACS listing and the experience pages are read as a browser copies them."""
    return read_import_bytes(text.encode("utf-8", errors="surrogatepass"), name)


def read_import_bytes(data: bytes, name: str) -> ImportFile:
    """Like read_import_text, from bytes (an XLSX or ODS workbook too)."""
    if len(data) > MAX_INPUT_BYTES:
        raise SourceRefused(name, _too_big())
    blank = "\ufeff \t\r\n\u00a0\u202f"
    if len(data) < 65536 and not data.decode("utf-8", errors="ignore").strip(blank):
        raise ParseError(name, 1, "rien à importer : le texte est vide")
    _refuse_listing_without_table(data, name)
    return _read_source(Source(name, data=data))


def _refuse_listing_without_table(data: bytes, name: str) -> None:
    """A part of the SENACS listing copied from its first `Actions` on: its table, which
    gives each action's département and year, is missing (read as pages, it would fail on a
    line that means nothing to the user)."""
    from centres_app.exchange.browser_copy import starts_without_table

    line = starts_without_table(data[:8192].decode("utf-8", errors="ignore"))
    if line:
        raise ParseError(
            name,
            line,
            "la liste des actions SENACS a été copiée sans son en-tête « Les actions des "
            "centres sociaux » ni son tableau « Nom | Département | Année » (qui donne l'année "
            "de chaque action) : sélectionnez la page entière avant de la copier",
        )


def _copied_from_browser(source: Source) -> bool:
    from centres_app.exchange.browser_copy import looks_copied

    return looks_copied(source.head(8192).decode("utf-8", errors="ignore"))


def _read_copied_listing(data: bytes, name: str) -> ImportFile:
    """The SENACS listing copied from a browser (exchange/browser_copy.py): read once put
    back into the export's form, with the lines of errors and actions in the copied text."""
    from centres_app.exchange.browser_copy import normalise_listing
    from centres_app.exchange.senacs_reader import iter_senacs_bytes_located

    text, origin = normalise_listing(decode_utf8(data, name))

    def where(line: int) -> int:
        return origin[min(max(line, 1), len(origin)) - 1] if origin else line

    try:
        located = [
            (where(line), action)
            for line, action in iter_senacs_bytes_located(text.encode("utf-8"), name)
        ]
    except ParseError as exc:
        raise ParseError(name, where(exc.line), exc.message) from None
    return ImportFile(name, located, False, validated=True)


def stream_import_file(path: str | Path) -> ImportFile:
    """Like read_import_file, but the actions of a big SENACS file come as a stream (parsed in
    a child process while the caller stores those already read, exchange/pipeline.py) that
    raises ParseError where the file is malformed: consume it inside one transaction."""
    source = open_source(path)
    if source.path is None or _format_of(source) != "senacs" or _copied_from_browser(source):
        return _read_source(source)
    _refuse_pages_in_listing_file(source.path, source.name)
    from centres_app.exchange.pipeline import stream_senacs_located

    return ImportFile(
        source.name, stream_senacs_located(source.path), False, validated=True, normalised=True
    )


def decode_utf8(raw: bytes, name: str) -> str:
    """The text of a file in UTF-8 (BOM accepted); elsewhere a ParseError at the bad line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ParseError(name, line, "le fichier n'est pas encodé en UTF-8") from exc


def _format_of(source: Source) -> str:
    """ "json", "csv", "spreadsheet" (XLSX, ODS), "experience" (the older SENACS pages: a
    first line `Actions`) or "senacs" (the listing), from the source's first bytes (and a
    `.csv` name)."""
    head = source.head(4096)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "json"
    if head.startswith(b"PK\x03\x04"):
        return "spreadsheet"
    if _is_csv(source.name, head[:64]):
        return "csv"
    from centres_app.exchange.experience_reader import starts_with_page

    if starts_with_page(head.decode("utf-8", errors="ignore")):
        return "experience"
    return "senacs"


# Headings found only on the older pages, at the start of a line: in a listing, they mean the
# file mixes both forms (refused at that line, not read as some field's text).
_PAGE_ONLY = tuple(
    ("\n" + heading).encode("utf-8")
    for heading in (
        "Quels furent les éléments de diagnostic à l'origine de l'expérience ?",
        "Quels furent les facteurs de réussite de cette expérience ?",
    )
)


def _refuse_pages_in_listing(data: bytes | mmap.mmap, name: str) -> None:
    for needle in _PAGE_ONLY:
        position = data.find(needle)
        if position >= 0:
            from centres_app.exchange.experience_reader import mixed_message

            line = data[: position + 1].count(b"\n") + 1
            raise ParseError(name, line, mixed_message())


def _refuse_pages_in_listing_file(path: str, name: str) -> None:
    """The same check on a file left on disk (a big listing is streamed, never held whole):
    searched through a read-only memory map."""
    with _open_regular(path) as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            _refuse_pages_in_listing(view, name)


def _is_csv(name: str, head: bytes) -> bool:
    """Our CSV export: a `.csv` name, or a first line that is its header (Titre;...)."""
    from centres_app.exchange.csv_format import looks_like_csv

    if Path(name).suffix.lower() == ".csv":
        return True
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="ignore")
    return looks_like_csv(first)
