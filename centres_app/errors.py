"""The application's error hierarchy: user-facing errors carry a French message."""

from __future__ import annotations

import errno


class AppError(Exception):
    """An error the user can act on; `str(error)` is a French message for them."""

    exit_code = 2


class NotFound(AppError):
    """The requested action does not exist (any more)."""


class Conflict(AppError):
    """The action was changed elsewhere since it was loaded (optimistic locking)."""


class Forbidden(AppError):
    """The server refuses this change to the connected role: the action belongs to another
    centre (PostgreSQL row-level security, migration 0010)."""


class ValidationFailed(AppError):
    """An action does not satisfy the validation rules; `errors` lists (field, code)."""

    def __init__(self, errors: list[tuple[str, str]], message: str | None = None) -> None:
        self.errors = errors
        super().__init__(
            message or "Action invalide : " + ", ".join(f"{f} ({c})" for f, c in errors)
        )


class ParseError(AppError):
    """A file could not be read; carries the file name and the 1-based line number."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


class ExportError(AppError):
    """An export cannot write what it was given (names the action and what to do)."""


class StoreError(AppError):
    """The store cannot be opened or used (not a database, too new, busy, read-only...)."""


# errno -> (cause, what to do), in French; the OS's own (English) text is never shown.
_OS_MESSAGES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("disque plein", "libérez de la place ou choisissez un autre disque"),
    errno.EDQUOT: ("quota de disque dépassé", "libérez de la place ou choisissez un autre disque"),
    errno.EFBIG: (
        "fichier trop grand pour ce disque ou cette limite",
        "libérez de la place ou choisissez un autre disque",
    ),
    errno.EROFS: (
        "disque ou dossier en lecture seule",
        "choisissez un dossier où vous pouvez écrire",
    ),
    errno.EACCES: (
        "permission refusée",
        "vérifiez les droits sur le fichier et son dossier, ou choisissez un autre emplacement",
    ),
    errno.EPERM: (
        "opération non permise",
        "vérifiez les droits sur le fichier et son dossier, ou choisissez un autre emplacement",
    ),
    errno.EISDIR: ("c'est un dossier, pas un fichier", "donnez un nom de fichier"),
    errno.ENOTDIR: (
        "un élément du chemin n'est pas un dossier",
        "vérifiez le chemin",
    ),
    errno.ENOENT: ("fichier ou dossier introuvable", "vérifiez le chemin"),
    errno.EEXIST: ("le fichier existe déjà", "choisissez un autre nom"),
    errno.ELOOP: (
        "trop de liens symboliques (boucle de liens)",
        "vérifiez le chemin ou donnez le fichier lui-même",
    ),
    errno.ENAMETOOLONG: ("nom de fichier trop long", "choisissez un nom plus court"),
    errno.EIO: (
        "erreur d'entrée-sortie du disque",
        "vérifiez le disque (support retiré ou défectueux) puis réessayez",
    ),
    errno.EBUSY: ("fichier ou périphérique occupé", "réessayez dans un instant"),
    errno.ETXTBSY: ("fichier occupé", "réessayez dans un instant"),
    errno.EMFILE: ("trop de fichiers ouverts", "fermez des programmes puis réessayez"),
    errno.ENFILE: ("trop de fichiers ouverts", "fermez des programmes puis réessayez"),
    errno.ENOMEM: ("mémoire insuffisante", "fermez des programmes puis réessayez"),
    errno.EXDEV: (
        "le fichier temporaire et la cible sont sur des disques différents",
        "choisissez un autre dossier",
    ),
    errno.ENXIO: ("périphérique absent", "donnez un fichier ordinaire"),
    errno.ENODEV: ("périphérique absent", "donnez un fichier ordinaire"),
    errno.EINVAL: ("chemin ou opération invalide", "vérifiez le chemin"),
}


class FrenchOSError(OSError):
    """An OSError raised by the app itself, whose strerror is already a French sentence.

    An OSError, so code that reports failed writes as OSErrors reports these too.
    """


class NotRegularFileError(FrenchOSError):
    """An output target that exists but is not a regular file (folder, device, FIFO...)."""


class IncompleteWriteError(FrenchOSError):
    """A file just written is empty or shorter than what was written (full disk...)."""


def describe_os_error(exc: OSError) -> str:
    """A French sentence for an OSError: its cause, then what to do (no OS English text)."""
    if isinstance(exc, FrenchOSError):
        return str(exc.strerror)
    if isinstance(exc, AppError):
        return str(exc)  # one of ours that is an OSError too (livefiles): already French
    known = _OS_MESSAGES.get(exc.errno) if exc.errno is not None else None
    if known is None:
        code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno else "inconnue"
        return f"erreur du système (code {code}) ; vérifiez le fichier et réessayez"
    cause, advice = known
    return f"{cause} ; {advice}"
