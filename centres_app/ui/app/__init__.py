"""Start-up: the QApplication and its session, the store's checks, one window per store."""
