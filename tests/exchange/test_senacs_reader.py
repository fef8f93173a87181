"""Tests of the SENACS text reader: the Drôme sample, format variants and malformed input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centres_app.domain import ActionData
from centres_app.errors import ParseError
from centres_app.exchange.senacs_reader import (
    BLOCK_FIELDS,
    read_senacs,
    read_senacs_file,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "senacs-drome.txt"
EXPECTED_CANDIDATES = (
    ROOT / "resources" / "senacs-drome.expected.json",
    ROOT / "tests" / "data" / "senacs-drome.expected.json",
    Path("/work/shared/data/senacs-drome.expected.json"),
)


def _expected() -> list[dict]:
    for candidate in EXPECTED_CANDIDATES:
        if candidate.exists():
            return json.loads(candidate.read_text(encoding="utf-8"))
    pytest.skip("senacs-drome.expected.json introuvable")


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def sample(sample_text: str) -> list[ActionData]:
    return read_senacs(sample_text, str(SAMPLE))


def by_title(actions: list[ActionData], title: str) -> ActionData:
    (found,) = [a for a in actions if a.title == title]
    return found


# A minimal one-action export; tests edit a copy of these lines.
MINIMAL = [
    "Les actions des centres sociaux",
    "Nom | Département | Année |",
    "---|---|---|",
    "Titre A | Ardèche | 2021 |",
    "Actions",
    "Titre A",
    "- Structure organisatrice",
    "- CS TEST - Ardèche",
    "- Fichier(s) associé(s)",
    "- Statut de l'action",
    "- En cours",
    "- Dimension",
    "- Citoyenneté",
    "- Mots clés associés à l'action",
    "-",
    "- Parentalité",
    "- Résumé",
    "Un résumé",
    "- Qui est à l'initiative de l'action ?",
    "-",
    "- Le centre social",
    "- Territoire concerné",
    "- Un quartier",
    "- Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.",
    "- Public",
    "- familles",
    "- Avec qui cette action a-t-elle été menée ?",
    "-",
    "Partenaires d'action:",
    "- Caf",
    "- Territoire concerné",
    "- Un quartier",
    "- Description générale",
    "- Ressources financières mobilisées pour cette action",
    "- Nombre de personnes mobilisés pour cette action",
    "- Résultat sur le territoire",
    "- Résultat pour le centre social",
    "- Résultat pour les habitants",
    "- Suite de l'action : Limites",
    "- Suite de l'action : Perspectives",
]


def text_of(lines: list[str]) -> str:
    return "\n".join(lines)


def line_of(lines: list[str], content: str, start: int = 0) -> int:
    """1-based number of the first line equal to `content` from index `start`."""
    return lines.index(content, start) + 1


def parse_error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        read_senacs(text, "export.txt")
    return info.value


# -- the Drôme sample -------------------------------------------------------------------


def test_sample_has_18_actions_in_file_order(sample: list[ActionData]) -> None:
    assert len(sample) == 18
    assert sample[0].title.startswith('"Accueillir la différence"')
    assert sample[-1].title == "TOUS A VELO !"


@pytest.mark.parametrize("position", range(18))
def test_sample_action_equals_expected_json(sample: list[ActionData], position: int) -> None:
    expected = _expected()
    assert len(expected) == len(sample)
    assert sample[position].to_dict() == expected[position]


def test_actif_etudes_field_by_field(sample: list[ActionData]) -> None:
    action = by_title(sample, "Actif'études / CLAS")
    assert action.year == 2019
    assert action.department == "Drôme"
    assert action.structure == "Centre social et culturel municipal Crest'actif"
    assert action.attachments == ()
    assert action.status == "Terminée"
    assert action.end_reason == "Fin d'année scolaire"
    assert action.dimension == "Citoyenneté"
    assert action.keywords == ("Parentalité", "éducation / scolarité", "Solidarité")
    assert action.initiative == ("Le centre social",)
    assert action.initiative_detail == ""
    assert action.territory == "Une commune"
    assert action.public == ("Enfance",)
    assert action.partners == ("Éducation Nationale", "ARS", "Caf", "Commune")
    assert action.summary.endswith(
        "3 ateliers hebdomadaires, de 15h45 à 17h: un sur chaque école de la commune."
    )
    assert action.financial_resources == (
        "Charges:\nAchats fournitures: 100 euros\nLocations salles: 476 euros\n"
        "Rémunérations intermédiaires et du personnel: 4544 euros"
    )
    assert action.result_territory == "Favorise les liens partenariaux"
    assert action.result_centre == "Meilleure connaissance des familles"
    assert action.limits.endswith("Locaux très bruyants.")
    assert action.perspectives.startswith("Réitaration de l'action.")


def test_bourse_aux_jouets_has_empty_dimension_and_initiative(sample: list[ActionData]) -> None:
    action = by_title(sample, "Bourse aux jouets")
    assert action.dimension == ""
    assert action.initiative == ()
    assert action.keywords == ("développement durable",)
    assert action.territory == "Une commune"
    assert action.partners == ("Commune",)
    assert action.year == 2017


def test_main_a_la_pate_has_empty_result_fields(sample: list[ActionData]) -> None:
    action = by_title(sample, "la main à la pâte")
    assert action.structure == "CS MONTÉLIMAR1"
    assert action.partners == ()
    for name in (
        "description",
        "financial_resources",
        "people_mobilised",
        "result_territory",
        "result_centre",
        "result_inhabitants",
        "limits",
        "perspectives",
    ):
        assert getattr(action, name) == "", name
    assert action.experience.startswith("Les femmes du quartier")


def test_tous_a_velo_text_keeps_its_bullet_lines(sample: list[ActionData]) -> None:
    action = by_title(sample, "TOUS A VELO !")
    assert action.experience == (
        "Les objectifs de cette action sont multiples :\n"
        "- Favoriser la mobilité des jeunes de 15-25 ans et notamment dans le cadre d'une "
        "insertion professionnelle.\n"
        "- Promouvoir les modes de déplacement doux\n"
        "- Accompagner l'autonomie de tous dans la réparation et l'entretien des vélos\n"
        "- Favoriser l'entraide et l'échange de compétences dans la réparation des vélos"
    )
    assert action.financial_resources.splitlines()[-2:] == [
        "- matériel pour la réparation : 650 €",
        "- achat d'un établi : 1 000 €",
    ]
    assert action.public == ("Jeunesse",)
    assert action.partners == ("Association locale", "Caf", "Commune", "Autre")


def test_text_bullets_without_space_and_numbered_lines(sample: list[ActionData]) -> None:
    action = by_title(sample, "Animations Hors les murs")
    assert "\n-sensibiliser les habitants" in action.summary
    charran = by_title(sample, '"LES SOURCES DU CHARRAN", LA NATURE EN VILLE AVEC LES HABITANTS')
    assert charran.people_mobilised.startswith("- 6 associations partenaires\n")
    assert charran.perspectives.startswith("- Evolution vers")


def test_initiative_detail_is_read_when_present(sample: list[ActionData]) -> None:
    action = by_title(sample, "Mercredis ludiques aux Reymonds")
    assert action.initiative == ("Autre",)
    assert action.initiative_detail.startswith("Nous sommes passés par la gardienne")


def test_read_file_matches_read_text(sample: list[ActionData]) -> None:
    assert read_senacs_file(SAMPLE) == sample
    assert read_senacs_file(str(SAMPLE)) == sample


# -- variants of the same content ---------------------------------------------------------


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="cr"),
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
        pytest.param(lambda t: t.replace("\n", " \t \n") + "  ", id="trailing-blanks"),
        pytest.param(lambda t: t + "\n\n", id="final-newlines"),
    ],
)
def test_variants_read_identically(sample_text: str, sample: list[ActionData], transform) -> None:
    assert read_senacs(transform(sample_text)) == sample


def test_bom_and_crlf_bytes_file(tmp_path: Path, sample_text: str, sample) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(b"\xef\xbb\xbf" + sample_text.replace("\n", "\r\n").encode("utf-8"))
    assert read_senacs_file(path) == sample


# -- values never seen in the sample are accepted -----------------------------------------


def test_new_values_are_accepted() -> None:
    lines = list(MINIMAL)
    lines[lines.index("- Citoyenneté")] = "- Une dimension nouvelle"
    lines[lines.index("- Parentalité")] = "- Sport & santé"
    lines[lines.index("- Caf")] = "- Pôle emploi"
    lines[lines.index("- En cours")] = "- Suspendue"
    (action,) = read_senacs(text_of(lines))
    assert action.department == "Ardèche"
    assert action.structure == "CS TEST"
    assert action.dimension == "Une dimension nouvelle"
    assert action.keywords == ("Sport & santé",)
    assert action.partners == ("Pôle emploi",)
    assert action.status == "Suspendue"
    assert action.summary == "Un résumé"
    assert action.year == 2021


def test_department_comes_from_structure_when_table_lacks_it() -> None:
    lines = list(MINIMAL)
    lines[3] = "Titre A |  | 2021 |"
    lines[lines.index("- CS TEST - Ardèche")] = "- CS LE PONT - NORD - Haute-Savoie"
    (action,) = read_senacs(text_of(lines))
    assert action.department == "Haute-Savoie"
    assert action.structure == "CS LE PONT - NORD"


def test_table_department_wins_and_structure_without_suffix() -> None:
    lines = list(MINIMAL)
    lines[lines.index("- CS TEST - Ardèche")] = "- CS SANS SUFFIXE"
    (action,) = read_senacs(text_of(lines))
    assert (action.structure, action.department) == ("CS SANS SUFFIXE", "Ardèche")


def test_title_containing_pipe_and_row_without_final_pipe() -> None:
    lines = list(MINIMAL)
    lines[3] = "Titre | bis | Ardèche | 2021"
    lines[5] = "Titre | bis"
    (action,) = read_senacs(text_of(lines))
    assert action.title == "Titre | bis"
    assert action.year == 2021


def test_repeated_titles_are_joined_in_order() -> None:
    block = MINIMAL[4:]
    second = [line.replace("Ardèche", "Isère") for line in block]
    lines = MINIMAL[:4] + ["Titre A | Isère | 2022 |"] + block + second
    first, other = read_senacs(text_of(lines))
    assert (first.department, first.year) == ("Ardèche", 2021)
    assert (other.department, other.year) == ("Isère", 2022)


def test_several_public_values_and_attachment_names() -> None:
    lines = list(MINIMAL)
    lines.insert(lines.index("- familles") + 1, "- Seniors")
    lines.insert(lines.index("- Fichier(s) associé(s)") + 1, "- bilan.pdf")
    (action,) = read_senacs(text_of(lines))
    assert action.public == ("familles", "Seniors")
    assert action.attachments == ()


def test_second_territory_used_when_first_is_empty() -> None:
    lines = list(MINIMAL)
    del lines[lines.index("- Un quartier")]
    lines[lines.index("- Un quartier")] = "- Plusieurs communes"
    (action,) = read_senacs(text_of(lines))
    assert action.territory == "Plusieurs communes"


def test_text_keeps_blank_lines_inside_and_earlier_labels() -> None:
    lines = list(MINIMAL)
    at = lines.index("Un résumé")
    lines[at : at + 1] = ["", "Ligne 1", "", "- Statut de l'action", "Actions", "Ligne 3", ""]
    (action,) = read_senacs(text_of(lines))
    assert action.summary == "Ligne 1\n\n- Statut de l'action\nActions\nLigne 3"


def test_empty_export_is_empty_list() -> None:
    assert read_senacs(text_of(MINIMAL[:3])) == []
    assert read_senacs(text_of(MINIMAL[:3]) + "\n") == []


def test_long_field_is_read_and_a_5_mb_one_refused_at_its_label() -> None:
    lines = list(MINIMAL)
    at = lines.index("Un résumé")
    lines[at] = "x" * 900_000
    (action,) = read_senacs(text_of(lines))
    assert len(action.summary) == 900_000
    lines[at] = "x" * 5_000_000
    with pytest.raises(ParseError) as info:
        read_senacs(text_of(lines))
    assert info.value.line == at  # the "- Résumé" label line (1-based)
    assert "trop long" in info.value.message


# -- malformed input ----------------------------------------------------------------------


def assert_error(text: str, line: int, *fragments: str) -> ParseError:
    error = parse_error(text)
    assert error.line == line, str(error)
    assert error.path == "export.txt"
    assert str(error).startswith(f"export.txt:{line}: ")
    for fragment in fragments:
        assert fragment in error.message
    return error


def test_empty_text() -> None:
    assert_error("", 1, "vide")
    assert_error(" \n\t\n", 1, "vide")


def test_missing_header() -> None:
    assert_error(text_of(MINIMAL[1:]), 1, "en-tête")


def test_bad_table_header() -> None:
    lines = list(MINIMAL)
    lines[1] = "Nom | Année |"
    assert_error(text_of(lines), 2, "en-tête du tableau")
    assert_error(MINIMAL[0], 1, "en-tête du tableau")


def test_bad_table_separator() -> None:
    lines = list(MINIMAL)
    lines[2] = "---|---|"
    assert_error(text_of(lines), 3, "séparation")


def test_bad_table_row() -> None:
    lines = list(MINIMAL)
    lines.insert(4, "une ligne sans colonnes")
    assert_error(text_of(lines), 5, "ligne du tableau invalide")


@pytest.mark.parametrize("year", ["20x1", "", "2021.0", "99999999999999"])
def test_invalid_year(year: str) -> None:
    lines = list(MINIMAL)
    lines[3] = f"Titre A | Ardèche | {year} |"
    assert_error(text_of(lines), 4, f"année invalide « {year} » dans le tableau")


def test_block_without_title_followed_by_label() -> None:
    lines = list(MINIMAL)
    del lines[5]
    assert_error(text_of(lines), 6, "action sans titre")


def test_block_without_title_at_end_of_file() -> None:
    lines = MINIMAL + ["Actions"]
    assert_error(text_of(lines), len(lines), "action sans titre")


def test_unknown_label_after_title() -> None:
    lines = list(MINIMAL)
    lines[6] = "- Structure organisatrices"
    assert_error(text_of(lines), 7, "« - Structure organisatrice » attendu")


def test_second_value_under_single_field() -> None:
    lines = list(MINIMAL)
    lines.insert(lines.index("- Citoyenneté") + 1, "- Services")
    assert_error(text_of(lines), line_of(lines, "- Services"), "une valeur", "Dimension")


def test_unknown_label_after_single_value() -> None:
    lines = list(MINIMAL)
    lines.insert(lines.index("- En cours") + 1, "- Statut inconnu")
    assert_error(text_of(lines), line_of(lines, "- Statut inconnu"), "libellé inconnu")


def test_line_without_dash_in_term_list() -> None:
    lines = list(MINIMAL)
    lines.insert(lines.index("- Parentalité") + 1, "Solidarité")
    assert_error(text_of(lines), line_of(lines, "Solidarité"), "ligne inattendue", "Mots clés")


def test_block_missing_from_table() -> None:
    lines = list(MINIMAL)
    lines[5] = "Titre B"
    assert_error(text_of(lines), 6, "« Titre B » n'apparaît pas dans le tableau")


def test_table_row_without_block() -> None:
    lines = list(MINIMAL)
    lines.insert(3, "Titre Z | Ardèche | 2020 |")
    assert_error(text_of(lines), 4, "« Titre Z »", "pas de fiche")


def test_nul_character_in_text() -> None:
    lines = list(MINIMAL)
    lines[lines.index("Un résumé")] = "Un \x00résumé"
    assert_error(text_of(lines), line_of(lines, "Un \x00résumé"), "binaire")


def test_binary_file_reports_line_of_first_nul(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"Les actions\r\nligne 2\rligne 3\n\x89PNG\x00\x00")
    with pytest.raises(ParseError) as info:
        read_senacs_file(path)
    assert info.value.line == 4
    assert info.value.path == str(path)
    assert "UTF-8" in info.value.message


def test_latin1_file_reports_line_of_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(text_of(MINIMAL).encode("latin-1"))
    with pytest.raises(ParseError) as info:
        read_senacs_file(path)
    assert info.value.line == 2  # "Département"


def test_utf16_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(text_of(MINIMAL).encode("utf-16"))
    with pytest.raises(ParseError) as info:
        read_senacs_file(path)
    assert info.value.line == 1


# -- robustness: any text gives actions or a ParseError -----------------------------------

_PIECES = [
    *MINIMAL,
    *("- " + f.label for f in BLOCK_FIELDS),
    "",
    "-",
    "Actions",
    "Titre A | | 2021 |",
    "Titre A | Drôme | 20x |",
    "- x - ",
    "|",
    "Partenaires d'action:",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.data())
def test_any_line_soup_reads_or_raises_parse_error(pieces: list[str], data) -> None:
    # Start from the valid prefix often, so that the block machine is exercised.
    prefix = MINIMAL[: data.draw(st.integers(0, len(MINIMAL)))]
    try:
        actions = read_senacs("\n".join(prefix + pieces))
    except ParseError as error:
        assert error.line >= 1
    else:
        assert all(isinstance(a, ActionData) for a in actions)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_reads_or_raises_parse_error(text: str) -> None:
    try:
        read_senacs(text)
    except ParseError as error:
        assert error.line >= 1
