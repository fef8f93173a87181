"""Plain data shared by every layer: the action record, its fields, vocabularies, validation.

No Qt and no SQL here. Services return these frozen dataclasses, never live ORM objects.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import re
import unicodedata
import uuid as _uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any

from centres_app.attachment_files import MAX_ATTACHMENT_BYTES

STATUS_ONGOING = "En cours"
STATUS_FINISHED = "Terminée"
STATUSES = (STATUS_ONGOING, STATUS_FINISHED)

MIN_YEAR = 1990

# Vocabulary kinds: the action field that holds them, and whether one or many values.
TERM_FIELDS: dict[str, bool] = {
    # field name -> multi-valued
    "dimension": False,
    "keywords": True,
    "initiative": True,
    "territory": False,
    "public": True,
    "partners": True,
    # The older SENACS "expérience" pages (issue 18): a vocabulary of its own.
    "themes": True,
}
_TERM_KINDS = tuple(TERM_FIELDS.items())

# The two forms of a record: today's *fiche action*, and the older "expérience" page.
FORM_ACTION = "action"
FORM_EXPERIENCE = "experience"
FORMS = (FORM_ACTION, FORM_EXPERIENCE)

TEXT_FIELDS = (
    "end_reason",
    "summary",
    "initiative_detail",
    "experience",
    "description",
    "financial_resources",
    "people_mobilised",
    "result_territory",
    "result_centre",
    "result_inhabitants",
    "limits",
    "perspectives",
    # Sections of the older "expérience" pages (issue 18).
    "diagnostic",
    "impacts",
    "success_factors",
)

# French labels of the fields, used by the UI, the sheet and messages (translatable there).
FIELD_LABELS: dict[str, str] = {
    "title": "Titre",
    "department": "Département",
    "year": "Année",
    "structure": "Structure organisatrice",
    "attachments": "Fichier(s) associé(s)",
    "status": "Statut de l'action",
    "end_reason": "Raisons pour lesquelles l'action est terminée",
    "dimension": "Dimension",
    "keywords": "Mots clés associés à l'action",
    "summary": "Résumé",
    "initiative": "Qui est à l'initiative de l'action ?",
    "initiative_detail": "Précision ( si autre )",
    "territory": "Territoire concerné",
    "experience": (
        "Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases."
    ),
    "public": "Public",
    "partners": "Partenaires d'action",
    "description": "Description générale",
    "financial_resources": "Ressources financières mobilisées pour cette action",
    "people_mobilised": "Nombre de personnes mobilisées pour cette action",
    "result_territory": "Résultat sur le territoire",
    "result_centre": "Résultat pour le centre social",
    "result_inhabitants": "Résultat pour les habitants",
    "limits": "Suite de l'action : Limites",
    "perspectives": "Suite de l'action : Perspectives",
    "form": "Forme de la fiche",
    "themes": "Thèmes",
    "published_by": "Publié par",
    "file_references": "Fichier(s) associé(s) (références)",
    "diagnostic": "Éléments de diagnostic à l'origine de l'expérience",
    "impacts": "Impacts ou effets positifs produits",
    "success_factors": "Facteurs de réussite",
}

# An experience page's own headings (the questions of the page), for its sheet (sheet.py).
EXPERIENCE_LABELS: dict[str, str] = {
    "published_by": "Publié par",
    "themes": "Thèmes",
    "file_references": "Fichier(s) associé(s)",
    "diagnostic": "Quels furent les éléments de diagnostic à l'origine de l'expérience ?",
    "keywords": "Mots clés associés à l'actions",
    "description": "Description générale",
    "experience": (
        "Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases."
    ),
    "impacts": (
        "Quels sont les impacts ou effets positifs produits par cette expérience au niveau du "
        "public, du centre social ou de l'environnement ?"
    ),
    "success_factors": "Quels furent les facteurs de réussite de cette expérience ?",
    "limits": "Quelles sont les limites de cette expérience ?",
}
# Labels as the SENACS export spells them where that differs from FIELD_LABELS (a typo of the
# observatory's form): the SENACS reader and writer use these, the app shows FIELD_LABELS.
SENACS_WORDING: dict[str, str] = {
    "people_mobilised": "Nombre de personnes mobilisés pour cette action",
}

# Facets of the search (design §4): key -> French label.
FACETS: dict[str, str] = {
    "department": "Département",
    "year": "Année",
    "structure": "Structure",
    "status": "Statut",
    "dimension": "Dimension",
    "keywords": "Mots clés",
    "initiative": "Initiative",
    "territory": "Territoire",
    "public": "Public",
    "partners": "Partenaires",
    "themes": "Thèmes",
}

EXCHANGE_FORMAT = "centres_app/actions"
EXCHANGE_VERSION = 1


def max_year(today: _dt.date | None = None) -> int:
    """The latest year an action may carry: next year (actions are planned ahead)."""
    return (today or _dt.date.today()).year + 1


@dataclass(frozen=True)
class Attachment:
    """A file attached to an action, stored in the database with its content."""

    name: str
    data: bytes = field(repr=False)
    mime: str = "application/octet-stream"

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "sha256": self.sha256,
            "size": self.size,
            "data_base64": base64.b64encode(self.data).decode("ascii"),
        }


@dataclass(frozen=True)
class ActionData:
    """The content of one action, in the field names of design §2 (exchange names)."""

    title: str = ""
    department: str = ""
    year: int | None = None
    structure: str = ""
    attachments: tuple[Attachment, ...] = ()
    status: str = STATUS_ONGOING
    end_reason: str = ""
    dimension: str = ""
    keywords: tuple[str, ...] = ()
    summary: str = ""
    initiative: tuple[str, ...] = ()
    initiative_detail: str = ""
    territory: str = ""
    experience: str = ""
    public: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    description: str = ""
    financial_resources: str = ""
    people_mobilised: str = ""
    result_territory: str = ""
    result_centre: str = ""
    result_inhabitants: str = ""
    limits: str = ""
    perspectives: str = ""
    # Issue 18: the older "expérience" pages. `form` tells the two forms apart.
    form: str = FORM_ACTION
    themes: tuple[str, ...] = ()
    published_by: str = ""
    file_references: tuple[str, ...] = ()
    diagnostic: str = ""
    impacts: str = ""
    success_factors: str = ""
    # Issue 19: the action's global identity (a UUID), "" for a record that has none yet. It
    # says *which* action this is, like ActionDetail.id, not what it holds: left out of the
    # equality (an update that changes nothing is still "nothing changed"), of CONTENT_FIELDS
    # and of the exchange object when empty.
    uuid: str = field(default="", compare=False)

    def replace(self, **changes: Any) -> ActionData:
        return replace(self, **changes)

    @property
    def is_experience(self) -> bool:
        return self.form == FORM_EXPERIENCE

    # The cached properties below are worked out once per record (an import asks each one
    # several times) and kept in the instance's __dict__, never in its fields (equality, repr,
    # replace and to_dict do not see them). A pickled record carries them: the import's parsing
    # process computes them and the storing process finds them made (exchange/pipeline.py).

    @cached_property
    def identity(self) -> tuple[str, str, int | None, str]:
        """What makes two records the same: title + structure + year + form. An experience
        page has no year (None): title + structure + form then, so a second import of the
        same page finds the stored one."""
        return (self.title.strip(), self.structure.strip(), self.year, self.form)

    @cached_property
    def term_names(self) -> tuple[tuple[str, str], ...]:
        """(kind, name) of the record's terms in stored order: stripped, blanks and a kind's
        repeats dropped."""
        out: list[tuple[str, str]] = []
        # Plain loops: this runs for every imported action (~25 us instead of ~60 with
        # generators).
        for kind, multi in _TERM_KINDS:
            raw = getattr(self, kind)
            if not multi:
                name = raw.strip()
                if name:
                    out.append((kind, name))
            elif raw:
                seen: set[str] = set()
                for name in raw:
                    name = name.strip()
                    if name and name not in seen:
                        seen.add(name)
                        out.append((kind, name))
        return tuple(out)

    @cached_property
    def folded_title(self) -> str:
        """fold(title): the stored sort key of the title (the `title_key` column)."""
        return fold(self.title)

    def to_dict(self) -> dict[str, Any]:
        """The exchange JSON object of design §7 (every field present, empty as '' or [])."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "uuid":
                if value:
                    out[f.name] = value
            elif f.name == "attachments":
                out[f.name] = [a.to_dict() for a in value]
            elif isinstance(value, tuple):
                out[f.name] = list(value)
            else:
                out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActionData:
        """Builds an action from an exchange object; raises ValueError with a French message."""
        if not isinstance(data, dict):
            raise ValueError("une action doit être un objet JSON")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known - {"id", "version", "created_at", "updated_at"})
        if unknown:
            raise ValueError("champ(s) inconnu(s) : " + ", ".join(unknown))
        kwargs: dict[str, Any] = {}
        for name in known:
            if name not in data:
                continue
            value = data[name]
            if name == "attachments":
                if value is None:
                    value = []
                if not isinstance(value, list):
                    raise ValueError("« attachments » doit être une liste de pièces jointes")
                kwargs[name] = tuple(_attachment_from_dict(a) for a in value)
            elif name == "year":
                if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                    raise ValueError(f"année invalide : {value!r}")
                kwargs[name] = value
            elif name == "file_references":
                if value is None:
                    value = []
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError("« file_references » doit être une liste de textes")
                kwargs[name] = tuple(value)
            elif name == "uuid":
                kwargs[name] = _checked_uuid(value)
            elif name == "form":
                if value is None or value == "":
                    value = FORM_ACTION
                if value not in FORMS:
                    raise ValueError(
                        f"« form » doit valoir « {FORM_ACTION} » ou « {FORM_EXPERIENCE} »"
                    )
                kwargs[name] = value
            elif name in TERM_FIELDS and TERM_FIELDS[name]:
                if isinstance(value, str):
                    value = [value] if value else []
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError(f"« {name} » doit être une liste de textes")
                kwargs[name] = tuple(value)
            else:
                if value is None:
                    value = ""
                if not isinstance(value, str):
                    raise ValueError(f"« {name} » doit être un texte")
                kwargs[name] = value
        return cls(**kwargs)


