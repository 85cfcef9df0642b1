"""``di-plan user ...`` and sign-in with argon2 hashes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlmodel import select

from planning.cli.main import main
from planning.domain.errors import ConflictError, InputError, PermissionDenied
from planning.store import auth
from planning.store.db import get_engine, session_scope
from planning.store.tables import User
from tests.planning.actors import ADMIN, KURZEME


@pytest.fixture
def cli_db(db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    yield db_url
    get_engine(db_url).dispose()


def _invoke(*args, input=None, lang="en"):
    return CliRunner().invoke(main, ["--lang", lang, "user", *args], input=input)


def _authenticate(url, username, password):
    with session_scope(get_engine(url)) as session:
        return auth.authenticate(session=session, username=username, password=password)


def test_add_list_set_password_and_deactivate(cli_db):
    result = _invoke("add", "kurzeme.anna", "--role", "management_group", "--region",
                     "kurzeme", "--name", "Anna", "--password-stdin",
                     input="s3cret passphrase\n")
    assert result.exit_code == 0, result.output
    assert "added kurzeme.anna (management_group)" in result.output
    result = _invoke("add", "liepaja", "--role", "municipality", "--municipality", "0005000",
                     input="another passphrase\nanother passphrase\n")
    assert result.exit_code == 0, result.output

    listed = _invoke("list")
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == ["kurzeme.anna\tmanagement_group\tKurzeme\tAnna",
                                          "liepaja\tmunicipality\t0005000\t"]
    actor = _authenticate(cli_db, "kurzeme.anna", "s3cret passphrase")
    assert (actor.role, actor.region) == ("management_group", "Kurzeme")
    assert _authenticate(cli_db, "kurzeme.anna", "wrong-pass") is None

    changed = _invoke("set-password", "kurzeme.anna", input="new passphrase 123\n" * 2)
    assert changed.exit_code == 0, changed.output
    assert _authenticate(cli_db, "kurzeme.anna", "s3cret passphrase") is None
    assert _authenticate(cli_db, "kurzeme.anna", "new passphrase 123") is not None

    gone = _invoke("deactivate", "kurzeme.anna")
    assert gone.exit_code == 0, gone.output
    assert _authenticate(cli_db, "kurzeme.anna", "new passphrase 123") is None
    assert "[deactivated]" in _invoke("list").output


@pytest.mark.parametrize("args, password, message", [
    (["add", "x1", "--role", "management_group"], "long enough phrase", "needs --region"),
    (["add", "x2", "--role", "municipality", "--municipality", "9999999"],
     "long enough phrase", "unknown municipality code"),
    (["add", "x3", "--role", "ministry"], "short", "at least 8 characters"),
    (["add", "x4", "--role", "ministry"], "12345678", "too easy to guess"),
    (["add", "x5", "--role", "ministry"], "password1", "too easy to guess"),
    (["add", "maris.berzins", "--role", "ministry"], "maris.berzins 2026",
     "must not contain the username"),
    (["set-password", "nobody"], "long enough phrase", "no user 'nobody'"),
])
def test_cli_errors_are_clear(cli_db, args, password, message):
    result = _invoke(*args, "--password-stdin", input=password + "\n")
    assert result.exit_code == 1
    assert message in result.output


def test_latvian_by_choice_messages_and_help(cli_db):
    result = _invoke("add", "liepaja.ilze", "--role", "municipality", "--municipality",
                     "0005000", "--password-stdin", input="garš garš teikums\n", lang="lv")
    assert result.exit_code == 0, result.output
    assert "pievienots liepaja.ilze (municipality)" in result.output
    assert _invoke("deactivate", "liepaja.ilze", lang="lv").output.strip() == \
        "liepaja.ilze bloķēts"
    assert "[bloķēts]" in _invoke("list", lang="lv").output
    shown = _invoke("add", "--help", lang="lv").output
    assert "Pievienot lietotāju" in shown and "Nolasīt paroli no standartievades" in shown
    assert "Add a user" not in shown and "Show this message" not in shown


def test_the_password_is_not_accepted_on_the_command_line(cli_db):
    result = _invoke("add", "x6", "--role", "ministry", "--password", "long enough phrase")
    assert result.exit_code == 2 and "No such option '--password'" in result.output


def test_passwords_are_stored_as_argon2_hashes(session):
    auth.create_user(session=session, actor=ADMIN, user_in={
        "username": "mara", "role": "ministry", "password": "plain text passphrase"})
    stored = session.exec(select(User)).one()
    assert stored.password_hash.startswith("$argon2id$")
    assert "plain-text-pw" not in stored.password_hash


def test_user_management_needs_an_admin(session):
    with pytest.raises(PermissionDenied, match="may not manage_users"):
        auth.create_user(session=session, actor=KURZEME, user_in={
            "username": "x", "role": "ministry", "password": "long enough phrase"})


def test_duplicate_usernames_and_public_accounts_are_refused(session):
    user = {"username": "dup", "role": "ministry", "password": "long enough phrase"}
    auth.create_user(session=session, actor=ADMIN, user_in=user)
    with pytest.raises(ConflictError, match="already exists"):
        auth.create_user(session=session, actor=ADMIN, user_in=user)
    with pytest.raises(InputError, match="the public needs no account"):
        auth.create_user(session=session, actor=ADMIN, user_in={**user, "username": "pub",
                                                               "role": "public"})


def test_sso_users_have_no_usable_password(session):
    auth.create_user(session=session, actor=ADMIN, user_in={
        "username": "sso@vm.gov.lv", "role": "ministry", "password": None})
    assert auth.actor_for_username(session=session, username="sso@vm.gov.lv").role == "ministry"
    assert auth.authenticate(session=session, username="sso@vm.gov.lv", password="") is None
