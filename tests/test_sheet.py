"""The action sheet's HTML (no Qt): every non-empty field under its label, escaping, dossier."""

from __future__ import annotations

import datetime as dt
import html
import subprocess
import sys

import pytest

from centres_app import sheet
from centres_app.domain import (
    FIELD_LABELS,
    ActionData,
    Attachment,
    Filters,
    SearchRequest,
)

PRINTED = dt.date(2025, 5, 3)


def _by_title(actions: list[ActionData], title: str) -> ActionData:
    return next(a for a in actions if a.title == title)


@pytest.mark.parametrize("title", ["Actif'études / CLAS", "Les mémoires du quartier"])
def test_every_non_empty_field_is_in_the_sheet_under_its_label(sample_actions, title):
    action = _by_title(sample_actions, title)
    page = sheet.sheet_html(action)
    shown = sheet.present_fields(action)
    assert {"title", "summary", "partners", "result_centre"} <= set(shown)
    for name in shown:
        value = getattr(action, name)
        if name not in ("title", "structure", "department"):
            assert html.escape(FIELD_LABELS[name]) in page, name
        values = value if isinstance(value, tuple) else (str(value),)
        for one in values:
            assert html.escape(one.strip()) in page, (name, one)


def test_groups_follow_the_tabs_and_the_partners_label(sample_actions):
    page = sheet.sheet_html(_by_title(sample_actions, "Actif'études / CLAS"))
    positions = [page.index(f">&nbsp;{g}</p>") for g, _ in sheet.SHEET_GROUPS]
    assert positions == sorted(positions)
    assert "Partenaires d&#x27;action" in page


def test_user_text_is_escaped_and_line_breaks_kept():
    action = ActionData(
        title="<script>alert('x')</script> & Cie",
        structure="CS <b>gras</b>",
        department="Drôme",
        summary="ligne 1\n- ligne <2>\n\n  ligne 3",
    )
    page = sheet.sheet_html(action)
    assert "<script>" not in page and "<b>gras" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Cie" in page
    # pre-wrap keeps the newlines and the indentation of the user's text.
    assert "ligne 1\n- ligne &lt;2&gt;\n\n  ligne 3</p>" in page
    assert "white-space: pre-wrap" in sheet.stylesheet()


def test_empty_fields_give_no_label_and_no_empty_group():
    action = ActionData(title="Presque vide", structure="CS", department="Drôme", summary="Un.")
    page = sheet.sheet_html(action)
    assert sheet.present_fields(action) == ["title", "department", "structure", "status", "summary"]
    for name, label in FIELD_LABELS.items():
        if name not in ("summary", "status", "title", "structure", "department"):
            assert html.escape(label) not in page, name
    for group in ("Partenaires", "Ressources", "Résultats"):
        assert group not in page
    assert "Description" in page


def test_attachments_are_listed_with_their_size():
    files = (Attachment("compte-rendu.pdf", b"x" * 2048), Attachment("photo <1>.jpg", b"ab"))
    page = sheet.sheet_html(ActionData(title="T", attachments=files))
    assert "compte-rendu.pdf" in page and "(2,0 Ko)" in page
    assert "photo &lt;1&gt;.jpg" in page and "(2 octets)" in page
    assert "Ressources" in page


def test_small_formatters():
    assert sheet.french_date(dt.date(2025, 6, 1)) == "1er juin 2025"
    assert sheet.french_date(dt.date(2024, 8, 15)) == "15 août 2024"
    assert sheet.format_size(1) == "1 octet"
    assert sheet.format_size(1536) == "1,5 Ko"
    assert sheet.format_size(250 * 1024**2) == "250 Mo"
    assert sheet.suggested_filename("Actif'études / CLAS") == "fiche-actif-etudes-clas.pdf"
    assert sheet.suggested_filename("Réveillon", dossier=True) == "dossier-reveillon.pdf"
    assert sheet.suggested_filename("<>?") == "fiche-action.pdf"


def test_request_in_words():
    request = SearchRequest(
        text="vélo",
        filters=Filters(
            department=frozenset({"Drôme"}),
            year_min=2016,
            year_max=2019,
            keywords=frozenset({"Parentalité", "Solidarité"}),
        ),
    )
    assert sheet.describe_request(request) == [
        "Recherche : « vélo »",
        "Département : Drôme",
        "Année : de 2016 à 2019",
        "Mots clés : Parentalité ou Solidarité",
    ]
    assert sheet.describe_request(SearchRequest()) == [
        "Toutes les actions (aucune recherche ni aucun filtre)"
    ]


def test_dossier_has_cover_contents_and_one_page_per_action(sample_actions):
    actions = sample_actions[:3]
    page = sheet.dossier_html(
        actions, "Mon <dossier>", PRINTED, ["Recherche : « a & b »"], toc_pages=[3, 5, 8]
    )
    assert "Mon &lt;dossier&gt;" in page and "3 mai 2025" in page and "3 actions" in page
    assert "Recherche : « a &amp; b »" in page
    assert page.count('class="kicker-page"') == 3
    for action, number in zip(actions, (3, 5, 8), strict=True):
        entry = page.index(html.escape(action.title))
        assert page.index(f">{number}</td>", entry) > entry


def test_sheet_module_imports_no_qt():
    code = "import sys, centres_app.sheet; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