# The fields of an action's content (every field but its identity `uuid`): the columns of a
# table export, the fields compared field by field.
CONTENT_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ActionData) if f.compare)


def _checked_uuid(value: Any) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise ValueError("« uuid » doit être un texte")
    try:
        return str(_uuid.UUID(value))
    except ValueError:
        raise ValueError(f"« uuid » invalide : {show_text(value)}") from None


def _attachment_from_dict(data: Any) -> Attachment:
    if not isinstance(data, dict) or "name" not in data or "data_base64" not in data:
        raise ValueError("pièce jointe invalide : il faut « name » et « data_base64 »")
    name, encoded = data["name"], data["data_base64"]
    if not isinstance(name, str) or not name.strip():
        raise ValueError("pièce jointe invalide : « name » doit être un texte non vide")
    shown = show_text(name)
    if not isinstance(encoded, str):
        raise ValueError(f"pièce jointe « {shown} » : « data_base64 » doit être un texte")
    for key in ("mime", "sha256"):
        value = data.get(key)
        if value is not None and (
            not isinstance(value, str) or len(value) > 255 or BAD_CHARS.search(value)
        ):
            raise ValueError(f"pièce jointe « {shown} » : « {key} » invalide")
    # Refused before decoding: a 400 MB base64 text is not turned into bytes to be refused.
    if len(encoded) > _MAX_BASE64_CHARS:
        raise ValueError(f"pièce jointe « {shown} » : {_too_big_message()}")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"pièce jointe « {shown} » : contenu base64 invalide") from exc
    if len(raw) > MAX_ATTACHMENT_BYTES:
        raise ValueError(f"pièce jointe « {shown} » : {_too_big_message()}")
    att = Attachment(name=name, data=raw, mime=str(data.get("mime") or _guess(data)))
    if data.get("sha256") and data["sha256"] != att.sha256:
        raise ValueError(f"pièce jointe « {shown} » : empreinte SHA-256 incorrecte")
    return att


