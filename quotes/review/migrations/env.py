"""Alembic's environment for the review store: run on the connection the store hands it.

:func:`quotes.review.store.upgrade` builds the Config in code and puts its open
connection in ``config.attributes["connection"]``, so nothing here reads an ini file or
a URL; the migrations run in the store's transaction.
"""

from __future__ import annotations

from alembic import context

from quotes.review.tables import Base


def run_migrations() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite alters a table by copying it (Alembic's batch mode); PostgreSQL in place.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
