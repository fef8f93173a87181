"""The generator and the benchmark run end to end on a small N (figures are not checked)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from centres_app.exchange.senacs_reader import read_senacs_file

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import DEPARTMENTS, generate_actions  # noqa: E402


def test_generator_is_deterministic_and_realistic():
    first = list(generate_actions(300, seed=3))
    assert first == list(generate_actions(300, seed=3))
    assert first != list(generate_actions(300, seed=4))
    assert len({a.identity for a in first}) == 300
    assert {a.department for a in first} <= set(DEPARTMENTS)
    assert len({a.department for a in first}) > 50
    assert all(2010 <= a.year <= 2026 for a in first)
    assert all(1 <= len(a.keywords) <= 4 and a.public and a.territory for a in first)
    size = sum(len(a.summary + a.experience + a.description) for a in first) / 300
    assert size > 1000
    assert any("é" in a.summary for a in first)


def test_generator_cli_writes_a_senacs_file_that_reads_back(tmp_path):
    out = tmp_path / "gen.txt"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "120", "--senacs", str(out)],
        check=True,
        capture_output=True,
    )
    assert read_senacs_file(out) == list(generate_actions(120))


def test_benchmark_runs_on_a_small_store(tmp_path):
    env = dict(os.environ, CENTRES_BENCH_CACHE=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--sizes", "300", "--quick"],
        check=True,
        capture_output=True,
        env=env,
        text=True,
        timeout=120,
    )
    lines = done.stdout.strip().splitlines()
    assert "first rows shown, p95" in done.stdout
    result = json.loads(lines[-1])["results"][0]
    assert result["n"] == 300
    assert result["import_rate"] > 0
    assert 0 < result["first_rows_p95_ms"] < 10_000
    assert result["speedup_first_rows"] > 0
    assert result["peak_rss_mb"] > 0
    assert len(result["per_query_ms"]) >= 15
