"""One Alembic script per schema change, oldest first; never edit one that was released."""
