"""Start-up: the QApplication and its session, the store's checks, one window per store."""

from centres_app.ui.app import feature_scan

feature_scan.install()  # before the window's modules are imported (issue 17: start-up)
