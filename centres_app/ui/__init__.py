"""The Qt layer: main window, list model, filter panel, detail tabs, editor, printing."""
