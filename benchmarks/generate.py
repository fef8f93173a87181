"""Deterministic generator of realistic synthetic actions, built from the sample SENACS export.

    python benchmarks/generate.py N --senacs OUT.txt     # a SENACS text file
    python benchmarks/generate.py N --db OUT.db          # straight into a store

Texts are assembled from the sentences and words of resources/senacs-drome.txt (so they carry
the accents, the vocabulary and the length distribution of real data, ~4 KB per action); actions
are spread over ~100 départements, ~2,000 structures and the years 2010-2026, and every term kind
is filled the way the sample fills it. The same (N, seed) always gives the same actions.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from centres_app.domain import (  # noqa: E402
    STATUS_FINISHED,
    STATUS_ONGOING,
    TEXT_FIELDS,
    ActionData,
)
from centres_app.exchange.senacs_reader import read_senacs_file  # noqa: E402

SAMPLE = ROOT / "resources" / "senacs-drome.txt"
DEFAULT_SEED = 20240601
YEARS = range(2010, 2027)

DEPARTMENTS = (
    "Ain", "Aisne", "Allier", "Alpes-de-Haute-Provence", "Hautes-Alpes", "Alpes-Maritimes",
    "Ardèche", "Ardennes", "Ariège", "Aube", "Aude", "Aveyron", "Bouches-du-Rhône", "Calvados",
    "Cantal", "Charente", "Charente-Maritime", "Cher", "Corrèze", "Corse-du-Sud", "Haute-Corse",
    "Côte-d'Or", "Côtes-d'Armor", "Creuse", "Dordogne", "Doubs", "Drôme", "Eure",
    "Eure-et-Loir", "Finistère", "Gard", "Haute-Garonne", "Gers", "Gironde", "Hérault",
    "Ille-et-Vilaine", "Indre", "Indre-et-Loire", "Isère", "Jura", "Landes", "Loir-et-Cher",
    "Loire", "Haute-Loire", "Loire-Atlantique", "Loiret", "Lot", "Lot-et-Garonne", "Lozère",
    "Maine-et-Loire", "Manche", "Marne", "Haute-Marne", "Mayenne", "Meurthe-et-Moselle",
    "Meuse", "Morbihan", "Moselle", "Nièvre", "Nord", "Oise", "Orne", "Pas-de-Calais",
    "Puy-de-Dôme", "Pyrénées-Atlantiques", "Hautes-Pyrénées", "Pyrénées-Orientales",
    "Bas-Rhin", "Haut-Rhin", "Rhône", "Haute-Saône", "Saône-et-Loire", "Sarthe", "Savoie",
    "Haute-Savoie", "Paris", "Seine-Maritime", "Seine-et-Marne", "Yvelines", "Deux-Sèvres",
    "Somme", "Tarn", "Tarn-et-Garonne", "Var", "Vaucluse", "Vendée", "Vienne", "Haute-Vienne",
    "Vosges", "Yonne", "Territoire de Belfort", "Essonne", "Hauts-de-Seine", "Seine-Saint-Denis",
    "Val-de-Marne", "Val-d'Oise", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte",
)  # fmt: skip

_STRUCTURE_KINDS = (
    "CENTRE SOCIAL", "Centre social", "CENTRE SOCIOCULTUREL", "Espace de vie sociale",
    "Maison de quartier", "MJC - Centre social", "Maison pour tous", "Centre social et culturel",
)  # fmt: skip
_PLACE_PARTS = (
    "des Tilleuls", "du Plateau", "la Passerelle", "les Écureuils", "Saint-Exupéry",
    "Jean Moulin", "du Vieux Bourg", "l'Étincelle", "des Hauts de Ville", "la Ruche",
    "Louise Michel", "du Val", "les Îles", "Pablo Neruda", "la Fontaine", "du Moulin",
    "Victor Hugo", "l'Escale", "des Peupliers", "le Phare", "de la Gare", "Émile Zola",
    "Nelson Mandela", "la Farandole", "du Château", "les Genêts", "Simone Veil", "l'Olivier",
    "des Chênes", "la Maison Bleue", "du Lac", "Jacques Prévert", "le Trait d'Union",
    "de l'Orée", "la Clé des Champs", "Mosaïc", "les Pléiades", "du Pont", "la Source",
    "Françoise Dolto", "les Bruyères", "Boris Vian", "l'Arche", "du Centre", "la Courte Échelle",
)  # fmt: skip
_TITLE_HEADS = (
    "Atelier", "Ateliers", "Café", "Sortie", "Fête", "Bourse", "Projet", "Accueil", "Rencontres",
    "Semaine", "Jardin partagé", "Repas", "Forum", "Chantier", "Balade", "Soirée", "Parcours",
    "Point", "Espace", "Club", "Réseau", "Séjour", "Festival", "Permanence", "Collectif",
)  # fmt: skip
_TITLE_TAILS = (
    "des parents", "intergénérationnel", "solidaire", "de quartier", "des habitants",
    "famille", "numérique", "à la ferme", "en pied d'immeuble", "des savoirs", "aux jouets",
    "de l'amitié", "écocitoyen", "du mercredi", "des jeunes", "d'été", "interculturel",
    "santé bien-être", "mobilité", "anti-gaspi", "lecture et écriture", "du jeu",
    "vacances familles", "emploi", "seniors", "et entraide", "de la parentalité", "vélo",
)  # fmt: skip
_EXTRA_KEYWORDS = (
    "Santé", "Numérique", "Logement", "Handicap", "Jeunesse", "Alimentation", "Sport",
    "Accès aux droits", "Lien social", "Environnement",
)  # fmt: skip
_EXTRA_PARTNERS = (
    "Région", "Pôle emploi", "Mission locale", "Collège", "Bibliothèque", "Politique de la ville",
)  # fmt: skip

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


class _Corpus:
    """What the sample teaches: sentences per text field and term lists per kind."""

    def __init__(self, path: Path = SAMPLE) -> None:
        actions = read_senacs_file(path)
        self.sentences: list[str] = []
        self.lengths: dict[str, list[int]] = {name: [] for name in TEXT_FIELDS}
        for action in actions:
            for name in TEXT_FIELDS:
                text = getattr(action, name)
                self.lengths[name].append(len(text))
                for line in text.split("\n"):
                    for sentence in _SENTENCE_END.split(line.strip()):
                        if len(sentence) >= 25:
                            self.sentences.append(sentence)
        self.words = sorted({w for s in self.sentences for w in re.findall(r"[^\W\d_]{5,}", s)})

        def values(kind: str) -> list[str]:
            found: dict[str, None] = {}
            for action in actions:
                raw = getattr(action, kind)
                for value in (raw,) if isinstance(raw, str) else raw:
                    if value:
                        found[value] = None
            return list(found)

        self.dimensions = values("dimension")
        self.keywords = values("keywords") + list(_EXTRA_KEYWORDS)
        self.initiatives = values("initiative")
        self.territories = values("territory")
        self.publics = values("public")
        self.partners = values("partners") + list(_EXTRA_PARTNERS)


@lru_cache(maxsize=1)
def _corpus() -> _Corpus:
    return _Corpus()


def _structures(rng: random.Random, count: int = 2000) -> list[tuple[str, str]]:
    """(name, département) of `count` distinct organising centres."""
    out: dict[str, str] = {}
    while len(out) < count:
        name = f"{rng.choice(_STRUCTURE_KINDS)} {rng.choice(_PLACE_PARTS)}"
        if rng.random() < 0.7:
            name += f" {rng.choice(_PLACE_PARTS).split()[-1]}"
        if name not in out:
            out[name] = rng.choice(DEPARTMENTS)
    return list(out.items())


def _text(rng: random.Random, corpus: _Corpus, target: int) -> str:
    """About `target` characters of sentences, in paragraphs, with a few reshuffled words."""
    if target <= 0:
        return ""
    parts: list[str] = []
    size = 0
    while size < target:
        sentence = rng.choice(corpus.sentences)
        if rng.random() < 0.3:
            # Swap one word so that texts are not copies of each other (a wider vocabulary).
            words = sentence.split(" ")
            words[rng.randrange(len(words))] = rng.choice(corpus.words)
            sentence = " ".join(words)
        if parts and rng.random() < 0.25:
            parts.append("\n")
        elif parts:
            parts.append(" ")
        if rng.random() < 0.08 and not sentence.startswith("-"):
            sentence = "- " + sentence
        parts.append(sentence)
        size += len(sentence) + 1
    return "".join(parts).replace(" \n", "\n").replace("\n ", "\n")


def generate_actions(count: int, seed: int = DEFAULT_SEED) -> Iterator[ActionData]:
    """`count` distinct actions (identity title + structure + year), always the same ones."""
    rng = random.Random(seed)
    corpus = _corpus()
    structures = _structures(rng)
    # Real texts are ~2.6 KB in the sample export; national data runs longer: scale to ~4 KB.
    scale = 1.1
    seen: set[tuple[str, str, int]] = set()
    for index in range(count):
        structure, department = structures[rng.randrange(len(structures))]
        year = rng.choice(YEARS)
        title = f"{rng.choice(_TITLE_HEADS)} {rng.choice(_TITLE_TAILS)}"
        if rng.random() < 0.5:
            title += f" {rng.choice(corpus.words)}"
        while (title, structure, year) in seen:
            title += f" {index}"
        seen.add((title, structure, year))
        finished = rng.random() < 0.35
        initiative = tuple(rng.sample(corpus.initiatives, rng.choice((1, 1, 1, 2))))
        values: dict[str, object] = {
            name: _text(rng, corpus, int(rng.choice(corpus.lengths[name]) * scale))
            for name in TEXT_FIELDS
        }
        if not finished:
            values["end_reason"] = ""
        elif not values["end_reason"]:
            values["end_reason"] = _text(rng, corpus, 120)
        if "Autre" not in initiative and rng.random() < 0.8:
            values["initiative_detail"] = ""
        yield ActionData(
            title=title,
            department=department,
            year=year,
            structure=structure,
            status=STATUS_FINISHED if finished else STATUS_ONGOING,
            dimension=rng.choice(corpus.dimensions) if rng.random() < 0.93 else "",
            keywords=tuple(rng.sample(corpus.keywords, rng.choice((1, 1, 2, 2, 3, 4)))),
            initiative=initiative,
            territory=rng.choice(corpus.territories),
            public=tuple(rng.sample(corpus.publics, 1 if rng.random() < 0.85 else 2)),
            partners=tuple(rng.sample(corpus.partners, rng.choice((0, 1, 2, 2, 3, 3, 4, 5)))),
            **values,  # type: ignore[arg-type]
        )


def write_senacs(count: int, path: str | Path, seed: int = DEFAULT_SEED) -> Path:
    from centres_app.exchange.senacs_writer import write_senacs_file

    write_senacs_file(generate_actions(count, seed), path)
    return Path(path)


def write_store(count: int, path: str | Path, seed: int = DEFAULT_SEED) -> Path:
    from centres_app.db.store import Store

    store = Store.open(path)
    try:
        store.import_actions(generate_actions(count, seed), f"synthetic:{count}:{seed}")
    finally:
        store.close()
    return Path(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of actions")
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("--senacs", metavar="OUT.txt", help="write a SENACS text file")
    out.add_argument("--db", metavar="OUT.db", help="import into this store")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.senacs:
        target = write_senacs(args.count, args.senacs, args.seed)
    else:
        target = write_store(args.count, args.db, args.seed)
    elapsed = time.perf_counter() - start
    size = target.stat().st_size / 1e6
    print(f"{args.count} actions -> {target} ({size:.1f} MB, {elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
