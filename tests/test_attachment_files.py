"""safe_file_name: a name from an attachment (or from a hostile file) can only mean one file."""

from __future__ import annotations

import pytest

from centres_app.attachment_files import MAX_NAME_BYTES, guess_mime, safe_file_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("compte-rendu 2019.pdf", "compte-rendu 2019.pdf"),
        ("Réunion d'été.odt", "Réunion d'été.odt"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\x", "x"),
        ("C:\\Users\\marie\\bilan.xlsx", "bilan.xlsx"),
        ("/absolute/path/photo.jpg", "photo.jpg"),
        ("..", "fichier"),
        ("...", "fichier"),
        ("", "fichier"),
        ("   ", "fichier"),
        ("dossier/", "fichier"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1.doc", "_LPT1.doc"),
        ("Aux .txt", "_Aux .txt"),
        ("console.txt", "console.txt"),
        ("rapport\x00.pdf", "rapport_.pdf"),
        ("ligne1\nligne2.txt", "ligne1_ligne2.txt"),
        ("a\u202eexe.pdf", "a_exe.pdf"),  # right-to-left override hides the real extension
        ('quoi?<>:"|*.txt', "quoi_______.txt"),
        (".bashrc", "bashrc"),
        ("fin. . .", "fin"),
    ],
)
def test_safe_file_name(name, expected):
    assert safe_file_name(name) == expected


def test_long_names_are_shortened_keeping_the_extension():
    name = "é" * 300 + ".pdf"
    safe = safe_file_name(name)
    assert safe.endswith(".pdf")
    assert len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    assert safe.startswith("é")
    # No half character left from cutting the UTF-8 bytes.
    safe.encode("utf-8").decode("utf-8", errors="strict")
    assert safe_file_name("x" * 300) == "x" * MAX_NAME_BYTES


@pytest.mark.parametrize(
    "name", ["../../x", "..\\..\\x", "a/../../b", "\x00", "CON", "x" * 300, "", ".", "nul"]
)
def test_never_a_separator_a_dot_dot_or_a_control_character(name):
    safe = safe_file_name(name)
    assert safe and safe not in (".", "..")
    assert "/" not in safe and "\\" not in safe
    assert not any(ord(ch) < 32 for ch in safe)
    assert safe.split(".")[0].upper() not in ("CON", "NUL", "PRN", "AUX")


def test_guess_mime_from_the_name():
    assert guess_mime("bilan.pdf") == "application/pdf"
    assert guess_mime("photo.JPG") == "image/jpeg"
    assert guess_mime("sans-extension") == "application/octet-stream"
