"""Reading and writing exchange formats (SENACS text, JSON, CSV). No Qt here."""
