"""Actions des centres sociaux: record, search and print SENACS action sheets."""

__version__ = "0.1.0"
