"""Several processes on one store at once, with random SIGKILLs; the store and a ledger must agree.

Usage: python scripts/torture_test.py [--seconds 300] [--rounds 5] [--seed 1] [--db PATH]

Each round runs, side by side on one SQLite store:
- a window-like process (`--role window`): one long-lived Store with its pooled connections,
  saves of its own actions in a loop, the start-up quick check and the daily backup in threads
  (as the window does), and the list refreshed from `data_version` (search + count);
- command-line imports (`python -m centres_app import FILE`) of distinct files, one after the
  other, and command-line `backup` (rotation) and `check`;
and kills any of them with SIGKILL at random moments, restarting it. Every save acknowledged
by the window-like process (printed after its commit) and every import whose command exited 0 is
written to a ledger. After each round every process is killed and the store is verified:
`PRAGMA integrity_check`, the foreign keys, FTS5's integrity-check against the rows, every
import all or nothing and every acknowledged one present, every acknowledged save there (or a
later one), every backup in the rotation sound. Prints its figures; exit 1 on any failure.
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
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from centres_app.db.backup import backup_dir, check_file  # noqa: E402
from centres_app.db.store import Store  # noqa: E402
from centres_app.domain import ActionData, SearchRequest  # noqa: E402

IMPORT_SIZE = 40
KILL_WEIGHTS = {"window": 1, "import": 4, "backup": 2, "check": 2}
SAVED_ACTIONS = 4
FILLER = "Texte de remplissage pour que chaque écriture touche plusieurs pages. " * 15


# --- the window-like process ------------------------------------------------------------------


def _window_action(i: int, rev: int) -> ActionData:
    return ActionData(
        title=f"Fenêtre {i}",
        structure="CS Torture",
        department="Drôme",
        year=2024,
        summary=f"rev{rev} " + FILLER,
        keywords=(f"fenrev{rev}",),
        description=f"rev{rev}",
    )


def run_window(path: Path, seed: int, check_every: float) -> int:
    """Behaves like the window: long-lived store, saves, checks and backups in threads."""
    rng = random.Random(seed)
    store = Store.open(path)
    stop = threading.Event()
    said = threading.Lock()

    def say(line: str) -> None:  # one write per line: two threads never mix their lines
        with said:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    def checks() -> None:
        # The start-up check and the daily backup, again and again (the window does them once
        # per start; a round starts the window many times, this makes them frequent).
        while not stop.is_set():
            problems = store.check()
            if problems:
                say("DAMAGED " + " ; ".join(problems))
                os._exit(3)
            if rng.random() < 0.3:
                try:
                    store.backup()
                    say("BACKUP")
                except Exception as exc:  # noqa: BLE001 - reported to the parent
                    say(f"BACKUPFAIL {exc}")
            stop.wait(check_every)

    thread = threading.Thread(target=checks, daemon=True)
    thread.start()
    while True:
        i = rng.randrange(SAVED_ACTIONS)
        ids = store.search_ids(SearchRequest(f'"Fenêtre {i}"', prefix_last=False))
        detail = store.get(ids[0])
        rev = int(detail.data.description[3:]) + 1
        try:
            store.update(detail.id, detail.version, _window_action(i, rev))
        except Exception as exc:  # noqa: BLE001 - busy is fine, anything else is reported
            if "occupée" not in str(exc):
                say(f"SAVEFAIL {i} {exc}")
            continue
        say(f"SAVED {i} {rev}")
        store.count()  # the list refreshed after data_version moved
        time.sleep(rng.uniform(0.0, 0.05))


# --- the parent ---------------------------------------------------------------------------------


@dataclass
class Ledger:
    saves: dict[int, int] = field(default_factory=dict)  # window action -> newest acked rev
    imports: set[str] = field(default_factory=set)  # tags of the imports that exited 0
    started_imports: set[str] = field(default_factory=set)


@dataclass
class Stats:
    kills: int = 0
    saves: int = 0
    imports: int = 0
    backups: int = 0
    checks: int = 0
    failures: list[str] = field(default_factory=list)


def _import_file(folder: Path, tag: str) -> Path:
    from centres_app.exchange.json_format import write_json

    actions = [
        ActionData(
            title=f"Lot {tag} n{j}",
            structure="CS Torture",
            department="Ain",
            year=2023,
            summary=f"lot{tag} " + FILLER,
            keywords=("lotmotcle", f"k{j % 5}"),
        )
        for j in range(IMPORT_SIZE)
    ]
    out = folder / f"lot-{tag}.json"
    write_json(actions, out)
    return out


def _cli(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "centres_app", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


class Round:
    """One round of chaos: the processes, restarted when they end or are killed."""

    def __init__(self, db: Path, folder: Path, rng: random.Random, ledger: Ledger, stats: Stats):
        self.db, self.folder, self.rng = db, folder, rng
        self.ledger, self.stats = ledger, stats
        self.procs: dict[str, subprocess.Popen[str]] = {}
        self.meta: dict[str, str] = {}
        self.window_lines: list[str] = []
        self.readers: list[threading.Thread] = []
        self.next_tag = 0

    def _start(self, role: str) -> None:
        if role == "window":
            proc = subprocess.Popen(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--role",
                    "window",
                    "--db",
                    str(self.db),
                    "--seed",
                    str(self.rng.randrange(1 << 30)),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            # Its acknowledgements are read as they come, by a thread (lines into a list).
            reader = threading.Thread(target=self._read_window, args=(proc,), daemon=True)
            reader.start()
            self.readers.append(reader)
        elif role == "import":
            tag = f"{os.getpid()}-{self.next_tag}"
            self.next_tag += 1
            path = _import_file(self.folder, tag)
            self.ledger.started_imports.add(tag)
            self.meta[role] = tag
            proc = _cli(self.db, "import", str(path))
        elif role == "backup":
            proc = _cli(self.db, "backup")
        else:
            proc = _cli(self.db, "check")
        self.procs[role] = proc

    def _read_window(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.window_lines.append(line)

    def _drain_window(self) -> None:
        while self.window_lines:
            line = self.window_lines.pop(0)
            if line.endswith("\n"):  # a line cut by a kill was never acknowledged
                self._window_line(line)

    def _window_line(self, line: str) -> None:
        parts = line.split()
        if parts[:1] == ["SAVED"]:
            i, rev = int(parts[1]), int(parts[2])
            self.ledger.saves[i] = max(self.ledger.saves.get(i, 0), rev)
            self.stats.saves += 1
        elif parts[:1] == ["BACKUP"]:
            self.stats.backups += 1
        elif parts[:1] == ["DAMAGED"] or parts[:1] in (["SAVEFAIL"], ["BACKUPFAIL"]):
            self.stats.failures.append("fenêtre : " + line)

    def _reap(self, role: str, proc: subprocess.Popen[str]) -> None:
        """A process that ended by itself: its exit code goes to the ledger."""
        if role == "window":
            proc.wait(timeout=30)
            for reader in self.readers:
                reader.join(timeout=30)
            self.readers = []
            self._drain_window()
            err = proc.stderr.read() if proc.stderr is not None else ""
            if proc.returncode != -signal.SIGKILL:
                self.stats.failures.append(f"fenêtre sortie {proc.returncode} : {err[-500:]}")
            return
        _, err = proc.communicate(timeout=30)
        if proc.returncode == -signal.SIGKILL:
            return
        if role == "import":
            if proc.returncode == 0:
                self.ledger.imports.add(self.meta[role])
                self.stats.imports += 1
            elif "occupée" not in err:
                self.stats.failures.append(f"import : code {proc.returncode} : {err.strip()}")
        elif role == "backup":
            if proc.returncode == 0:
                self.stats.backups += 1
            elif "occupée" not in err:
                self.stats.failures.append(f"backup : code {proc.returncode} : {err.strip()}")
        elif role == "check":
            self.stats.checks += 1
            if proc.returncode != 0 and "occupée" not in err:
                self.stats.failures.append(f"check : code {proc.returncode} : {err.strip()}")

    def run(self, seconds: float, kill_every: tuple[float, float], min_saves: int = 0) -> None:
        """`seconds` of chaos; longer (at most 60 s more) until the window-like process has
        acknowledged `min_saves` saves in all: on a busy machine its start-up is slow."""
        deadline = time.monotonic() + seconds
        hard_deadline = deadline + 60
        next_kill = time.monotonic() + self.rng.uniform(*kill_every)
        for role in ("window", "import", "backup", "check"):
            self._start(role)
        while time.monotonic() < deadline or (
            self.stats.saves < min_saves and time.monotonic() < hard_deadline
        ):
            self._drain_window()
            for role, proc in list(self.procs.items()):
                if proc.poll() is not None:
                    self._reap(role, proc)
                    self._start(role)
            if time.monotonic() >= next_kill:
                # The window lives long (as a real one does): it is killed less often.
                role = self.rng.choices(list(KILL_WEIGHTS), weights=KILL_WEIGHTS.values())[0]
                self.procs[role].kill()
                self.stats.kills += 1
                next_kill = time.monotonic() + self.rng.uniform(*kill_every)
            time.sleep(0.02)
        for role, proc in self.procs.items():
            proc.kill()
            self._reap(role, proc)
        self.procs = {}


def verify(db: Path, ledger: Ledger) -> list[str]:
    """What does not hold after a round (empty when the store, its backups and ledger agree)."""
    problems = check_file(db, full=True)
    if problems:
        return problems
    store = Store.open(db)
    try:
        details = store.details(store.search_ids(SearchRequest()))
        batches: dict[str, int] = {}
        for d in details:
            m = re.fullmatch(r"Lot (\S+) n\d+", d.data.title)
            if m:
                batches[m.group(1)] = batches.get(m.group(1), 0) + 1
            m = re.fullmatch(r"Fenêtre (\d+)", d.data.title)
            if m:
                i, rev = int(m.group(1)), int(d.data.description[3:])
                if d.data != _window_action(i, rev):
                    problems.append(f"{d.data.title} à moitié écrite (rev {rev})")
                if rev < ledger.saves.get(i, 0):
                    problems.append(
                        f"{d.data.title} : rev {rev} < rev enregistrée {ledger.saves[i]} (perdue)"
                    )
                hits = store.search_ids(SearchRequest(f"fenrev{rev}", prefix_last=False))
                if d.id not in hits:
                    problems.append(f"{d.data.title} : index de recherche en retard")
        for tag, n in batches.items():
            if n != IMPORT_SIZE:
                problems.append(f"import {tag} partiel : {n}/{IMPORT_SIZE} actions")
        for tag in ledger.imports:
            if batches.get(tag) != IMPORT_SIZE:
                problems.append(f"import {tag} validé mais absent ({batches.get(tag, 0)})")
        lots = len(store.search_ids(SearchRequest("lotmotcle", prefix_last=False)))
        if lots != sum(batches.values()):
            problems.append(f"recherche « lotmotcle » : {lots} au lieu de {sum(batches.values())}")
    finally:
        store.close()
    for backup in sorted(backup_dir(db).glob("*.db")):
        bad = check_file(backup, full=False)
        if bad:
            problems.append(f"sauvegarde {backup.name} : " + " ; ".join(bad))
    return problems


def run(
    seconds: float,
    rounds: int,
    seed: int,
    db: Path | None,
    kill_every: tuple[float, float] = (0.3, 1.5),
    min_saves: int = 0,
) -> int:
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="torture-"))
    path = db or folder / "torture.db"
    store = Store.open(path)
    for i in range(SAVED_ACTIONS):
        store.create(_window_action(i, 0))
    store.close()
    ledger, stats = Ledger(), Stats()
    started = time.monotonic()
    per_round = seconds / rounds
    for number in range(1, rounds + 1):
        Round(path, folder, rng, ledger, stats).run(per_round, kill_every, min_saves)
        problems = verify(path, ledger)
        if problems:
            stats.failures.extend(f"tour {number} : {p}" for p in problems)
            print(f"[tour {number}] PROBLÈME : " + " ; ".join(problems), file=sys.stderr)
            break
    elapsed = time.monotonic() - started
    for failure in stats.failures:
        print(f"échec : {failure}", file=sys.stderr)
    print(
        f"{rounds} tour(s) en {elapsed:.0f} s ; {stats.kills} kills ; "
        f"{stats.saves} enregistrements et {stats.imports} imports validés (registre) ; "
        f"{stats.backups} sauvegardes ; {stats.checks} vérifications ; "
        f"échecs : {len(stats.failures)}"
    )
    return 1 if stats.failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--role", choices=["window"], default=None)
    parser.add_argument("--check-every", type=float, default=0.3)
    parser.add_argument(
        "--kill-every",
        type=float,
        nargs=2,
        default=(0.3, 1.5),
        metavar=("MIN", "MAX"),
        help="seconds between two kills, drawn between MIN and MAX",
    )
    parser.add_argument(
        "--min-saves",
        type=int,
        default=0,
        help="a round goes on (60 s at most) until the window-like process has saved this often",
    )
    args = parser.parse_args()
    if args.role == "window":
        return run_window(args.db, args.seed, args.check_every)
    return run(
        args.seconds, args.rounds, args.seed, args.db, tuple(args.kill_every), args.min_saves
    )


if __name__ == "__main__":
    sys.exit(main())
