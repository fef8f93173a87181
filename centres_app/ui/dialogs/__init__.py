"""The dialogs (one per module): export, import preview, personal data, history, trash,
restore a backup, store settings."""
