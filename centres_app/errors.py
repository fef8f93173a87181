"""The application's error hierarchy: user-facing errors carry a French message."""

from __future__ import annotations


class AppError(Exception):
    """An error the user can act on; `str(error)` is a French message for them."""

    exit_code = 2


class NotFound(AppError):
    """The requested action does not exist (any more)."""


class Conflict(AppError):
    """The action was changed elsewhere since it was loaded (optimistic locking)."""


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


class StoreError(AppError):
    """The store cannot be opened or used (not a database, too new, busy, read-only...)."""
