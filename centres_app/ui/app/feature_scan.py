"""Spares PySide6 its reading of every module imported after it (issue 17: start-up).

PySide6's `__feature__` support (shibokensupport/feature.py, `feature_imported`) decides, for
each module imported once PySide6 is, whether it may select a feature (snake_case,
true_property): it reads the module's source with inspect.getsource and looks for "PySide6"
in it (0: a module of PySide6's, switched to the features it selects; -1: ignored). At
start-up that is ~150 modules read and ~25 ms on the GUI thread, for an app that selects no
feature. A finder placed first on sys.meta_path gives the answer before the module is
loaded, and PySide then reads nothing: 0 for the app's own modules (what a module that
imports PySide6 gets), -1 for the standard library's (which never names PySide6: what PySide
itself would decide). Any other module is left to PySide. With no feature selected anywhere,
0 and -1 behave alike. Where PySide has no such table (another version), nothing is done.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - loads shibokensupport (and its import hook)

OWN_PACKAGE = "centres_app"


class _KnownModules:
    """A meta path finder that finds nothing: it only notes the modules about to load."""

    def __init__(self, table: dict[str, int]) -> None:
        self.table = table

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        self.note(name)
        return None

    def note(self, name: str) -> None:
        if name not in self.table:
            top = name.partition(".")[0]
            if top == OWN_PACKAGE:
                self.table[name] = 0
            elif top in sys.stdlib_module_names:
                self.table[name] = -1


def install() -> bool:
    """Places the finder (once); False when this PySide6 has no such table."""
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return False
    if not any(isinstance(finder, _KnownModules) for finder in sys.meta_path):
        finder = _KnownModules(table)
        for name in list(sys.modules):  # loaded already, read at their next import statement
            finder.note(name)
        sys.meta_path.insert(0, finder)
    return True
