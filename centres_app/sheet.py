"""The action sheet (fiche action) and the dossier of several sheets, as HTML + CSS (no Qt).

The HTML targets QTextDocument's subset of HTML/CSS (see resources/sheet.css); the Qt side
(centres_app.ui.printing) lays it out on A4 pages and paints footers and running headers.
Every piece of user text goes through html.escape: a title like ``<b>x</b>`` prints as typed.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from centres_app.config import resource_path
from centres_app.domain import (
    EXPERIENCE_LABELS,
    FACETS,
    FIELD_LABELS,
    ActionData,
    ActionDetail,
    SearchRequest,
)

STYLESHEET_FILE = "sheet.css"

# The groups of fields, in the order and with the names of the detail pane's tabs (design §5).
SHEET_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Description",
        (
            "summary",
            "initiative",
            "initiative_detail",
            "territory",
            "experience",
            "public",
            "description",
        ),
    ),
    ("Partenaires", ("partners",)),
    ("Ressources", ("financial_resources", "people_mobilised", "attachments")),
    (
        "Résultats",
        ("result_territory", "result_centre", "result_inhabitants", "limits", "perspectives"),
    ),
)

# Fields shown in the header block rather than in a group.
HEADER_FIELDS = ("title", "structure", "department", "year", "status", "dimension", "keywords")
# Shown right under the header, next to the status it explains.
STATUS_FIELDS = ("end_reason",)

# Block roles, set by `-qt-user-state` in the stylesheet so that the printing code can find the
# action titles (page numbers of the table of contents) and keep headings with what follows.
ROLE_TITLE = 1
ROLE_GROUP = 2
ROLE_LABEL = 3

SHEET_KICKER = "Fiche action"
# The older SENACS "expérience" pages (issue 18): their sheet follows the page, with its own
# headings (the questions of the page, domain.EXPERIENCE_LABELS).
EXPERIENCE_KICKER = "Fiche expérience"
EXPERIENCE_META = ("year", "status", "dimension", "published_by", "themes")
EXPERIENCE_GROUP = (
    "L'expérience",
    (
        "file_references",
        "diagnostic",
        "keywords",
        "description",
        "experience",
        "impacts",
        "success_factors",
        "limits",
    ),
)
# Filled fields of the action form that an experience may hold (edited, or from a JSON file).
OTHER_GROUP = "Autres rubriques"
# Not printed as a field: the form decides the layout.
_NOT_PRINTED = ("form",)
UNTITLED = "(action sans titre)"

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The sheet's CSS, shipped as a resource so that packaging carries it."""
    return resource_path(STYLESHEET_FILE).read_text(encoding="utf-8")


def french_date(day: _dt.date) -> str:
    """`3 mai 2025`, `1er juin 2025`: the date as written in a French letter."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[day.month - 1]} {day.year}"


def format_size(size: int) -> str:
    """A file size in French units (octets, Ko, Mo), with a decimal comma."""
    if size < 1024:
        return f"{size} octet{'s' if size > 1 else ''}"
    for unit, factor in (("Ko", 1024), ("Mo", 1024**2), ("Go", 1024**3)):
        value = size / factor
        if value < 1024 or unit == "Go":
            text = f"{value:.0f}" if value >= 100 else f"{value:.1f}".replace(".", ",")
            return f"{text} {unit}"
    raise AssertionError("unreachable")


def slugify(text: str, fallback: str = "action") -> str:
    """An ASCII file-name part: `Actif'études / CLAS` -> `actif-etudes-clas`."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:60].rstrip("-") or fallback


def suggested_filename(title: str, dossier: bool = False) -> str:
    """The PDF name proposed to the user: `fiche-<slug>.pdf` or `dossier-<slug>.pdf`."""
    return f"{'dossier' if dossier else 'fiche'}-{slugify(title)}.pdf"


def _data(action: ActionData | ActionDetail) -> ActionData:
    return action.data if isinstance(action, ActionDetail) else action


