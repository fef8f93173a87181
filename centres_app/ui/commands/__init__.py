"""The window's command groups, composed by MainWindow (base.py: what they receive and hear)."""
