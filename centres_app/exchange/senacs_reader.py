"""Reads the SENACS text export ("Les actions des centres sociaux") into ActionData records.

The format (see ``senacs-drome.txt``): a header line, a summary table
``Nom | Département | Année |``, then one block per action::

    Actions
    <title>
    - Structure organisatrice
    - <structure> - <département>
    - Fichier(s) associé(s)
    - Statut de l'action
    - En cours
    ...

Labels are ``- <label>`` lines in a fixed order. The reader is a monotonic state machine: a
line is a label only if it names a field that comes *later* than the current one, so free text
may hold its own ``- ...`` bullet lines (even ones that read like an earlier label).

The app's own exports escape what would read as structure (senacs_writer): a free-text or
title line that is a label or ``Actions`` gets a leading backslash (one more when it already
has some), which the reader removes; a value equal to a label is written ``-  <value>`` (two
spaces), which the reader strips. In files the observatory published, which never escape:

* a free-text line equal to a later label (``- Public``...) is read as that label;
* a line ``Actions`` ends a block when it is inside the last field (Perspectives), inside a
  term list, or when it is followed by ``<title>`` / ``- Structure organisatrice``;
* the names of attached files (``Fichier(s) associé(s)``) are ignored: the export does not hold
  their content, so ``attachments`` is always empty;
* a term value equal to a later label (a keyword ``Public``...) is read as that label.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from centres_app.domain import (
    BAD_CHARS,
    FIELD_LABELS,
    SENACS_WORDING,
    ActionData,
    nfc,
    validate,
    validation_message,
)
from centres_app.errors import ParseError
from centres_app.gui_turn import give_way

HEADER = "Les actions des centres sociaux"
TABLE_HEADER = ("Nom", "Département", "Année")
BLOCK_START = "Actions"
# The export asks the partners question, then repeats FIELD_LABELS' wording as a sub-header.
PARTNERS_QUESTION = "Avec qui cette action a-t-elle été menée ?"
PARTNERS_HEADER = "Partenaires d'action:"
LONE_DASH = "-"

# Field kinds of the block state machine.
STRUCTURE = "structure"
ATTACHMENTS = "attachments"
SINGLE = "single"
TERMS = "terms"
TEXT = "text"


@dataclass(frozen=True)
class BlockField:
    """One labelled field of an action block, in file order."""

    name: str
    label: str
    kind: str


def _field(name: str, kind: str, label: str | None = None) -> BlockField:
    return BlockField(name, label or SENACS_WORDING.get(name) or FIELD_LABELS[name], kind)


# The fixed order of the labels inside a block; "territory" is printed twice by the export.
BLOCK_FIELDS: tuple[BlockField, ...] = (
    _field("structure", STRUCTURE),
    _field("attachments", ATTACHMENTS),
    _field("status", SINGLE),
    _field("end_reason", TEXT),
    _field("dimension", SINGLE),
    _field("keywords", TERMS),
    _field("summary", TEXT),
    _field("initiative", TERMS),
    _field("initiative_detail", TEXT),
    _field("territory", SINGLE),
    _field("experience", TEXT),
    _field("public", TERMS),
    _field("partners", TERMS, PARTNERS_QUESTION),
    _field("territory", SINGLE),
    _field("description", TEXT),
    _field("financial_resources", TEXT),
    _field("people_mobilised", TEXT),
    _field("result_territory", TEXT),
    _field("result_centre", TEXT),
    _field("result_inhabitants", TEXT),
    _field("limits", TEXT),
    _field("perspectives", TEXT),
)

STRUCTURE_LABEL_LINE = "- " + BLOCK_FIELDS[0].label
ESCAPE = "\\"

# Label line -> positions in BLOCK_FIELDS (several for the repeated territory).
_LABEL_POSITIONS: dict[str, tuple[int, ...]] = {}
for _pos, _f in enumerate(BLOCK_FIELDS):
    _LABEL_POSITIONS["- " + _f.label] = (*_LABEL_POSITIONS.get("- " + _f.label, ()), _pos)
del _pos, _f


def is_structural(line: str) -> bool:
    """Whether a line, read as free text or a title, could be taken for structure."""
    return line in _LABEL_POSITIONS or line == BLOCK_START


def escape_line(line: str) -> str:
    """A free-text or title line as the app writes it: a backslash before a line that would
    read as structure once its trailing spaces are gone (the reader strips them), and before
    a line that already looks escaped, so that unescape_line gives back exactly `line`."""
    return ESCAPE + line if is_structural(line.rstrip(" \t").lstrip(ESCAPE)) else line


def unescape_line(line: str) -> str:
    """The inverse of escape_line on a line as read (trailing spaces stripped)."""
    if line[:1] == ESCAPE and is_structural(line.lstrip(ESCAPE)):
        return line[1:]
    return line


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEPARATOR_CELL = re.compile(r":?-+:?")
_YEAR = re.compile(r"[0-9]{1,9}")
_CLIP = 80
# BAD_CHARS in UTF-8 bytes: each C0 control but tab, line feed and carriage return, and DEL, is
# one byte (mapped to 0 by this table, every other byte to 1); a C1 control is \xc2\x80-\x9f;
# a lone surrogate cannot be valid UTF-8 (refused when the piece is decoded).
_BAD_BYTES = bytes(
    0 if (byte < 0x20 and byte not in b"\t\n\r") or byte == 0x7F else 1 for byte in range(256)
)
_C1_BYTES = re.compile(b"\xc2[\x80-\x9f]")
# Characters of text decoded and split into lines at a time (~110 synthetic actions): each
# step over a piece is one C call holding the GIL; 4,000,000 held it ~10-25 ms a call
# while the window read a file for its import preview (issue 17; the same CPU in all).
_PIECE = 512_000
_PEEK = 4096  # characters read to check a cut: its first three lines must be in them


def _clip(text: str) -> str:
    """Keeps messages readable when the offending line is huge (and free of control
    characters, which could drive the terminal)."""
    text = BAD_CHARS.sub("\ufffd", text[:_CLIP])
    return text if len(text) < _CLIP else text[: _CLIP - 1] + "…"


def read_senacs_file(path: str | os.PathLike[str]) -> list[ActionData]:
    """Reads a SENACS export file (UTF-8, BOM accepted). OSError propagates unchanged."""
    return list(iter_senacs_file(path))


def _byte_line(data: bytes, offset: int) -> int:
    prefix = data[:offset]
    crlf = prefix.count(b"\r\n")
    return prefix.count(b"\n") + prefix.count(b"\r") - crlf + 1


def read_senacs(text: str, path: str = "<texte>") -> list[ActionData]:
    """Reads the text of a SENACS export; any malformation raises ParseError (French)."""
    return list(_Parser.of_text(text, path).actions())


def iter_senacs_file(path: str | os.PathLike[str]) -> Iterator[ActionData]:
    """The actions of a SENACS export file as they are read: a malformation raises ParseError
    when it is reached, after the actions before it (exchange/pipeline.py).

    The bytes are decoded piece by piece too: a file that is not UTF-8 (or holds a NUL byte)
    is refused at its first bad line when that piece is reached (a malformation of the text in
    the piece before may be reported first).
    """
    name = os.fspath(path)
    with open(name, "rb") as handle:
        data = handle.read()
    return _Parser.of_bytes(data, name).actions()


def iter_senacs_located(path: str | os.PathLike[str]) -> Iterator[tuple[int, ActionData]]:
    """Like iter_senacs_file, each action with the line where its block starts (`Actions`)."""
    name = os.fspath(path)
    with open(name, "rb") as handle:
        data = handle.read()
    return _Parser.of_bytes(data, name).located()


def iter_senacs_bytes_located(data: bytes, name: str) -> Iterator[tuple[int, ActionData]]:
    """Like iter_senacs_located, from the bytes of a file already read (standard input)."""
    return _Parser.of_bytes(data, name).located()


@dataclass
class _Row:
    line: int
    title: str
    department: str
    year: int


def _split_lines(text: str) -> list[str]:
    # str.split is ~5x faster than the regex; only a text with \r needs the latter.
    if "\r" in text:
        parts = _LINE_BREAK.split(text)
    else:
        parts = text.split("\n")
        if " \n" not in text and "\t\n" not in text and not text.endswith((" ", "\t")):
            return parts  # no line ends with a blank (searched in C): nothing to strip
    return [line.rstrip(" \t") for line in parts]


def _is_cut(before: str, after: str) -> bool:
    """Whether a piece may begin between the texts `before` and `after` (which starts just
    after a line break): the line there is `Actions` with the structure label two lines
    below, so starts_block() says yes to it in every state, and neither of the two lines
    before is `Actions`, so it is not the title or the label of a block starting there (a
    block's first lines are Actions, title, label). Read as pieces, the file then gives the
    same actions and errors as whole."""
    head = _split_lines(after)
    if not (len(head) > 3 and head[0] == BLOCK_START and head[2] == STRUCTURE_LABEL_LINE):
        return False
    tail = _split_lines(before)  # ends with the empty "line" after `before`'s line break
    return len(tail) > 3 and BLOCK_START not in tail[-3:-1]


def _text_pieces(text: str, size: int) -> Iterator[str]:
    """`text` in pieces of about `size` characters, each cut just after a line break and
    before a line `Actions` that is certainly a block start. Splitting a 460 MB export into
    lines takes ~3 s: piece by piece, the first actions come out at once. Never cutting is
    always right."""
    start = 0
    while len(text) - start > size:
        search, cut = start + size, -1
        while (found := text.find("\n" + BLOCK_START, search)) >= 0:
            if _is_cut(
                text[max(found + 1 - _PEEK, 0) : found + 1], text[found + 1 : found + 1 + _PEEK]
            ):
                cut = found + 1
                break
            search = found + 1
        if cut < 0:
            break
        yield text[start:cut]
        start = cut
    yield text[start:]


def _checked_text_pieces(text: str, size: int) -> Iterator[tuple[str, bool]]:
    """_text_pieces in NFC, each with whether it is free of BAD_CHARS (_Parser.clean)."""
    for piece in _text_pieces(text, size):
        yield nfc(piece), BAD_CHARS.search(piece) is None


def _byte_pieces(data: bytes, path: str, size: int) -> Iterator[tuple[str, bool]]:
    """The same pieces, cut in the UTF-8 bytes (at a line break: never inside a character)
    and decoded one at a time, each with whether it is free of BAD_CHARS (searched in its
    bytes: ~10 times faster than the regex over its text); a NUL byte or bad UTF-8 raises
    ParseError at its file line."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    marker = ("\n" + BLOCK_START).encode()
    while True:
        search, cut = start + size, -1
        while search < len(data) and (found := data.find(marker, search)) >= 0:
            # A character cut at either end of a peek only spoils a line that is not checked
            # (or makes a cut refused: never cutting is always right).
            before = data[max(found + 1 - _PEEK, 0) : found + 1].decode("utf-8", errors="replace")
            after = data[found + 1 : found + 1 + _PEEK].decode("utf-8", errors="replace")
            if _is_cut(before, after):
                cut = found + 1
                break
            search = found + 1
        stop = len(data) if cut < 0 else cut
        piece = data[start:stop]
        bad = piece.find(b"\x00")
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = exc.start if bad < 0 else min(bad, exc.start)
        if bad >= 0:
            raise ParseError(
                path,
                _byte_line(data, start + bad),
                "le fichier n'est pas un texte UTF-8 (contenu binaire ou autre encodage)",
            )
        # NFC neither makes nor removes a control character: the bytes tell for the text.
        clean = piece.translate(_BAD_BYTES).find(0) < 0 and _C1_BYTES.search(piece) is None
        yield nfc(text), clean
        if cut < 0:
            return
        start = cut


class _Parser:
    """Reads the lines piece by piece (_pieces); a piece sees the first two lines of the next
    one for starts_block()'s look-ahead, so the result is the same as over the whole file.

    `clean` says that no piece read so far holds a BAD_CHARS character: every text of an
    action read then is a part of them, so validate() need not search its texts again
    (nearly always; after a piece that holds one, every action is searched as before)."""

    @classmethod
    def of_text(cls, text: str, path: str, piece: int = _PIECE) -> _Parser:
        if text.startswith("\ufeff"):
            text = text[1:]
        if "\x00" in text:
            for number, line in enumerate(_split_lines(text), 1):
                if "\x00" in line:
                    raise ParseError(
                        path,
                        number,
                        "contenu binaire (caractère nul) : ce n'est pas un export texte",
                    )
        return cls(_checked_text_pieces(text, piece), path)

    @classmethod
    def of_bytes(cls, data: bytes, path: str, piece: int = _PIECE) -> _Parser:
        return cls(_byte_pieces(data, path, piece), path)

    def __init__(self, pieces: Iterator[tuple[str, bool]], path: str) -> None:
        self.path = path
        self._pieces = pieces
        first, self._next_clean = next(pieces)
        self._next: list[str] | None = _split_lines(first)
        self.clean = True
        self.offset = 0  # lines of the pieces already read
        self.lines: list[str] = []
        self.n = 0  # lines of the current piece (without trailing empty lines in the last)
        self.look = 0  # lines that the look-ahead may read (into the next piece)
        self._advance()

    def _advance(self) -> bool:
        """Moves to the next piece; False at the end of the file."""
        current = self._next
        if current is None:
            return False
        self.offset += self.n
        self.clean = self.clean and self._next_clean
        following = next(self._pieces, None)
        if following is not None:
            current.pop()  # the empty "line" after the piece's last line break
            self._next = _split_lines(following[0])
            self._next_clean = following[1]
        else:
            self._next = None
        n = len(current)
        if self._next is None:
            while n and not current[n - 1]:
                n -= 1
            self.lines, self.n, self.look = current, n, n
        else:
            self.lines, self.n = current + self._next[:2], n
            self.look = len(self.lines)
        return True

    def error_at(self, index: int, message: str) -> ParseError:
        """An error about the 0-based line `index` of the current piece (clamped to the last
        line at the end of the file)."""
        line = self.offset + min(index, max(self.n - 1, 0)) + 1
        return ParseError(self.path, line, message)

    # -- structure of the file ----------------------------------------------------------

    def actions(self) -> Iterator[ActionData]:
        for _, action in self.located():
            yield action

    def located(self) -> Iterator[tuple[int, ActionData]]:
        """The actions with the 1-based line of their block's `Actions` line."""
        lines, n = self.lines, self.n
        if n == 0 and self._next is None:
            raise ParseError(self.path, 1, "fichier vide : ce n'est pas un export SENACS")
        if lines[0] != HEADER:
            raise ParseError(
                self.path, 1, f"en-tête « {HEADER} » attendu, trouvé « {_clip(lines[0])} »"
            )
        self.check_table_header()
        rows, index = self.read_table(3)
        while True:
            while index < self.n:
                give_way()  # (read off the GUI thread: the window's paints first)
                line = self.offset + index + 1
                action, index = self.read_block(index, rows)
                yield line, action
            if not self._advance():
                break
            index = 0
        leftovers = [row for queue in rows.values() for row in queue]
        if leftovers:
            row = min(leftovers, key=lambda r: r.line)
            raise ParseError(
                self.path,
                row.line,
                f"l'action « {_clip(row.title)} » du tableau n'a pas de fiche « {BLOCK_START} »",
            )

    def check_table_header(self) -> None:
        expected = " | ".join(TABLE_HEADER) + " |"
        if self.n < 2 or _cells(self.lines[1]) != list(TABLE_HEADER):
            found = f", trouvé « {_clip(self.lines[1])} »" if self.n >= 2 else ""
            raise self.error_at(1, f"en-tête du tableau « {expected} » attendu{found}")
        if self.n < 3:
            raise self.error_at(2, "ligne de séparation du tableau « ---|---|---| » attendue")
        cells = _cells(self.lines[2])
        if len(cells) != 3 or not all(_SEPARATOR_CELL.fullmatch(c) for c in cells):
            raise self.error_at(
                2,
                "ligne de séparation du tableau « ---|---|---| » attendue, "
                f"trouvé « {_clip(self.lines[2])} »",
            )

    def read_table(self, index: int) -> tuple[dict[str, deque[_Row]], int]:
        """Reads the table rows up to the first `Actions` line; rows are queued by title."""
        rows: dict[str, deque[_Row]] = {}
        while index < self.n and self.lines[index] != BLOCK_START:
            line = self.lines[index]
            if line:
                row = self.parse_row(index, line)
                rows.setdefault(row.title, deque()).append(row)
            index += 1
        return rows, index

    def parse_row(self, index: int, line: str) -> _Row:
        body = line[:-1] if line.endswith("|") else line
        parts = body.rsplit("|", 2)
        if len(parts) != 3:
            raise self.error_at(
                index,
                f"ligne du tableau invalide « {_clip(line)} » : "
                "« Nom | Département | Année | » attendu",
            )
        title, department, year = (p.strip() for p in parts)
        if not title:
            raise self.error_at(index, "ligne du tableau sans nom d'action")
        if not _YEAR.fullmatch(year):
            raise self.error_at(index, f"année invalide « {_clip(year)} » dans le tableau")
        return _Row(index + 1, title, department, int(year))

    # -- one action block ---------------------------------------------------------------

    def read_block(self, start: int, rows: dict[str, deque[_Row]]) -> tuple[ActionData, int]:
        """Reads the block whose `Actions` line is at `start`; returns it and the next index."""
        lines, n = self.lines, self.n
        title_index = start + 1
        if title_index >= n:
            raise self.error_at(start, "action sans titre (fin du fichier après « Actions »)")
        title = lines[title_index].strip()
        if not title or lines[title_index] in _LABEL_POSITIONS:
            raise self.error_at(title_index, "action sans titre")
        title = unescape_line(title)
        index = title_index + 1
        if index >= n or lines[index] != STRUCTURE_LABEL_LINE:
            found = f", trouvé « {_clip(lines[index])} »" if index < n else " (fin du fichier)"
            raise self.error_at(
                index, f"libellé « {STRUCTURE_LABEL_LINE} » attendu après le titre{found}"
            )
        queue = rows.get(title)
        if not queue:
            raise self.error_at(
                title_index, f"l'action « {_clip(title)} » n'apparaît pas dans le tableau"
            )
        row = queue.popleft()

        block = _Block()
        position = 0
        index += 1
        labels = _LABEL_POSITIONS
        # The lines of the current free-text field (None under other fields): most lines of a
        # block are text, appended here without the general path (take) -- same result.
        text = block.texts.get(BLOCK_FIELDS[0].name) if BLOCK_FIELDS[0].kind == TEXT else None
        # Likewise the values `- value` of a term list (take() does the rest: blank lines,
        # lone dashes, errors).
        terms = block.terms.get(BLOCK_FIELDS[0].name) if BLOCK_FIELDS[0].kind == TERMS else None
        while index < n:
            line = lines[index]
            if line not in labels and line != BLOCK_START:  # not structure: the current field's
                if text is not None:
                    text.append(line)
                elif terms is not None and line[:1] == "-" and line != LONE_DASH:
                    terms.append(line[1:].strip(" \t"))
                else:
                    self.take(block, position, index, line)
                index += 1
                continue
            if line == BLOCK_START and self.starts_block(index, position):
                break
            later = _later_position(line, position)
            if later is not None:
                position = later
                block.seen_value = False
                spec = BLOCK_FIELDS[later]
                block.lines.setdefault(spec.name, self.offset + index + 1)
                text = block.texts[spec.name] if spec.kind == TEXT else None
                terms = block.terms[spec.name] if spec.kind == TERMS else None
            else:
                self.take(block, position, index, line)
            index += 1

        structure, suffix = _split_structure(block.structure, row.department)
        # Keyword arguments by field name: tuples of terms, joined texts.
        fields: dict[str, Any] = {name: tuple(values) for name, values in block.terms.items()}
        fields.update((name, _join_text(text)) for name, text in block.texts.items())
        action = ActionData(
            title=title,
            department=row.department or suffix,
            year=row.year,
            structure=structure,
            status=block.status,
            dimension=block.dimension,
            territory=block.territory,
            **fields,
        )
        errors = validate(action, strict=False, chars_checked=self.clean)
        if errors:
            field, code = errors[0]
            where = (
                row.line
                if field == "year"
                else block.lines.get(field, self.offset + title_index + 1)
            )
            raise ParseError(
                self.path,
                where,
                f"action « {_clip(title)} » : {validation_message(field, code)}",
            )
        return action, index

    def starts_block(self, index: int, position: int) -> bool:
        """Whether an `Actions` line ends the current block (it may also be free text)."""
        if BLOCK_FIELDS[position].kind != TEXT or position == len(BLOCK_FIELDS) - 1:
            return True
        after = index + 1
        if after >= self.look or self.lines[after] == STRUCTURE_LABEL_LINE:
            return True
        return after + 1 < self.look and self.lines[after + 1] == STRUCTURE_LABEL_LINE

    def take(self, block: _Block, position: int, index: int, line: str) -> None:
        """Adds a non-label line to the current field."""
        spec = BLOCK_FIELDS[position]
        if spec.kind == TEXT:
            block.texts[spec.name].append(line)
            return
        if spec.kind == ATTACHMENTS:
            return  # file names without content: nothing can be imported from them
        if not line or line == LONE_DASH or (spec.name == "partners" and line == PARTNERS_HEADER):
            return
        if not line.startswith("-"):
            raise self.error_at(
                index,
                f"ligne inattendue « {_clip(line)} » sous « {spec.label} » : "
                "une valeur « - … » ou un libellé était attendu",
            )
        value = line[1:].strip(" \t")
        if spec.kind == TERMS:
            block.terms[spec.name].append(value)
            return
        if block.seen_value:
            raise self.error_at(
                index,
                f"libellé inconnu ou valeur en trop « {_clip(line)} » : "
                f"« {spec.label} » n'a qu'une valeur",
            )
        block.seen_value = True
        if spec.name == "territory":
            block.territory = block.territory or value
        else:
            setattr(block, spec.name, value)


class _Block:
    """What has been read of one block so far."""

    def __init__(self) -> None:
        self.structure = ""
        self.status = ""
        self.dimension = ""
        self.territory = ""
        self.seen_value = False
        # Field name -> 1-based line of its label, to point at the culprit of a refusal.
        self.lines: dict[str, int] = {}
        self.terms: dict[str, list[str]] = {f.name: [] for f in BLOCK_FIELDS if f.kind == TERMS}
        self.texts: dict[str, list[str]] = {f.name: [] for f in BLOCK_FIELDS if f.kind == TEXT}


def _later_position(line: str, position: int) -> int | None:
    """The position of the label on `line` if it comes after `position`, else None."""
    for candidate in _LABEL_POSITIONS.get(line, ()):
        if candidate > position:
            return candidate
    return None


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split("|")]
    if cells and not cells[-1]:
        cells.pop()
    return cells


def _split_structure(value: str, department: str = "") -> tuple[str, str]:
    """Splits `NAME - Département` before the table's `department` when the line ends with
    it (a département may hold ` - `), else on its last ` - ` (the line was right-stripped)."""
    # The leading space lets an empty name ("- - Drôme" -> "- Drôme") still split.
    spaced = " " + value
    if department and spaced.endswith(" - " + department):
        return spaced[: -len(department) - 3].strip(), department
    if spaced.endswith(" -"):
        return spaced[:-2].strip(), ""
    name, sep, department = spaced.rpartition(" - ")
    if not sep:
        return value, ""
    return name.strip(), department.strip()


def _join_text(lines: list[str]) -> str:
    if not lines:
        return ""
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    text = "\n".join(lines[start:end])
    if ESCAPE in text:  # rare: then look at each line
        text = "\n".join(map(unescape_line, text.split("\n")))
    return text
