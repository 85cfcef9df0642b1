"""Users, argon2 password hashes and sign-in.

Passwords are hashed with argon2id (``argon2-cffi`` defaults); hashes are upgraded on the
next successful sign-in when the parameters change. :func:`authenticate` returns the
:class:`~planning.domain.roles.Actor` every planning function takes, or None, and spends the same
work on unknown users as on known ones.

Sign-in follows OWASP ASVS level 1 (V2): every attempt is audited (``signin.ok``,
``signin.failed``, ``signin.locked``, with the username as typed); after
``FREE_ATTEMPTS`` consecutive wrong passwords within ``FAILURE_WINDOW`` an account is
paused for a delay that doubles with each further failure (``LOCK_BASE`` up to
``LOCK_MAX``), during which even the right password is refused; the answer and its cost
are the same for a paused, a wrong and an unknown account. New passwords need
``MIN_PASSWORD`` characters and must not be guessable: common passwords, the username,
and anything ``zxcvbn`` scores below ``MIN_STRENGTH`` are refused with the reason.

Single sign-on instead of passwords: Streamlit's OIDC login (``st.login()`` with an
``[auth]`` section in ``.streamlit/secrets.toml``) yields the identity's claims
(``st.user``); :func:`actor_for_identity` maps its verified e-mail address to the stored
user of that username (create users with an unusable password, e.g.
``di-plan user add name@org.lv --role ... --no-password``), so roles stay managed here.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, col, select
from zxcvbn import zxcvbn

from planning.domain import geo
from planning.domain.errors import ConflictError, InputError, NotFoundError
from planning.domain.roles import PUBLIC, Action, Actor, Role, require
from planning.store import audit
from planning.store.db import transaction
from planning.store.scenario import validated
from planning.store.tables import AuditEvent, User, UserCreate, UserPublic

MIN_PASSWORD, MAX_PASSWORD = 8, 200
MIN_STRENGTH = 3              # zxcvbn score 0-4; 3: "safely unguessable" online
FREE_ATTEMPTS = 5             # wrong passwords in a row before an account pauses
FAILURE_WINDOW = timedelta(hours=1)
LOCK_BASE = timedelta(seconds=30)
LOCK_MAX = timedelta(minutes=15)
SIGNIN_ACTIONS = ("signin.ok", "signin.failed")
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


def authenticate(*, session: Session, username: str, password: str,
                 now: datetime | None = None) -> Actor | None:
    """The actor for valid credentials of an active user, else None; every attempt is
    audited, and a paused account (:func:`paused_until`) is refused without a check."""
    now = now or datetime.now(UTC)
    typed = username.strip()[:80]
    user = _user(session, typed)
    if paused_until(session=session, username=typed, now=now) is not None:
        verify_password(_DUMMY_HASH, password)
        _audit_signin(session, typed, "signin.locked", now)
        return None
    if user is None or not user.active or not verify_password(user.password_hash, password):
        if user is None or not user.active:
            verify_password(_DUMMY_HASH, password)
        _audit_signin(session, typed, "signin.failed", now)
        return None
    with transaction(session):
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
            session.add(user)
        audit.record(session, actor=actor_for(user), action="signin.ok", entity="user",
                     entity_id=user.username, at=now)
    return actor_for(user)


def paused_until(*, session: Session, username: str, now: datetime) -> datetime | None:
    """When sign-in of ``username`` may be tried again, or None if it may now.

    Counts the wrong passwords in a row (since the last success, within
    ``FAILURE_WINDOW``) in the audit trail; from ``FREE_ATTEMPTS`` on, the account pauses
    for ``LOCK_BASE`` doubled per further failure, at most ``LOCK_MAX``, after the last one.
    """
    events = session.exec(
        select(AuditEvent.action, AuditEvent.at)
        .where(AuditEvent.entity == "user", AuditEvent.entity_id == username,
               col(AuditEvent.action).in_(SIGNIN_ACTIONS),
               AuditEvent.at >= now - FAILURE_WINDOW)
        .order_by(col(AuditEvent.id).desc()).limit(64)).all()
    failures = 0
    for action, _ in events:
        if action != "signin.failed":
            break
        failures += 1
    if failures < FREE_ATTEMPTS:
        return None
    delay = min(LOCK_MAX, LOCK_BASE * 2 ** (failures - FREE_ATTEMPTS))
    until = _aware(events[0][1]) + delay
    return until if until > now else None


def _audit_signin(session: Session, username: str, action: str, now: datetime) -> None:
    with transaction(session):
        audit.record(session, actor=PUBLIC, action=action, entity="user",
                     entity_id=username, at=now)


def _aware(moment: datetime) -> datetime:
    """A stored time as aware UTC (SQLite gives it back without a zone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` may not be used, or None (ASVS 2.1: length, not common, not the
    username; no rules about character classes)."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        return f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters"
    if username and username.strip().lower() in password.lower():
        return "a password must not contain the username"
    result = zxcvbn(password[:100], user_inputs=[username, "di-plan", "latvija", "kurzeme"])
    if result["score"] < MIN_STRENGTH:
        hint = result["feedback"]["warning"].rstrip(".")
        return (f"this password is too easy to guess{f' ({hint})' if hint else ''}; use "
                "a longer phrase of unrelated words")
    return None


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
    else:
        checked = _checked_user(data)
        if problem := password_problem(checked.password, checked.username):
            raise InputError(problem, column="password")
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
    if problem := password_problem(password, username):
        raise InputError(problem, column="password")
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
