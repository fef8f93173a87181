"""The store: SQLAlchemy models, engine and pragmas, migrations, search and services. No Qt."""
