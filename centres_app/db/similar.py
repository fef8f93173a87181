"""Similar actions: what other centres already tried, for the action shown or being typed.

Two cheap candidate searches, then one exact scoring of the few hundred candidates:

* text: the salient words of the title and summary (not stop words, present in other actions,
  rarest first) ORed in one FTS5 query ranked by bm25 (title weighs most), top TEXT_CANDIDATES
  (PostgreSQL: the same through search_vector and ts_rank_cd);
* terms: the actions sharing keywords, public or dimension, ranked in SQL by the summed weights
  of the shared terms, top TERM_CANDIDATES (index-only scan of action_term by term).

Each candidate is then scored by what it shares with the action, every feature weighted by its
rarity (idf = ln(N / df), df from the index): a shared keyword weighs 3 idf, a shared public
1.5 idf, the same dimension 1 idf, a salient word 1 idf (3 when it is in the action's title),
counted in full when the candidate has it in its title and 0.6 when only in its summary. The
score is the fraction of the action's own maximum (0..1), so that it reads as a percentage.
The reason names what is shared, in French: « mêmes mots-clés : Parentalité, Solidarité ;
même public : familles ».
"""

from __future__ import annotations

import math
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.orm import Session

from centres_app.db.query import STOP_WORDS, Term
from centres_app.domain import ActionData, SimilarAction
from centres_app.errors import NotFound
from centres_app.gui_turn import give_way, giving_way

TEXT_CANDIDATES = 40
TERM_CANDIDATES = 80
MAX_WORDS = 12
# Words whose frequency is looked up (title words first, then the longest).
MAX_LOOKUPS = 16
# Matching rows cost bm25 ~3 µs each: the OR query keeps the rarest words within this budget.
MAX_TEXT_POSTINGS = 10_000
# The GROUP BY over shared terms reads this many postings at most (rarest terms first).
MAX_TERM_POSTINGS = 25_000

KIND_WEIGHTS = {"keywords": 3.0, "public": 1.5, "dimension": 1.0}
TITLE_WORD_WEIGHT = 3.0
SUMMARY_MATCH = 0.6
_ROWS_A_PIECE = 20  # candidates stemmed between two give_way() (~1 ms)

_WORD = re.compile(r"[^\W\d_]+")
# Words frequent in any action sheet, beyond the grammatical stop words of the search box.
# (Already folded: no accents.)
_COMMON_TEXT = (
    "action actions projet projets centre centres social sociale sociaux cette ces cet plus "
    "aussi entre faire fait faites font permet permettent permettre ainsi tout tous toute "
    "toutes tres bien etre avoir leurs autour lors afin dont chaque depuis sous sans peu "
    "mise place ans etait etaient avons avez ont sera seront serait sont ete avait "
    "avaient fois deja encore alors donc car comme quand mais puis vers chez selon "
    "autre autres meme memes nombreux nombreuses grand grande grands grandes part cadre "
    "lieu grace objectif objectifs inscrit inscrite realiser realise mettre mis "
    "pouvoir peut peuvent doit doivent egalement notamment certain certains certaines "
    "premier premiere dernier derniere niveau moment temps jour jours annee annees"
)
_COMMON = frozenset(_COMMON_TEXT.split())
_IGNORED = STOP_WORDS | _COMMON


@dataclass
class _Candidate:
    id: int
    title: str
    structure: str
    department: str
    year: int | None
    words_title: set[str]
    words_summary: set[str]
    terms: set[int]


_COMBINING = re.compile(r"[\u0300-\u036f]+")
_LONG_WORD = re.compile(r"[^\W\d_]{3,}")


def _fold(text_value: str) -> str:
    # domain.fold, at C speed for Latin text: candidates' summaries are folded on every call.
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text_value)).casefold()


def _stem(word: str) -> str:
    # Plural and singular meet: "vélos" ~ "vélo", "jeux" ~ "jeu".
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def words_of(text_value: str) -> dict[str, str]:
    """Salient folded words of a text -> the word as written (first occurrence)."""
    out: dict[str, str] = {}
    for raw in _LONG_WORD.findall(text_value):
        folded = _fold(raw)
        if folded in STOP_WORDS or folded in _COMMON or folded in out:
            continue
        out[folded] = raw.lower() if raw.isupper() else raw
    return out


def _stems(text_value: str) -> set[str]:
    words = set(_LONG_WORD.findall(_fold(text_value))) - _IGNORED
    return {_stem(w) for w in words}


def _expanding(sql: str, name: str) -> TextClause:
    return text(sql).bindparams(bindparam(name, expanding=True))


