"""PySide6 reads no source of the app's modules, nor of the standard library's (issue 17)."""

from __future__ import annotations

import sys

import centres_app.ui.app  # noqa: F401 - installs the finder
from centres_app.ui.app import feature_scan


def _table() -> dict[str, int]:
    return sys.modules["shibokensupport.feature"].pyside_feature_dict


def test_modules_imported_after_pyside_are_known_before_pyside_reads_them(monkeypatch):
    assert feature_scan.install()  # this PySide6 has the table; installed once
    assert sum(isinstance(f, feature_scan._KnownModules) for f in sys.meta_path) == 1
    read = []
    feature = sys.modules["shibokensupport.feature"]
    original = feature._mod_uses_pyside
    monkeypatch.setattr(
        feature, "_mod_uses_pyside", lambda module: read.append(module.__name__) or original(module)
    )
    for name in ("centres_app.ui.store_names", "colorsys"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        monkeypatch.delitem(_table(), name, raising=False)
        # A from-import returns the module itself to PySide's import hook, which reads it.
        exec(f"from {name} import __doc__")
    # What PySide itself would decide: the app's module takes part (0), the standard
    # library's is ignored (-1); neither was read.
    assert _table()["centres_app.ui.store_names"] == 0
    assert _table()["colorsys"] == -1
    assert read == []


def test_another_package_is_left_to_pyside():
    finder = feature_scan._KnownModules({})
    finder.note("some_package.module")
    finder.note("centres_app.x")
    assert finder.table == {"centres_app.x": 0}
    assert finder.find_spec("centres_app.y") is None  # it finds nothing itself
