"""plan actuals: what municipalities really opened and moved under an approved plan

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "planactual",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("atvk_code", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("service", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("investment_eur", sa.Float(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["scenarioversion.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "atvk_code", "kind", "service", "year", "revision",
                            name="uq_plan_actual_revision"),
    )
    with op.batch_alter_table("planactual", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_planactual_version_id"), ["version_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("planactual", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planactual_version_id"))
    op.drop_table("planactual")
