"""The parsed amount of each action's « Ressources financières », kept once computed.

The statistics total (centres_app.amounts.parse_amount over every text) took ~7 s at 100,000
actions. `action_amount` holds each action's parsed amount in cents and the number of decimals it
was written with (cents NULL: no parseable amount; amounts are whole cents by the parser's
rules, 0-2 decimals and k€/M€ multiples), filled
when a total first needs it (db/amounts.py) and emptied for the actions a write changes
(Database.writing): a row present is the amount of the action's current text.

Not with triggers: an action write already runs in the app's one write path, and a trigger per
row slows imports (see 0006). No foreign key: rows of deleted actions are removed by the same
write path.

Revision ID: 0008
Revises: 0006 (re-chained after 0007 when merged)
Create Date: 2026-12-01 16:00:00
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE action_amount (action_id INTEGER PRIMARY KEY, cents BIGINT, scale INTEGER)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE action_amount")
