"""A signed-in browser session: checked against the store on every action, expired when idle,
bound to the client that signed in.

A page keeps a :class:`SignedIn` in the session and calls :func:`resume` at the start of
every run (every click or edit is a run), with the client's :func:`client_binding`:

- the user is read from the store each time, so deactivating a user (``di-plan user
  deactivate``) ends its open sessions at their next action, and a changed role or region
  takes effect at once (password and single sign-on sessions alike);
- a session idle for longer than ``idle_seconds`` ends (``DI_IDLE_MINUTES``, default 30);
- a session presented by another client ends: Streamlit lets a browser reconnect to a
  session by its id, so the id alone must not carry the identity. The binding is a hash
  of what the signing-in client sent with its connection: Streamlit's XSRF cookie (a
  random token per browser, not readable by another site), the User-Agent and, behind a
  reverse proxy, a per-client header the proxy sets (``DI_CLIENT_HEADER``, e.g. a hash of
  the proxy's own HttpOnly session cookie). What Streamlit cannot do alone and a proxy must
  add is described in the README ("Sessions behind a reverse proxy").

>>> now = 1000.0
>>> signed = SignedIn(Actor("kurzeme.group", Role.MANAGEMENT_GROUP, region="Kurzeme"),
...                   binding="b1", last_seen=now)
>>> is_idle(signed, now + 31 * 60, idle_seconds=30 * 60)
True
"""

from __future__ import annotations

import binascii
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from sqlmodel import Session

from planning.domain.roles import Actor, Role
from planning.store import auth

XSRF_COOKIE = "_streamlit_xsrf"
DEFAULT_IDLE_MINUTES = 30.0


class Ended(StrEnum):
    """Why a signed-in session ended (``signin.ended.<value>`` is its text)."""

    INACTIVE = "inactive"          # deactivated, deleted, or no longer the same role
    IDLE = "idle"                  # no action for longer than the idle timeout
    OTHER_CLIENT = "other_client"  # the session id was presented by another client


@dataclass(frozen=True)
class SignedIn:
    """Who signed in, from which client (:func:`client_binding`), and their last action."""

    actor: Actor
    binding: str
    last_seen: float


def client_binding(headers: Mapping[str, str], cookies: Mapping[str, str],
                   client_header: str | None = None) -> str:
    """A hash of what identifies the client of a connection (see the module docstring).

    ``headers`` and ``cookies`` are those of the connection (``st.context``); header names
    are matched case-insensitively. The XSRF cookie's token is unmasked first (Tornado
    sends it masked, ``2|mask|masked|time``), so the binding holds for the same browser.
    """
    lower = {str(k).lower(): str(v) for k, v in headers.items()}
    parts = [_xsrf_token(cookies.get(XSRF_COOKIE, "")), lower.get("user-agent", "")]
    if client_header:
        parts.append(lower.get(client_header.lower(), ""))
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _xsrf_token(cookie: str) -> str:
    fields = cookie.split("|")
    if len(fields) == 4 and fields[0] == "2":
        try:
            mask, masked = binascii.unhexlify(fields[1]), binascii.unhexlify(fields[2])
        except (binascii.Error, ValueError):
            return cookie
        return bytes(b ^ mask[i % len(mask)] for i, b in enumerate(masked)).hex()
    return cookie


def is_idle(signed: SignedIn, now: float, *, idle_seconds: float) -> bool:
    return now - signed.last_seen > idle_seconds


def resume(signed: SignedIn, *, session: Session, binding: str, now: float,
           idle_seconds: float) -> SignedIn | Ended:
    """The session after this action, or why it ended.

    Checks, in order: the client (a second client presenting the session id), idleness,
    and the stored user (active, same role, region and municipality — a changed account
    signs in again). On success ``last_seen`` becomes ``now``.
    """
    if binding != signed.binding:
        return Ended.OTHER_CLIENT
    if is_idle(signed, now, idle_seconds=idle_seconds):
        return Ended.IDLE
    stored = auth.actor_for_username(session=session, username=signed.actor.username)
    if stored is None or _rights(stored) != _rights(signed.actor):
        return Ended.INACTIVE
    return replace(signed, actor=stored, last_seen=now)


def _rights(actor: Actor) -> tuple[Role, str | None, str | None]:
    return actor.role, actor.region, actor.municipality_code