def load_features(session: Session, action_id: int) -> ActionData:
    """What similarity looks at of a stored action (not its attachments); NotFound if none."""
    row = session.execute(
        text("SELECT title, summary FROM action WHERE id = :id"), {"id": action_id}
    ).first()
    if row is None:
        raise NotFound(f"Aucune action n° {action_id}.")
    by_kind: dict[str, list[str]] = defaultdict(list)
    links = session.execute(
        text(
            "SELECT t.kind, t.name FROM action_term at JOIN term t ON t.id = at.term_id "
            "WHERE at.action_id = :id ORDER BY at.position"
        ),
        {"id": action_id},
    )
    for kind, name in links:
        by_kind[kind].append(name)
    return ActionData(
        title=row[0],
        summary=row[1] or "",
        keywords=tuple(by_kind["keywords"]),
        public=tuple(by_kind["public"]),
        dimension=(by_kind["dimension"] or [""])[0],
    )


class SimilarFinder:
    """Finds similar actions; keeps word and term frequencies between calls (typing).

    Frequencies change slowly and only weigh the features: a cached value a little out of
    date changes an ordering at worst, never a result's correctness.
    """

    def __init__(self, ttl: float = 300.0, max_words: int = 200_000) -> None:
        self._ttl = ttl
        self._max_words = max_words
        self._word_df: dict[str, int] = {}
        self._term_df: dict[int, int] = {}
        self._stamp = time.monotonic()
        # Candidates' features and the number of actions, exact for one state of the store:
        # kept while `generation` (Database: PRAGMA data_version) stays the same.
        self._generation: int | None = None
        self._candidates: dict[int, _Candidate] = {}
        self._total: int | None = None
        # Candidate searches by their arguments (same words, same terms: same ids).
        self._searches: dict[tuple[object, ...], list[int]] = {}

    def _same_store(self, generation: int | None) -> bool:
        """Whether the exact caches still hold (None: unknown, never)."""
        if generation is None or generation != self._generation:
            self._candidates.clear()
            self._searches.clear()
            self._total = None
            self._generation = generation
            return False
        return True

    def _search(
        self, cached: bool, key: tuple[object, ...], run: Callable[[], list[int]]
    ) -> list[int]:
        if not cached:
            return run()
        found = self._searches.get(key)
        if found is None:
            if len(self._searches) > 2000:
                self._searches.clear()
            found = self._searches[key] = run()
        return found

    def _load(self, session: Session, ids: list[int], cached: bool) -> list[_Candidate]:
        if not cached:
            return _load_candidates(session, ids)
        missing = [i for i in ids if i not in self._candidates]
        if missing:
            if len(self._candidates) > 20_000:
                self._candidates.clear()
            for cand in _load_candidates(session, missing):
                self._candidates[cand.id] = cand
        return [self._candidates[i] for i in ids if i in self._candidates]

    def _expire(self) -> None:
        if time.monotonic() - self._stamp > self._ttl or len(self._word_df) > self._max_words:
            self._word_df.clear()
            self._term_df.clear()
            self._stamp = time.monotonic()

    def word_frequencies(self, session: Session, words: list[str]) -> dict[str, int]:
        """How many actions hold each word: the FTS5 vocabulary on SQLite (one lookup per word:
        an IN list makes fts5vocab scan every term), the GIN index on PostgreSQL."""
        missing = [w for w in words if w not in self._word_df]
        if missing and not _sqlite(session):
            # PostgreSQL: a count over the GIN index of search_vector (migration 0004).
            from centres_app.db import pgsearch

            stmt = text(
                f"SELECT count(*) FROM action WHERE search_vector @@ "
                f"to_tsquery('{pgsearch.CONFIG}', :q)"
            )
            for word in missing:
                q = pgsearch.tsquery_text([Term((word,))])
                self._word_df[word] = int(session.execute(stmt, {"q": q}).scalar() or 0)
        elif missing:
            session.execute(
                text(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.action_fts_vocab "
                    "USING fts5vocab(main, action_fts, 'row')"
                )
            )
            stmt = text("SELECT doc FROM temp.action_fts_vocab WHERE term = :w")
            for word in missing:
                self._word_df[word] = int(session.execute(stmt, {"w": word}).scalar() or 0)
        return {w: self._word_df[w] for w in words}

    def term_frequencies(self, session: Session, term_ids: list[int]) -> dict[int, int]:
        missing = [t for t in term_ids if t not in self._term_df]
        if missing:
            stmt = _expanding(
                "SELECT term_id, count(*) FROM action_term WHERE term_id IN :ids GROUP BY term_id",
                "ids",
            )
            found = {int(t): int(n) for t, n in session.execute(stmt, {"ids": missing})}
            for t in missing:
                self._term_df[t] = found.get(t, 0)
        return {t: self._term_df[t] for t in term_ids}

    def find(
        self,
        session: Session,
        data: ActionData,
        exclude_id: int | None = None,
        limit: int = 8,
        generation: int | None = None,
    ) -> list[SimilarAction]:
        """The `limit` actions most similar to `data` (never `exclude_id`), best first.

        `generation`: a number that moves at every commit to the store (Database: PRAGMA
        data_version); while it stays, the candidates' features and the number of actions read
        by an earlier call are reused (typing re-asks every second with mostly the same ones).
        """
        self._expire()
        cached = self._same_store(generation)
        if self._total is None or not cached:
            self._total = int(session.execute(text("SELECT count(*) FROM action")).scalar() or 0)
        total = max(self._total, 1)
        stored = exclude_id is not None

        # --- the action's features and their weights ---------------------------------------
        terms = _target_terms(session, data)
        term_df = self.term_frequencies(session, sorted(terms)) if terms else {}
        term_weights: dict[int, float] = {}
        for tid, (kind, _) in terms.items():
            others = term_df.get(tid, 0) - (1 if stored else 0)
            if others > 0:
                term_weights[tid] = KIND_WEIGHTS[kind] * math.log(1 + total / (others + 1))

        title_words = words_of(data.title)
        all_words = {**words_of(data.summary), **title_words}
        word_weights: dict[str, float] = {}
        shown: dict[str, str] = {}
        fts_words: list[str] = []
        if all_words:
            # Title words first, then the longest: rare words tend to be long, and each
            # lookup of a common word costs milliseconds.
            chosen = sorted(all_words, key=lambda w: (w not in title_words, -len(w), w))
            df = self.word_frequencies(session, chosen[:MAX_LOOKUPS])
            budget = MAX_TEXT_POSTINGS
            for word in sorted(df, key=lambda w: (df[w], w)):
                others = df[word] - (1 if stored else 0)
                if others <= 0 or others > total / 2:
                    continue  # in no other action, or in most: says nothing
                stem = _stem(word)
                weight = math.log(1 + total / (others + 1)) * (
                    TITLE_WORD_WEIGHT if word in title_words else 1.0
                )
                if weight > word_weights.get(stem, 0.0):
                    word_weights[stem] = weight
                    shown[stem] = all_words[word]
                if len(fts_words) < MAX_WORDS and others <= budget:
                    fts_words.append(word)
                    budget -= others
        if not term_weights and not word_weights:
            return []

        # --- candidates, then exact scores -------------------------------------------------
        ids: dict[int, None] = {}
        if fts_words:
            found = self._search(
                cached,
                ("text", tuple(fts_words), exclude_id),
                lambda: _text_candidates(session, fts_words, exclude_id),
            )
            ids.update(dict.fromkeys(found))
        if term_weights:
            found = self._search(
                cached,
                ("terms", tuple(term_weights.items()), exclude_id),
                lambda: _term_candidates(session, term_weights, term_df, exclude_id),
            )
            ids.update(dict.fromkeys(found))
        ids.pop(exclude_id if exclude_id is not None else -1, None)
        if not ids:
            return []
        best_possible = sum(term_weights.values()) + sum(word_weights.values())
        scored: list[tuple[float, _Candidate, list[int], list[str]]] = []
        for cand in self._load(session, list(ids), cached):
            give_way()  # (a candidate at a time: the window's paints first)
            shared_terms = [tid for tid in term_weights if tid in cand.terms]
            score = sum(term_weights[t] for t in shared_terms)
            shared_words: list[str] = []
            for stem, weight in word_weights.items():
                if stem in cand.words_title:
                    score += weight
                    shared_words.append(stem)
                elif stem in cand.words_summary:
                    score += weight * SUMMARY_MATCH
                    shared_words.append(stem)
            if score > 0:
                scored.append((score, cand, shared_terms, shared_words))
        scored.sort(key=lambda s: (-s[0], -(s[1].year or 0), _fold(s[1].title), s[1].id))
        out: list[SimilarAction] = []
        for score, cand, shared_terms, shared_words in scored[:limit]:
            shared_words.sort(key=lambda stem: -word_weights[stem])
            out.append(
                SimilarAction(
                    id=cand.id,
                    title=cand.title,
                    structure=cand.structure,
                    department=cand.department,
                    year=cand.year,
                    score=round(min(score / best_possible, 1.0), 3),
                    reason=_reason(
                        [terms[t] for t in shared_terms], [shown[w] for w in shared_words]
                    ),
                )
            )
        return out


