"""sensitivity sweeps: a scenario version's grid of solves, its progress and results

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 07:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sensitivitysweep",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("finished_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["scenario_id"], ["scenario.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sensitivitysweep", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sensitivitysweep_scenario_id"), ["scenario_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_sensitivitysweep_status"), ["status"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sensitivitysweep", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sensitivitysweep_status"))
        batch_op.drop_index(batch_op.f("ix_sensitivitysweep_scenario_id"))
    op.drop_table("sensitivitysweep")
