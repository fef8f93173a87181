"""Alembic environment: runs on the engine handed over by centres_app.db.engine.migrate()."""

from alembic import context

from centres_app.db.models import Base

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