def _too_big_message() -> str:
    limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
    return f"fichier trop gros (au plus {limit} Mo par pièce jointe)"


# Base64 of the largest attachment accepted (4 characters per 3 bytes), plus line breaks slack.
_MAX_BASE64_CHARS = (MAX_ATTACHMENT_BYTES + 2) // 3 * 4 + 4096


def _guess(data: dict[str, Any]) -> str:
    import mimetypes

    return mimetypes.guess_type(str(data.get("name", "")))[0] or "application/octet-stream"


@dataclass(frozen=True)
class ActionRow:
    """One line of the action list: just the list columns."""

    id: int
    title: str
    structure: str
    department: str
    year: int | None
    status: str
    dimension: str


@dataclass(frozen=True)
class ActionDetail:
    """A stored action: its content plus identity and bookkeeping."""

    id: int
    version: int
    created_at: _dt.datetime
    updated_at: _dt.datetime
    data: ActionData

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        out.update(self.data.to_dict())
        out["version"] = self.version
        out["created_at"] = self.created_at.isoformat(timespec="seconds")
        out["updated_at"] = self.updated_at.isoformat(timespec="seconds")
        return out


# Validation: pure rules returning (field, code); the UI and the CLI turn codes into French.
VALIDATION_MESSAGES: dict[str, str] = {
    "required": "Ce champ est obligatoire.",
    "year_range": "L'année doit être comprise entre {min} et {max}.",
    "status_unknown": "Le statut doit être « En cours » ou « Terminée ».",
    "too_long": "Ce texte est trop long (au plus {max} caractères).",
    "bad_char": (
        "Ce texte contient un caractère interdit (caractère nul, caractère de contrôle ou "
        "demi-paire de substitution) : seuls la tabulation et le saut de ligne sont admis."
    ),
    "too_big": "Fichier trop gros (au plus {max} Mo par pièce jointe).",
    "form_unknown": "La forme doit être « action » ou « experience ».",
    "one_line": "Chaque référence de fichier tient sur une ligne, non vide.",
}

