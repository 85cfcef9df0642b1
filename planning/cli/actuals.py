"""``di-plan actual ...``: what a municipality really built and who moved, recorded against
the approved plan from the command line (issue 15), e.g. from a municipality's own records
in a script.

The command acts as a user of the store, named by ``--as``: with that user's role and
rights, as in the app (a municipality records its own; the group and the ministry list
every municipality's), and audited under that name. The database is ``DATABASE_URL``.
"""

from __future__ import annotations

import json

import click

from planning import i18n
from planning.cli.lang import TextCommand, TextGroup, TextOption, cli_lang, tr
from planning.domain.catalogue import load_catalogue
from planning.domain.errors import PlanningError, user_message
from planning.domain.geo import fold
from planning.store import progress
from planning.store.auth import actor_for_username
from planning.store.db import get_engine, init_db, session_scope
from planning.store.tables import PlanActual

SCENARIO = click.option("--scenario", "scenario_id", type=int, required=True, cls=TextOption,
                        text=i18n.msg("cli.actual.scenario"))
AS_USER = click.option("--as", "username", required=True, cls=TextOption,
                       text=i18n.msg("cli.actual.as"))
YEAR = click.option("--year", type=int, required=True, cls=TextOption,
                    text=i18n.msg("cli.actual.year"))
MUNICIPALITY = click.option("--municipality", default=None, cls=TextOption,
                            text=i18n.msg("cli.actual.municipality"))


def _run(action, username: str, **kwargs):
    """Call a progress function in a session as the user ``username``; domain errors and
    an unknown or deactivated user become click errors in the command line's language."""
    engine = init_db(get_engine())
    try:
        with session_scope(engine) as session:
            actor = actor_for_username(session=session, username=username)
            if actor is None:
                raise click.ClickException(tr("cli.actual.no_user", username=username))
            return action(session=session, actor=actor, **kwargs)
    except PlanningError as exc:
        raise click.ClickException(user_message(exc, cli_lang())) from exc


def service_id(text: str) -> str:
    """A service by its id or its name in either language (as the import files take it);
    other text is passed on, for the store to name the services planned there."""
    catalogue = load_catalogue()
    for sid, s in catalogue.services.items():
        if fold(text) in {fold(sid), fold(s.name_lv), fold(s.name_en)}:
            return sid
    return text


def _recorded(row: PlanActual) -> None:
    click.echo(tr("cli.actual.recorded", kind=tr(f"cli.actual.kind.{row.kind}"),
                  code=row.atvk_code, year=row.year, revision=row.revision))


@click.group("actual", cls=TextGroup, text=i18n.msg("cli.actual.help"))
def actuals() -> None:
    """Record and list what was really built and who moved."""


@actuals.command("opening", cls=TextCommand, text=i18n.msg("cli.actual.opening"))
@SCENARIO
@AS_USER
@click.option("--service", required=True, cls=TextOption, text=i18n.msg("cli.actual.service"))
@YEAR
@click.option("--places", type=int, required=True, cls=TextOption,
              text=i18n.msg("cli.actual.places"))
@click.option("--investment", "investment_eur", type=float, required=True, cls=TextOption,
              text=i18n.msg("cli.actual.investment"))
@MUNICIPALITY
def opening(scenario_id, username, service, year, places, investment_eur, municipality):
    """Record a facility that opened: its service, year, places and what it cost."""
    row = _run(progress.record_opening, username, scenario_id=scenario_id,
               service=service_id(service), year=year, places=places,
               investment_eur=investment_eur, municipality=municipality)
    _recorded(row)


@actuals.command("moved", cls=TextCommand, text=i18n.msg("cli.actual.moved"))
@SCENARIO
@AS_USER
@YEAR
@click.option("--persons", type=int, required=True, cls=TextOption,
              text=i18n.msg("cli.actual.persons"))
@MUNICIPALITY
def moved(scenario_id, username, year, persons, municipality):
    """Record the persons who moved out of institutions into the new places in a year."""
    row = _run(progress.record_moved, username, scenario_id=scenario_id, year=year,
               persons=persons, municipality=municipality)
    _recorded(row)


@actuals.command("list", cls=TextCommand, text=i18n.msg("cli.actual.list"))
@SCENARIO
@AS_USER
@click.option("--json", "as_json", is_flag=True, cls=TextOption,
              text=i18n.msg("cli.actual.json"))
def list_(scenario_id, username, as_json):
    """The actuals the user may see: one line each, or JSON."""
    table = _run(progress.actuals, username, scenario_id=scenario_id)
    if as_json:
        records = json.loads(table.to_json(orient="records", date_format="iso"))
        click.echo(json.dumps(records, indent=1, ensure_ascii=False))
        return
    for r in table.itertuples(index=False):
        click.echo("\t".join(str(v) for v in (r.atvk_code, r.kind, r.service or "–", r.year,
                                             r.places, r.investment_eur, r.persons)))
