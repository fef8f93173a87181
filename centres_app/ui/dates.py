"""Dates of backups, versions and deletions as a French user reads them, in local time."""

from __future__ import annotations

import datetime as dt


def local_text(value: dt.datetime, utc: bool = False) -> str:
    """`03/05/2025 14:02`; `utc`: a naive UTC time from the store (history, trash)."""
    if utc and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC).astimezone()
    elif value.tzinfo is not None:
        value = value.astimezone()
    return f"{value:%d/%m/%Y %H:%M}"
