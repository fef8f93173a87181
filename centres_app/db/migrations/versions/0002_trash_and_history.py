"""Trash (« Corbeille ») and history of previous versions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 16:05:09
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_revision_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_revision")),
    )
    with op.batch_alter_table("action_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_revision_action_id"), ["action_id"], unique=False
        )

    op.create_table(
        "deleted_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("structure", sa.String(length=300), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("history", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_action")),
    )
    with op.batch_alter_table("deleted_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deleted_action_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_deleted_action_deleted_at"), ["deleted_at"], unique=False
        )


def downgrade() -> None:
    op.drop_table("deleted_action")
    op.drop_table("action_revision")
