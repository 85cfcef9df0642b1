"""consultation record: a comment's decision, the moment a consultation was closed

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=20),
                                      nullable=True))
    for table in ('scenario', 'scenarioversion'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('consultation_closed_at',
                                          sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    for table in ('scenarioversion', 'scenario'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('consultation_closed_at')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_column('decision')
