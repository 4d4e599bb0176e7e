"""supervision: agency registry attributes, submissions and their findings, review states and events

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:20:00

The tables are declared in ``gongkai.supervise.records`` on the ledger's Base.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STATES = ("not_submitted", "submitted", "returned", "accepted", "published")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "supervised_agencies",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("portal_url", sa.String(length=300), nullable=False),
        sa.Column("deadline_month", sa.Integer(), nullable=True),
        sa.Column("deadline_day", sa.Integer(), nullable=True),
        sa.Column("publishes_only", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("agency_id"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("source", _enum("submissionsource", "ledger", "upload", "batch", "url"), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("submitted_by", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("read_error", sa.Text(), nullable=False),
        sa.Column("template", sa.String(length=16), nullable=True),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("reading", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "year", "sha256", name="uq_submissions_sha256"),
        sa.UniqueConstraint("agency_id", "year", "version", name="uq_submissions_version"),
    )
    op.create_index("ix_submissions_year_agency", "submissions", ["year", "agency_id"], unique=False)
    op.create_table(
        "submission_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("where", sa.String(length=200), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_submission_findings_submission_id", "submission_findings", ["submission_id"], unique=False)
    op.create_table(
        "finding_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("verdict", _enum("verdict", "confirmed", "dismissed"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "year", "fingerprint", name="uq_finding_reviews"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("state", _enum("reviewstate", *STATES), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("first_submitted_at", sa.DateTime(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("published_url", sa.String(length=500), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "year", name="uq_reviews_agency_year"),
    )
    op.create_table(
        "review_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("from_state", _enum("reviewstate", *STATES), nullable=False),
        sa.Column("to_state", _enum("reviewstate", *STATES), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["review_id"], ["reviews.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["submission_id"], ["submissions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_review_events_review_id", "review_events", ["review_id"], unique=False)
    op.create_table(
        "pending_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("source", _enum("submissionsource", "ledger", "upload", "batch", "url"), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("printed_name", sa.String(length=200), nullable=False),
        sa.Column("printed_year", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["region_id"], ["agencies.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pending_files_region_year", "pending_files", ["region_id", "year"], unique=False)
    op.create_table(
        "ledger_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ledger_comments_agency_id", "ledger_comments", ["agency_id"], unique=False)
    op.create_index("ix_ledger_comments_request_id", "ledger_comments", ["request_id"], unique=False)
    op.create_table(
        "bulletins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "year", name="uq_bulletins_agency_year"),
    )
    op.create_table(
        "scoring_schemes",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("scheme", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"]),
        sa.PrimaryKeyConstraint("agency_id"),
    )


def downgrade() -> None:
    op.drop_table("scoring_schemes")
    op.drop_table("bulletins")
    op.drop_index("ix_ledger_comments_request_id", table_name="ledger_comments")
    op.drop_index("ix_ledger_comments_agency_id", table_name="ledger_comments")
    op.drop_table("ledger_comments")
    op.drop_index("ix_pending_files_region_year", table_name="pending_files")
    op.drop_table("pending_files")
    op.drop_index("ix_review_events_review_id", table_name="review_events")
    op.drop_table("review_events")
    op.drop_table("reviews")
    op.drop_table("finding_reviews")
    op.drop_index("ix_submission_findings_submission_id", table_name="submission_findings")
    op.drop_table("submission_findings")
    op.drop_index("ix_submissions_year_agency", table_name="submissions")
    op.drop_table("submissions")
    op.drop_table("supervised_agencies")
