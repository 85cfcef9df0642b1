"""Storage: tables, migrations, scenarios and their versions, lifecycle, consultation,
users, audit, runs."""
