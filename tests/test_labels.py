"""The app's French labels are corrected where the SENACS form has a typo; the SENACS format
keeps the observatory's wording, so its exports are still read and written exactly."""

from __future__ import annotations

from centres_app.domain import FIELD_LABELS, SENACS_WORDING
from centres_app.exchange.csv_format import read_csv, write_csv
from centres_app.sheet import sheet_html


def test_the_sheet_says_personnes_mobilisees(sample_actions):
    action = next(a for a in sample_actions if a.people_mobilised)
    html = sheet_html(action)
    assert "Nombre de personnes mobilisées pour cette action" in html
    assert "mobilisés pour cette action" not in html


def test_a_csv_with_the_old_header_is_still_read(sample_actions, tmp_path):
    path = tmp_path / "new.csv"
    write_csv(sample_actions[:2], path)
    text = path.read_text("utf-8-sig")
    assert FIELD_LABELS["people_mobilised"] in text
    old = text.replace(FIELD_LABELS["people_mobilised"], SENACS_WORDING["people_mobilised"])
    assert (
        read_csv(old) == read_csv(text) == [a.replace(attachments=()) for a in sample_actions[:2]]
    )
