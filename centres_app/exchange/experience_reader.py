"""Reads SENACS's older "expérience" pages (``senacs.fr/action/show/NNN``) as their text reads
when copied from a browser or saved as text (issue 18)::

    Actions
    <blank>
    <title>
    <blank>
    Structure organisatrice        (optional)
    <structure name> - <département>
    Publié par                     (optional)
    <name>
    Thèmes
      • <theme>
    Fichier(s) associé(s)
    <file name or link>            (optional lines, e.g. "( 56.06K )")
    Quels furent les éléments de diagnostic à l'origine de l'expérience ?
    <text>
    Mots clés associés à l'actions
      • <keyword>                  (bullets may be missing)
    Description générale
    <text>
    ...four more questions, each followed by its text (possibly empty)

Several pages may follow one another; a page may be cut short (what is there is read). The
reader is a monotonic state machine like senacs_reader: a line is a heading only if it names a
section that comes *later* than the current one, so a text may quote an earlier heading. A line
``Actions`` starts the next page when its title follows (after blank lines) and then a heading
of the page's head (structure, publisher, themes, files) or the end of the file.

What a browser's copy does is tolerated: Windows line ends, non-breaking spaces (headings and
list values are compared with them as spaces), bullets ``•``, ``-``, ``*`` or none, tabs and
extra blank lines. Texts are kept line for line, without their blank lines at either end.

Qt-free; `to_action` maps a page onto ActionData (form "experience", no year, no status).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from centres_app.domain import (
    BAD_CHARS,
    FORM_EXPERIENCE,
    MAX_TERM_LENGTH,
    MAX_TEXT_LENGTH,
    ActionData,
    nfc,
    show_text,
)
from centres_app.errors import ParseError

PAGE_START = "Actions"

# Section name -> heading, in page order. "lists" hold one value per (bulleted) line.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("structure", "Structure organisatrice"),
    ("published_by", "Publié par"),
    ("themes", "Thèmes"),
    ("file_references", "Fichier(s) associé(s)"),
    ("diagnostic", "Quels furent les éléments de diagnostic à l'origine de l'expérience ?"),
    ("keywords", "Mots clés associés à l'actions"),
    ("description", "Description générale"),
    (
        "experience",
        "Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.",
    ),
    (
        "impacts",
        "Quels sont les impacts ou effets positifs produits par cette expérience au niveau du "
        "public, du centre social ou de l'environnement ?",
    ),
    ("success_factors", "Quels furent les facteurs de réussite de cette expérience ?"),
    ("limits", "Quelles sont les limites de cette expérience ?"),
)
LISTS = frozenset({"themes", "keywords", "file_references"})
# Sections that may come right after a page's title: they tell a page start from a text line
# that happens to read `Actions`.
_HEAD = frozenset({"structure", "published_by", "themes", "file_references"})
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# A bullet: a dot (spaces after it optional), or a dash or star followed by a space (so that
# "-12 ans" keeps its dash).
_BULLET = re.compile(r"^[\s\u00a0\u202f]*(?:[•·◦▪][\s\u00a0\u202f]*|[-*–][\s\u00a0\u202f]+)?")


def _key(line: str) -> str:
    """A line as headings are compared: spaces of any kind collapsed, ends trimmed."""
    return _SPACES.sub(" ", line).strip()


_HEADINGS: dict[str, int] = {_key(label): index for index, (_, label) in enumerate(SECTIONS)}


@dataclass
class Experience:
    """One page: every section's text or values, as on the page (structure and département
    split on the last ` - `); `line` is where its `Actions` line is."""

    line: int
    title: str = ""
    structure: str = ""
    department: str = ""
    published_by: str = ""
    themes: list[str] = field(default_factory=list)
    file_references: list[str] = field(default_factory=list)
    diagnostic: str = ""
    keywords: list[str] = field(default_factory=list)
    description: str = ""
    experience: str = ""
    impacts: str = ""
    success_factors: str = ""
    limits: str = ""


def looks_like_experience(text: str) -> bool:
    """Whether a text starts like these pages: `Actions`, a title, then a heading of the page's
    head or the diagnostic question, within its first lines."""
    lines = [_key(line) for line in _split(text[:8192])[:40]]
    filled = [line for line in lines if line]
    if not filled or filled[0] != PAGE_START:
        return False
    return any(_HEADINGS.get(line) is not None for line in filled[2:8])


def read_experiences(text: str, path: str = "<texte>") -> list[Experience]:
    """The pages of a text; a malformation raises ParseError at its line (French)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _split(nfc(text))
    pages: list[Experience] = []
    index = _skip_blank(lines, 0)
    if index >= len(lines):
        raise ParseError(path, 1, "fichier vide : aucune page « Actions »")
    if _key(lines[index]) != PAGE_START:
        raise ParseError(
            path,
            index + 1,
            f"« {PAGE_START} » attendu en tête de page, trouvé « {show_text(lines[index])} »",
        )
    while index < len(lines):
        page, index = _read_page(lines, index, path)
        pages.append(page)
        if _skip_blank(lines, index + 1) >= len(lines):
            break  # a last `Actions` with nothing after it: the next page, cut before its title
    return pages


def _split(text: str) -> list[str]:
    return [line.rstrip(" \t\u00a0") for line in re.split(r"\r\n|\r|\n", text)]


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not _key(lines[index]):
        index += 1
    return index


def _starts_page(lines: list[str], index: int) -> bool:
    """Whether the `Actions` line at `index` starts a page (see the module's docstring)."""
    title = _skip_blank(lines, index + 1)
    if title >= len(lines) or _key(lines[title]) in _HEADINGS:
        return False
    after = _skip_blank(lines, title + 1)
    if after >= len(lines):
        return True
    heading = _HEADINGS.get(_key(lines[after]))
    return heading is not None and SECTIONS[heading][0] in _HEAD | {"diagnostic"}


