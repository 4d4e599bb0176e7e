"""Supervision: a region's office collects, audits, reviews, aggregates and reports on its agencies."""
