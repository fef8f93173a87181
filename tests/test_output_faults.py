"""Every file the app writes (PDF, exports, backups): checked target, temp file, nothing left.

Issue 14, deliverable 4: a folder, a device or a FIFO given as the output is refused before
anything is written (a device node is never replaced by a regular file); a write that meets a
full disk ends with exit 2, a French message and no file, not even a temporary one.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from centres_app.cli import main

ENGLISH = ("No space", "Is a directory", "Permission denied", "Read-only", "QPainter", "Errno")

# `sheet` run in-process creates a QGuiApplication when no application exists yet; the widget
# tests later in the same process would then abort (a QWidget needs a QApplication).
pytestmark = pytest.mark.usefixtures("qapp")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".part")))


def _french_refusal(err: str) -> None:
    assert err.startswith("centres-app : "), err
    assert "Traceback" not in err
    for word in ENGLISH:
        assert word not in err, err


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device that discards nothing and accepts nothing: /dev/full or a copy.

    As root a copy of /dev/full is made in tmp_path, so that a failing (old) code that replaces
    the node damages only the copy, never the machine's /dev/full.
    """
    if os.geteuid() == 0:
        node = tmp_path / "full"
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        except OSError:
            pytest.skip("mknod refused (no CAP_MKNOD): cannot make a safe device copy")
        return node
    return Path("/dev/full")


def _assert_still_device(node: Path) -> None:
    assert stat.S_ISCHR(os.stat(node).st_mode), f"{node} was replaced by a regular file"


# --- non-regular targets ---------------------------------------------------------------------


@pytest.mark.parametrize("command", ["sheet", "sheet-all", "export", "export-ods", "backup"])
def test_device_target_refused(capsys, sample_db, device, command):
    argv = {
        "sheet": ["sheet", "1", "--pdf", str(device)],
        "sheet-all": ["sheet", "--all", "--pdf", str(device)],
        "export": ["export", "--format", "json", str(device)],
        "export-ods": ["export", "--format", "ods", str(device)],
        "backup": ["backup", str(device)],
    }[command]
    code, out, err = run(capsys, "--db", str(sample_db), *argv)
    assert code == 2, (out, err)
    assert out == ""
    _french_refusal(err)
    assert "périphérique" in err
    _assert_still_device(device)
    assert not _leftovers(device.parent)


@pytest.mark.parametrize("command", ["sheet", "export", "backup"])
def test_directory_target_refused(capsys, sample_db, tmp_path, command):
    folder = tmp_path / "dossier"
    folder.mkdir()
    argv = {
        "sheet": ["sheet", "1", "--pdf", str(folder)],
        "export": ["export", "--format", "csv", str(folder)],
        "backup": ["backup", str(folder)],
    }[command]
    code, out, err = run(capsys, "--db", str(sample_db), *argv)
    assert code == 2
    _french_refusal(err)
    assert "c'est un dossier" in err
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert not _leftovers(tmp_path)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("command", ["sheet", "export", "backup"])
def test_fifo_target_refused_without_hanging(capsys, sample_db, tmp_path, command):
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    argv = {
        "sheet": ["sheet", "1", "--pdf", str(fifo)],
        "export": ["export", "--format", "json", str(fifo)],
        "backup": ["backup", str(fifo)],
    }[command]
    code, _, err = run(capsys, "--db", str(sample_db), *argv)
    assert code == 2
    _french_refusal(err)
    assert "FIFO" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not _leftovers(tmp_path)


@pytest.mark.parametrize("command", ["sheet", "export"])
def test_missing_folder_said_in_french(capsys, sample_db, tmp_path, command):
    target = tmp_path / "absent" / "sortie.pdf"
    argv = (
        ["sheet", "1", "--pdf", str(target)]
        if command == "sheet"
        else ["export", "--format", "json", str(target)]
    )
    code, _, err = run(capsys, "--db", str(sample_db), *argv)
    assert code == 2
    _french_refusal(err)
    assert "n'existe pas" in err


def test_symlink_to_regular_file_is_replaced_by_the_export(capsys, sample_db, tmp_path):
    real = tmp_path / "reel.json"
    real.write_text("ancien")
    link = tmp_path / "lien.json"
    link.symlink_to(real)
    code, _, err = run(capsys, "--db", str(sample_db), "export", str(link))
    assert code == 0, err
    assert link.read_text(encoding="utf-8").startswith("[") or link.stat().st_size > 10


# --- full disk (a file size limit stands for it: writes beyond it fail with EFBIG) -----------

_LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from centres_app.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


def _run_limited(limit: int, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", _LIMITED, str(limit), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


@pytest.mark.timeout(150)
@pytest.mark.parametrize(
    "argv",
    [
        ["sheet", "--all", "--pdf", "{out}.pdf"],
        ["export", "--format", "json", "{out}.json"],
        ["export", "--format", "xlsx", "{out}.xlsx"],
    ],
    ids=["dossier-pdf", "json", "xlsx"],
)
def test_full_disk_leaves_nothing_and_says_so(sample_db, tmp_path, argv):
    out_dir = tmp_path / "sorties"
    out_dir.mkdir()
    argv = [a.format(out=out_dir / "sortie") for a in argv]
    done = _run_limited(40_000, "--db", str(sample_db), *argv)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "page(s)" not in done.stdout and "exportée" not in done.stdout
    _french_refusal(done.stderr)
    assert "disque" in done.stderr
    assert list(out_dir.iterdir()) == [], "a partial or temporary file was left"


@pytest.mark.timeout(150)
def test_full_disk_keeps_the_previous_pdf(sample_db, tmp_path):
    target = tmp_path / "dossier.pdf"
    target.write_bytes(b"%PDF-1.4 ancien\n%%EOF\n")
    done = _run_limited(40_000, "--db", str(sample_db), "sheet", "--all", "--pdf", str(target))
    assert done.returncode == 2, done.stderr
    assert target.read_bytes() == b"%PDF-1.4 ancien\n%%EOF\n"
    assert _leftovers(tmp_path) == []


def test_sheet_still_written_and_readable(capsys, sample_db, tmp_path):
    from pypdf import PdfReader

    target = tmp_path / "fiche.pdf"
    code, out, err = run(capsys, "--db", str(sample_db), "sheet", "1", "2", "--pdf", str(target))
    assert code == 0, err
    pages = int(out.split(":")[-1].split()[0])
    assert len(PdfReader(str(target)).pages) == pages
    assert _leftovers(tmp_path) == []


# --- the French description of OS errors -------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOSPC, "disque plein"),
        (errno.EROFS, "lecture seule"),
        (errno.EACCES, "permission refusée"),
        (errno.EISDIR, "dossier"),
        (errno.ELOOP, "boucle"),
        (errno.EFBIG, "trop grand"),
    ],
)
def test_os_errors_in_french(code, expected):
    from centres_app.errors import describe_os_error

    text = describe_os_error(OSError(code, os.strerror(code)))
    assert expected in text
    assert os.strerror(code) not in text
    assert " ; " in text  # a cause, then what to do


def test_unknown_os_error_has_no_english():
    from centres_app.errors import describe_os_error

    text = describe_os_error(OSError(errno.ECONNRESET, os.strerror(errno.ECONNRESET)))
    assert "ECONNRESET" in text and os.strerror(errno.ECONNRESET) not in text
