"""Alembic environment: runs on the engine handed over by centres_app.db.engine.migrate()."""

from alembic import context

from centres_app.db.models import Base

engine = context.config.attributes["engine"]


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The full-text index (FTS5 tables, PostgreSQL search_vector) is made by hand."""
    if type_ == "column" and name == "search_vector":
        return False
    return not (type_ == "table" and name is not None and name.startswith("action_fts"))


with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=include_object,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
