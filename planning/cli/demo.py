"""``di-plan demo``: seed a demo on the database of ``DATABASE_URL`` (see planning.store.demo)."""

from __future__ import annotations

import click

from planning import i18n
from planning.cli.lang import TextCommand, cli_lang, tr
from planning.domain.errors import PlanningError, user_message
from planning.store.db import get_engine, init_db
from planning.store.demo import PLAN_NAME, seed_demo


@click.command("demo", cls=TextCommand, text=i18n.msg("cli.demo.help"))
def demo() -> None:
    """One account per role (passwords printed) and a Kurzeme plan published for
    consultation with comments; run again for new passwords."""
    engine = init_db(get_engine())
    try:
        seed = seed_demo(engine)
    except PlanningError as exc:
        raise click.ClickException(user_message(exc, cli_lang())) from exc
    state = tr("cli.demo.created") if seed.created else tr("cli.demo.kept")
    click.echo(tr("cli.demo.plan", state=state, name=PLAN_NAME, scenario=seed.scenario_id))
    click.echo(tr("cli.demo.accounts"))
    for username, role, password in seed.accounts:
        click.echo(f"  {username:<18} {role:<17} {password}")
