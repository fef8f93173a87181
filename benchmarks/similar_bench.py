"""Timing of Store.similar on a generated store: stored actions and an action being typed.

python benchmarks/similar_bench.py /tmp/big.db [--runs 100]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from centres_app.db.store import Store  # noqa: E402
from centres_app.domain import ActionData  # noqa: E402


def typing_drafts(source: ActionData, words: int) -> Iterator[ActionData]:
    """What the editor holds while `source` is typed word by word: the title for the first six
    words, then the summary growing; keywords, public and dimension chosen along the way."""
    text = (source.title + " " + source.summary).split()
    typed = ""
    for i, word in enumerate(text[:words]):
        typed += word + " "
        yield ActionData(
            title=typed if i < 6 else " ".join(text[:6]),
            summary="" if i < 6 else " ".join(text[6 : i + 1]),
            keywords=source.keywords[: i // 20],
            public=source.public if i > 30 else (),
            dimension=source.dimension if i > 40 else "",
        )


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _report(label: str, times: list[float]) -> None:
    print(
        f"{label}: n={len(times)} median {statistics.median(times):.1f} ms, "
        f"p95 {_p(times, 0.95):.1f} ms, max {max(times):.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    store = Store.open(args.db)
    rng = random.Random(args.seed)
    count = store.count()
    ids = sorted(rng.sample(range(1, count + 1), args.runs))
    store.similar(ids[0])  # warm-up: caches, temp vocabulary table
    stored: list[float] = []
    for action_id in ids:
        start = time.perf_counter()
        store.similar(action_id)
        stored.append((time.perf_counter() - start) * 1000)
    _report(f"similar(action_id) on {count} actions", stored)

    typing: list[float] = []
    for detail in store.details(ids[: max(1, args.runs // 5)]):
        for data in typing_drafts(detail.data, 60):
            start = time.perf_counter()
            store.similar(data=data)
            typing.append((time.perf_counter() - start) * 1000)
    _report("similar(data=...) while typing", typing)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
