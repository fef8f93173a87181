"""The PyInstaller bundle: built from build.spec, then driven from its CLI like a user would.

Slow (a build takes one to two minutes) and opt-in: run it with
`CENTRES_APP_TEST_BUNDLE=1 pytest tests/test_bundle.py` or `pytest -m slow`.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from centres_app import __version__
from centres_app.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
EXE_NAME = "centres-app.exe" if sys.platform.startswith("win") else "centres-app"
SIZE_LIMIT = 150 * 1024 * 1024  # design §9
# Qt modules the app does not use: their libraries must not reach the bundle.
# QtNetwork is wanted: the one-window-per-store guard talks over a QLocalServer.
UNWANTED = ("WebEngine", "Qml", "Quick", "3DCore", "Multimedia", "NetworkAuth", "Pdf")

# The build (up to 15 min, its subprocess timeout) counts against the first test that needs it.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


@pytest.fixture(scope="module")
def bundle(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's folder, built once for the module into a temporary dist/."""
    asked = os.environ.get("CENTRES_APP_TEST_BUNDLE") == "1" or "slow" in (
        request.config.getoption("markexpr", "") or ""
    )
    if not asked:
        pytest.skip("bundle build is opt-in: CENTRES_APP_TEST_BUNDLE=1 or pytest -m slow")
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[build]')")
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    folder = work / "dist" / "centres-app"
    assert (folder / EXE_NAME).is_file()
    return folder


@pytest.fixture()
def user_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose default store lives in a fresh, empty data directory."""
    env = {k: v for k, v in os.environ.items() if k != "CENTRES_APP_DB"}
    home = tmp_path / "home"
    home.mkdir()
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), APPDATA=str(home / "appdata"))
    env.update(XDG_CONFIG_HOME=str(home / "config"), QT_QPA_PLATFORM="offscreen")
    return env


def run(bundle: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(bundle / EXE_NAME), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        cwd=bundle.parent,  # not the checkout: resources must come from the bundle
    )


def test_version(bundle: Path) -> None:
    result = run(bundle, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"centres-app {__version__}"


def test_import_list_and_sheet_from_the_bundle(
    bundle: Path, tmp_path: Path, user_env: dict[str, str]
) -> None:
    db = tmp_path / "essai.db"
    sample = ROOT / "resources" / "senacs-drome.txt"
    imported = run(bundle, "--db", str(db), "import", str(sample), env=user_env)
    # The store is created through the Alembic scripts shipped as files in the bundle.
    assert imported.returncode == 0, imported.stderr
    assert "18 créée(s)" in imported.stdout

    listed = run(bundle, "--db", str(db), "list", "--query", "velo", env=user_env)
    assert listed.returncode == 0, listed.stderr
    assert "TOUS A VELO !" in listed.stdout

    if "sheet" not in COMMANDS:
        pytest.skip("the sheet command does not exist yet")
    pdf = tmp_path / "fiche.pdf"
    printed = run(bundle, "--db", str(db), "sheet", "18", "--pdf", str(pdf), env=user_env)
    assert printed.returncode == 0, printed.stderr
    from pypdf import PdfReader

    text = PdfReader(str(pdf)).pages[0].extract_text()
    # Qt's PDF output separates words with tabs; compare words.
    assert "TOUS A VELO" in " ".join(text.split())


def test_a_big_import_is_parsed_by_a_second_process_of_the_bundle(
    bundle: Path, tmp_path: Path, user_env: dict[str, str]
) -> None:
    """A file over pipeline.MIN_BYTES is parsed in a child started with "spawn": in the bundle
    the child is the bundle's own executable (multiprocessing.freeze_support in __main__)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write_senacs

    from centres_app.exchange.pipeline import MIN_BYTES

    big = write_senacs(2000, tmp_path / "big.txt", seed=5)
    assert big.stat().st_size >= MIN_BYTES
    db = tmp_path / "big.db"
    imported = run(bundle, "--db", str(db), "import", str(big), env=user_env)
    assert imported.returncode == 0, imported.stderr
    assert "2000 créée(s)" in imported.stdout
    listed = run(bundle, "--db", str(db), "list", "--limit", "1", env=user_env)
    assert "2000 actions." in listed.stderr


def test_default_store_is_seeded_from_the_bundled_sample(
    bundle: Path, user_env: dict[str, str]
) -> None:
    listed = run(bundle, "list", env=user_env)
    assert listed.returncode == 0, listed.stderr
    assert "18 actions." in listed.stderr


def test_window_starts(bundle: Path, user_env: dict[str, str]) -> None:
    """The GUI starts on the default store and stays up (offscreen platform from the bundle)."""
    marker = Path(user_env["XDG_DATA_HOME"]) / "centres-app" / "centres.seeded"
    proc = subprocess.Popen(
        [str(bundle / EXE_NAME)],
        env=user_env,
        cwd=bundle.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(3)  # the window is built after the store is seeded
        alive = proc.poll() is None
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert marker.exists(), err
    assert alive, err
    assert "Traceback" not in err, err


def test_bundle_is_small_and_carries_no_unused_qt(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    assert size <= SIZE_LIMIT, f"{size / 2**20:.0f} MB"
    unwanted = [p.name for p in files if any(f"Qt6{m}" in p.name for m in UNWANTED)]
    assert unwanted == []
    assert any("Qt6Network" in p.name for p in files)
    internal = bundle / "_internal"
    assert (internal / "resources" / "senacs-drome.txt").is_file()
    assert (internal / "resources" / "icons" / "centres-app.png").is_file()
    assert list((internal / "centres_app" / "db" / "migrations" / "versions").glob("0001_*.py"))
