"""Tests of the request ledger (gongkai.ledger)."""
