"""The tabs of the detail pane, one class per tab, each with a read page and an edit page."""
