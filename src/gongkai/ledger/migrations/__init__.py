"""Alembic migration scripts of the ledger (run by gongkai.ledger.db.upgrade)."""
