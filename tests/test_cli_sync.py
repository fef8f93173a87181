"""`centres-app sync` (issue 19): refusals in French, without a server or with a wrong one."""

from __future__ import annotations

from centres_app.cli import main


def test_sync_with_an_unreachable_server_says_so_in_french(capsys, tmp_path):
    code = main(
        [
            "--db",
            str(tmp_path / "local.db"),
            "sync",
            "postgresql+psycopg://nobody@127.0.0.1:1/centres?connect_timeout=2",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and err.startswith("centres-app : ")


def test_sync_with_a_file_as_server_is_refused(capsys, tmp_path):
    code = main(["--db", str(tmp_path / "local.db"), "sync", str(tmp_path / "other.db")])
    err = capsys.readouterr().err
    assert code == 2
    assert "PostgreSQL" in err and "Traceback" not in err
