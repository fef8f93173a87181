"""SENACS's closed lists: official values first, values found in the store kept and flagged."""

from __future__ import annotations

from pathlib import Path

from centres_app.exchange.senacs_reader import read_senacs_file
from centres_app.vocabularies import CLOSED_LISTS, Choice, choices, is_closed

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "senacs-drome.txt"


def test_every_value_of_the_sample_is_official():
    for action in read_senacs_file(SAMPLE):
        for kind in ("status", "dimension", "territory"):
            value = getattr(action, kind)
            assert not value or value in CLOSED_LISTS[kind], (kind, value)
        for kind in ("initiative", "public"):
            assert set(getattr(action, kind)) <= set(CLOSED_LISTS[kind]), kind


def test_stored_values_outside_the_list_are_kept_and_flagged():
    offered = choices("dimension", ["Services", "Animation globale", "animation", ""])
    assert offered[:3] == [Choice(v, True) for v in CLOSED_LISTS["dimension"]]
    assert offered[3:] == [Choice("animation", False), Choice("Animation globale", False)]


def test_open_kinds_offer_the_stored_values():
    assert not is_closed("keywords")
    assert choices("keywords", ["b", "a"]) == [Choice("a", True), Choice("b", True)]
