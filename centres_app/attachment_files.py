"""Attached files written back to disk: safe file names, the size limit, a guessed type (no Qt)."""

from __future__ import annotations

import mimetypes
import re
import unicodedata

# Per attached file (design §3): big enough for a scanned report, small enough for the store.
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

# Longest name most file systems accept is 255 bytes; leave room for « (2) » suffixes.
MAX_NAME_BYTES = 200

FALLBACK_NAME = "fichier"

# Names Windows refuses whatever the extension (`CON.txt` is the console too).
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
    "COM¹",
    "COM²",
    "COM³",
    "LPT¹",
    "LPT²",
    "LPT³",
}
# Characters Windows forbids in a name, plus both path separators.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')


def safe_file_name(name: str) -> str:
    """A name that can only ever mean one file in the chosen folder, on Windows, macOS and Linux.

    Only the last path component is kept (`../../etc/passwd` gives `passwd`), control
    characters and characters Windows forbids become `_`, leading dots and trailing dots or
    spaces go (no hidden file, no `..`), reserved device names get a `_` prefix, and the
    name is shortened to MAX_NAME_BYTES of UTF-8 keeping its extension. Never empty.
    """
    text = unicodedata.normalize("NFC", name or "")
    # The last component, whichever separator the sender's system used.
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(
        "_" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )
    text = _FORBIDDEN.sub("_", text)
    text = text.strip().lstrip(".").rstrip(". ")
    text = text.strip()
    if not text or set(text) <= {"_", " ", "."}:
        text = FALLBACK_NAME + (_extension(text) if text else "")
    stem = text.split(".", 1)[0].rstrip(" ")
    if stem.upper() in _RESERVED:
        text = "_" + text
    return _shorten(text)


def _extension(text: str) -> str:
    stem, dot, ext = text.rpartition(".")
    if dot and stem and re.fullmatch(r"[A-Za-z0-9]{1,10}", ext):
        return "." + ext
    return ""


def _shorten(text: str) -> str:
    if len(text.encode("utf-8")) <= MAX_NAME_BYTES:
        return text
    ext = _extension(text)
    stem = text[: len(text) - len(ext)] if ext else text
    budget = MAX_NAME_BYTES - len(ext.encode("utf-8"))
    encoded = stem.encode("utf-8")[:budget]
    # Cutting bytes can split a character: drop the broken tail.
    stem = encoded.decode("utf-8", errors="ignore").rstrip(". ")
    return (stem or FALLBACK_NAME) + ext


def guess_mime(name: str) -> str:
    """The MIME type of a file from its name (the content is never trusted to say it)."""
    kind, _encoding = mimetypes.guess_type(name, strict=False)
    return kind or "application/octet-stream"
