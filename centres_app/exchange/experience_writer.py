"""Writes experience records (form "experience", issue 18) as the older SENACS pages that
exchange/experience_reader reads, so that `read(write(records)) == records`.

The pages have no year and no place for today's *fiche action* fields: an experience that
holds one of them (a year, a status, a dimension, a summary…) or a text the reader would take
for a heading is refused by name (ExportError) rather than written with a loss. Each page is
read back before the file is written: what would not come back identical is refused. The
pages carry no attachments (like the SENACS listing): none are written, an import keeps the
stored ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import fields

from centres_app.domain import FIELD_LABELS, ActionData, show_text
from centres_app.errors import ExportError, ParseError
from centres_app.exchange.atomic_files import write_bytes_atomic
from centres_app.exchange.experience_reader import PAGE_START, SECTIONS, read_experiences, to_action

_LABELS = dict(SECTIONS)
_BODY = (
    "diagnostic",
    "keywords",
    "description",
    "experience",
    "impacts",
    "success_factors",
    "limits",
)


def page_lines(action: ActionData) -> list[str]:
    """The lines of one page, ending with a blank line."""
    out = [PAGE_START, "", action.title, ""]
    if action.structure or action.department:
        out.append(_LABELS["structure"])
        out.append(
            f"{action.structure} - {action.department}" if action.department else action.structure
        )
    if action.published_by:
        out.extend((_LABELS["published_by"], action.published_by))
    out.append(_LABELS["themes"])
    out.extend(f"  • {theme}" for theme in action.themes)
    out.append(_LABELS["file_references"])
    out.extend(action.file_references)
    for name in _BODY:
        out.append(_LABELS[name])
        if name == "keywords":
            out.extend(f"  • {keyword}" for keyword in action.keywords)
        elif getattr(action, name):
            out.append(getattr(action, name))
    out.append("")
    return out


def write_experiences(actions: Iterable[ActionData]) -> str:
    """The pages of `actions`, in order; ExportError names the first one that would not read
    back identical (and the fields concerned)."""
    pages: list[str] = []
    for action in actions:
        text = "\n".join(page_lines(action))
        _check(action, text)
        pages.append(text)
    return "\n".join(pages)


def write_experiences_file(actions: Iterable[ActionData], path: str | os.PathLike[str]) -> None:
    write_bytes_atomic(path, write_experiences(actions).encode("utf-8"))


def _check(action: ActionData, text: str) -> None:
    try:
        read = read_experiences(text, "<page>")
    except ParseError:
        read = []
    if len(read) == 1:
        back = to_action(read[0]).replace(attachments=action.attachments)
        if back == action:
            return
        lost = [
            FIELD_LABELS.get(f.name, f.name)
            for f in fields(ActionData)
            if f.compare
            if getattr(back, f.name) != getattr(action, f.name)
        ]
    else:
        lost = ["le découpage des pages (un texte se lit comme une rubrique)"]
    raise ExportError(
        f"L'expérience « {show_text(action.title)} » ne peut pas être écrite en page SENACS "
        f"sans perte ({', '.join(lost)[:300]}) : exportez-la en JSON, CSV ou tableur."
    )
