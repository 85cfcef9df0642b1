"""``di-plan user ...``: manage users from the command line (administrators).

The database is ``DATABASE_URL`` (default: the local SQLite file); it is migrated first.
Every change is audited as made by ``cli:<login name>``.
"""

from __future__ import annotations

import getpass
import sys

import click

from planning import i18n
from planning.cli.lang import TextCommand, TextGroup, TextOption, cli_lang, tr
from planning.domain.errors import PlanningError, user_message
from planning.domain.roles import Actor, Role
from planning.store.auth import create_user, deactivate_user, list_users, set_password
from planning.store.db import get_engine, init_db, session_scope

ROLES = [r.value for r in Role if r != Role.PUBLIC]
PASSWORD_STDIN = click.option("--password-stdin", is_flag=True, cls=TextOption,
                              text=i18n.msg("cli.user.password_stdin"))


def _admin() -> Actor:
    return Actor(username=f"cli:{getpass.getuser()}", role=Role.ADMIN)


def _run(action, **kwargs):
    """Call a planning function in a session; domain errors become click errors."""
    engine = init_db(get_engine())
    try:
        with session_scope(engine) as session:
            return action(session=session, actor=_admin(), **kwargs)
    except PlanningError as exc:
        raise click.ClickException(user_message(exc, cli_lang())) from exc


@click.group("user", cls=TextGroup, text=i18n.msg("cli.user.help"))
def users() -> None:
    """Add, list, deactivate users and set passwords."""


@users.command("add", cls=TextCommand, text=i18n.msg("cli.user.add"))
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True, cls=TextOption,
              text=i18n.msg("cli.user.role"))
@click.option("--region", cls=TextOption, text=i18n.msg("cli.user.region"))
@click.option("--municipality", "municipality_code", cls=TextOption,
              text=i18n.msg("cli.user.municipality"))
@click.option("--name", "display_name", default="", cls=TextOption,
              text=i18n.msg("cli.user.name"))
@PASSWORD_STDIN
@click.option("--no-password", is_flag=True, cls=TextOption,
              text=i18n.msg("cli.user.no_password"))
def add(username, role, region, municipality_code, display_name, password_stdin, no_password):
    """Add a user; the password is prompted for (never given on the command line, where
    other users of the machine and the shell history would see it)."""
    password = None if no_password else _password(password_stdin)
    user = _run(create_user, user_in={
        "username": username, "role": role, "region": region,
        "municipality_code": municipality_code, "display_name": display_name,
        "password": password})
    click.echo(tr("cli.user.added", username=user.username, role=user.role))


def _password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or typed twice at a prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(tr("cli.user.password"), hide_input=True,
                        confirmation_prompt=tr("cli.user.password_again"))


@users.command("list", cls=TextCommand, text=i18n.msg("cli.user.list"))
def list_() -> None:
    """List users."""
    for u in _run(list_users):
        where = u.region or u.municipality_code or ""
        state = "" if u.active else "  " + tr("cli.user.inactive")
        click.echo(f"{u.username}\t{u.role}\t{where}\t{u.display_name}{state}")


@users.command("set-password", cls=TextCommand, text=i18n.msg("cli.user.set_password"))
@click.argument("username")
@PASSWORD_STDIN
def set_password_(username, password_stdin) -> None:
    """Set a user's password (prompted for, or read from standard input)."""
    _run(set_password, username=username, password=_password(password_stdin))
    click.echo(tr("cli.user.password_changed", username=username))


@users.command("deactivate", cls=TextCommand, text=i18n.msg("cli.user.deactivate"))
@click.argument("username")
def deactivate(username) -> None:
    """Block a user's sign-in (history is kept)."""
    _run(deactivate_user, username=username)
    click.echo(tr("cli.user.deactivated", username=username))
