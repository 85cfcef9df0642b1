"""optimizer runs: a record of every run and its phase (interrupted runs survive a restart)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 23:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "optimizerrun",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("region", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("solver", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("time_limit", sa.Float(), nullable=False),
        sa.Column("submitted_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("result_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("finished_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["scenario_id"], ["scenario.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("optimizerrun", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_optimizerrun_phase"), ["phase"], unique=False)
        batch_op.create_index(batch_op.f("ix_optimizerrun_scenario_id"), ["scenario_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("optimizerrun", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_optimizerrun_scenario_id"))
        batch_op.drop_index(batch_op.f("ix_optimizerrun_phase"))
    op.drop_table("optimizerrun")
