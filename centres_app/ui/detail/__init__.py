"""The detail pane of an action: header, tabs, read and edit modes."""