MAX_TITLE_LENGTH = 500
MAX_TEXT_LENGTH = 1_000_000
# A structure, département, status, dimension, territory, term or attachment name: one line.
MAX_TERM_LENGTH = 1_000

# Characters refused in every text of every input (files of any format, the editor), on both
# backends: NUL and the other C0/C1 control characters except tab, line feed and carriage
# return (line breaks of Windows text), DEL, and lone surrogates (not encodable in UTF-8:
# `"\ud800"` in a JSON file). One rule, so SQLite and PostgreSQL store the same texts.
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

_LINE_FIELDS = (
    "department",
    "structure",
    "status",
    "dimension",
    "territory",
    "published_by",
)


def nfc(text: str) -> str:
    """The text in Unicode NFC (composed accents, as typed on Windows and Linux): a file
    saved on macOS in NFD must match what is stored."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def show_text(text: str, limit: int = 80) -> str:
    """A text for a message: clipped, with forbidden characters shown as U+FFFD."""
    return BAD_CHARS.sub("\ufffd", text[:limit])


_STR_FIELDS = tuple(f.name for f in fields(ActionData) if f.type == "str" and f.compare)
# Lists of one-line values: the multi-valued terms, and the associated-file lines.
_TUPLE_FIELDS = (*(name for name, multi in TERM_FIELDS.items() if multi), "file_references")


_str_values = attrgetter(*_STR_FIELDS)
_tuple_values = attrgetter(*_TUPLE_FIELDS)
_line_values = attrgetter(*_LINE_FIELDS)
_text_values = attrgetter(*TEXT_FIELDS)


def _texts(action: ActionData) -> list[str]:
    """Every text of an action: fields, terms, attachment names."""
    # attrgetter and chain: this runs twice for every imported action (validate, nfc_action).
    out = list(_str_values(action))
    out.extend(chain.from_iterable(_tuple_values(action)))
    if action.attachments:
        out.extend(a.name for a in action.attachments)
    return out


def nfc_action(action: ActionData) -> ActionData:
    """The action with every text (terms and attachment names too) in NFC; the same object
    when nothing changes (nearly always: one check over all its texts)."""
    if unicodedata.is_normalized("NFC", "\n".join(_texts(action))):
        return action
    changes: dict[str, Any] = {name: nfc(getattr(action, name)) for name in _STR_FIELDS}
    for name in _TUPLE_FIELDS:
        changes[name] = tuple(nfc(v) for v in getattr(action, name))
    changes["attachments"] = tuple(replace(a, name=nfc(a.name)) for a in action.attachments)
    return replace(action, **changes)


def normalised(data: ActionData) -> ActionData:
    """The record in NFC (every text: a decomposed file matches what is stored) with its
    title, structure and département stripped (as stored)."""
    data = nfc_action(data)
    title, structure, department = data.title, data.structure, data.department
    if (
        title == title.strip()
        and structure == structure.strip()
        and department == department.strip()
    ):
        return data  # nearly always: dataclasses.replace is the slow part of an import's checks
    return data.replace(
        title=title.strip(), structure=structure.strip(), department=department.strip()
    )


def _text_errors(action: ActionData, chars_checked: bool = False) -> list[tuple[str, str]]:
    """Forbidden characters and oversized one-line values, terms and attachments
    (`chars_checked`: the caller knows that no text holds a forbidden character)."""
    errors: list[tuple[str, str]] = []
    attachments = action.attachments
    if attachments and any(a.size > MAX_ATTACHMENT_BYTES for a in attachments):
        errors.append(("attachments", "too_big"))
    if not chars_checked and BAD_CHARS.search("\n".join(_texts(action))):
        # rare: then find the fields
        for name in _STR_FIELDS:
            if BAD_CHARS.search(getattr(action, name)):
                errors.append((name, "bad_char"))
        for name in _TUPLE_FIELDS:
            if any(BAD_CHARS.search(v) for v in getattr(action, name)):
                errors.append((name, "bad_char"))
        if any(BAD_CHARS.search(a.name) for a in attachments):
            errors.append(("attachments", "bad_char"))
    # Lengths first read all at once (map/max in C): a value over a limit is rare.
    if max(map(len, _line_values(action))) > MAX_TERM_LENGTH:
        for name in _LINE_FIELDS:
            if len(getattr(action, name)) > MAX_TERM_LENGTH:
                errors.append((name, "too_long"))
    for name, values in zip(_TUPLE_FIELDS, _tuple_values(action), strict=True):
        if values and max(map(len, values)) > MAX_TERM_LENGTH:
            errors.append((name, "too_long"))
    if attachments and any(len(a.name) > MAX_TERM_LENGTH for a in attachments):
        errors.append(("attachments", "too_long"))
    return errors


def validate(
    action: ActionData,
    today: _dt.date | None = None,
    strict: bool = True,
    chars_checked: bool = False,
) -> list[tuple[str, str]]:
    """Returns the (field, code) errors of an action; empty when it can be saved.

    `strict` is the editor's rule set. Imports of official exports use `strict=False`: the
    record is kept as the observatory published it (an empty or new status, a structure
    without département), but an impossible year or an absurd size is still refused.

    `chars_checked`: the caller has already searched every text of the action for BAD_CHARS
    and found none (the SENACS reader checks its whole file at once), so they are not
    searched again; the result is the same.
    """
    errors: list[tuple[str, str]] = []
    if not action.title.strip():
        errors.append(("title", "required"))
    elif len(action.title) > MAX_TITLE_LENGTH:
        errors.append(("title", "too_long"))
    # An experience page often has no structure nor département (issue 18).
    strict_head = strict and action.form != FORM_EXPERIENCE
    if strict_head and not action.structure.strip():
        errors.append(("structure", "required"))
    if strict_head and not action.department.strip():
        errors.append(("department", "required"))
    if action.form not in FORMS:
        errors.append(("form", "form_unknown"))
    if action.year is None:
        # An experience page has no year (issue 18): only the action form requires one.
        if action.form != FORM_EXPERIENCE:
            errors.append(("year", "required"))
    elif not MIN_YEAR <= action.year <= max_year(today):
        errors.append(("year", "year_range"))
    refs = action.file_references
    if refs and any("\n" in v or "\r" in v or not v.strip() for v in refs):
        errors.append(("file_references", "one_line"))
    if strict_head and not action.status.strip():
        errors.append(("status", "required"))  # an experience page has no status
    elif strict and action.status.strip() and action.status not in STATUSES:
        errors.append(("status", "status_unknown"))
    if max(map(len, _text_values(action))) > MAX_TEXT_LENGTH:
        for name in TEXT_FIELDS:
            if len(getattr(action, name)) > MAX_TEXT_LENGTH:
                errors.append((name, "too_long"))
    more = _text_errors(action, chars_checked)
    if more:
        known = {name for name, _ in errors}
        errors.extend(e for e in more if e[0] not in known)
    return errors


def validation_message(field_name: str, code: str, today: _dt.date | None = None) -> str:
    """The French message for one validation error, with the field's label."""
    template = VALIDATION_MESSAGES.get(code, code)
    if code == "year_range":
        limit = max_year(today)
    elif code == "too_big":
        limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
    elif field_name == "title":
        limit = MAX_TITLE_LENGTH
    elif field_name in TEXT_FIELDS:
        limit = MAX_TEXT_LENGTH
    else:
        limit = MAX_TERM_LENGTH
    text = template.format(min=MIN_YEAR, max=limit)
    return f"{FIELD_LABELS.get(field_name, field_name)} : {text}"


