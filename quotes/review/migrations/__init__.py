"""The review store's Alembic environment and migration scripts (``versions/``), run by
:func:`quotes.review.store.upgrade` whenever a store is opened."""
