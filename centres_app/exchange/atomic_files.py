"""Atomic file writing for exports: a temporary file next to the target, renamed when complete.

Every file the app writes goes this way (exports, attachments saved back, PDFs through
`finish_temp`): the target is checked first (an existing folder, device or FIFO is refused, so a
device node is never replaced by a regular file), the data goes to a temporary file beside it,
which is flushed, fsync'ed and checked (its size on disk is what was written, and not zero)
before it is renamed over the target. On any failure the temporary file is removed and the
target is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from centres_app.errors import IncompleteWriteError, NotRegularFileError


def check_output_target(path: str | os.PathLike[str]) -> Path:
    """The target as a Path, or an OSError (French strerror when ours) if it cannot be written.

    Refused: an existing target that is not a regular file (a folder, `/dev/full`, a FIFO, a
    socket...), a folder that does not exist, a symbolic link loop. A symbolic link to a regular
    file is accepted (the link is replaced by the new file, as every editor does).
    """
    target = Path(path).expanduser()
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None  # a new file (or a dangling link, replaced)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(errno.EINVAL, _not_regular(info.st_mode), str(target))
    parent = target.parent
    try:
        parent_info = os.stat(parent)
    except FileNotFoundError:
        raise NotRegularFileError(
            errno.ENOENT,
            f"le dossier de destination n'existe pas ({parent}) ; créez-le ou choisissez-en un "
            "autre",
            str(target),
        ) from None
    if not stat.S_ISDIR(parent_info.st_mode):
        raise NotRegularFileError(
            errno.ENOTDIR,
            f"« {parent} » n'est pas un dossier ; vérifiez le chemin",
            str(target),
        )
    return target


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        what = "c'est un dossier"
        advice = "donnez un nom de fichier dans ce dossier"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "c'est un périphérique, pas un fichier ordinaire"
        advice = "donnez le nom d'un fichier ordinaire"
    elif stat.S_ISFIFO(mode):
        what = "c'est un tube nommé (FIFO), pas un fichier ordinaire"
        advice = "donnez le nom d'un fichier ordinaire"
    else:
        what = "ce n'est pas un fichier ordinaire"
        advice = "donnez le nom d'un fichier ordinaire"
    return f"{what} ; il n'a pas été modifié ; {advice}"


def temp_path_for(target: Path) -> Path:
    """A fresh hidden name beside `target`, for its temporary file."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], allow_empty: bool = False) -> Iterator[BinaryIO]:
    """Yields a binary file; the target appears only once everything was written and checked.

    On any error the temporary file is removed and an existing target is left untouched, so an
    export never leaves a half-written file behind (a full disk, an interrupted writer...).
    Errors are OSErrors; `centres_app.errors.describe_os_error` says them in French.
    """
    target = check_output_target(path)
    temp = temp_path_for(target)
    # O_EXCL: never clobber a stranger's file; 0o666 lets the umask give ordinary permissions.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            _check_written(handle.tell(), os.fstat(handle.fileno()).st_size, allow_empty)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


INCOMPLETE_WRITE = (
    "le fichier n'a pas pu être écrit en entier (disque plein ?) ; libérez de la place ou "
    "choisissez un autre disque"
)


def _check_written(written: int, on_disk: int, allow_empty: bool) -> None:
    if on_disk != written or (on_disk == 0 and not allow_empty):
        raise IncompleteWriteError(errno.EIO, INCOMPLETE_WRITE)


def finish_temp(temp: Path, target: Path, pdf: bool = False) -> None:
    """Checks a temporary file written by another writer (a PDF), fsyncs and renames it.

    Refused (OSError, temporary file removed): an empty file, and for a PDF one that does not
    end with its `%%EOF` marker (a writer that met a full disk leaves a truncated file).
    """
    try:
        fd = os.open(temp, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(fd).st_size
            if size == 0:
                raise IncompleteWriteError(errno.EIO, INCOMPLETE_WRITE, str(target))
            if pdf:
                os.lseek(fd, max(0, size - 1024), os.SEEK_SET)
                tail = os.read(fd, 1024)
                if b"%%EOF" not in tail:
                    raise IncompleteWriteError(errno.EIO, INCOMPLETE_WRITE, str(target))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_write(path, allow_empty=not data) as handle:
        handle.write(data)