def find_similar(
    session: Session, data: ActionData, exclude_id: int | None = None, limit: int = 8
) -> list[SimilarAction]:
    """One-off search without caches (see SimilarFinder)."""
    return SimilarFinder().find(session, data, exclude_id, limit)


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _target_terms(session: Session, data: ActionData) -> dict[int, tuple[str, str]]:
    """term id -> (kind, name) of the action's keywords, public and dimension."""
    wanted = {("keywords", n.strip()) for n in data.keywords}
    wanted |= {("public", n.strip()) for n in data.public}
    if data.dimension.strip():
        wanted.add(("dimension", data.dimension.strip()))
    names = sorted({n for _, n in wanted if n})
    if not names:
        return {}
    stmt = _expanding(
        "SELECT id, kind, name FROM term WHERE kind IN ('keywords', 'public', 'dimension') "
        "AND name IN :names",
        "names",
    )
    return {
        int(tid): (kind, name)
        for tid, kind, name in session.execute(stmt, {"names": names})
        if (kind, name) in wanted
    }


def _term_candidates(
    session: Session,
    weights: dict[int, float],
    df: dict[int, int],
    exclude_id: int | None,
) -> list[int]:
    """Actions sharing the action's rarer terms, best summed weight first. Terms held by
    very many actions still count in the final score, but scanning their postings here would
    cost more than they tell: the rarest terms within MAX_TERM_POSTINGS are used."""
    used: dict[int, float] = {}
    budget = MAX_TERM_POSTINGS
    for tid in sorted(weights, key=lambda t: df.get(t, 0)):
        if used and df.get(tid, 0) > budget:
            break
        used[tid] = weights[tid]
        budget -= df.get(tid, 0)
    # Term ids and weights are ints and floats of ours, not user text.
    cases = " ".join(f"WHEN {int(tid)} THEN {float(w)!r}" for tid, w in used.items())
    stmt = _expanding(
        f"SELECT action_id, SUM(CASE term_id {cases} ELSE 0 END) AS s FROM action_term "
        "WHERE term_id IN :ids AND action_id != :exclude "
        "GROUP BY action_id ORDER BY s DESC, action_id DESC LIMIT :limit",
        "ids",
    )
    rows = session.execute(
        stmt,
        {
            "ids": list(used),
            "exclude": exclude_id if exclude_id is not None else -1,
            "limit": TERM_CANDIDATES,
        },
    )
    return [int(r[0]) for r in rows]


