"""sweep kind: a sensitivity sweep or a robust plan, in the same table

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sensitivitysweep", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20),
                                      nullable=False, server_default="sweep"))
        batch_op.create_index(batch_op.f("ix_sensitivitysweep_kind"), ["kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sensitivitysweep", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sensitivitysweep_kind"))
        batch_op.drop_column("kind")
