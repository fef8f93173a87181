"""The crash-safety script itself works: a few SIGKILLs, the store verified after each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_kill_script_runs_and_finds_the_store_intact(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "crash_test.py"),
            "--kills",
            "3",
            "--db",
            str(tmp_path / "crash.db"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "3 kills" in result.stdout
    assert "échecs de vérification : 0" in result.stdout