def fold(text: str) -> str:
    """Accent- and case-folded text, for sorting and accent-insensitive comparisons."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class VocabularyValue:
    """A value of a vocabulary kind and how many actions hold it (the « Vocabulaires »
    dialog)."""

    name: str
    count: int


# --- Search -----------------------------------------------------------------------------------

SORT_KEYS = (
    "relevance",
    "title",
    "structure",
    "department",
    "year",
    "status",
    "dimension",
    "completeness",  # filled important sections (centres_app.completeness); SQL only
)

# Facets whose values are vocabulary terms (the others are columns of the action).
TERM_FACETS = tuple(TERM_FIELDS)


@dataclass(frozen=True)
class Filters:
    """Checked facet values: AND across facets, OR within one facet."""

    department: frozenset[str] = frozenset()
    year: frozenset[int] = frozenset()
    year_min: int | None = None
    year_max: int | None = None
    structure: frozenset[str] = frozenset()
    status: frozenset[str] = frozenset()
    dimension: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    initiative: frozenset[str] = frozenset()
    territory: frozenset[str] = frozenset()
    public: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()

    def values(self, facet: str) -> frozenset[Any]:
        values: frozenset[Any] = getattr(self, facet)
        return values

    def without(self, facet: str) -> Filters:
        """The same filters with one facet cleared (for that facet's own counts)."""
        if facet == "year":
            return replace(self, year=frozenset(), year_min=None, year_max=None)
        changes: dict[str, Any] = {facet: frozenset()}
        return replace(self, **changes)

    def with_values(self, facet: str, values: frozenset[Any]) -> Filters:
        changes: dict[str, Any] = {facet: frozenset(values)}
        return replace(self, **changes)

    @property
    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class SearchRequest:
    """What the list shows: the search text, the filters and the order."""

    text: str = ""
    filters: Filters = Filters()
    sort: str = "relevance"
    descending: bool = False
    # While typing, the last word is a prefix ("édu" finds "éducation").
    prefix_last: bool = True


@dataclass(frozen=True, slots=True)
class FacetValue:
    """A value of a facet and how many actions of a result hold it."""

    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    rows: tuple[ActionRow, ...]
    total: int
    facets: dict[str, tuple[FacetValue, ...]]


@dataclass(frozen=True)
class ShrunkAction:
    """A stored action that an import emptied or shortened (its previous version is kept in
    the history): the fields concerned, by name (§2)."""

    action_id: int
    title: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ImportReport:
    """Counts of one file of an import, and the actions it emptied or shortened."""

    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    shrunk: tuple[ShrunkAction, ...] = ()

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


# --- Insight: similar actions, saved searches (issue 9) ---------------------------------------


@dataclass(frozen=True)
class SimilarAction:
    """Another action close to the one shown or typed, with a one-line French reason."""

    id: int
    title: str
    structure: str
    department: str
    year: int | None
    score: float
    reason: str  # « mêmes mots-clés : Parentalité, Solidarité ; même public : familles »


@dataclass(frozen=True)
class SavedSearch:
    """A named search (text, filters, order) kept in the store."""

    id: int
    name: str
    request: SearchRequest
    created_at: _dt.datetime
    updated_at: _dt.datetime


_FILTER_SETS = tuple(f.name for f in fields(Filters) if f.name not in ("year_min", "year_max"))


def filters_to_dict(filters: Filters) -> dict[str, Any]:
    """The one JSON form of filters (saved searches and the window's remembered filters):
    each non-empty facet as a sorted list, then the year bounds when set."""
    doc: dict[str, Any] = {}
    for name in _FILTER_SETS:
        values = filters.values(name)
        if values:
            doc[name] = sorted(values, key=lambda v: fold(v) if isinstance(v, str) else v)
    for name in ("year_min", "year_max"):
        if getattr(filters, name) is not None:
            doc[name] = getattr(filters, name)
    return doc


def filters_from_dict(raw: Any) -> Filters:
    """Reads `filters_to_dict` output back; unknown facets are ignored, wrong types raise
    ValueError in French."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ValueError("recherche enregistrée illisible : filtres invalides")
    kwargs: dict[str, Any] = {}
    for name in _FILTER_SETS:
        values = raw.get(name)
        if values is None:
            continue
        if not isinstance(values, list):
            raise ValueError(f"recherche enregistrée illisible : « {name} » doit être une liste")
        if name == "year":
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                raise ValueError("recherche enregistrée illisible : années invalides")
        elif not all(isinstance(v, str) for v in values):
            raise ValueError(f"recherche enregistrée illisible : « {name} » invalide")
        kwargs[name] = frozenset(values)
    for name in ("year_min", "year_max"):
        value = raw.get(name)
        if value is not None:
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError("recherche enregistrée illisible : bornes d'années invalides")
            kwargs[name] = value
    return Filters(**kwargs)


def request_to_dict(request: SearchRequest) -> dict[str, Any]:
    """A JSON-ready object for a search request (filters as `filters_to_dict`)."""
    return {
        "text": request.text,
        "filters": filters_to_dict(request.filters),
        "sort": request.sort,
        "descending": request.descending,
    }


def request_from_dict(data: Any) -> SearchRequest:
    """Reads `request_to_dict` output back; unknown keys and facets are ignored (a search
    saved by a newer version still opens), wrong types raise ValueError in French."""
    if not isinstance(data, dict):
        raise ValueError("recherche enregistrée illisible : un objet JSON est attendu")
    filters = filters_from_dict(data.get("filters", {}))
    text = data.get("text", "")
    sort = data.get("sort", "relevance")
    if not isinstance(text, str) or not isinstance(sort, str):
        raise ValueError("recherche enregistrée illisible : texte ou tri invalide")
    return SearchRequest(
        text=text,
        filters=filters,
        sort=sort if sort in SORT_KEYS else "relevance",
        descending=bool(data.get("descending", False)),
    )


def request_to_json(request: SearchRequest) -> str:
    """A saved search as stored (keys sorted: the same search is the same text)."""
    return json.dumps(request_to_dict(request), ensure_ascii=False, sort_keys=True)


def request_from_json(text: str) -> SearchRequest:
    """`request_to_json` read back; ValueError (json.JSONDecodeError included) when unreadable."""
    return request_from_dict(json.loads(text))


def filters_to_json(filters: Filters) -> str:
    """The window's remembered filters (settings): `filters_to_dict` as JSON."""
    return json.dumps(filters_to_dict(filters), ensure_ascii=False)


def filters_from_json(text: str) -> Filters:
    """Remembered filters; anything unreadable (an older or edited settings file) is ignored.

    Older versions wrote the same shape (facet lists, year bounds) with another order of
    values and without the year facet: they read back the same."""
    try:
        return filters_from_dict(json.loads(text) if text else {})
    except ValueError:
        return Filters()


# --- Import preview (issue 8) -----------------------------------------------------------------


@dataclass(frozen=True)
class PreviewItem:
    """One action of a file to import, as the import would treat it."""

    index: int  # position in the file, from 1
    title: str
    structure: str
    year: int | None
    action_id: int | None = None  # the stored action it updates or leaves alone
    changed: tuple[str, ...] = ()  # field names (§2) the import would change
    similar_id: int | None = None  # a likely duplicate: a stored action with a close title
    similar_title: str = ""
    similarity: float = 0.0
    lost: tuple[str, ...] = ()  # fields the update would empty or shorten (lost_fields)


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, computed without writing. `duplicates` are among `new`."""

    new: tuple[PreviewItem, ...] = ()
    updated: tuple[PreviewItem, ...] = ()
    unchanged: tuple[PreviewItem, ...] = ()
    duplicates: tuple[PreviewItem, ...] = ()

    @property
    def writes(self) -> bool:
        """True when the import would create or change something."""
        return bool(self.new or self.updated)


# --- Import safety (issue 13): positions in the files, fields an update would empty -----------


@dataclass(frozen=True)
class ImportFile:
    """One file given to an import: its actions, each with the 1-based line where it starts in
    the file (0 when the format cannot tell). `located` is a list, or a stream (a big SENACS file
    parsed while it is stored) that raises ParseError where the file is malformed."""

    source: str
    located: Iterable[tuple[int, ActionData]]
    with_attachments: bool = False
    # The reader already ran validate(strict=False) on each record (the SENACS reader does,
    # to name the line at fault): the import checks (db/import_checks.py) do not run it again.
    validated: bool = False
    # The reader gives each record normalised() (the stream of a big SENACS file, normalised
    # in the child process that reads it): the import checks do not normalise it again.
    normalised: bool = False

    def where(self, index: int, line: int) -> str:
        """`FILE:LINE` of the index-th action (from 1), or `FILE: action n° k` without a line."""
        if line:
            return f"{self.source}:{line}"
        return f"{self.source}: action n° {index}" if self.source else f"action n° {index}"


class ValidatedActions(Iterable[ActionData]):
    """Actions (a list or a stream) whose reader already ran validate(strict=False) on each:
    given to Store.import_actions, they are not validated again (ImportFile.validated). The
    stream of a big SENACS file (loader.stream_actions_file) comes so: each record was checked
    in the child process that read it."""

    def __init__(self, actions: Iterable[ActionData], normalised: bool = False) -> None:
        self.actions = actions
        self.normalised = normalised  # each record is also normalised() (ImportFile.normalised)

    def __iter__(self) -> Iterator[ActionData]:
        return iter(self.actions)


# Single-valued fields whose change is a choice, not content that could be lost.
_NOT_CONTENT = ("title", "structure", "year", "status", "form")


def lost_fields(old: ActionData, new: ActionData) -> tuple[str, ...]:
    """The fields (§2 order) an update from `old` to `new` would empty or shorten: a non-empty
    text that becomes empty or shorter, list values (or attachments) that disappear.

    The one rule for the import's report and its preview: a file cut in the middle of a block
    empties the fields after the cut and shortens the one it falls in.
    """
    lost: list[str] = []
    for name in _CONTENT_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if isinstance(before, str):
            if before.strip() and len(after.strip()) < len(before.strip()):
                lost.append(name)
        elif name == "attachments":
            kept = {(a.name, a.sha256) for a in after}
            if any((a.name, a.sha256) not in kept for a in before):
                lost.append(name)
        elif set(before) - set(after):
            lost.append(name)
    return tuple(lost)


_CONTENT_FIELDS = tuple(n for n in CONTENT_FIELD_NAMES if n not in _NOT_CONTENT)


# --- Safety: trash, history, backups (results of the store's safety and editing services) -----


@dataclass(frozen=True)
class TrashEntry:
    """A deleted action waiting in the trash."""

    id: int  # of the trash entry
    action_id: int  # the id the action had
    title: str
    structure: str
    year: int | None
    deleted_at: _dt.datetime


@dataclass(frozen=True)
class Revision:
    """A previous version of an action, kept in its history."""

    action_id: int
    version: int
    saved_at: _dt.datetime
    data: ActionData
    # A version set aside by a synchronisation (issue 19): changed on both sides, the other
    # side's version was applied and this one kept here until the user chooses.
    conflict: bool = False


# --- Synchronisation with the federation's server (issue 19) -----------------------------


@dataclass(frozen=True)
class SyncConflict:
    """An action changed on both sides since the last synchronisation.

    The server's version was applied (or kept, against a deletion here); the version not
    applied is the revision `kept_version` of the local action `action_id`, marked as a
    conflict, until the user chooses (SyncService.resolve_conflict)."""

    uuid: str
    title: str
    action_id: int  # the local action
    kept_version: int  # its history revision holding the version that was not applied
    # "edited_both" | "deleted_here" (deleted here, edited there: the edit came back)
    # | "deleted_there" (edited here, deleted there: the edit is kept and sent again)
    reason: str = "edited_both"


@dataclass(frozen=True)
class SyncReport:
    """What one synchronisation did. `complete` is False when it was cancelled or interrupted
    between two batches: what is counted is done on both sides, the next sync goes on."""

    sent: int
    received: int
    conflicts: tuple[SyncConflict, ...] = ()
    # Local changes the server refused (another centre's action, row-level security):
    # they stay here, unsent, and are reported at each sync.
    refused: tuple[SyncConflict, ...] = ()
    complete: bool = True

    def to_dict(self) -> dict[str, object]:
        """The `sync --json` object: {"sent": N, "received": M, "conflicts": [{uuid, title}]}."""
        return {
            "sent": self.sent,
            "received": self.received,
            "conflicts": [{"uuid": c.uuid, "title": c.title} for c in self.conflicts],
            "refused": [{"uuid": c.uuid, "title": c.title} for c in self.refused],
            "complete": self.complete,
        }


@dataclass(frozen=True)
class BackupInfo:
    """A backup file of a SQLite store (or a candidate file for a restore)."""

    path: Path
    taken_at: _dt.datetime
    actions: int | None  # None when the file cannot be read
    tag: str = ""  # "avant-restauration" for the safety copy made before a restore

    @property
    def label(self) -> str:
        count = "?" if self.actions is None else str(self.actions)
        return f"{self.taken_at:%d/%m/%Y %H:%M} — {count} action(s)"