def _text(value: str) -> str:
    """User text, escaped; its line breaks are kept by `white-space: pre-wrap`."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return html.escape(value.rstrip(), quote=True)


def _terms(values: Sequence[str]) -> str:
    return " · ".join(html.escape(v.strip()) for v in values if v.strip())


def _has_value(data: ActionData, name: str) -> bool:
    value = getattr(data, name)
    if isinstance(value, tuple):
        if name == "attachments":
            return bool(value)
        return any(v.strip() for v in value)
    if value is None:
        return False
    return bool(str(value).strip())


def present_fields(action: ActionData | ActionDetail) -> list[str]:
    """The names of the fields that the sheet prints (the non-empty ones)."""
    data = _data(action)
    return [name for name in FIELD_LABELS if name not in _NOT_PRINTED and _has_value(data, name)]


def action_title(action: ActionData | ActionDetail) -> str:
    """The title as printed (plain text, not escaped)."""
    return _data(action).title.strip() or UNTITLED


def subtitle(action: ActionData | ActionDetail) -> str:
    """`Structure – Département` (plain text), the line under the title."""
    data = _data(action)
    return " – ".join(p for p in (data.structure.strip(), data.department.strip()) if p)


def _field_html(data: ActionData, name: str, labels: dict[str, str] = FIELD_LABELS) -> str:
    label = html.escape(labels.get(name, FIELD_LABELS[name]))
    value = getattr(data, name)
    if name == "attachments":
        items = "".join(
            f'<p class="file">• {html.escape(att.name)} '
            f'<span class="size">({format_size(att.size)})</span></p>'
            for att in value
        )
        return f'<p class="label">{label}</p>{items}'
    if isinstance(value, tuple):
        return f'<p class="label">{label}</p><p class="terms">{_terms(value)}</p>'
    return f'<p class="label">{label}</p><p class="text">{_text(str(value))}</p>'


def sheet_body(action: ActionData | ActionDetail, *, new_page: bool = False) -> str:
    """The HTML of one action (no <html> wrapper), to be placed in a sheet or a dossier."""
    data = _data(action)
    # The page break sits on the first block of the action, the small "FICHE ACTION" line.
    kicker_class = "kicker-page" if new_page else "kicker"
    if data.is_experience:
        return _experience_body(data, kicker_class)
    parts = [f'<p class="{kicker_class}">{SHEET_KICKER.upper()}</p>']
    parts.append(f'<p class="title">{html.escape(action_title(data))}</p>')
    if subtitle(data):
        parts.append(f'<p class="subtitle">{html.escape(subtitle(data))}</p>')

    parts.extend(_meta(data, ("year", "status", "dimension", "keywords")))
    parts.extend(_field_html(data, name) for name in STATUS_FIELDS if _has_value(data, name))

    for group, names in SHEET_GROUPS:
        shown_fields = [name for name in names if _has_value(data, name)]
        if not shown_fields:
            continue  # no empty headings
        parts.append(f'<p class="group">&nbsp;{html.escape(group)}</p>')
        parts.extend(_field_html(data, name) for name in shown_fields)
    printed = {"title", "structure", "department", "year", "status", "dimension", "keywords"}
    printed.update(STATUS_FIELDS)
    printed.update(name for _, names in SHEET_GROUPS for name in names)
    _others(data, printed, parts)
    return "\n".join(parts)


def _meta(data: ActionData, names: Sequence[str]) -> list[str]:
    """The small table under the title: one row per filled field of `names`."""
    rows = []
    for name in names:
        if not _has_value(data, name):
            continue
        value = getattr(data, name)
        shown = _terms(value) if isinstance(value, tuple) else html.escape(str(value).strip())
        label = EXPERIENCE_LABELS.get(name, FIELD_LABELS[name]) if data.is_experience else None
        rows.append(
            f'<tr><td class="meta-label">{html.escape(label or FIELD_LABELS[name])}</td>'
            f'<td class="meta-value">{shown}</td></tr>'
        )
    if not rows:
        return []
    table = '<table class="meta" cellspacing="0" cellpadding="2">'
    return [table + "".join(rows) + "</table>"]


def _others(data: ActionData, printed: set[str], parts: list[str]) -> None:
    """Filled fields that the layout of the record's form does not place (an action holding
    an experience's texts, or the reverse), under one heading: nothing filled goes unprinted."""
    rest = [n for n in present_fields(data) if n not in printed]
    if rest:
        parts.append(f'<p class="group">&nbsp;{html.escape(OTHER_GROUP)}</p>')
        parts.extend(_field_html(data, name) for name in rest)


