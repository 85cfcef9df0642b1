"""Users, argon2 password hashes and sign-in.

Passwords are hashed with argon2id (``argon2-cffi`` defaults); hashes are upgraded on the
next successful sign-in when the parameters change. :func:`authenticate` returns the
:class:`~planning.domain.roles.Actor` every planning function takes, or None, and spends the same
work on unknown users as on known ones.

Single sign-on instead of passwords: Streamlit's OIDC login (``st.login()`` with an
``[auth]`` section in ``.streamlit/secrets.toml``) yields the identity's claims
(``st.user``); :func:`actor_for_identity` maps its verified e-mail address to the stored
user of that username (create users with an unusable password, e.g.
``di-plan user add name@org.lv --role ... --no-password``), so roles stay managed here.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, select

from planning.domain import geo
from planning.domain.errors import ConflictError, InputError, NotFoundError
from planning.domain.roles import Action, Actor, Role, require
from planning.store import audit
from planning.store.db import transaction
from planning.store.scenario import validated
from planning.store.tables import User, UserCreate, UserPublic

MIN_PASSWORD, MAX_PASSWORD = 8, 200
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a real password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def actor_for(user: User) -> Actor:
    return Actor(username=user.username, role=Role(user.role), region=user.region,
                 municipality_code=user.municipality_code, display_name=user.display_name)


def authenticate(*, session: Session, username: str, password: str) -> Actor | None:
    """The actor for valid credentials of an active user, else None."""
    user = _user(session, username.strip())
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        with transaction(session):
            user.password_hash = hash_password(password)
            session.add(user)
    return actor_for(user)


def actor_for_username(*, session: Session, username: str) -> Actor | None:
    """The actor of an active user, for sign-in by an external identity provider."""
    user = _user(session, username)
    return actor_for(user) if user is not None and user.active else None


def actor_for_identity(*, session: Session, claims: Mapping[str, Any]) -> Actor | None:
    """The actor of the active user whose username is the identity's e-mail address.

    ``claims`` are the OIDC claims (``st.user.to_dict()``). An identity without an e-mail,
    or whose provider says the e-mail is not verified, maps to nobody. Usernames are
    compared case-insensitively for e-mail addresses (``Name@Org.lv`` = ``name@org.lv``).
    """
    email = str(claims.get("email") or "").strip().lower()
    if not email or claims.get("email_verified") is False:
        return None
    user = session.exec(select(User).where(func.lower(User.username) == email)).first()
    return actor_for(user) if user is not None and user.active else None


def _user(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == username)).first()


def _checked_user(data: Mapping[str, Any]) -> UserCreate:
    user_in = validated(UserCreate, data)
    role = _role(user_in.role)
    region = geo.resolve_region(user_in.region) if user_in.region else None
    code = user_in.municipality_code or None
    if role == Role.MANAGEMENT_GROUP and region is None:
        raise InputError("a management group user needs --region", column="region")
    if role == Role.MUNICIPALITY:
        if code is None:
            raise InputError("a municipality user needs --municipality (ATVK code)",
                             column="municipality_code")
        known = set(geo.municipalities("2025")["atvk_code"]) | set(
            geo.municipalities("2021")["atvk_code"])
        if code not in known:
            raise InputError(f"unknown municipality code {code!r}", column="municipality_code")
    if role not in (Role.MANAGEMENT_GROUP,) and region is not None:
        raise InputError("only management group users have a region", column="region")
    if role != Role.MUNICIPALITY and code is not None:
        raise InputError("only municipality users have a municipality code",
                         column="municipality_code")
    return user_in.model_copy(update={"role": role.value, "region": region,
                                      "municipality_code": code})


def _role(value: str) -> Role:
    try:
        role = Role(value)
    except ValueError as exc:
        raise InputError(f"unknown role {value!r}; use one of "
                         f"{', '.join(r.value for r in Role if r != Role.PUBLIC)}",
                         column="role") from exc
    if role == Role.PUBLIC:
        raise InputError("the public needs no account", column="role")
    return role


def create_user(*, session: Session, actor: Actor,
                user_in: UserCreate | Mapping[str, Any]) -> UserPublic:
    """Add a user; ``user_in`` holds username, role, region or municipality_code,
    display_name and password (None: an unusable random one, for single sign-on)."""
    require(actor, Action.MANAGE_USERS)
    data = dict(user_in) if isinstance(user_in, Mapping) else user_in.model_dump()
    if data.get("password") is None:
        data["password"] = secrets.token_urlsafe(32)
    checked = _checked_user(data)
    if _user(session, checked.username) is not None:
        raise ConflictError(f"user {checked.username!r} already exists")
    user = User(**checked.model_dump(exclude={"password"}),
                password_hash=hash_password(checked.password))
    with transaction(session):
        session.add(user)
        session.flush()
        audit.record(session, actor=actor, action="user.add", entity="user",
                     entity_id=user.username, after=audit.snapshot(user))
    return UserPublic.model_validate(user.model_dump())


def list_users(*, session: Session, actor: Actor) -> list[UserPublic]:
    require(actor, Action.MANAGE_USERS)
    users = session.exec(select(User).order_by(User.username)).all()
    return [UserPublic.model_validate(u.model_dump()) for u in users]


def set_password(*, session: Session, actor: Actor, username: str, password: str) -> None:
    require(actor, Action.MANAGE_USERS)
    user = _existing(session, username)
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InputError(f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters",
                         column="password")
    with transaction(session):
        user.password_hash = hash_password(password)
        session.add(user)
        audit.record(session, actor=actor, action="user.set_password", entity="user",
                     entity_id=user.username)


def deactivate_user(*, session: Session, actor: Actor, username: str) -> UserPublic:
    """Block sign-in; the user's history stays attributed to them."""
    require(actor, Action.MANAGE_USERS)
    user = _existing(session, username)
    with transaction(session):
        user.active = False
        session.add(user)
        audit.record(session, actor=actor, action="user.deactivate", entity="user",
                     entity_id=user.username, before={"active": True},
                     after={"active": False})
    return UserPublic.model_validate(user.model_dump())


def _existing(session: Session, username: str) -> User:
    user = _user(session, username)
    if user is None:
        raise NotFoundError(f"no user {username!r}; see `di-plan user list`")
    return user
