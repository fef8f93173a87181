"""Writes ActionData records in the SENACS text export format read by senacs_reader.

The layout mirrors the SENACS export exactly (``write_senacs(read_senacs(t)) == t`` for an
export in canonical form): header, summary table, then one ``Actions`` block per action, with
``\\n`` line ends and no final newline.

What would read back as structure is escaped in a way the reader undoes (senacs_reader): a
free-text or title line that is a label or ``Actions`` gets a leading backslash, a value equal to
a label is written with two spaces after its dash, a department holding ``|`` is left out of the
summary table (the reader takes it from the structure line). An action the format cannot hold
is refused by name (UnwritableAction): no year, or a department with both ``|`` and `` - ``.
What the format drops, by design: attachments (it only names files, and the reader ignores the
names: none are written; an import keeps the stored ones), line breaks in one-line values
(written as spaces), trailing spaces of lines and leading/trailing blank lines of texts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from centres_app.domain import STATUS_FINISHED, ActionData, show_text
from centres_app.errors import ExportError
from centres_app.exchange.atomic_files import write_bytes_atomic
from centres_app.exchange.senacs_reader import (
    ATTACHMENTS,
    BLOCK_FIELDS,
    BLOCK_START,
    HEADER,
    LONE_DASH,
    PARTNERS_HEADER,
    SINGLE,
    STRUCTURE,
    TABLE_HEADER,
    TERMS,
    escape_line,
    is_structural,
)

# Multi-valued lists the export opens with a lone "-" (Public has none).
_DASHED_LISTS = frozenset({"keywords", "initiative", "partners"})
_OTHER_INITIATIVE = "Autre"


def write_senacs(actions: Iterable[ActionData]) -> str:
    """The SENACS text of `actions`, in the given order.

    Experiences (the older pages, form "experience", issue 18) have no place in the listing
    (no year, other sections): a list of experiences only is written as their own pages
    (experience_writer, read back by experience_reader); a list mixing both forms is refused
    by naming its first experience (one file could not be read back: the reader refuses a
    file that mixes the two forms)."""
    actions = list(actions)
    experiences = [a for a in actions if a.is_experience]
    if experiences:
        if len(experiences) == len(actions):
            from centres_app.exchange.experience_writer import write_experiences

            return write_experiences(actions)
        raise ExportError(
            f"« {show_text(experiences[0].title)} » est une expérience (ancienne fiche SENACS, "
            f"sans année) et la sélection compte aussi des actions : le texte SENACS ne peut "
            f"pas mêler les deux formes. Exportez les {len(experiences)} expérience(s) seules "
            "(elles s'écrivent en pages « expérience »), ou exportez en JSON, CSV ou tableur."
        )
    out = [HEADER, " | ".join(TABLE_HEADER) + " |", "---|---|---|"]
    for action in actions:
        _check(action)
        department = _one_line(action.department)
        if "|" in department:
            department = ""  # read back from the structure line
        out.append(f"{_one_line(action.title)} | {department} | {action.year} |")
    for action in actions:
        out.extend(_block(action))
    return "\n".join(out)


def write_senacs_file(actions: Iterable[ActionData], path: str | os.PathLike[str]) -> None:
    """Writes `actions` to `path` in UTF-8 without BOM, with `\\n` line ends (atomically)."""
    write_bytes_atomic(path, write_senacs(actions).encode("utf-8"))


def _block(action: ActionData) -> list[str]:
    out = [BLOCK_START, escape_line(_one_line(action.title))]
    for spec in BLOCK_FIELDS:
        if not _printed(spec.name, action):
            continue
        out.append("- " + spec.label)
        value = getattr(action, spec.name)
        if spec.kind == STRUCTURE:
            out.append(f"- {_one_line(value)} - {_one_line(action.department)}")
        elif spec.kind == ATTACHMENTS:
            continue
        elif spec.kind == SINGLE:
            if value:
                out.append(_value_line(value))
        elif spec.kind == TERMS:
            if spec.name in _DASHED_LISTS:
                out.append(LONE_DASH)
            if spec.name == "partners":
                out.append(PARTNERS_HEADER)
            out.extend(_value_line(term) for term in value)
        elif value:
            out.extend(_text_lines(value))
    return out


def _printed(name: str, action: ActionData) -> bool:
    """The export prints these two labels only when they apply, as in the sample."""
    if name == "end_reason":
        return bool(action.end_reason) or action.status == STATUS_FINISHED
    if name == "initiative_detail":
        return bool(action.initiative_detail) or _OTHER_INITIATIVE in action.initiative
    return True


def _check(action: ActionData) -> None:
    """Refuses, by name, an action whose export could not be read back."""
    if action.year is None:
        problem = "n'a pas d'année, que le format SENACS exige"
    elif "|" in action.department and " - " in action.department:
        problem = "a un département qui contient à la fois « | » et « - »"
    else:
        return
    raise ExportError(
        f"L'action « {show_text(action.title)} » {problem} : elle ne peut pas être exportée "
        "au format SENACS. Corrigez-la, ou exportez en JSON."
    )


def _value_line(value: str) -> str:
    """A `- value` line; a value equal to a label gets a second space (the reader strips it)."""
    line = "- " + _one_line(value)
    return "-  " + line[2:] if is_structural(line.rstrip(" \t")) else line


def _one_line(value: str) -> str:
    return " ".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _text_lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [escape_line(line) for line in lines]