def _text_candidates(session: Session, words: list[str], exclude_id: int | None) -> list[int]:
    if _sqlite(session):
        # Tokens hold only letters, so quoting each makes a safe FTS5 expression (query.py).
        expression = " OR ".join(f'"{w}"' for w in words)
        stmt = text(
            "SELECT rowid FROM action_fts WHERE action_fts MATCH :q AND rowid != :exclude "
            "ORDER BY bm25(action_fts, 10.0, 0.0, 1.0) LIMIT :limit"
        )
    else:
        from centres_app.db import pgsearch

        expression = pgsearch.tsquery_text([Term((w,)) for w in words], "|")
        query = f"to_tsquery('{pgsearch.CONFIG}', :q)"
        stmt = text(
            f"SELECT id FROM action WHERE search_vector @@ {query} AND id != :exclude "
            f"ORDER BY ts_rank_cd('{pgsearch.RANK_WEIGHTS}'::float4[], search_vector, {query}, "
            f"{pgsearch.RANK_NORMALIZATION}) DESC, id LIMIT :limit"
        )
    rows = session.execute(
        stmt,
        {
            "q": expression,
            "exclude": exclude_id if exclude_id is not None else -1,
            "limit": TEXT_CANDIDATES,
        },
    )
    return [int(r[0]) for r in rows]


def _load_candidates(session: Session, ids: list[int]) -> list[_Candidate]:
    by_id: dict[int, _Candidate] = {}
    stmt = _expanding(
        "SELECT id, title, structure, department, year, summary FROM action WHERE id IN :ids",
        "ids",
    )
    # (the stems of titles and summaries: the window's paints first)
    rows = giving_way(session.execute(stmt, {"ids": ids}), _ROWS_A_PIECE)
    for cid, title, structure, department, year, summary in rows:
        by_id[cid] = _Candidate(
            cid, title, structure, department, year, _stems(title), _stems(summary or ""), set()
        )
    stmt = _expanding("SELECT action_id, term_id FROM action_term WHERE action_id IN :ids", "ids")
    for aid, tid in session.execute(stmt, {"ids": ids}):
        by_id[aid].terms.add(tid)
    return [by_id[i] for i in ids if i in by_id]


def _reason(shared_terms: list[tuple[str, str]], shared_words: list[str]) -> str:
    """« mêmes mots-clés : Parentalité, Solidarité ; même public : familles ; ... »."""
    parts: list[str] = []
    labels = {
        "keywords": ("même mot-clé", "mêmes mots-clés"),
        "public": ("même public", "mêmes publics"),
        "dimension": ("même dimension", "même dimension"),
    }
    for kind, (one, many) in labels.items():
        names = [name for k, name in shared_terms if k == kind]
        if names:
            parts.append(f"{one if len(names) == 1 else many} : {', '.join(names)}")
    if shared_words:
        label = "mot commun" if len(shared_words) == 1 else "mots communs"
        parts.append(f"{label} : {', '.join(shared_words[:4])}")
    return " ; ".join(parts)
