"""Small reusable widgets of the detail pane: read views, field editors, term lists, chips."""
