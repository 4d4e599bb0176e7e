"""initial ledger schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 19:32:27.504739
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=True),
        sa.Column(
            "kind",
            sa.Enum("department", "government", "township", name="agencykind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["agencies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agencies_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "holiday_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("holidays", sa.JSON(), nullable=False),
        sa.Column("workdays", sa.JSON(), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "annual_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "year", "key", name="uq_annual_figures"),
    )
    op.create_table(
        "normative_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("doc_number", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("rule", "normative", name="documentkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("repealed_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "repealed_on IS NULL OR repealed_on >= issued_on", name="ck_documents_repealed_after"
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("normative_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_normative_documents_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column(
            "applicant_type",
            sa.Enum(
                "natural_person",
                "enterprise",
                "research",
                "social_org",
                "legal_service",
                "other_org",
                name="applicanttype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("id_number", sa.String(length=64), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "in_person", "letter", "online", "fax", "email", name="channel", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "awaiting_correction",
                "consulting",
                "awaiting_fee",
                "decided",
                "closed",
                name="requeststatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("waiting_due_on", sa.Date(), nullable=True),
        sa.Column("extended_days", sa.Integer(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "granted",
                "partial",
                "withheld_secret",
                "withheld_law",
                "withheld_safety",
                "withheld_third_party",
                "withheld_internal",
                "withheld_process",
                "withheld_enforcement",
                "withheld_query",
                "unavailable_not_held",
                "unavailable_needs_creation",
                "unavailable_unclear",
                "not_handled_petition",
                "not_handled_repeat",
                "not_handled_publication",
                "not_handled_excessive",
                "not_handled_confirmation",
                "other_no_correction",
                "other_no_fee",
                "other_misc",
                name="outcome",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(status IN ('decided', 'closed')) = (outcome IS NOT NULL)", name="ck_requests_status_outcome"
        ),
        sa.CheckConstraint(
            "(outcome IS NULL AND decided_on IS NULL) OR (outcome IS NOT NULL AND decided_on IS NOT NULL)",
            name="ck_requests_outcome_decided",
        ),
        sa.CheckConstraint(
            "decided_on IS NULL OR decided_on >= received_on", name="ck_requests_decided_after"
        ),
        sa.CheckConstraint(
            "replied_on IS NULL OR (decided_on IS NOT NULL AND replied_on >= decided_on)",
            name="ck_requests_replied_after",
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("agency_id", "number", name="uq_requests_agency_number"),
    )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_tables",
            ["agency_id", "applicant_type", "outcome", "received_on", "decided_on"],
            unique=False,
        )
        batch_op.create_index("ix_requests_agency_received", ["agency_id", "received_on"], unique=False)
        batch_op.create_index(
            "ix_requests_agency_status_due", ["agency_id", "status", "due_on"], unique=False
        )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column(
            "role",
            sa.Enum("clerk", "supervisor", "admin", name="role", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "appeals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "review", "suit_direct", "suit_after_review", name="appealkind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column(
            "result",
            sa.Enum(
                "upheld", "corrected", "other", "pending", name="appealresult", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("concluded_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "(result = 'pending' AND concluded_on IS NULL) OR (result <> 'pending' AND concluded_on IS NOT NULL)",
            name="ck_appeals_result_concluded",
        ),
        sa.CheckConstraint(
            "concluded_on IS NULL OR concluded_on >= filed_on", name="ck_appeals_concluded_after"
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
        ),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.create_index("ix_appeals_agency_filed", ["agency_id", "filed_on"], unique=False)

    op.create_table(
        "request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "correction_notice",
                "correction_received",
                "extension",
                "consultation_start",
                "consultation_end",
                "fee_notice",
                "fee_paid",
                "decision",
                "reply_sent",
                "status_change",
                name="eventkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "granted",
                "partial",
                "withheld_secret",
                "withheld_law",
                "withheld_safety",
                "withheld_third_party",
                "withheld_internal",
                "withheld_process",
                "withheld_enforcement",
                "withheld_query",
                "unavailable_not_held",
                "unavailable_needs_creation",
                "unavailable_unclear",
                "not_handled_petition",
                "not_handled_repeat",
                "not_handled_publication",
                "not_handled_excessive",
                "not_handled_confirmation",
                "other_no_correction",
                "other_no_fee",
                "other_misc",
                name="outcome",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "from_status",
            sa.Enum(
                "received",
                "awaiting_correction",
                "consulting",
                "awaiting_fee",
                "decided",
                "closed",
                name="requeststatus",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "received",
                "awaiting_correction",
                "consulting",
                "awaiting_fee",
                "decided",
                "closed",
                name="requeststatus",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_events_request_id"), ["request_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("request_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_events_request_id"))

    op.drop_table("request_events")
    with op.batch_alter_table("appeals", schema=None) as batch_op:
        batch_op.drop_index("ix_appeals_agency_filed")

    op.drop_table("appeals")
    op.drop_table("users")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_agency_status_due")
        batch_op.drop_index("ix_requests_agency_received")
        batch_op.drop_index("ix_requests_tables")

    op.drop_table("requests")
    with op.batch_alter_table("normative_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_normative_documents_agency_id"))

    op.drop_table("normative_documents")
    op.drop_table("annual_figures")
    op.drop_table("holiday_years")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_entity")

    op.drop_table("audit_log")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agencies_parent_id"))

    op.drop_table("agencies")