def _read_page(lines: list[str], start: int, path: str) -> tuple[Experience, int]:
    page = Experience(line=start + 1)
    index = _skip_blank(lines, start + 1)
    if index >= len(lines) or _key(lines[index]) in _HEADINGS or _key(lines[index]) == PAGE_START:
        raise ParseError(path, min(index, len(lines) - 1) + 1, "page sans titre")
    page.title = _key(lines[index])
    _check_line(page.title, "title", path, index)
    index += 1
    position = -1
    texts: dict[str, list[str]] = {}
    headings: dict[str, int] = {}
    while index < len(lines):
        line = lines[index]
        key = _key(line)
        if key == PAGE_START and (
            _skip_blank(lines, index + 1) >= len(lines) or _starts_page(lines, index)
        ):
            break
        heading = _HEADINGS.get(key)
        if heading is not None and heading > position:
            position = heading
            name = SECTIONS[heading][0]
            headings[name] = index
            texts.setdefault(name, [])
        elif position >= 0:
            texts[SECTIONS[position][0]].append(line)
        elif key:
            raise ParseError(
                path,
                index + 1,
                f"ligne inattendue « {show_text(line)} » après le titre : une rubrique "
                f"(« {SECTIONS[0][1]} », « {SECTIONS[2][1]} »…) était attendue",
            )
        index += 1
    for name, body in texts.items():
        _fill(page, name, body, path, headings[name] + 1)
    return page, index


def _fill(page: Experience, name: str, body: list[str], path: str, first: int) -> None:
    """Sets a section from its lines, the first of which is the file's 0-based line `first`."""
    for offset, line in enumerate(body):
        if BAD_CHARS.search(line):
            _refuse(line, name, path, first + offset + 1, MAX_TEXT_LENGTH)
    if name in LISTS:
        values: list[str] = []
        for offset, line in enumerate(body):
            value = line.strip() if name == "file_references" else _value(line)
            if value:
                _check_line(value, name, path, first + offset)
                values.append(value)
        setattr(page, name, values)
        return
    text = _text(body)
    if name in ("structure", "published_by"):
        text = _key(text.replace("\n", " "))
        _check_line(text, name, path, first)
        if name == "structure":
            structure, sep, department = text.rpartition(" - ")
            page.structure, page.department = (
                (structure.strip(), department.strip()) if sep else (text, "")
            )
            return
    elif len(text) > MAX_TEXT_LENGTH:
        _refuse(text, name, path, first + 1, MAX_TEXT_LENGTH)
    setattr(page, name, text)


def _value(line: str) -> str:
    """A list value: its bullet, and spaces of any kind around it, removed."""
    return _key(_BULLET.sub("", line, count=1))


def _text(body: list[str]) -> str:
    start, end = 0, len(body)
    while start < end and not _key(body[start]):
        start += 1
    while end > start and not _key(body[end - 1]):
        end -= 1
    return "\n".join(body[start:end])


def _check_line(value: str, name: str, path: str, index: int) -> None:
    if len(value) > MAX_TERM_LENGTH or BAD_CHARS.search(value):
        _refuse(value, name, path, index + 1, MAX_TERM_LENGTH)


def _refuse(value: str, name: str, path: str, line: int, limit: int) -> None:
    heading = dict(SECTIONS).get(name, "Titre")
    if BAD_CHARS.search(value):
        message = f"« {heading[:60]} » : caractère de contrôle interdit"
    else:
        message = f"« {heading[:60]} » : plus de {limit:,} caractères".replace(",", " ")
    raise ParseError(path, line, message)


# --- Onto the model (issue 18) -----------------------------------------------------------------

# Lines that only the SENACS listing has (its first line, and the label every one of its blocks
# carries): met in a file of pages, they mean the file mixes both forms.
_LISTING_MARKS = frozenset({"Les actions des centres sociaux", "Statut de l'action"})


def mixed_message() -> str:
    return (
        "ce fichier mêle des pages « expérience » (anciennes fiches SENACS) et la liste des "
        "actions SENACS (« Les actions des centres sociaux ») : les deux formes ne se lisent "
        "pas dans un même fichier, importez-les dans deux fichiers séparés"
    )


def to_action(page: Experience) -> ActionData:
    """The record of one page: form "experience", no year, no status."""
    return ActionData(
        title=page.title,
        structure=page.structure,
        department=page.department,
        year=None,
        status="",
        form=FORM_EXPERIENCE,
        published_by=page.published_by,
        themes=tuple(page.themes),
        file_references=tuple(page.file_references),
        diagnostic=page.diagnostic,
        keywords=tuple(page.keywords),
        description=page.description,
        experience=page.experience,
        impacts=page.impacts,
        success_factors=page.success_factors,
        limits=page.limits,
    )


def read_experiences_located(text: str, path: str = "<texte>") -> list[tuple[int, ActionData]]:
    """The pages of a text as records, each with the line of its `Actions`; a file that mixes
    the pages with the SENACS listing is refused (ParseError) at the first listing line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    for number, line in enumerate(_split(text), start=1):
        if _key(line) in _LISTING_MARKS:
            raise ParseError(path, number, mixed_message())
    return [(page.line, to_action(page)) for page in read_experiences(text, path)]


def starts_with_page(head: str) -> bool:
    """Whether a text's first non-blank line is `Actions`: a file of pages (the SENACS listing
    starts with « Les actions des centres sociaux »)."""
    if head.startswith("\ufeff"):
        head = head[1:]
    for line in _split(head[:4096]):
        if _key(line):
            return _key(line) == PAGE_START
    return False