def _experience_body(data: ActionData, kicker_class: str) -> str:
    """An experience's sheet: the page's sections in its order, with its questions as headings."""
    parts = [f'<p class="{kicker_class}">{EXPERIENCE_KICKER.upper()}</p>']
    parts.append(f'<p class="title">{html.escape(action_title(data))}</p>')
    if subtitle(data):
        parts.append(f'<p class="subtitle">{html.escape(subtitle(data))}</p>')
    parts.extend(_meta(data, EXPERIENCE_META))
    group, names = EXPERIENCE_GROUP
    shown_fields = [name for name in names if _has_value(data, name)]
    if shown_fields:
        parts.append(f'<p class="group">&nbsp;{html.escape(group)}</p>')
        parts.extend(_field_html(data, name, EXPERIENCE_LABELS) for name in shown_fields)
    printed = {"title", "structure", "department", *EXPERIENCE_META, *names}
    _others(data, printed, parts)
    return "\n".join(parts)


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f"<style>{stylesheet()}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def sheet_html(action: ActionData | ActionDetail) -> str:
    """The complete HTML document of one action's sheet."""
    return _document(action_title(action), sheet_body(action))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _year_words(request: SearchRequest) -> str | None:
    filters = request.filters
    parts = [str(y) for y in sorted(filters.year)]
    if filters.year_min is not None and filters.year_max is not None:
        parts.append(f"de {filters.year_min} à {filters.year_max}")
    elif filters.year_min is not None:
        parts.append(f"à partir de {filters.year_min}")
    elif filters.year_max is not None:
        parts.append(f"jusqu'à {filters.year_max}")
    return " ou ".join(parts) or None


def describe_request(request: SearchRequest | None) -> list[str]:
    """The search and filters of a request in words, one line per criterion (plain text)."""
    if request is None:
        return []
    lines = []
    if request.text.strip():
        lines.append(f"Recherche : « {request.text.strip()} »")
    for facet, label in FACETS.items():
        if facet == "year":
            words = _year_words(request)
            if words:
                lines.append(f"{label} : {words}")
            continue
        values = sorted(request.filters.values(facet), key=str)
        if values:
            lines.append(f"{label} : " + " ou ".join(str(v) for v in values))
    return lines or ["Toutes les actions (aucune recherche ni aucun filtre)"]


def dossier_html(
    actions: Sequence[ActionData | ActionDetail],
    title: str,
    printed_on: _dt.date,
    criteria: Sequence[str] = (),
    toc_pages: Sequence[int] | None = None,
) -> str:
    """Cover page, table of contents, then each action on a new page.

    `toc_pages` are the page numbers of the actions; the Qt side lays the dossier out once to
    learn them, then again with them (the numbers sit in a fixed-width column, so filling them
    in moves nothing).
    """
    shown_title, head = _dossier_head(actions, title, printed_on, criteria, toc_pages)
    bodies = [sheet_body(action, new_page=True) for action in actions]
    return _document(shown_title, "\n".join([*head, *bodies]))


def dossier_head_html(
    actions: Sequence[ActionData | ActionDetail],
    title: str,
    printed_on: _dt.date,
    criteria: Sequence[str] = (),
    toc_pages: Sequence[int] | None = None,
) -> str:
    """The dossier of `dossier_html` without its sheets: the cover and the table of contents.

    With `dossier_sheet_htmls`, the pieces the printing reads one at a time (a single read of
    the whole dossier is one long call into Qt, issue 17); read and put together they give
    the document `dossier_html` gives.
    """
    shown_title, head = _dossier_head(actions, title, printed_on, criteria, toc_pages)
    return _document(shown_title, "\n".join(head))


def dossier_sheet_htmls(actions: Sequence[ActionData | ActionDetail]) -> list[str]:
    """Each action's sheet in a dossier (on a new page), as an HTML document of its own."""
    pieces = [
        _document(action_title(action), sheet_body(action, new_page=True)) for action in actions
    ]
    # Qt reads the line break after </html> as a space that ends the last paragraph: the whole
    # dossier has one after its last sheet only.
    return [piece.rstrip("\n") for piece in pieces[:-1]] + pieces[-1:]


