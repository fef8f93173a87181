"""Kills a writing process with SIGKILL at random moments and checks the store after each kill.

Usage: python scripts/crash_test.py [--kills 100] [--seed 1] [--db PATH]

The child process alternates imports (one transaction of 200 actions) and saves of single
actions (text + keywords changed together), printing a line after each commit. After each
kill the parent opens the store and verifies: SQLite integrity and the full-text index;
every import is all-or-nothing; every save that the child reported as committed is there;
no action is half-written (its summary, keywords and full-text row tell the same revision).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from centres_app.db.backup import check_file  # noqa: E402
from centres_app.db.store import Store  # noqa: E402
from centres_app.domain import ActionData, SearchRequest  # noqa: E402

IMPORT_SIZE = 200
SAVED_ACTIONS = 5
FILLER = "Texte de remplissage pour grossir la transaction. " * 40

CHILD = r"""
import random, sys
sys.path.insert(0, sys.argv[1])
from centres_app.db.store import Store
from centres_app.domain import ActionData, SearchRequest
path, run, seed = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
store = Store.open(path)
FILLER = "Texte de remplissage pour grossir la transaction. " * 40
def saved(i, rev):
    return ActionData(title=f"Suivi {i}", structure="CS Crash", department="Drôme", year=2024,
                      summary=f"rev{rev} " + FILLER, keywords=(f"motrev{rev}",),
                      description=f"rev{rev}")
op = 0
while True:
    op += 1
    if rng.random() < 0.4:
        batch = [ActionData(title=f"Lot {run}-{op}-{j}", structure="CS Crash", department="Ain",
                            year=2023, summary=FILLER) for j in range(200)]
        print(f"BEGIN import {run}-{op}", flush=True)
        store.import_actions(batch, "crash")
        print(f"DONE import {run}-{op}", flush=True)
    else:
        i = rng.randrange(5)
        ids = store.search_ids(SearchRequest(f'"Suivi {i}"', prefix_last=False))
        detail = store.get(ids[0])
        rev = int(detail.data.description[3:]) + 1
        print(f"BEGIN save {i} {rev}", flush=True)
        store.update(detail.id, detail.version, saved(i, rev))
        print(f"DONE save {i} {rev}", flush=True)
"""


def _saved(i: int, rev: int) -> ActionData:
    return ActionData(
        title=f"Suivi {i}",
        structure="CS Crash",
        department="Drôme",
        year=2024,
        summary=f"rev{rev} " + FILLER,
        keywords=(f"motrev{rev}",),
        description=f"rev{rev}",
    )


def verify(path: Path, committed_saves: dict[int, int]) -> list[str]:
    """Problems found in the store after a kill (empty when everything holds)."""
    problems = check_file(path, full=True)
    if problems:
        return problems
    store = Store.open(path)
    try:
        ids = store.search_ids(SearchRequest())
        details = store.details(ids)
        batches: dict[str, int] = {}
        for d in details:
            m = re.fullmatch(r"Lot (\d+-\d+)-\d+", d.data.title)
            if m:
                batches[m.group(1)] = batches.get(m.group(1), 0) + 1
        for batch, n in batches.items():
            if n != IMPORT_SIZE:
                problems.append(f"import {batch} partiel : {n}/{IMPORT_SIZE} actions")
        for d in details:
            if not d.data.title.startswith("Suivi "):
                continue
            i = int(d.data.title.split()[1])
            rev = int(d.data.description[3:])
            if d.data != _saved(i, rev):
                problems.append(f"action {d.data.title} à moitié écrite (rev {rev})")
            if rev < committed_saves.get(i, 0):
                problems.append(f"{d.data.title} : rev {rev} < rev validée {committed_saves[i]}")
            hits = store.search_ids(SearchRequest(f"motrev{rev}", prefix_last=False))
            if d.id not in hits:
                problems.append(f"{d.data.title} : index de recherche en retard (rev {rev})")
    finally:
        store.close()
    return problems


def run(kills: int, seed: int, db: Path | None) -> int:
    rng = random.Random(seed)
    workdir = Path(tempfile.mkdtemp(prefix="crash-"))
    path = db or workdir / "crash.db"
    store = Store.open(path)
    for i in range(SAVED_ACTIONS):
        store.create(_saved(i, 0))
    store.close()
    committed: dict[int, int] = {}
    stats = {"kills": 0, "imports_done": 0, "saves_done": 0, "in_flight": 0, "failures": 0}
    started = time.monotonic()
    for attempt in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(ROOT), str(path), str(attempt), str(seed + attempt)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.4, 1.6))  # start-up takes ~0.3 s: kill mostly mid-work
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        stats["kills"] += 1
        lines = out.splitlines()
        for line in lines:
            parts = line.split()
            if parts[:2] == ["DONE", "save"]:
                committed[int(parts[2])] = max(committed.get(int(parts[2]), 0), int(parts[3]))
                stats["saves_done"] += 1
            elif parts[:2] == ["DONE", "import"]:
                stats["imports_done"] += 1
        if lines and lines[-1].startswith("BEGIN"):
            stats["in_flight"] += 1
        if proc.returncode != -signal.SIGKILL and err.strip():
            print(f"[{attempt}] le processus a échoué avant d'être tué :\n{err}", file=sys.stderr)
            stats["failures"] += 1
            continue
        problems = verify(path, committed)
        if problems:
            stats["failures"] += 1
            print(f"[{attempt}] PROBLÈME : " + " ; ".join(problems), file=sys.stderr)
    elapsed = time.monotonic() - started
    final = Store.open(path)
    total = final.count()
    final.close()
    print(
        f"{stats['kills']} kills en {elapsed:.0f} s ; {stats['imports_done']} imports et "
        f"{stats['saves_done']} enregistrements validés ; {stats['in_flight']} kills au milieu "
        f"d'une écriture ; {total} actions dans la base ; échecs de vérification : "
        f"{stats['failures']}"
    )
    return 1 if stats["failures"] else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    return run(args.kills, args.seed, args.db)


if __name__ == "__main__":
    sys.exit(main())
