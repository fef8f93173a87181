"""Several processes on one store with kills (scripts/torture_test.py), a few seconds of it.

On the code before issue 13 this run lost acknowledged saves: the window-like process's
quick check read the store's header with open(), which dropped its locks, and a command-line
process closing its last connection deleted the WAL under it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(180)
def test_processes_side_by_side_with_kills_keep_every_acknowledged_write(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "torture_test.py"),
            "--seconds",
            "8",
            "--rounds",
            "1",
            "--seed",
            "2",
            "--kill-every",
            "1",
            "2.5",
            "--min-saves",
            "3",
            "--db",
            str(tmp_path / "torture.db"),
        ],
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert "échecs : 0" in summary
    saves = int(re.search(r"(\d+) enregistrements", summary).group(1))
    assert saves > 0, summary  # the window-like process really worked beside the others