def _dossier_head(
    actions: Sequence[ActionData | ActionDetail],
    title: str,
    printed_on: _dt.date,
    criteria: Sequence[str],
    toc_pages: Sequence[int] | None,
) -> tuple[str, list[str]]:
    """The dossier's shown title, and its cover and table of contents (HTML lines)."""
    shown_title = title.strip() or "Dossier de fiches actions"
    cover = [
        # Qt drops the top margin of a document's first block: an empty block holds the space.
        '<p class="cover-space">&nbsp;</p>',
        '<p class="cover-kicker">DOSSIER DE FICHES ACTIONS</p>',
        f'<p class="cover-title">{html.escape(shown_title)}</p>',
        f'<p class="cover-line">Imprimé le {french_date(printed_on)}</p>',
        f'<p class="cover-line">{_plural(len(actions), "action")}</p>',
    ]
    if criteria:
        cover.append('<p class="cover-line">Sélection :</p>')
        cover.extend(f'<p class="cover-criteria">{html.escape(line)}</p>' for line in criteria)

    rows = []
    for index, action in enumerate(actions):
        page = str(toc_pages[index]) if toc_pages is not None else "0"
        line = subtitle(action)
        under = f'<br/><span class="toc-structure">{html.escape(line)}</span>' if line else ""
        rows.append(
            f'<tr><td class="toc-entry">{html.escape(action_title(action))}{under}</td>'
            f'<td class="toc-page" width="12%">{page}</td></tr>'
        )
    toc = [
        '<p class="toc-title">Sommaire</p>',
        '<table class="toc" width="100%" cellspacing="0">' + "".join(rows) + "</table>",
    ]
    return shown_title, [*cover, *toc]


def report_html(
    title: str,
    printed_on: _dt.date,
    criteria: Sequence[str],
    totals: Sequence[str],
    charts: Sequence[tuple[str, str]],
    rows: Sequence[tuple[str, str, str]] = (),
    rows_left_out: int = 0,
) -> str:
    """The statistics report of a search result: cover with the totals, the charts, the list.

    `charts` are (image name, caption): the images are not part of the HTML, the Qt side
    gives them to the document under those names. `rows` are (title, structure – département,
    year) of the actions listed at the end; `rows_left_out` counts the ones not listed.
    """
    shown_title = title.strip() or "Rapport statistique"
    parts = [
        '<p class="cover-space-small">&nbsp;</p>',
        '<p class="cover-kicker">RAPPORT STATISTIQUE</p>',
        f'<p class="cover-title">{html.escape(shown_title)}</p>',
        f'<p class="cover-line">Imprimé le {french_date(printed_on)}</p>',
    ]
    if criteria:
        parts.append('<p class="cover-line">Sélection :</p>')
        parts.extend(f'<p class="cover-criteria">{html.escape(line)}</p>' for line in criteria)
    parts.append('<p class="report-heading">Chiffres clés</p>')
    parts.extend(f'<p class="report-total">{html.escape(line)}</p>' for line in totals)
    for name, caption in charts:
        # The chart's title is drawn in its image: no heading that a page break could orphan.
        parts.append(
            f'<p class="report-chart"><img src="{html.escape(name)}" '
            f'alt="{html.escape(caption)}" width="620"/></p>'
        )
    if rows:
        parts.append('<p class="report-list-title">Les actions</p>')
        cells = "".join(
            f'<tr><td class="report-cell">{html.escape(t)}</td>'
            f'<td class="report-cell">{html.escape(w)}</td>'
            f'<td class="report-year">{html.escape(y)}</td></tr>'
            for t, w, y in rows
        )
        parts.append(f'<table class="report-list" width="100%" cellspacing="0">{cells}</table>')
        if rows_left_out:
            parts.append(
                f'<p class="report-total">… et {_plural(rows_left_out, "autre action")} '
                "(liste complète : le dossier de tout le résultat).</p>"
            )
    return _document(shown_title, "\n".join(parts))
