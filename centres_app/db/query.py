"""The search box language, parsed into safe full-text expressions.

What users guess without a manual: words are ANDed, the last word is a prefix while typing,
`"a phrase"` matches the phrase, `-word` excludes. Anything else (unbalanced quotes, `*`, `:`,
`(`, `AND`, `NEAR`...) is searched as plain words or ignored, never an error: user text is
split into word tokens and each token is quoted before it reaches FTS5.

A last word of one letter waits for its second letter: `é*` or `p*` match nearly every action
(the list would barely change), and such a prefix costs FTS5 a merge of every word of that
letter (~0.6 s at 100,000 actions, on the keystroke) or else a 1-letter prefix index, which
made imports ~15 % slower (migration 0006).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from centres_app.domain import BAD_CHARS, fold, nfc

# Same idea of a "word" as FTS5's unicode61 tokenizer: runs of letters and digits.
_WORD = re.compile(r"[^\W_]+")
_CHUNK = re.compile(r'"([^"]*)"|(\S+)')

# Common French words that match nearly every action: ignored unless they are all there is.
STOP_WORDS = frozenset(
    fold(w)
    for w in [
        "a",
        "à",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "eux",
        "il",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "n",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "s",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "t",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "est",
        "sont",
        "été",
    ]
)

_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})

# A search is a few words: longer text (a page pasted by mistake) is cut to this many characters
# and clauses, so a search stays quick (a 100 KB paste took 13 s uncut). The window and the CLI
# search the beginning; the CLI says so on stderr.
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64


@dataclass(frozen=True)
class Term:
    """One positive or negative clause: a word, or a phrase of adjacent words."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    include: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()
    ignored: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.include and not self.exclude


def parse_query(text: str, prefix_last: bool = True) -> ParsedQuery:
    """Splits user text into clauses; never raises. Long text: see MAX_QUERY_CHARS."""
    text = _capped(text)
    include: list[Term] = []
    exclude: list[Term] = []
    ignored: list[str] = []
    # NFC: a decomposed query (typed or pasted on macOS) finds the stored composed text;
    # control characters and lone surrogates are spaces (never an encoding error).
    text = BAD_CHARS.sub(" ", nfc(text))
    trailing_space = text[-1:].isspace()
    # An unbalanced quote is just noise: drop the last lone one.
    if text.count('"') % 2:
        idx = text.rfind('"')
        text = text[:idx] + " " + text[idx + 1 :]
    chunks = list(_CHUNK.finditer(text))
    for i, m in enumerate(chunks):
        is_last = i == len(chunks) - 1
        if m.group(1) is not None:
            words = tuple(fold(w) for w in _WORD.findall(m.group(1)))
            if words:
                include.append(Term(words))
            continue
        raw = m.group(2)
        negative = raw.startswith("-") and len(raw) > 1 and bool(_WORD.match(raw[1:]))
        if raw in _OPERATORS:
            # Someone trying FTS syntax: the operator itself is not a word to look for.
            ignored.append(raw)
            continue
        words = tuple(fold(w) for w in _WORD.findall(raw))
        if not words:
            continue
        prefix = prefix_last and is_last and not trailing_space and not negative
        if prefix and len(words[-1]) == 1:
            # One letter typed: wait for the second (the module's docstring says why).
            words, prefix = words[:-1], False
            if not words:
                continue
        term = Term(words, prefix=prefix)
        if len(include) + len(exclude) >= MAX_QUERY_TERMS:
            break
        if negative:
            exclude.append(term)
        elif len(words) == 1 and words[0] in STOP_WORDS and not prefix:
            ignored.append(words[0])
        else:
            include.append(term)
    if not include and ignored and not exclude:
        # Only common words: search them after all rather than showing everything.
        include = [Term((w,)) for w in ignored]
        ignored = []
    return ParsedQuery(tuple(include), tuple(exclude), tuple(ignored))


def _capped(text: str) -> str:
    """The first MAX_QUERY_CHARS characters, not ending inside a word that was cut."""
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    if not text[MAX_QUERY_CHARS].isspace():
        cut = cut[: max(cut.rfind(" "), 0)]
    return cut + " "  # complete words: the last one is no prefix being typed


def _fts5_term(term: Term) -> str:
    # Tokens hold only letters and digits, so wrapping them in quotes is always safe.
    quoted = '"' + " ".join(term.words) + '"'
    return quoted + "*" if term.prefix else quoted


def fts5_expression(terms: tuple[Term, ...]) -> str:
    """An FTS5 MATCH expression ANDing the terms (empty string for none)."""
    return " AND ".join(_fts5_term(t) for t in terms)
