"""Where the store lives: default location, precedence of --db and the environment, risky places."""

from __future__ import annotations

from pathlib import Path

from centres_app.config import default_db_path, resolve_db_target, risky_location


def test_precedence_of_db_option_environment_and_default(monkeypatch):
    monkeypatch.delenv("CENTRES_APP_DB", raising=False)
    assert resolve_db_target(None) == (str(default_db_path()), True)
    monkeypatch.setenv("CENTRES_APP_DB", "/tmp/env.db")
    assert resolve_db_target(None) == ("/tmp/env.db", False)
    assert resolve_db_target("/tmp/cli.db") == ("/tmp/cli.db", False)


def test_cloud_folders_and_network_shares_are_flagged(tmp_path):
    no_mounts = tmp_path / "mounts"
    no_mounts.write_text("/dev/sda1 / ext4 rw 0 0\n")
    for risky in (
        Path("C:/Users/Anne/OneDrive/Documents/centres.db"),
        Path("/home/anne/Dropbox/centres.db"),
        Path("/Users/anne/Library/Mobile Documents/com~apple~CloudDocs/c.db"),
        Path("/home/anne/Google Drive/c.db"),
    ):
        assert "nuage" in risky_location(risky, no_mounts), risky
    assert "réseau" in risky_location(Path("//serveur/partage/c.db"), no_mounts)
    assert risky_location(Path("/home/anne/.local/share/centres-app/centres.db"), no_mounts) is None


def test_network_mount_is_flagged(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\nsrv:/export /mnt/partage nfs4 rw 0 0\n")
    assert "nfs4" in risky_location(Path("/mnt/partage/equipe/c.db"), mounts)
    assert risky_location(Path("/mnt/local/c.db"), mounts) is None
