"""``di-plan demo``: seed a demo on the database of ``DATABASE_URL`` (see planning.store.demo)."""

from __future__ import annotations

import click

from planning.domain.errors import PlanningError
from planning.store.db import get_engine, init_db
from planning.store.demo import PLAN_NAME, seed_demo


@click.command("demo")
def demo() -> None:
    """One account per role (passwords printed) and a Kurzeme plan published for
    consultation with comments; run again for new passwords."""
    engine = init_db(get_engine())
    try:
        seed = seed_demo(engine)
    except PlanningError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{'created' if seed.created else 'kept'}: '{PLAN_NAME}' (scenario "
               f"{seed.scenario_id}), published for consultation with comments")
    click.echo("accounts (sign in on 'Pieteikties / Sign in'; the public needs none):")
    for username, role, password in seed.accounts:
        click.echo(f"  {username:<18} {role:<17} {password}")
