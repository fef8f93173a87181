"""Printing: the headless engine (engine.py, also used by the command line) and the window's
print dialogs over it (dialogs.py)."""
