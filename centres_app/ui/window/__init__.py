"""The main window: layout, state and signal wiring; its remembered layout, the watch for other
processes' commits."""
