"""Panels around the list: filters, saved searches, similar actions, the statistics dock."""
