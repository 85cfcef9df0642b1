"""run heartbeat: the owning app process renews it, so another replica can tell a dead one

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("optimizerrun", "sensitivitysweep")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("heartbeat_at", sqlmodel.sql.sqltypes.UTCDateTime(),
                                          nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("heartbeat_at")
